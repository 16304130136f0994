import { representationsPeriodEndsBefore, type CalendarDate, type Cohort, type DomainRatings, type NeedsProfileContext, type PhaseTransferKind } from '@ehc/domain-kernel';
import type { EventEnvelope } from '@ehc/event-store';
import type { RunningDeadline } from '@ehc/messaging';
import type { Event, LetterKind, OrderKind, OrderStep, Setting } from '../../domain/events';
import { planMayBeCeasedFrom } from '../../domain/appeals';
import { planIdOf } from '../../domain/annual-review';

interface DueDone { due: CalendarDate | null; done: CalendarDate | null }

/** A Valuing SEND profile, as the case view carries it (domain §8). */
export interface NeedsProfile {
  profileId: string; ratedOn: CalendarDate; context: NeedsProfileContext; needs: DomainRatings; settingReadiness: DomainRatings; familyConfidence: DomainRatings;
}

/** An order of the tribunal about the plan (reg 44), and when each of its steps was done. */
export interface TribunalOrderView {
  orderId: string; decisionId: string; appealId: string; kind: OrderKind; orderedOn: CalendarDate; concession: boolean; amendmentId: string | null;
  steps: { step: OrderStep; due: CalendarDate; done: CalendarDate | null }[];
}

/** One EHC plan in its review cycle as a caseworker or a setting sees it; built from its events alone. */
export interface PlanFileView {
  planId: string;
  source: { kind: 'needs-assessment'; caseId: string; reference?: string } | { kind: 'import'; reference: string };
  reference: string;
  childId: string;
  cohort: Cohort | null;
  planIssuedOn: CalendarDate;
  status: 'maintained' | 'review-in-progress' | 'amendment-in-progress' | 'cease-proposed' | 'cease-decided' | 'ceased' | 'closed';
  namedSetting: Setting;
  caseworkerId: string | null;
  reviewAnchor: string;
  /**
   * The review of the current cycle (s.44): its statutory date and, once the review is complete,
   * the date it was (the review decision, or the meeting with REVIEW_ANCHOR=meeting). The cycle
   * rolls on to `followingReviewDue` when the next review is scheduled.
   */
  nextReview: DueDone;
  /** Due date of the review after the current one, once the current one is complete. */
  followingReviewDue?: CalendarDate | null;
  lastReview: { due: CalendarDate; done: CalendarDate; onTime: boolean } | null;
  suggestedReviews: CalendarDate[];
  review: {
    reviewId: string; invitationsSentOn: CalendarDate; meetingOn: CalendarDate; noticeLatestBy: CalendarDate; noticeInTime: boolean;
    heldOn: CalendarDate | null; preparationForAdulthood: boolean | null;
    report: DueDone; decision: DueDone & { outcome: string | null };
  } | null;
  /**
   * `finalisableFrom`: served + 15, the first day the amendment may be finished without the family's
   * final response (reg 22(2)); `meetingRequested`/`meetingHeldOn`: a meeting the family asked for.
   */
  amendment: {
    amendmentId: string; servedOn: CalendarDate; representations: DueDone; amendedPlan: DueDone & { outcome: 'amended' | 'not-amended' | null };
    finalisableFrom?: CalendarDate; finalResponse?: boolean; meetingRequested?: boolean; meetingHeldOn?: CalendarDate | null;
  } | null;
  phaseTransfer: { kind: PhaseTransferKind; transferYear: number; deadline: CalendarDate; met: boolean; amendedOn: CalendarDate } | null;
  /** reg 18(2): a proposed move between post-16 institutions, its last day to amend, and the amended plan once issued. */
  post16Transfer?: { transferOn: CalendarDate; newInstitution: Setting | null; deadline: CalendarDate; amendedOn: CalendarDate | null; met: boolean | null } | null;
  cease: { reason: string; consideredOn: CalendarDate | null; decidedOn: CalendarDate | null; appealWindowEndsOn: CalendarDate | null; appeal: { registeredOn: CalendarDate; outcome: string | null } | null; ceasedOn: CalendarDate | null } | null;
  dualRegistration: { id: string; mainstream: Setting; startOn: CalendarDate; nextReviewFrom: CalendarDate; nextReviewDueBy: CalendarDate; reviewsHeld: number; provisionForm: boolean; transportForm: boolean; outcome: string | null } | null;
  letters: { letterId: string; kind: LetterKind; recipient: string; sentOn: CalendarDate; appealRights: boolean }[];
  notes: { noteId: string; notedOn: CalendarDate; by: string }[];
  /** Valuing SEND profiles re-rated in the review cycle, oldest first; absent on a row folded before they were recorded. */
  needsProfiles?: NeedsProfile[];
  closure: { on: CalendarDate; reason: string } | null;
  /** reg 44: the tribunal's orders on the plan, oldest first (absent on a row folded before orders were received). */
  tribunalOrders?: TribunalOrderView[];
  /**
   * reg 44(2): the amendment a tribunal ordered: no notice and no representations, the amended plan
   * due by the order's date (the earliest, when a second order joined it); `orderId` of that order.
   */
  orderedAmendment?: { amendmentId: string; orderId: string; orderedOn: CalendarDate; due: CalendarDate; done: CalendarDate | null } | null;
}

