import {
  amendedPlanDueBy, amendmentRepresentationsEndOn, appealDeadline, fail, isBefore, mayFinalise, ok, onOrBefore, phaseTransferDeadline,
  post16TransferDeadline, reviewDecisionDueBy, rightsHolderOn, reviewDueBy, reviewMeetingNoticeLatestBy, reviewReportDueBy, underFiveSuggestedReviews,
  type CalendarDate, type FinalisationRefusal, type Result,
} from '@ehc/domain-kernel';
import {
  certainlyUnderEighteen, inYearOfTwentyFifthBirthday, isOfPlanAge, isYoungPersonOn, mayBeUnderFive, transitionReviewDueBy,
  transitionReviewFrom, transferYearOf, yearGroupOn, type Cohort,
} from './cohort';
import type { Command } from './commands';
import type { AttendanceSplit, CeaseReason, Event, LetterKind, OrderKind, PhaseTransfer, Post16Transfer, Recipient, Setting } from './events';
import { orderKey, type CeaseTrack, type PlanState, type ReviewCycle } from './plan-state';
import { planMayBeCeasedFrom, reviewDecisionIsAppealable } from './appeals';

/**
 * Why a command was refused. The api/ maps each to a status in one table (STYLE §7); a refused
 * command appends nothing.
 */
export type RuleBroken =
  // the state has moved on, or is not there yet (409)
  | 'PlanAlreadyEntered'
  | 'NoPlanOnFile'
  | 'PlanCeased'
  | 'PlanClosed'
  | 'ReviewAlreadyInProgress'
  | 'NoMeetingScheduled'
  | 'MeetingAlreadyHeld'
  | 'NoMeetingHeld'
  | 'ReportAlreadyReceived'
  | 'DecisionAlreadyMade'
  | 'NoDecisionToAmend'
  | 'AmendmentNoticeAlreadyIssued'
  | 'NoAmendmentNotice'
  | 'CeaseAlreadyConsidered'
  | 'CeaseNotConsidered'
  | 'CeaseAlreadyDecided'
  | 'NoCeaseDecision'
  | 'CeaseAppealAlreadyRegistered'
  | 'NoCeaseAppeal'
  | 'CeaseAppealPending'
  | 'DualRegistrationAlreadyAgreed'
  | 'NoDualRegistration'
  | 'NamedSettingNotSpecial'
  | 'NotAtAnnualReview'
  | 'NoMeetingRequested'
  | 'AmendmentMeetingAlreadyHeld'
  | 'OrderAlreadyReceived'
  | 'AmendmentOrderedByTribunal'
  // well-formed but breaks a rule on its own terms (422)
  | 'DateInFuture'
  | 'DateBeforePlanMade'
  | 'NotOfPlanAge'
  | 'MeetingBeforeInvitations'
  | 'DateBeforeInvitations'
  | 'DateBeforeMeeting'
  | 'DateBeforeReviewDecision'
  | 'DateBeforeAmendmentNotice'
  | FinalisationRefusal
  | 'FinalResponseRequestsMeeting'
  | 'PhaseTransferYearNeeded'
  | 'NotOverCompulsorySchoolAge'
  | 'CeaseReasonNotOpenAtThisAge'
  | 'DateBeforeCeaseConsidered'
  | 'DateBeforeCeaseDecision'
  | 'DateBeforeCeaseAppeal'
  | 'AppealWindowOpen'
  | 'SettingNotMainstream'
  | 'InvalidAttendanceSplit'
  | 'DateBeforeDualRegistration'
  | 'DateBeforeDualRegistrationStart'
  | 'OrderStepsMissing'
  | 'DateBeforeTribunalOrder';

type Decision = Result<Event[], RuleBroken>;

/** The orders to amend the plan (reg 44(2)(d)-(h)): B/F in 5 weeks, section I alone in 2, both in 5. */
const AMENDING: readonly OrderKind[] = ['amend-special-educational-provision', 'amend-section-i-only', 'amend-provision-and-section-i'];

/** What every decision on a maintained plan (entered, not ceased, not closed) can rely on. */
interface Maintained { cohort: Cohort | null; reviewDueBy: CalendarDate; namedSetting: Setting }

/**
 * CoP 9.178 (guidance): for a child under 5, consider reviewing every 3-6 months. Prompts only,
 * never the statutory date; dropped once the child can no longer be under 5.
 */
