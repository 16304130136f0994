import type { AssessmentTimeLimit, CalendarDate, Cohort, ExceptionLimb } from '@ehc/domain-kernel';
import type { AdviceType, Event, OrderKind, OrderStep } from './events';

export type Stage =
  | 'none'
  | 'awaiting-decision'
  | 'assessing'
  | 'refused'
  | 'no-plan'
  /** reg 44(2)(b): ordered to make and maintain a plan, no draft served yet (domain §2.2 Drafting) */
  | 'drafting'
  | 'draft-issued'
  | 'plan-issued'
  | 'withdrawn'
  | 'closed';

/** What `decide` needs to know about a case; nothing more. */
export interface CaseState {
  stage: Stage;
  receivedOn: CalendarDate | null;
  cohort: Cohort | null;
  requestedByYoungPerson: boolean;
  caseworkerId: string | null;
  decidedToAssessOn: CalendarDate | null;
  advice: { adviceId: string; adviceType: AdviceType; requestedOn: CalendarDate; received: boolean }[];
  exceptions: { limb: ExceptionLimb; limitsLifted: AssessmentTimeLimit[] }[];
  draft: {
    number: number; servedOn: CalendarDate; representationsEndOn: CalendarDate; responded: boolean;
    finalResponse: boolean; meetingRequested: boolean; meetingHeld: boolean;
  } | null;
  consultations: { consultationId: string; settingUrn: string | null; sentOn: CalendarDate; responded: boolean }[];
  letters: number;
  notes: number;
  profiles: number;
  /** Every tribunal order received, as `decisionId/orderId`: a redelivered order is recognised. */
  orders: string[];
  /** The latest order, whose clock the case runs on from its receipt (reg 44). */
  order: { orderId: string; kind: OrderKind; orderedOn: CalendarDate; due: Partial<Record<OrderStep, CalendarDate>> } | null;
}

/** How a tribunal order is known on a case: numbered within its appealable decision. */
export const orderKey = (order: { decisionId: string; orderId: string }): string => `${order.decisionId}/${order.orderId}`;

export const initialState = (): CaseState => ({
  stage: 'none', receivedOn: null, cohort: null, requestedByYoungPerson: false, caseworkerId: null, decidedToAssessOn: null,
  advice: [], exceptions: [], draft: null, consultations: [], letters: 0, notes: 0, profiles: 0, orders: [], order: null,
});

// evolve never fails: past events are facts
export const evolve = (state: CaseState, event: Event): CaseState => {
  switch (event.type) {
    case 'NeedsAssessmentRequested':
      return {
        ...state, stage: 'awaiting-decision', receivedOn: event.data.receivedOn, caseworkerId: event.data.caseworkerId,
        cohort: event.data.cohort, requestedByYoungPerson: event.data.requestedBy === 'young-person',
      };
    case 'DecidedToAssess':
      return { ...state, stage: 'assessing', decidedToAssessOn: event.data.decidedOn };
    case 'DecidedNotToAssess':
      return { ...state, stage: 'refused' };
    case 'AdviceRequested':
      return { ...state, advice: [...state.advice, { adviceId: event.data.adviceId, adviceType: event.data.adviceType, requestedOn: event.data.requestedOn, received: false }] };
    case 'AdviceReceived':
      return { ...state, advice: state.advice.map((a) => (a.adviceId === event.data.adviceId ? { ...a, received: true } : a)) };
    case 'TimeLimitExceptionApplied':
      return { ...state, exceptions: [...state.exceptions, { limb: event.data.limb, limitsLifted: event.data.limitsLifted }] };
    case 'DecidedNotToIssuePlan':
      return { ...state, stage: 'no-plan' };
    case 'DraftPlanIssued':
      return { ...state, stage: 'draft-issued', draft: {
        number: event.data.draftNumber, servedOn: event.data.servedOn, representationsEndOn: event.data.representationsEndOn, responded: false,
        finalResponse: false, meetingRequested: false, meetingHeld: false,
      } };
    case 'ParentResponseReceived':
      // the latest response says whether the family is done: a final one wants no meeting; otherwise
      // a meeting once asked for stays asked for
      return { ...state, draft: state.draft && {
        ...state.draft, responded: true, finalResponse: event.data.final === true,
        meetingRequested: event.data.final === true ? false : state.draft.meetingRequested || event.data.meetingRequested,
      } };
    case 'DraftPlanMeetingHeld':
      return { ...state, draft: state.draft && { ...state.draft, meetingHeld: true } };
    case 'SettingConsulted':
      return { ...state, consultations: [...state.consultations, { consultationId: event.data.consultationId, settingUrn: event.data.setting.urn, sentOn: event.data.sentOn, responded: false }] };
    case 'SettingConsultationResponded':
      return { ...state, consultations: state.consultations.map((c) => (c.consultationId === event.data.consultationId ? { ...c, responded: true } : c)) };
    case 'FinalPlanIssued':
      return { ...state, stage: 'plan-issued' };
    case 'LetterSent':
      return { ...state, letters: state.letters + 1 };
    case 'RequestWithdrawn':
      return { ...state, stage: 'withdrawn' };
    case 'CaseClosed':
      return { ...state, stage: 'closed' };
    case 'CaseworkerReassigned':
      return { ...state, caseworkerId: event.data.caseworkerId };
    case 'CaseNoteAdded':
      return { ...state, notes: state.notes + 1 };
    case 'NeedsProfileRecorded':
      return { ...state, profiles: state.profiles + 1 };
    case 'TribunalOrderReceived': {
      const { orderId, kind, orderedOn, steps } = event.data;
      return {
        ...state,
        // reg 44(2)(a): back to the decision whether to assess; (b): on to drafting the plan
        stage: kind === 'assess-or-reassess' ? 'awaiting-decision' : 'drafting',
        orders: [...state.orders, orderKey(event.data)],
        order: { orderId, kind, orderedOn, due: Object.fromEntries(steps.map((s) => [s.step, s.dueBy])) },
      };
    }
  }
};
