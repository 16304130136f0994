import {
  adviceDueBy, applyException, decisionNotToIssueDueBy, decisionToAssessDueBy, draftPlanRepresentationsEndOn, fail, finalPlanDueBy,
  isBefore, mayFinalise, ok, onOrBefore, rightsHolderOn, settingConsultationResponseDueBy, type CalendarDate, type ExceptionClaim,
  type ExceptionRefusal, type FinalisationRefusal, type Result, type RunningLimit,
} from '@ehc/domain-kernel';
import { orderKey, type CaseState, type Stage } from './case-state';
import type { Command } from './commands';
import type { Event, LetterKind, OrderKind, OrderStep } from './events';
import { APPEALABLE } from './appeals';

export type RuleBroken =
  // the state has moved on (409)
  | 'RequestAlreadyRecorded'
  | 'NoRequestOnFile'
  | 'CaseClosed'
  | 'DecisionAlreadyMade'
  | 'AssessmentRefused'
  | 'NotAssessing'
  | 'NoDraftPlan'
  | 'PlanAlreadyIssued'
  | 'AdviceAlreadyReceived'
  | 'ConsultationAlreadyAnswered'
  | 'NoMeetingRequested'
  | 'MeetingAlreadyHeld'
  | 'OrderAlreadyReceived'
  | 'NoRefusalToAssess'
  | 'NoDecisionNotToIssue'
  | 'AssessmentOrderedByTribunal'
  | 'PlanOrderedByTribunal'
  | 'TribunalOrderInForce'
  // well-formed but breaks a rule on its own terms (422)
  | 'DateInFuture'
  | 'NotAYoungPerson'
  | 'DateBeforeRequest'
  | 'DateBeforeDecisionToAssess'
  | 'DateBeforeAdviceRequest'
  | 'DateBeforeDraftPlan'
  | 'DateBeforeConsultation'
  | 'UnknownAdviceRequest'
  | 'AmbiguousAdviceRequest'
  | 'UnknownConsultation'
  | 'DraftNamesSetting'
  | FinalisationRefusal
  | 'FinalResponseRequestsMeeting'
  | ExceptionRefusal
  | 'ExceptionNeedsDates'
  | 'OrderStepsMissing'
  | 'DateBeforeTribunalOrder';

type Decision = Result<Event[], RuleBroken>;

const ENDED: Stage[] = ['withdrawn', 'closed'];

/** The steps each order sets a date for (reg 44(2)(a), (b); domain §3.4): the case cannot run on an order without them. */
const ORDER_STEPS: Record<OrderKind, OrderStep[]> = {
  'assess-or-reassess': ['notify', 'decision-not-to-issue', 'final-plan'],
  'make-and-maintain-plan': ['draft-plan', 'final-plan'],
};

/** One case's decisions. Pure: effective dates and "today" (Europe/London) arrive on the command. */
export const decide = (command: Command, state: CaseState): Decision => {
  if (command.type === 'RecordNeedsAssessmentRequest') {
    if (state.stage !== 'none') return fail('RequestAlreadyRecorded');
    const { today, youngPersonOnReceipt, ...data } = command.data;
    // recorded after the fact is normal; recorded before it happened is a keying error
    if (!onOrBefore(data.receivedOn, today)) return fail('DateInFuture');
    // Act s.36(1): a young person (over compulsory school age, under 25) may ask for themselves
    if (data.requestedBy === 'young-person' && youngPersonOnReceipt === false) return fail('NotAYoungPerson');
    return ok([{ type: 'NeedsAssessmentRequested', data: { ...data, decisionDueBy: decisionToAssessDueBy(data.receivedOn) } }]);
  }
  if (state.stage === 'none' || state.receivedOn === null) return fail('NoRequestOnFile');
  // an order delivered again is the same order, whatever became of the case since
  if (command.type === 'ReceiveTribunalOrder' && state.orders.includes(orderKey(command.data))) return fail('OrderAlreadyReceived');
  if (ENDED.includes(state.stage)) return fail('CaseClosed');
  const { on, today } = command.data;
  if (!onOrBefore(on, today)) return fail('DateInFuture');
  if (isBefore(on, state.receivedOn)) return fail('DateBeforeRequest');
  return decideOnOpenCase(command, state, state.receivedOn);
};