/** A maintained plan's status once something ends: still amending while an amendment (a review's or an ordered one) is open. */
const maintainedOr = (v: PlanFileView): PlanFileView['status'] =>
  (v.amendment && !v.amendment.amendedPlan.done) || (v.orderedAmendment && !v.orderedAmendment.done) ? 'amendment-in-progress' : 'maintained';

/** The orders' step done on `on`: every order whose step it is, not yet done, that `which` picks. */
function ordersStepDone(v: PlanFileView, step: OrderStep, on: CalendarDate, which: (o: TribunalOrderView) => boolean = () => true): TribunalOrderView[] {
  return (v.tribunalOrders ?? []).map((o) => (which(o) && o.steps.some((s) => s.step === step && !s.done)
    ? { ...o, steps: o.steps.map((s) => (s.step === step && !s.done ? { ...s, done: on } : s)) }
    : o));
}

export function applyToPlanFile(view: PlanFileView | null, envelope: EventEnvelope): PlanFileView | null {
  const event = { type: envelope.type, data: envelope.data } as Event;
  if (event.type === 'PlanEntered') {
    const d = event.data;
    return {
      planId: planIdOf(envelope.stream),
      source: d.source,
      reference: d.source.reference ?? (d.source.kind === 'needs-assessment' ? d.source.caseId : ''),
      childId: d.childId, cohort: d.cohort, planIssuedOn: d.planIssuedOn, status: 'maintained', namedSetting: d.namedSetting,
      caseworkerId: d.caseworkerId, reviewAnchor: d.reviewAnchor,
      nextReview: { due: d.reviewDueBy, done: null }, lastReview: null, suggestedReviews: d.suggestedReviews,
      review: null, amendment: null, phaseTransfer: null, post16Transfer: null, cease: null, dualRegistration: null, letters: [], notes: [], needsProfiles: [], closure: null,
      tribunalOrders: [], orderedAmendment: null,
    };
  }
  if (!view) return null;
  const v: PlanFileView = { ...view };
  switch (event.type) {
    case 'AnnualReviewScheduled': {
      const d = event.data;
      const same = v.review?.reviewId === d.reviewId;
      if (!same && v.nextReview.done && v.followingReviewDue) {
        v.nextReview = { due: v.followingReviewDue, done: null };
        v.followingReviewDue = null;
      }
      v.review = {
        reviewId: d.reviewId, invitationsSentOn: d.invitationsSentOn, meetingOn: d.meetingOn, noticeLatestBy: d.noticeLatestBy, noticeInTime: d.withinStatutoryTime,
        heldOn: null, preparationForAdulthood: null,
        report: same && v.review ? v.review.report : { due: null, done: null }, decision: { due: null, done: null, outcome: null },
      };
      v.status = 'review-in-progress';
      break;
    }
    case 'AnnualReviewMeetingHeld':
      if (v.review) v.review = { ...v.review, heldOn: event.data.heldOn, preparationForAdulthood: event.data.preparationForAdulthood, report: { due: event.data.reportDueBy, done: null }, decision: { due: event.data.decisionDueBy, done: null, outcome: null } };
      break;
    case 'ReviewReportReceived':
      if (v.review) v.review = { ...v.review, report: { ...v.review.report, done: event.data.receivedOn } };
      break;
    case 'ReviewDecisionMade': {
      const d = event.data;
      if (v.review) v.review = { ...v.review, decision: { ...v.review.decision, done: d.decidedOn, outcome: d.outcome } };
      const doneOn = v.reviewAnchor === 'meeting' ? (v.review?.heldOn ?? d.decidedOn) : d.decidedOn;
      v.lastReview = { due: d.reviewDueBy, done: doneOn, onTime: d.reviewWithinTwelveMonths };
      v.nextReview = { due: d.reviewDueBy, done: doneOn };
      v.followingReviewDue = d.nextReviewDueBy;
      v.suggestedReviews = d.suggestedReviews;
      v.status = d.outcome === 'amend' ? 'amendment-in-progress' : d.outcome === 'cease' ? 'cease-decided' : 'maintained';
      break;
    }
    case 'AmendmentNoticeIssued':
      v.amendment = {
        amendmentId: event.data.amendmentId, servedOn: event.data.servedOn,
        representations: { due: event.data.representationsEndOn, done: null }, amendedPlan: { due: event.data.amendedPlanDueBy, done: null, outcome: null },
        finalisableFrom: representationsPeriodEndsBefore(event.data.servedOn), finalResponse: false, meetingRequested: false, meetingHeldOn: null,
      };
      v.status = 'amendment-in-progress';
      break;
    case 'AmendmentRepresentationsReceived':
      if (v.amendment) {
        const final = event.data.final === true;
        v.amendment = {
          ...v.amendment, representations: { ...v.amendment.representations, done: v.amendment.representations.done ?? event.data.receivedOn },
          finalResponse: final, meetingRequested: final ? false : !!v.amendment.meetingRequested || event.data.meetingRequested,
        };
      }
      break;
    case 'AmendmentMeetingHeld':
      if (v.amendment) v.amendment = { ...v.amendment, meetingHeldOn: event.data.heldOn };
      break;
    case 'Post16TransferProposed':
      v.post16Transfer = { transferOn: event.data.transferOn, newInstitution: event.data.newInstitution, deadline: event.data.amendBy, amendedOn: null, met: null };
      break;
    case 'AmendedPlanIssued':
      if (v.orderedAmendment?.amendmentId === event.data.amendmentId) {
        // the amendment a tribunal ordered: a review's amendment, if one is running, runs on
        v.orderedAmendment = { ...v.orderedAmendment, done: event.data.issuedOn };
        v.tribunalOrders = ordersStepDone(v, 'amended-plan', event.data.issuedOn, (o) => o.amendmentId === event.data.amendmentId);
      } else if (v.amendment) {
        v.amendment = { ...v.amendment, amendedPlan: { ...v.amendment.amendedPlan, done: event.data.issuedOn, outcome: 'amended' } };
      }
      v.namedSetting = event.data.namedSetting;
      if (event.data.phaseTransfer) v.phaseTransfer = { ...event.data.phaseTransfer, amendedOn: event.data.issuedOn };
      if (event.data.post16Transfer && v.post16Transfer) {
        v.post16Transfer = { ...v.post16Transfer, amendedOn: event.data.issuedOn, met: event.data.post16Transfer.met };
      }
      v.status = maintainedOr(v);
      break;
    case 'DecidedNotToAmend':
      if (v.amendment) v.amendment = { ...v.amendment, amendedPlan: { ...v.amendment.amendedPlan, done: event.data.decidedOn, outcome: 'not-amended' } };
      v.status = maintainedOr(v);
      break;
    case 'CeaseConsidered':
      v.cease = { reason: event.data.reason, consideredOn: event.data.consideredOn, decidedOn: null, appealWindowEndsOn: null, appeal: null, ceasedOn: null };
      v.status = 'cease-proposed';
      break;
    case 'DecidedNotToCease':
      v.cease = null;
      if (v.status === 'cease-proposed') v.status = 'maintained';
      break;
    case 'CeaseDecisionMade':
      v.cease = { ...(v.cease ?? { consideredOn: null, appeal: null, ceasedOn: null }), reason: event.data.reason, decidedOn: event.data.decidedOn, appealWindowEndsOn: event.data.appealWindowEndsOn, appeal: null, ceasedOn: null };
      v.status = 'cease-decided';
      break;
    case 'CeaseMediationCertificateIssued':
      if (v.cease) v.cease = { ...v.cease, appealWindowEndsOn: event.data.appealWindowEndsOn };
      break;
    case 'CeaseAppealRegistered':
      if (v.cease) v.cease = { ...v.cease, appeal: { registeredOn: event.data.registeredOn, outcome: null } };
      break;
    case 'CeaseAppealConcluded':
      if (v.cease?.appeal) v.cease = { ...v.cease, appeal: { ...v.cease.appeal, outcome: event.data.outcome } };
      if (event.data.outcome === 'allowed' || event.data.outcome === 'conceded') v.status = maintainedOr(v);
      break;
    case 'PlanCeased':
      v.cease = { ...(v.cease ?? { consideredOn: null, decidedOn: null, appealWindowEndsOn: null, appeal: null }), reason: event.data.reason, ceasedOn: event.data.ceasedOn };
      v.status = 'ceased';
      v.tribunalOrders = ordersStepDone(v, 'plan-ceased', event.data.ceasedOn);
      break;
    case 'TribunalOrderReceived': {
      const d = event.data;
      const steps = d.steps.map((x) => ({ step: x.step, due: x.dueBy, done: null as CalendarDate | null }))
        // domain §3.4: overturned, the plan is maintained from the order on; dismissed after the plan ceased here, it ceased then
        .map((x) => (x.step === 'continue-maintaining' ? { ...x, done: d.orderedOn } : x.step === 'plan-ceased' && v.cease?.ceasedOn ? { ...x, done: v.cease.ceasedOn } : x));
      v.tribunalOrders = [...(v.tribunalOrders ?? []), {
        orderId: d.orderId, decisionId: d.decisionId, appealId: d.appealId, kind: d.kind, orderedOn: d.orderedOn, concession: d.concession, amendmentId: d.amendmentId, steps,
      }];
      const due = d.steps.find((x) => x.step === 'amended-plan')?.dueBy;
      if (d.amendmentId && due) {
        const open = v.orderedAmendment && !v.orderedAmendment.done && v.orderedAmendment.amendmentId === d.amendmentId ? v.orderedAmendment : null;
        // a second order joins the amendment still open: the earlier date binds
        v.orderedAmendment = open
          ? (due < open.due ? { ...open, due, orderId: d.orderId } : open)
          : { amendmentId: d.amendmentId, orderId: d.orderId, orderedOn: d.orderedOn, due, done: null };
        if (v.status === 'maintained' || v.status === 'review-in-progress') v.status = 'amendment-in-progress';
      }
      break;
    }
    case 'DualRegistrationAgreed':
      v.dualRegistration = {
        id: event.data.dualRegistrationId, mainstream: event.data.mainstream, startOn: event.data.startOn, nextReviewFrom: event.data.nextReviewFrom,
        nextReviewDueBy: event.data.nextReviewDueBy, reviewsHeld: 0, provisionForm: false, transportForm: false, outcome: null,
      };
      break;
    case 'ProvisionFormSubmitted':
      if (v.dualRegistration) v.dualRegistration = { ...v.dualRegistration, provisionForm: true };
      break;
    case 'TransportFormSubmitted':
      if (v.dualRegistration) v.dualRegistration = { ...v.dualRegistration, transportForm: true };
      break;
    case 'TransitionReviewHeld':
      if (v.dualRegistration) v.dualRegistration = { ...v.dualRegistration, reviewsHeld: v.dualRegistration.reviewsHeld + 1, nextReviewFrom: event.data.nextReviewFrom, nextReviewDueBy: event.data.nextReviewDueBy };
      break;
    case 'DualRegistrationEnded':
      if (v.dualRegistration) v.dualRegistration = { ...v.dualRegistration, outcome: event.data.outcome };
      break;
    case 'LetterSent':
      v.letters = [...v.letters, { ...event.data }];
      break;
    case 'PlanClosed':
      v.closure = { on: event.data.closedOn, reason: event.data.reason };
      v.status = 'closed';
      break;
    case 'CaseworkerReassigned':
      v.caseworkerId = event.data.caseworkerId;
      break;
    case 'CaseNoteAdded':
      v.notes = [...v.notes, { noteId: event.data.noteId, notedOn: event.data.notedOn, by: envelope.metadata.actor.id }];
      break;
    case 'NeedsProfileRecorded':
      v.needsProfiles = [...(v.needsProfiles ?? []), { ...event.data }];
      break;
  }
  return v;
}