const suggestedReviews = (cohort: Cohort | null, anchor: CalendarDate): CalendarDate[] =>
  cohort ? underFiveSuggestedReviews(anchor).map((s) => s.suggestedOn).filter((on) => mayBeUnderFive(cohort, on)) : [];

/** One plan's decisions. Pure: effective dates and "today" (Europe/London) arrive on the command. */
export const decide = (command: Command, state: PlanState): Decision => {
  if (command.type === 'EnterPlan') {
    if (state.stage !== 'none') return fail('PlanAlreadyEntered');
    const { today, ...data } = command.data;
    const { planIssuedOn, lastReviewedOn, cohort } = data;
    if (!onOrBefore(planIssuedOn, today) || (lastReviewedOn && !onOrBefore(lastReviewedOn, today))) return fail('DateInFuture');
    if (lastReviewedOn && isBefore(lastReviewedOn, planIssuedOn)) return fail('DateBeforePlanMade');
    if (cohort && !isOfPlanAge(cohort, planIssuedOn)) return fail('NotOfPlanAge');
    // s.44(1): within 12 months starting with the date the plan was made, then with the last review
    const anchor = lastReviewedOn ?? planIssuedOn;
    return ok([{ type: 'PlanEntered', data: { ...data, reviewDueBy: reviewDueBy(anchor), suggestedReviews: suggestedReviews(cohort, anchor) } }]);
  }
  const { planMadeOn, cohort, reviewDueBy: dueBy, namedSetting } = state;
  if (state.stage === 'none' || !planMadeOn || !dueBy || !namedSetting) return fail('NoPlanOnFile');
  // an order delivered again is the same order, whatever became of the plan since
  if (command.type === 'ReceiveTribunalOrder' && state.orders.includes(orderKey(command.data))) return fail('OrderAlreadyReceived');
  // the one order a ceased plan takes: its appeal dismissed, when the dismissal was recorded here first
  const dismissalRecorded = command.type === 'ReceiveTribunalOrder' && command.data.kind === 'cease-appeal-dismissed' && state.ceaseAppealOutcome === 'dismissed';
  if (state.stage === 'ceased' && !dismissalRecorded) return fail('PlanCeased');
  if (state.stage === 'closed') return fail('PlanClosed');
  const { on, today } = command.data;
  // recorded after the fact is normal; recorded before it happened is a keying error
  if (!onOrBefore(on, today)) return fail('DateInFuture');
  if (isBefore(on, planMadeOn)) return fail('DateBeforePlanMade');
  return decideOnMaintainedPlan(command, state, { cohort, reviewDueBy: dueBy, namedSetting });
};

