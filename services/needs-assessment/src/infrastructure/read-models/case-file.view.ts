import {
  decisionNotToIssueDueBy, finalPlanDueBy, representationsPeriodEndsBefore, type AssessmentTimeLimit,
  type CalendarDate, type ClosurePeriod, type ClosureWindow,
} from '@ehc/domain-kernel';
import type { EventEnvelope } from '@ehc/event-store';
import type { ClosureReason, Event, LetterKind, NeedsProfileContext, OrderKind, OrderStep, Recipient, Setting } from '../../domain/events';

/** A statutory date; `orderId` when a tribunal order set it (reg 44) instead of the Regulations' periods from the request. */
interface Due { due: CalendarDate; done: CalendarDate | null; orderId?: string }

/** An order of the tribunal the case complies with, and when each of its steps was done. */
export interface TribunalOrderView {
  orderId: string; decisionId: string; appealId: string; kind: OrderKind; orderedOn: CalendarDate; concession: boolean;
  steps: { step: OrderStep; due: CalendarDate; done: CalendarDate | null }[];
}

/** What a caseworker sees of one case; built from its events, nothing else. */
export interface CaseFileView {
  caseId: string;
  reference: string;
  childId: string;
  requestedBy: string;
  receivedOn: CalendarDate;
  caseworkerId: string | null;
  status: string;
  statutory: {
    decisionToAssess: Due & { outcome: 'assess' | 'refuse' | null };
    decisionNotToIssue: Due & { outcome: 'issue' | 'not-issue' | null };
    draftPlanResponse: { due: CalendarDate | null; done: CalendarDate | null };
    /** reg 44(2)(b) only: the draft of a plan the tribunal ordered. */
    draftPlan?: Due;
    finalPlan: Due;
  };
  /** reg 44: the tribunal's orders on the case, oldest first; the latest sets the case's dates. */
  tribunalOrders: TribunalOrderView[];
  advice: { adviceId: string; adviceType: string; adviser: string | null; requestedOn: CalendarDate; due: CalendarDate; done: CalendarDate | null }[];
  exceptions: {
    exceptionId: string; limb: string; from: CalendarDate; to: CalendarDate | null; limitsLifted: AssessmentTimeLimit[];
    closure: (ClosurePeriod & { window: ClosureWindow }) | null;
  }[];
  /**
   * `finalisableFrom`: served + 15, the first day the plan may be finalised without the family's
   * final response (reg 13(1)); `meetingHeldOn` once a meeting the family asked for was held.
   */
  drafts: { draftNumber: number; servedOn: CalendarDate; representationsEndOn: CalendarDate; finalisableFrom: CalendarDate; meetingHeldOn: CalendarDate | null }[];
  parentResponses: { receivedOn: CalendarDate; meetingRequested: boolean; final: boolean; preferredSetting: Setting | null; withinRepresentationsWindow: boolean }[];
  consultations: { consultationId: string; setting: Setting; sentOn: CalendarDate; due: CalendarDate; done: CalendarDate | null; canMeetNeeds: boolean | null }[];
  finalPlan: { issuedOn: CalendarDate; namedSetting: Setting; withinStatutoryTime: boolean } | null;
  letters: { letterId: string; kind: LetterKind; recipient: Recipient; sentOn: CalendarDate; appealRights: boolean }[];
  notes: { noteId: string; notedOn: CalendarDate; by: string }[];
  needsProfiles: { profileId: string; ratedOn: CalendarDate; context: NeedsProfileContext; needs: number[]; settingReadiness: number[]; familyConfidence: number[] }[];
  closure: { on: CalendarDate; reason: ClosureReason | 'withdrawn' } | null;
  lastEventOn: string;
}

/** The open statutory deadlines of a case: what a caseload lists as due or overdue. */
export interface OpenDeadline {
  kind: 'decision-to-assess' | 'advice' | 'decision-not-to-issue' | 'draft-plan' | 'draft-plan-response' | 'setting-response' | 'final-plan';
  ref: string | null;
  due: CalendarDate;
  /** An exception lifts the time limit: still shown, reported separately, never "overdue". */
  excepted: boolean;
}

const STATUS_OF: Partial<Record<Event['type'], string>> = {
  NeedsAssessmentRequested: 'awaiting-decision',
  DecidedToAssess: 'assessing',
  DecidedNotToAssess: 'refused',
  DecidedNotToIssuePlan: 'no-plan',
  DraftPlanIssued: 'draft-issued',
  FinalPlanIssued: 'plan-issued',
  RequestWithdrawn: 'withdrawn',
  CaseClosed: 'closed',
};