function decideOnOpenCase(command: Exclude<Command, { type: 'RecordNeedsAssessmentRequest' }>, state: CaseState, receivedOn: CalendarDate): Decision {
  const on = command.data.on;
  const letter = (kind: LetterKind, appealRights: boolean): Event => ({
    type: 'LetterSent', data: { letterId: `letter-${state.letters + 1}`, kind, recipient: rightsHolderOn(state.cohort, on, state.requestedByYoungPerson), sentOn: on, appealRights },
  });

  // reg 44: under a tribunal order its dates bind instead of the 6, 16 and 20 weeks
  const order = state.order;
  const dueBy = (step: OrderStep, statutory: CalendarDate): CalendarDate => order?.due[step] ?? statutory;

  switch (command.type) {
    case 'ReceiveTribunalOrder': {
      const { orderId, decisionId, appealId, kind, concession, steps } = command.data;
      // reg 44(2)(a): an order to assess overturns a refusal to assess; (b): an order to make and
      // maintain a plan overturns a decision not to issue one
      if (kind === 'assess-or-reassess' && state.stage !== 'refused') return fail('NoRefusalToAssess');
      if (kind === 'make-and-maintain-plan' && state.stage !== 'no-plan') return fail('NoDecisionNotToIssue');
      if (ORDER_STEPS[kind].some((step) => !steps.some((s) => s.step === step))) return fail('OrderStepsMissing');
      return ok([{ type: 'TribunalOrderReceived', data: { orderId, decisionId, appealId, kind, orderedOn: on, concession, steps } }]);
    }

    case 'DecideToAssess':
    case 'RefuseAssessment': {
      if (state.stage !== 'awaiting-decision') return fail('DecisionAlreadyMade');
      // reg 44(2)(a): the tribunal has decided the assessment is to be made; the LA notifies it
      if (order && command.type === 'RefuseAssessment') return fail('AssessmentOrderedByTribunal');
      if (order && isBefore(on, order.orderedOn)) return fail('DateBeforeTribunalOrder');
      // late is recorded, not refused: it is reported
      const withinStatutoryTime = onOrBefore(on, dueBy('notify', decisionToAssessDueBy(receivedOn)));
      if (command.type === 'DecideToAssess') {
        return ok([{ type: 'DecidedToAssess', data: { decidedOn: on, withinStatutoryTime } }, letter('decision-to-assess', APPEALABLE.DecidedToAssess)]);
      }
      // CoP 9.17: a refusal carries appeal and mediation rights
      return ok([
        { type: 'DecidedNotToAssess', data: { decidedOn: on, withinStatutoryTime, reasonsDocumentId: command.data.reasonsDocumentId } },
        letter('refusal-to-assess', APPEALABLE.DecidedNotToAssess),
      ]);
    }

    case 'RequestAdvice': {
      const refused = whileAssessing(state, ['assessing']);
      if (refused) return refused;
      if (isBefore(on, state.decidedToAssessOn!)) return fail('DateBeforeDecisionToAssess');
      return ok([{ type: 'AdviceRequested', data: {
        adviceId: `advice-${state.advice.length + 1}`, adviceType: command.data.adviceType, adviser: command.data.adviser,
        requestedOn: on, dueBy: adviceDueBy(on),
      } }]);
    }

    case 'RecordAdvice': {
      const { adviceId, adviceType } = command.data;
      const candidates = adviceId
        ? state.advice.filter((a) => a.adviceId === adviceId)
        : state.advice.filter((a) => a.adviceType === adviceType && !a.received);
      if (candidates.length === 0) {
        const answered = !adviceId && state.advice.some((a) => a.adviceType === adviceType);
        return fail(answered ? 'AdviceAlreadyReceived' : 'UnknownAdviceRequest');
      }
      if (candidates.length > 1) return fail('AmbiguousAdviceRequest');
      const advice = candidates[0];
      if (advice.received) return fail('AdviceAlreadyReceived');
      if (isBefore(on, advice.requestedOn)) return fail('DateBeforeAdviceRequest');
      return ok([{ type: 'AdviceReceived', data: { adviceId: advice.adviceId, receivedOn: on, withinStatutoryTime: onOrBefore(on, adviceDueBy(advice.requestedOn)) } }]);
    }

    case 'RecordException': {
      const refused = whileAssessing(state, ['awaiting-decision', 'assessing', 'draft-issued', 'drafting']);
      if (refused) return refused;
      // reg 44(3) has its own exceptions to an order's periods (an absence of 2 weeks, not 4): they
      // belong with the order in the tribunal service, not among the case's reg 10(4) exceptions
      if (order) return fail('TribunalOrderInForce');
      const claim = exceptionClaim(command.data);
      if (!claim) return fail('ExceptionNeedsDates');
      const applied = applyException(claim, runningLimits(state, receivedOn));
      if (!applied.ok) return applied;
      const { from, to, limitsLifted, closureWindow } = applied.value;
      return ok([{ type: 'TimeLimitExceptionApplied', data: {
        exceptionId: `exception-${state.exceptions.length + 1}`, limb: command.data.limb, from, to, limitsLifted,
        closure: command.data.closure && closureWindow ? { ...command.data.closure, window: closureWindow } : null,
        evidenceDocumentId: command.data.evidenceDocumentId,
      } }]);
    }

    case 'DecideNotToIssue': {
      if (state.stage === 'draft-issued') return fail('DecisionAlreadyMade');
      if (state.stage === 'drafting') return fail('PlanOrderedByTribunal');
      const refused = whileAssessing(state, ['assessing']);
      if (refused) return refused;
      if (isBefore(on, state.decidedToAssessOn!)) return fail('DateBeforeDecisionToAssess');
      // reg 10(1): notified within 16 weeks of the request; the refusal is appealable
      return ok([
        { type: 'DecidedNotToIssuePlan', data: {
          decidedOn: on, withinStatutoryTime: onOrBefore(on, dueBy('decision-not-to-issue', decisionNotToIssueDueBy(receivedOn))), reasonsDocumentId: command.data.reasonsDocumentId,
        } },
        letter('decision-not-to-issue', APPEALABLE.DecidedNotToIssuePlan),
      ]);
    }

    case 'IssueDraftPlan': {
      const refused = whileAssessing(state, ['assessing', 'draft-issued', 'drafting']);
      if (refused) return refused;
      if (isBefore(on, state.decidedToAssessOn!)) return fail('DateBeforeDecisionToAssess');
      if (state.stage === 'drafting' && order && isBefore(on, order.orderedOn)) return fail('DateBeforeTribunalOrder');
      // s.38(5): the draft must not name a school or other institution
      if (command.data.namesSetting) return fail('DraftNamesSetting');
      return ok([
        { type: 'DraftPlanIssued', data: {
          draftNumber: (state.draft?.number ?? 0) + 1, servedOn: on, representationsEndOn: draftPlanRepresentationsEndOn(on), planDocumentId: command.data.planDocumentId,
        } },
        letter('draft-plan', false),
      ]);
    }

    case 'RecordParentResponse': {
      const refused = whileDraft(state);
      if (refused) return refused;
      if (isBefore(on, state.draft!.servedOn)) return fail('DateBeforeDraftPlan');
      const { meetingRequested, final } = command.data;
      // a final response says the family wants no meeting: both at once is a contradiction to ask about
      if (final && meetingRequested) return fail('FinalResponseRequestsMeeting');
      return ok([{ type: 'ParentResponseReceived', data: {
        receivedOn: on, meetingRequested, final, preferredSetting: command.data.preferredSetting,
        withinRepresentationsWindow: onOrBefore(on, state.draft!.representationsEndOn), representationsDocumentId: command.data.representationsDocumentId,
      } }]);
    }

    case 'HoldDraftPlanMeeting': {
      const refused = whileDraft(state);
      if (refused) return refused;
      const draft = state.draft!;
      if (!draft.meetingRequested) return fail('NoMeetingRequested');
      if (draft.meetingHeld) return fail('MeetingAlreadyHeld');
      if (isBefore(on, draft.servedOn)) return fail('DateBeforeDraftPlan');
      return ok([{ type: 'DraftPlanMeetingHeld', data: { draftNumber: draft.number, heldOn: on } }]);
    }

    case 'ConsultSetting': {
      const refused = whileDraft(state);
      if (refused) return refused;
      if (isBefore(on, state.draft!.servedOn)) return fail('DateBeforeDraftPlan');
      return ok([{ type: 'SettingConsulted', data: {
        consultationId: `consultation-${state.consultations.length + 1}`, setting: command.data.setting, sentOn: on,
        responseDueBy: settingConsultationResponseDueBy(on),
      } }]);
    }

    case 'RecordSettingResponse': {
      const { consultationId, settingUrn } = command.data;
      const matches = state.consultations.filter((c) =>
        consultationId ? c.consultationId === consultationId : settingUrn !== null && c.settingUrn === settingUrn);
      const open = matches.filter((c) => !c.responded);
      if (matches.length === 0) return fail('UnknownConsultation');
      if (open.length === 0) return fail('ConsultationAlreadyAnswered');
      const consultation = open[0];
      if (isBefore(on, consultation.sentOn)) return fail('DateBeforeConsultation');
      return ok([{ type: 'SettingConsultationResponded', data: {
        consultationId: consultation.consultationId, respondedOn: on, canMeetNeeds: command.data.canMeetNeeds,
        withinTime: onOrBefore(on, settingConsultationResponseDueBy(consultation.sentOn)),
      } }]);
    }

    case 'IssueFinalPlan': {
      const refused = whileDraft(state);
      if (refused) return refused;
      const draft = state.draft!;
      if (isBefore(on, draft.servedOn)) return fail('DateBeforeDraftPlan');
      // reg 13(1): the family has at least 15 days from service; sooner only on a final response where
      // local policy allows, and never before a meeting they asked for
      const finalising = mayFinalise(draft, on, command.data.earlyFinalisation);
      if (!finalising.ok) return finalising;
      return ok([
        { type: 'FinalPlanIssued', data: {
          issuedOn: on, namedSetting: command.data.namedSetting, withinStatutoryTime: onOrBefore(on, dueBy('final-plan', finalPlanDueBy(receivedOn))),
          planDocumentId: command.data.planDocumentId,
        } },
        // s.51: sections B, F and I are appealable
        letter('final-plan', APPEALABLE.FinalPlanIssued),
      ]);
    }

    case 'Withdraw': {
      if (['refused', 'no-plan', 'plan-issued'].includes(state.stage)) return fail(state.stage === 'plan-issued' ? 'PlanAlreadyIssued' : 'DecisionAlreadyMade');
      return ok([{ type: 'RequestWithdrawn', data: { withdrawnOn: on, reasonDocumentId: command.data.reasonDocumentId } }]);
    }

    case 'Close':
      return ok([{ type: 'CaseClosed', data: { closedOn: on, reason: command.data.reason } }]);

    case 'Reassign':
      if (command.data.caseworkerId === state.caseworkerId) return ok([]);
      return ok([{ type: 'CaseworkerReassigned', data: { caseworkerId: command.data.caseworkerId, from: state.caseworkerId, reassignedOn: on } }]);

    case 'AddNote':
      return ok([{ type: 'CaseNoteAdded', data: { noteId: command.data.noteId, notedOn: on } }]);

    case 'RecordNeedsProfile': {
      const { context, needs, settingReadiness, familyConfidence } = command.data;
      return ok([{ type: 'NeedsProfileRecorded', data: { profileId: `profile-${state.profiles + 1}`, ratedOn: on, context, needs, settingReadiness, familyConfidence } }]);
    }
  }
}