function decideOnMaintainedPlan(command: Exclude<Command, { type: 'EnterPlan' }>, state: PlanState, plan: Maintained): Decision {
  const on = command.data.on;
  // an unknown cohort (no date of birth on file) writes to the parent until the caseworker says otherwise
  const recipient: Recipient = rightsHolderOn(plan.cohort, on);
  const letter = (kind: LetterKind, appealRights: boolean): Event => ({
    type: 'LetterSent', data: { letterId: `letter-${state.letters + 1}`, kind, recipient, sentOn: on, appealRights },
  });
  // s.51, reg 31(2): a decision to cease carries appeal and mediation rights; the plan is maintained
  // until the appeal window closes or the appeal ends (domain §4, (check source))
  const ceaseDecision = (reason: CeaseReason, reasonsDocumentId: string | null): Event[] => [
    { type: 'CeaseDecisionMade', data: { reason, decidedOn: on, appealWindowEndsOn: appealDeadline(on), reasonsDocumentId } },
    letter('cease-decision', true),
  ];
  // the amended plan, whichever amendment it ends: a review's (reg 22), or one a tribunal ordered (reg 44)
  const amendedPlanIssued = (data: Extract<Command, { type: 'IssueAmendedPlan' }>['data'], amendmentId: string, withinStatutoryTime: boolean): Decision => {
    let phaseTransfer: PhaseTransfer | null = null;
    if (data.phaseTransfer) {
      const { kind } = data.phaseTransfer;
      const transferYear = data.phaseTransfer.transferYear ?? (plan.cohort && transferYearOf(plan.cohort, kind));
      if (transferYear === null) return fail('PhaseTransferYearNeeded');
      // reg 18(1): reviewed and amended, naming the new setting, before 15 Feb (31 Mar into post-16); late is recorded
      const deadline = phaseTransferDeadline(transferYear, kind);
      phaseTransfer = { kind, transferYear, deadline, met: onOrBefore(on, deadline) };
    }
    // reg 18(2): at least five months before a move between post-16 institutions; late is recorded
    const proposed = state.post16Transfer;
    const post16Transfer: Post16Transfer | null = proposed
      ? { transferOn: proposed.transferOn, deadline: proposed.amendBy, met: onOrBefore(on, proposed.amendBy) }
      : null;
    return ok([
      { type: 'AmendedPlanIssued', data: {
        amendmentId, issuedOn: on, withinStatutoryTime, namedSetting: data.namedSetting, phaseTransfer, planDocumentId: data.planDocumentId, post16Transfer,
      } },
      // s.51: sections B, F and I of the amended plan are appealable
      letter('amended-plan', true),
    ]);
  };

  switch (command.type) {
    case 'ScheduleMeeting': {
      if (state.review?.heldOn) return fail('ReviewAlreadyInProgress');
      const { meetingOn } = command.data;
      if (isBefore(meetingOn, on)) return fail('MeetingBeforeInvitations');
      // reg 20: at least 2 weeks' notice; short notice is recorded as such, not refused
      const noticeLatestBy = reviewMeetingNoticeLatestBy(meetingOn);
      return ok([{ type: 'AnnualReviewScheduled', data: {
        reviewId: state.review?.reviewId ?? `review-${state.reviews + 1}`, invitationsSentOn: on, meetingOn, noticeLatestBy,
        withinStatutoryTime: onOrBefore(on, noticeLatestBy), reviewDueBy: plan.reviewDueBy,
      } }]);
    }

    case 'HoldMeeting': {
      const review = state.review;
      if (!review) return fail('NoMeetingScheduled');
      if (review.heldOn) return fail('MeetingAlreadyHeld');
      if (isBefore(on, review.invitationsSentOn)) return fail('DateBeforeInvitations');
      return ok([{ type: 'AnnualReviewMeetingHeld', data: {
        reviewId: review.reviewId, heldOn: on, reportDueBy: reviewReportDueBy(on), decisionDueBy: reviewDecisionDueBy(on),
        // CoP 9.166: from Year 9 at the latest, the review covers preparing for adulthood
        preparationForAdulthood: plan.cohort !== null && yearGroupOn(plan.cohort, on) >= 9,
      } }]);
    }

    case 'ReceiveReport': {
      const review = heldReview(state);
      if (!review.ok) return review;
      if (review.value.reportReceived) return fail('ReportAlreadyReceived');
      const { heldOn } = review.value;
      if (isBefore(on, heldOn)) return fail('DateBeforeMeeting');
      return ok([{ type: 'ReviewReportReceived', data: {
        reviewId: review.value.reviewId, receivedOn: on, withinStatutoryTime: onOrBefore(on, reviewReportDueBy(heldOn)), reportDocumentId: command.data.reportDocumentId,
      } }]);
    }

    case 'Decide': {
      const review = heldReview(state);
      if (!review.ok) return review;
      if (review.value.decision) return fail('DecisionAlreadyMade');
      const { outcome, reasonsDocumentId } = command.data;
      // reg 31(1): the family and the setting are consulted before the LA decides to cease
      const ceasing = outcome === 'cease' ? consideredCease(state.cease) : null;
      if (ceasing && !ceasing.ok) return ceasing;
      const { heldOn } = review.value;
      if (isBefore(on, heldOn)) return fail('DateBeforeMeeting');
      if (ceasing && isBefore(on, ceasing.value.consideredOn)) return fail('DateBeforeCeaseConsidered');
      const anchor = state.reviewAnchor === 'meeting' ? heldOn : on;
      const decided: Event = { type: 'ReviewDecisionMade', data: {
        reviewId: review.value.reviewId, outcome, decidedOn: on,
        // reg 20(10): decide and notify within 4 weeks of the meeting; late is recorded, not refused
        withinStatutoryTime: onOrBefore(on, reviewDecisionDueBy(heldOn)),
        // s.44(1): the review itself within 12 months; SEN2 dates it by the decision (domain §4)
        reviewDueBy: plan.reviewDueBy, reviewWithinTwelveMonths: onOrBefore(anchor, plan.reviewDueBy),
        nextReviewDueBy: reviewDueBy(anchor), suggestedReviews: suggestedReviews(plan.cohort, anchor), reasonsDocumentId,
      } };
      if (ceasing) return ok([decided, ...ceaseDecision(ceasing.value.reason, reasonsDocumentId)]);
      // a cease under consideration falls when the review decides to keep the plan
      const notCeasing: Event[] = state.cease?.stage === 'considered' ? [{ type: 'DecidedNotToCease', data: { decidedOn: on } }] : [];
      // s.51: a decision to maintain (not to amend) is appealable; a decision to amend is not (the amended plan is)
      return ok([decided, ...notCeasing, letter(outcome === 'maintain' ? 'decision-to-maintain' : 'decision-to-amend', reviewDecisionIsAppealable(outcome))]);
    }

    case 'IssueAmendmentNotice': {
      const review = state.review;
      if (review?.decision?.outcome !== 'amend') return fail('NoDecisionToAmend');
      if (review.amendment) return fail('AmendmentNoticeAlreadyIssued');
      if (isBefore(on, review.decision.decidedOn)) return fail('DateBeforeReviewDecision');
      // reg 22(2): at least 15 days beginning with service for representations; reg 22(3): 8 weeks to finish
      return ok([
        { type: 'AmendmentNoticeIssued', data: {
          amendmentId: `amendment-${state.amendments + 1}`, reviewId: review.reviewId, servedOn: on,
          representationsEndOn: amendmentRepresentationsEndOn(on), amendedPlanDueBy: amendedPlanDueBy(on),
          proposedChangesDocumentId: command.data.proposedChangesDocumentId,
        } },
        letter('amendment-notice', false),
      ]);
    }

    case 'RecordRepresentations': {
      const amendment = state.review?.amendment;
      if (!amendment) return fail('NoAmendmentNotice');
      if (isBefore(on, amendment.servedOn)) return fail('DateBeforeAmendmentNotice');
      const { meetingRequested, final, preferredSetting, representationsDocumentId } = command.data;
      // a final response says the family wants no meeting: both at once is a contradiction to ask about
      if (final && meetingRequested) return fail('FinalResponseRequestsMeeting');
      return ok([{ type: 'AmendmentRepresentationsReceived', data: {
        amendmentId: amendment.amendmentId, receivedOn: on, withinRepresentationsWindow: onOrBefore(on, amendment.representationsEndOn),
        meetingRequested, final, preferredSetting, representationsDocumentId,
      } }]);
    }

    case 'HoldAmendmentMeeting': {
      const amendment = state.review?.amendment;
      if (!amendment) return fail('NoAmendmentNotice');
      if (!amendment.meetingRequested) return fail('NoMeetingRequested');
      if (amendment.meetingHeld) return fail('AmendmentMeetingAlreadyHeld');
      if (isBefore(on, amendment.servedOn)) return fail('DateBeforeAmendmentNotice');
      return ok([{ type: 'AmendmentMeetingHeld', data: { amendmentId: amendment.amendmentId, heldOn: on } }]);
    }

    case 'RecordPost16Transfer': {
      const { transferOn, newInstitution } = command.data;
      // reg 18(2) is about young people in post-16 education: over compulsory school age when they move
      if (plan.cohort && !isYoungPersonOn(plan.cohort, transferOn)) return fail('NotOverCompulsorySchoolAge');
      return ok([{ type: 'Post16TransferProposed', data: { transferOn, newInstitution, recordedOn: on, amendBy: post16TransferDeadline(transferOn) } }]);
    }

    case 'ReceiveTribunalOrder': {
      const { orderId, decisionId, appealId, kind, concession, amendmentOrdered, steps } = command.data;
      // an amendment ordered: reg 44(2)(d)-(h), or a cease decision overturned with an amendment ordered too
      const amends = AMENDING.includes(kind) || (kind === 'cease-decision-overturned' && amendmentOrdered);
      if (amends && !steps.some((s) => s.step === 'amended-plan')) return fail('OrderStepsMissing');
      const received: Event = { type: 'TribunalOrderReceived', data: {
        orderId, decisionId, appealId, kind, orderedOn: on, concession, amendmentOrdered, steps,
        amendmentId: amends ? (state.orderedAmendment?.amendmentId ?? `amendment-${state.amendments + 1}`) : null,
      } };
      const cease = state.cease;
      switch (kind) {
        case 'cease-decision-overturned':
          // domain §3.4: the plan goes on being maintained; the appeal against ceasing is allowed (conceded, reg 45)
          if (cease?.stage === 'decided') {
            if (isBefore(on, cease.decidedOn)) return fail('DateBeforeCeaseDecision');
            return ok([received, { type: 'CeaseAppealConcluded', data: { concludedOn: on, outcome: concession ? 'conceded' : 'allowed' } }]);
          }
          // the outcome recorded here before the order arrived: the plan is maintained already
          if (!cease && (state.ceaseAppealOutcome === 'allowed' || state.ceaseAppealOutcome === 'conceded')) return ok([received]);
          return fail('NoCeaseDecision');
        case 'cease-appeal-dismissed':
          if (state.stage === 'ceased') return ok([received]);
          if (cease?.stage !== 'decided') return fail('NoCeaseDecision');
          if (isBefore(on, cease.decidedOn)) return fail('DateBeforeCeaseDecision');
          // domain §3.4: the plan ends at once
          return ok([
            received, { type: 'CeaseAppealConcluded', data: { concludedOn: on, outcome: 'dismissed' } },
            { type: 'PlanCeased', data: { ceasedOn: on, reason: cease.reason, appeal: 'dismissed' } },
          ]);
        default:
          return ok([received]);
      }
    }

    case 'IssueAmendedPlan':
    case 'DecideNotToAmend': {
      const ordered = state.orderedAmendment;
      if (command.type === 'IssueAmendedPlan' && ordered) {
        // reg 44(2): the tribunal has settled what the plan says, so the LA issues it within the
        // order's period: no amendment notice and no 15 days for representations (reg 22 is for the
        // LA's own proposals after a review). The ordered amendment goes first; a review's runs on.
        if (isBefore(on, ordered.orderedOn)) return fail('DateBeforeTribunalOrder');
        return amendedPlanIssued(command.data, ordered.amendmentId, onOrBefore(on, ordered.dueBy));
      }
      const amendment = state.review?.amendment;
      // the tribunal ordered the amendment: the LA cannot decide not to make it
      if (!amendment) return fail(ordered ? 'AmendmentOrderedByTribunal' : 'NoAmendmentNotice');
      if (isBefore(on, amendment.servedOn)) return fail('DateBeforeAmendmentNotice');
      // reg 22(2): the family has at least 15 days from service; sooner only on a final response where
      // local policy allows, and never before a meeting they asked for
      const finalising = mayFinalise(amendment, on, command.data.earlyFinalisation);
      if (!finalising.ok) return finalising;
      const withinStatutoryTime = onOrBefore(on, amendedPlanDueBy(amendment.servedOn));
      if (command.type === 'DecideNotToAmend') {
        // s.51: a decision not to amend after a review is appealable
        return ok([
          { type: 'DecidedNotToAmend', data: { amendmentId: amendment.amendmentId, decidedOn: on, withinStatutoryTime, reasonsDocumentId: command.data.reasonsDocumentId } },
          letter('decision-not-to-amend', true),
        ]);
      }
      return amendedPlanIssued(command.data, amendment.amendmentId, withinStatutoryTime);
    }

    case 'ProposeCease': {
      if (state.cease?.stage === 'considered') return fail('CeaseAlreadyConsidered');
      if (state.cease?.stage === 'decided') return fail('CeaseAlreadyDecided');
      const { reason, reasonsDocumentId } = command.data;
      if (!reasonOpenAtThisAge(reason, plan.cohort, on)) return fail('CeaseReasonNotOpenAtThisAge');
      const setting = plan.namedSetting;
      return ok([
        // reg 31(1): inform the family and consult them and the head teacher or principal
        { type: 'CeaseConsidered', data: {
          reason, consideredOn: on, settingConsulted: setting.type === 'otherwise-than-at-school' ? null : setting, reasonsDocumentId,
        } },
        letter('cease-considered', false),
      ]);
    }

    case 'DecideNotToCease':
    case 'Cease': {
      const considered = consideredCease(state.cease);
      if (!considered.ok) return considered;
      const cease = considered.value;
      if (isBefore(on, cease.consideredOn)) return fail('DateBeforeCeaseConsidered');
      if (command.type === 'DecideNotToCease') return ok([{ type: 'DecidedNotToCease', data: { decidedOn: on } }, letter('decision-not-to-cease', false)]);
      return ok(ceaseDecision(cease.reason, command.data.reasonsDocumentId));
    }

    case 'RecordCeaseMediationCertificate':
    case 'RecordCeaseAppeal': {
      const cease = state.cease;
      if (cease?.stage !== 'decided') return fail('NoCeaseDecision');
      if (cease.appeal) return fail('CeaseAppealAlreadyRegistered');
      if (isBefore(on, cease.decidedOn)) return fail('DateBeforeCeaseDecision');
      if (command.type === 'RecordCeaseMediationCertificate') {
        // TR r.20: the later of letter + 2 months and certificate + 1 month, then r.12
        return ok([{ type: 'CeaseMediationCertificateIssued', data: { issuedOn: on, appealWindowEndsOn: appealDeadline(cease.decidedOn, on) } }]);
      }
      // the tribunal may admit a late appeal: recorded as late, not refused
      return ok([{ type: 'CeaseAppealRegistered', data: { registeredOn: on, withinAppealWindow: onOrBefore(on, cease.appealWindowEndsOn) } }]);
    }

    case 'RecordCeaseAppealOutcome': {
      const cease = state.cease;
      if (cease?.stage !== 'decided' || !cease.appeal) return fail('NoCeaseAppeal');
      if (isBefore(on, cease.appeal.registeredOn)) return fail('DateBeforeCeaseAppeal');
      const { outcome } = command.data;
      const concluded: Event = { type: 'CeaseAppealConcluded', data: { concludedOn: on, outcome } };
      // domain §3.4: an appeal against cease dismissed ends the plan at once; allowed or conceded, it is maintained
      if (outcome === 'dismissed' || outcome === 'withdrawn') {
        return ok([concluded, { type: 'PlanCeased', data: { ceasedOn: on, reason: cease.reason, appeal: outcome } }]);
      }
      return ok([concluded]);
    }

    case 'CeasePlan': {
      const cease = state.cease;
      if (cease?.stage !== 'decided') return fail('NoCeaseDecision');
      if (cease.appeal) return fail('CeaseAppealPending');
      if (isBefore(on, planMayBeCeasedFrom(cease.appealWindowEndsOn))) return fail('AppealWindowOpen');
      return ok([{ type: 'PlanCeased', data: { ceasedOn: on, reason: cease.reason, appeal: 'none' } }]);
    }

    case 'AgreeDualRegistration': {
      if (state.dualRegistration) return fail('DualRegistrationAlreadyAgreed');
      const special = plan.namedSetting;
      // seed 000: a special school pupil trialling a mainstream place
      if (special.type !== 'special' && special.type !== 'independent-special') return fail('NamedSettingNotSpecial');
      const { mainstream, startOn, split } = command.data;
      if (mainstream.type !== 'mainstream' && mainstream.type !== 'resourced-provision') return fail('SettingNotMainstream');
      if (split && !isAttendanceSplit(split)) return fail('InvalidAttendanceSplit');
      return ok([{ type: 'DualRegistrationAgreed', data: {
        dualRegistrationId: `dual-registration-${state.dualRegistrations + 1}`, special, mainstream, agreedOn: on, startOn, split,
        nextReviewFrom: transitionReviewFrom(startOn), nextReviewDueBy: transitionReviewDueBy(startOn),
      } }]);
    }

    case 'SubmitProvisionForm':
    case 'SubmitTransportForm': {
      const dual = state.dualRegistration;
      if (!dual) return fail('NoDualRegistration');
      if (isBefore(on, dual.agreedOn)) return fail('DateBeforeDualRegistration');
      // the provision form releases funding to the mainstream school; the transport form follows (seed 000)
      const data = { dualRegistrationId: dual.dualRegistrationId, submittedOn: on, formDocumentId: command.data.formDocumentId };
      return ok([command.type === 'SubmitProvisionForm' ? { type: 'ProvisionFormSubmitted', data } : { type: 'TransportFormSubmitted', data }]);
    }

    case 'HoldTransitionReview': {
      const dual = state.dualRegistration;
      if (!dual) return fail('NoDualRegistration');
      if (isBefore(on, dual.startOn)) return fail('DateBeforeDualRegistrationStart');
      // seed 000: every 6-8 weeks; a review later than 8 weeks is recorded as such
      const last = dual.lastReviewOn ?? dual.startOn;
      return ok([{ type: 'TransitionReviewHeld', data: {
        dualRegistrationId: dual.dualRegistrationId, transitionReviewId: `transition-review-${dual.reviews + 1}`, heldOn: on,
        withinCadence: onOrBefore(on, transitionReviewDueBy(last)), nextReviewFrom: transitionReviewFrom(on), nextReviewDueBy: transitionReviewDueBy(on),
      } }]);
    }

    case 'EndDualRegistration': {
      const dual = state.dualRegistration;
      if (!dual) return fail('NoDualRegistration');
      // seed 000: the outcome is settled at the next annual review (success: plan rewritten; failure: amendment notice)
      const review = state.review;
      if (!review?.heldOn || isBefore(review.heldOn, dual.agreedOn)) return fail('NotAtAnnualReview');
      if (isBefore(on, review.heldOn)) return fail('DateBeforeMeeting');
      return ok([{ type: 'DualRegistrationEnded', data: { dualRegistrationId: dual.dualRegistrationId, reviewId: review.reviewId, endedOn: on, outcome: command.data.outcome } }]);
    }

    case 'Close':
      // not a cease: no appealable decision and no letter (after a death, letters are suppressed at once)
      return ok([{ type: 'PlanClosed', data: { closedOn: on, reason: command.data.reason } }]);

    case 'Reassign':
      if (command.data.caseworkerId === state.caseworkerId) return ok([]);
      return ok([{ type: 'CaseworkerReassigned', data: { caseworkerId: command.data.caseworkerId, from: state.caseworkerId, reassignedOn: on } }]);

    case 'AddNote':
      return ok([{ type: 'CaseNoteAdded', data: { noteId: command.data.noteId, notedOn: on } }]);

    case 'RecordNeedsProfile': {
      // domain §8: re-rated at any point of the cycle (termly, at transitions); never refused on a maintained plan
      const { context, needs, settingReadiness, familyConfidence } = command.data;
      return ok([{ type: 'NeedsProfileRecorded', data: { profileId: `profile-${state.profiles + 1}`, ratedOn: on, context, needs, settingReadiness, familyConfidence } }]);
    }
  }
}