export function applyToCaseFile(view: CaseFileView | null, envelope: EventEnvelope): CaseFileView | null {
  const event = { type: envelope.type, data: envelope.data } as Event;
  if (event.type === 'NeedsAssessmentRequested') {
    const d = event.data;
    return {
      caseId: envelope.stream, reference: d.reference, childId: d.childId, requestedBy: d.requestedBy, receivedOn: d.receivedOn,
      caseworkerId: d.caseworkerId, status: 'awaiting-decision',
      statutory: {
        decisionToAssess: { due: d.decisionDueBy, done: null, outcome: null },
        decisionNotToIssue: { due: decisionNotToIssueDueBy(d.receivedOn), done: null, outcome: null },
        draftPlanResponse: { due: null, done: null },
        finalPlan: { due: finalPlanDueBy(d.receivedOn), done: null },
      },
      advice: [], exceptions: [], drafts: [], parentResponses: [], consultations: [], finalPlan: null, letters: [], notes: [],
      needsProfiles: [], tribunalOrders: [], closure: null, lastEventOn: envelope.recordedAt,
    };
  }
  if (!view) return null;
  const v: CaseFileView = { ...view, status: STATUS_OF[event.type] ?? view.status, lastEventOn: envelope.recordedAt };
  const s = v.statutory;
  switch (event.type) {
    case 'TribunalOrderReceived': {
      const d = event.data;
      const due = (step: OrderStep): Due => ({ due: d.steps.find((x) => x.step === step)!.dueBy, done: null, orderId: d.orderId });
      v.tribunalOrders = [...(v.tribunalOrders ?? []), {
        orderId: d.orderId, decisionId: d.decisionId, appealId: d.appealId, kind: d.kind, orderedOn: d.orderedOn, concession: d.concession,
        steps: d.steps.map((x) => ({ step: x.step, due: x.dueBy, done: null })),
      }];
      // reg 44(2): from the order on, its dates instead of the 6, 16 and 20 weeks from the request
      if (d.kind === 'assess-or-reassess') {
        v.status = 'awaiting-decision';
        v.statutory = {
          decisionToAssess: { ...due('notify'), outcome: null }, decisionNotToIssue: { ...due('decision-not-to-issue'), outcome: null },
          draftPlanResponse: { due: null, done: null }, finalPlan: due('final-plan'),
        };
      } else {
        v.status = 'drafting';
        v.statutory = { ...s, draftPlanResponse: { due: null, done: null }, draftPlan: due('draft-plan'), finalPlan: due('final-plan') };
      }
      break;
    }
    case 'DecidedToAssess':
      v.statutory = { ...s, decisionToAssess: { ...s.decisionToAssess, done: event.data.decidedOn, outcome: 'assess' } };
      v.tribunalOrders = orderStepDone(v, 'notify', event.data.decidedOn);
      break;
    case 'DecidedNotToAssess':
      v.statutory = { ...s, decisionToAssess: { ...s.decisionToAssess, done: event.data.decidedOn, outcome: 'refuse' } };
      break;
    case 'AdviceRequested':
      v.advice = [...v.advice, { adviceId: event.data.adviceId, adviceType: event.data.adviceType, adviser: event.data.adviser, requestedOn: event.data.requestedOn, due: event.data.dueBy, done: null }];
      break;
    case 'AdviceReceived':
      v.advice = v.advice.map((a) => (a.adviceId === event.data.adviceId ? { ...a, done: event.data.receivedOn } : a));
      break;
    case 'TimeLimitExceptionApplied':
      v.exceptions = [...v.exceptions, {
        exceptionId: event.data.exceptionId, limb: event.data.limb, from: event.data.from, to: event.data.to, limitsLifted: event.data.limitsLifted,
        closure: event.data.closure ?? null,
      }];
      break;
    case 'DecidedNotToIssuePlan':
      v.statutory = { ...s, decisionNotToIssue: { ...s.decisionNotToIssue, done: event.data.decidedOn, outcome: 'not-issue' } };
      v.tribunalOrders = orderStepDone(v, 'decision-not-to-issue', event.data.decidedOn);
      break;
    case 'DraftPlanIssued':
      v.drafts = [...v.drafts, {
        draftNumber: event.data.draftNumber, servedOn: event.data.servedOn, representationsEndOn: event.data.representationsEndOn,
        finalisableFrom: representationsPeriodEndsBefore(event.data.servedOn), meetingHeldOn: null,
      }];
      v.statutory = {
        ...s,
        // serving a draft is the decision to issue a plan, made inside the 16 weeks or not
        decisionNotToIssue: s.decisionNotToIssue.done ? s.decisionNotToIssue : { ...s.decisionNotToIssue, done: event.data.servedOn, outcome: 'issue' },
        draftPlanResponse: { due: event.data.representationsEndOn, done: null },
        ...(s.draftPlan ? { draftPlan: { ...s.draftPlan, done: s.draftPlan.done ?? event.data.servedOn } } : {}),
      };
      // as above: under an order to assess, the draft is the decision to issue, so no decision not to issue is due
      v.tribunalOrders = orderStepDone({ ...v, tribunalOrders: orderStepDone(v, 'draft-plan', event.data.servedOn) }, 'decision-not-to-issue', event.data.servedOn);
      break;
    case 'ParentResponseReceived':
      v.parentResponses = [...v.parentResponses, {
        receivedOn: event.data.receivedOn, meetingRequested: event.data.meetingRequested, final: event.data.final === true,
        preferredSetting: event.data.preferredSetting, withinRepresentationsWindow: event.data.withinRepresentationsWindow,
      }];
      v.statutory = { ...s, draftPlanResponse: { ...s.draftPlanResponse, done: s.draftPlanResponse.done ?? event.data.receivedOn } };
      break;
    case 'DraftPlanMeetingHeld':
      v.drafts = v.drafts.map((d) => (d.draftNumber === event.data.draftNumber ? { ...d, meetingHeldOn: event.data.heldOn } : d));
      break;
    case 'SettingConsulted':
      v.consultations = [...v.consultations, { consultationId: event.data.consultationId, setting: event.data.setting, sentOn: event.data.sentOn, due: event.data.responseDueBy, done: null, canMeetNeeds: null }];
      break;
    case 'SettingConsultationResponded':
      v.consultations = v.consultations.map((c) => (c.consultationId === event.data.consultationId ? { ...c, done: event.data.respondedOn, canMeetNeeds: event.data.canMeetNeeds } : c));
      break;
    case 'FinalPlanIssued':
      v.finalPlan = { issuedOn: event.data.issuedOn, namedSetting: event.data.namedSetting, withinStatutoryTime: event.data.withinStatutoryTime };
      v.statutory = { ...s, finalPlan: { ...s.finalPlan, done: event.data.issuedOn } };
      v.tribunalOrders = orderStepDone(v, 'final-plan', event.data.issuedOn);
      break;
    case 'LetterSent':
      v.letters = [...v.letters, { ...event.data }];
      break;
    case 'RequestWithdrawn':
      v.closure = { on: event.data.withdrawnOn, reason: 'withdrawn' };
      break;
    case 'CaseClosed':
      v.closure = { on: event.data.closedOn, reason: event.data.reason };
      break;
    case 'CaseworkerReassigned':
      v.caseworkerId = event.data.caseworkerId;
      break;
    case 'CaseNoteAdded':
      v.notes = [...v.notes, { noteId: event.data.noteId, notedOn: event.data.notedOn, by: envelope.metadata.actor.id }];
      break;
    case 'NeedsProfileRecorded':
      v.needsProfiles = [...v.needsProfiles, { ...event.data }];
      break;
  }
  return v;
}