/** The rule a stage breaks for work that needs the assessment under way. */
function whileAssessing(state: CaseState, allowed: Stage[]): Result<never, RuleBroken> | null {
  if (allowed.includes(state.stage)) return null;
  switch (state.stage) {
    case 'awaiting-decision': return fail('NotAssessing');
    case 'refused': return fail('AssessmentRefused');
    case 'no-plan': return fail('DecisionAlreadyMade');
    case 'plan-issued': return fail('PlanAlreadyIssued');
    case 'draft-issued': return fail('DecisionAlreadyMade');
    // reg 44(2)(b): the assessment is behind the case; what is left is the plan the tribunal ordered
    case 'drafting': return fail('PlanOrderedByTribunal');
    default: return fail('NotAssessing');
  }
}

function whileDraft(state: CaseState): Result<never, RuleBroken> | null {
  if (state.stage === 'draft-issued') return null;
  if (state.stage === 'plan-issued') return fail('PlanAlreadyIssued');
  if (state.stage === 'refused') return fail('AssessmentRefused');
  if (state.stage === 'no-plan') return fail('DecisionAlreadyMade');
  return fail('NoDraftPlan');
}

/** The claim the caseworker makes, limb by limb; null when the limb's dates are missing. */
function exceptionClaim(data: Extract<Command, { type: 'RecordException' }>['data']): ExceptionClaim | null {
  const evidence = data.evidenceDocumentId !== null;
  switch (data.limb) {
    case 'school-closure':
    case 'early-years-closure':
      return data.closure ? { limb: data.limb, closure: data.closure, adviceRequestedOn: data.on, evidence } : null;
    case 'exceptional-personal-circumstances':
      return data.to ? { limb: data.limb, from: data.on, to: data.to, evidence } : null;
    case 'absence-from-area':
      return data.to ? { limb: data.limb, absence: { leftOn: data.on, returnedOn: data.to }, evidence } : null;
  }
}

/** The case's three LA time limits and whether each is still running (domain §2.4). */
function runningLimits(state: CaseState, receivedOn: CalendarDate): RunningLimit[] {
  return [
    { limit: 'decision-to-assess', due: decisionToAssessDueBy(receivedOn), running: state.stage === 'awaiting-decision' },
    { limit: 'decision-not-to-issue', due: decisionNotToIssueDueBy(receivedOn), running: state.stage === 'awaiting-decision' || state.stage === 'assessing' },
    { limit: 'final-plan', due: finalPlanDueBy(receivedOn), running: ['awaiting-decision', 'assessing', 'draft-issued'].includes(state.stage) },
  ];
}