/** The current review, once its meeting has been held. */
function heldReview(state: PlanState): Result<ReviewCycle & { heldOn: CalendarDate }, RuleBroken> {
  const review = state.review;
  return review?.heldOn ? ok({ ...review, heldOn: review.heldOn }) : fail('NoMeetingHeld');
}

/** A cease decision needs a cease under consideration (reg 31(1)), and only one decision is made. */
function consideredCease(cease: CeaseTrack | null): Result<Extract<CeaseTrack, { stage: 'considered' }>, RuleBroken> {
  if (cease === null) return fail('CeaseNotConsidered');
  if (cease.stage === 'decided') return fail('CeaseAlreadyDecided');
  return ok(cease);
}

/**
 * s.45, s.46 and reg 29 tie some grounds to age. Known exactly from the cohort: young person (HE,
 * paid employment) and the year of the 25th birthday; "18 or over" is refused only when certainly
 * under 18 (see cohort.ts). (check) the statutory basis of the HE and employment grounds.
 */
function reasonOpenAtThisAge(reason: CeaseReason, cohort: Cohort | null, on: CalendarDate): boolean {
  // without a cohort the age grounds are the caseworker's check against the people table
  if (!cohort) return true;
  switch (reason) {
    case 'max-age': return inYearOfTwentyFifthBirthday(cohort, on);
    case 'higher-education':
    case 'paid-employment': return isYoungPersonOn(cohort, on);
    case 'disengaged-18-plus': return !certainlyUnderEighteen(cohort, on);
    case 'no-longer-responsible-moved':
    case 'no-longer-necessary': return true;
  }
}

/** Ten half-day sessions make a school week; some attendance must be agreed. */
const isAttendanceSplit = ({ specialSessions, mainstreamSessions }: AttendanceSplit): boolean =>
  [specialSessions, mainstreamSessions].every((n) => Number.isInteger(n) && n >= 0) &&
  specialSessions + mainstreamSessions > 0 && specialSessions + mainstreamSessions <= 10;