/** The latest order's step done on `on`, the first time it is done; earlier orders are behind the case. */
function orderStepDone(view: CaseFileView, step: OrderStep, on: CalendarDate): TribunalOrderView[] {
  const orders = view.tribunalOrders ?? [];
  const latest = orders[orders.length - 1];
  if (!latest?.steps.some((s) => s.step === step && !s.done)) return orders;
  return [...orders.slice(0, -1), { ...latest, steps: latest.steps.map((s) => (s.step === step && !s.done ? { ...s, done: on } : s)) }];
}

const OPEN = ['awaiting-decision', 'assessing', 'drafting', 'draft-issued'];

/** An exception lifts the Regulations' limits it names; a date a tribunal order set is not one of them (reg 44(3) goes with the order). */
const lifted = (view: CaseFileView, limit: AssessmentTimeLimit, due: { orderId?: string }) =>
  !due.orderId && view.exceptions.some((e) => e.limitsLifted.includes(limit));

/** The deadlines still running on a case. */
export function openDeadlines(view: CaseFileView): OpenDeadline[] {
  if (!OPEN.includes(view.status)) return [];
  const s = view.statutory;
  const out: OpenDeadline[] = [];
  if (!s.decisionToAssess.done) out.push({ kind: 'decision-to-assess', ref: null, due: s.decisionToAssess.due, excepted: lifted(view, 'decision-to-assess', s.decisionToAssess) });
  if (view.status === 'assessing') {
    out.push({ kind: 'decision-not-to-issue', ref: null, due: s.decisionNotToIssue.due, excepted: lifted(view, 'decision-not-to-issue', s.decisionNotToIssue) });
  }
  if (view.status === 'drafting' && s.draftPlan && !s.draftPlan.done) out.push({ kind: 'draft-plan', ref: s.draftPlan.orderId ?? null, due: s.draftPlan.due, excepted: false });
  for (const a of view.advice) if (!a.done) out.push({ kind: 'advice', ref: a.adviceId, due: a.due, excepted: false });
  if (view.status === 'draft-issued') {
    if (s.draftPlanResponse.due && !s.draftPlanResponse.done) out.push({ kind: 'draft-plan-response', ref: null, due: s.draftPlanResponse.due, excepted: false });
    for (const c of view.consultations) if (!c.done) out.push({ kind: 'setting-response', ref: c.consultationId, due: c.due, excepted: false });
  }
  if (!s.finalPlan.done && s.decisionToAssess.outcome === 'assess') {
    out.push({ kind: 'final-plan', ref: null, due: s.finalPlan.due, excepted: lifted(view, 'final-plan', s.finalPlan) });
  }
  return out;
}