/** The statutory deadlines still running on a plan. */
export function runningDeadlines(v: PlanFileView): RunningDeadline[] {
  if (v.status === 'ceased' || v.status === 'closed') return [];
  const out: RunningDeadline[] = [];
  const reviewDue = upcomingReviewDue(v);
  if (reviewDue) out.push({ kind: 'review', ref: null, due: reviewDue, excepted: false });
  const r = v.review;
  if (r && r.heldOn) {
    if (r.report.due && !r.report.done) out.push({ kind: 'review-report', ref: r.reviewId, due: r.report.due, excepted: false });
    if (r.decision.due && !r.decision.done) out.push({ kind: 'review-decision', ref: r.reviewId, due: r.decision.due, excepted: false });
  }
  // reg 44(2): the amended plan a tribunal ordered, by the order's date
  const o = v.orderedAmendment;
  if (o && !o.done) out.push({ kind: 'amended-plan', ref: o.amendmentId, due: o.due, excepted: false });
  const a = v.amendment;
  if (a && !a.amendedPlan.done) {
    if (a.representations.due && !a.representations.done) out.push({ kind: 'amendment-representations', ref: a.amendmentId, due: a.representations.due, excepted: false });
    if (a.amendedPlan.due) out.push({ kind: 'amended-plan', ref: a.amendmentId, due: a.amendedPlan.due, excepted: false });
  }
  // maintained until the appeal window closes (or an appeal ends): then the plan is to be ceased
  const c = v.cease;
  if (c?.appealWindowEndsOn && !c.ceasedOn && !c.appeal) out.push({ kind: 'cease-plan', ref: null, due: planMayBeCeasedFrom(c.appealWindowEndsOn), excepted: false });
  const d = v.dualRegistration;
  if (d && !d.outcome) out.push({ kind: 'transition-review', ref: d.id, due: d.nextReviewDueBy, excepted: false });
  // reg 18(2): the plan amended, naming the new institution, at least five months before the move
  const p = v.post16Transfer;
  if (p && !p.amendedOn) out.push({ kind: 'post-16-transfer', ref: null, due: p.deadline, excepted: false });
  return out;
}

/** The statutory date of the next review still to be done. */
export function upcomingReviewDue(v: PlanFileView): CalendarDate | null {
  if (v.status === 'ceased' || v.status === 'closed') return null;
  return v.nextReview.done ? (v.followingReviewDue ?? null) : v.nextReview.due;
}
