import type { EventEnvelope } from '@ehc/event-store';
import { integrationEvent, type CaseHistory, type IntegrationEvent, type Publication } from '@ehc/messaging';
import {
  CASE_CLOSED_V1, DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, DECIDED_TO_ASSESS_V1, FINAL_PLAN_ISSUED_V1, LETTER_SENT_V1,
  NEEDS_ASSESSMENT_REQUESTED_V1, NEEDS_ASSESSMENT_TOPIC, PERSONAL_DETAILS_ERASED_V1, TRIBUNAL_ORDER_STEP_COMPLETED_V1, type PersonalDetailsErasedV1,
  type CaseClosedV1, type DecisionV1, type FinalPlanIssuedV1, type LetterSentV1, type NeedsAssessmentRequestedV1, type TribunalOrderStepCompletedV1,
} from '@ehc/contracts/needs-assessment';
import type { Event, OrderStep } from '../domain/events';
import { APPEALABLE } from '../domain/appeals';
import { CASE_STREAM_PREFIX, PERSON_ERASURE_STREAM_PREFIX } from '../domain/needs-assessment';

type Requested = Extract<Event, { type: 'NeedsAssessmentRequested' }>['data'];
type OrderReceived = Extract<Event, { type: 'TribunalOrderReceived' }>;

/** The step of a tribunal order each of the case's facts completes (reg 44(2)(a), (b)). */
const STEP_COMPLETED_BY: Partial<Record<Event['type'], OrderStep>> = {
  DecidedToAssess: 'notify',
  DecidedNotToIssuePlan: 'decision-not-to-issue',
  DraftPlanIssued: 'draft-plan',
  FinalPlanIssued: 'final-plan',
};

/** What the published contracts need from the case's earlier events. */
async function caseFacts(event: EventEnvelope, history: CaseHistory) {
  const earlier = (await history(event.stream, event.revision)).map((e) => ({ type: e.type, data: e.data }) as Event);
  const request = earlier.find((e) => e.type === 'NeedsAssessmentRequested')?.data as Requested;
  let caseworkerId = request.caseworkerId;
  for (const e of earlier) if (e.type === 'CaseworkerReassigned') caseworkerId = e.data.caseworkerId;
  // the case runs on the latest tribunal order's dates from its receipt: exceptions before it lifted limits no longer in force
  const orderAt = earlier.map((e) => e.type).lastIndexOf('TribunalOrderReceived');
  const order = orderAt >= 0 ? (earlier[orderAt] as OrderReceived).data : null;
  const sinceOrder = earlier.slice(orderAt + 1);
  const excepted = sinceOrder.some((e) => e.type === 'TimeLimitExceptionApplied' && e.data.limitsLifted.includes('final-plan'));
  return { request, caseworkerId, excepted, order, sinceOrder };
}

/**
 * The step of the case's tribunal order this fact completes, if the order has that step and nothing
 * since the order completed it already (a second draft is not the draft the order asked for).
 */
async function orderStepCompleted(event: EventEnvelope, history: CaseHistory, completedOn: string): Promise<IntegrationEvent[]> {
  const step = STEP_COMPLETED_BY[event.type as Event['type']];
  if (!step) return [];
  const { request, order, sinceOrder } = await caseFacts(event, history);
  if (!order?.steps.some((s) => s.step === step) || sinceOrder.some((e) => STEP_COMPLETED_BY[e.type] === step)) return [];
  // a second integration event from the one domain event: its own id, stable across replays
  return [integrationEvent<TribunalOrderStepCompletedV1>(event, TRIBUNAL_ORDER_STEP_COMPLETED_V1, {
    caseId: event.stream, childId: request.childId, decisionId: order.decisionId, orderId: order.orderId, step, completedOn,
  }, 'tribunal-order-step')];
}

/** Domain events stay inside the service; this is the one place they become published contracts. */
export async function translate(event: EventEnvelope, history: CaseHistory): Promise<IntegrationEvent[]> {
  if (event.type === 'PersonalDetailsErased') {
    return [integrationEvent<PersonalDetailsErasedV1>(event, PERSONAL_DETAILS_ERASED_V1, { personId: (event.data as { personId: string }).personId })];
  }
  const domain = { type: event.type, data: event.data } as Event;
  const caseId = event.stream;
  const publish = <D>(type: string, data: D) => [integrationEvent(event, type, data)];
  switch (domain.type) {
    case 'NeedsAssessmentRequested': {
      const d = domain.data;
      return publish<NeedsAssessmentRequestedV1>(NEEDS_ASSESSMENT_REQUESTED_V1, {
        caseId, reference: d.reference, childId: d.childId, requestedBy: d.requestedBy, receivedOn: d.receivedOn,
        decisionToAssessDueBy: d.decisionDueBy, caseworkerId: d.caseworkerId,
      });
    }
    case 'DecidedToAssess':
    case 'DecidedNotToAssess':
    case 'DecidedNotToIssuePlan': {
      const { request } = await caseFacts(event, history);
      const type = domain.type === 'DecidedToAssess' ? DECIDED_TO_ASSESS_V1 : domain.type === 'DecidedNotToAssess' ? DECIDED_NOT_TO_ASSESS_V1 : DECIDED_NOT_TO_ISSUE_PLAN_V1;
      return [
        ...publish<DecisionV1>(type, {
          caseId, childId: request.childId, decidedOn: domain.data.decidedOn, withinStatutoryTime: domain.data.withinStatutoryTime,
          appealable: APPEALABLE[domain.type],
        }),
        ...(await orderStepCompleted(event, history, domain.data.decidedOn)),
      ];
    }
    case 'DraftPlanIssued':
      return orderStepCompleted(event, history, domain.data.servedOn);
    case 'FinalPlanIssued': {
      const { request, caseworkerId, excepted } = await caseFacts(event, history);
      return [
        ...publish<FinalPlanIssuedV1>(FINAL_PLAN_ISSUED_V1, {
          caseId, reference: request.reference, childId: request.childId, issuedOn: domain.data.issuedOn, receivedOn: request.receivedOn, namedSetting: domain.data.namedSetting,
          withinStatutoryTime: domain.data.withinStatutoryTime, excepted, caseworkerId, cohort: request.cohort ?? null,
        }),
        ...(await orderStepCompleted(event, history, domain.data.issuedOn)),
      ];
    }
    case 'RequestWithdrawn':
    case 'CaseClosed': {
      const { request } = await caseFacts(event, history);
      return publish<CaseClosedV1>(CASE_CLOSED_V1, domain.type === 'RequestWithdrawn'
        ? { caseId, childId: request.childId, closedOn: domain.data.withdrawnOn, reason: 'withdrawn' }
        : { caseId, childId: request.childId, closedOn: domain.data.closedOn, reason: domain.data.reason });
    }
    case 'LetterSent': {
      const { request } = await caseFacts(event, history);
      return publish<LetterSentV1>(LETTER_SENT_V1, { caseId, childId: request.childId, ...domain.data });
    }
    default:
      return [];
  }
}

export const needsAssessmentPublication: Publication = {
  topic: NEEDS_ASSESSMENT_TOPIC,
  filter: { streamPrefixes: [CASE_STREAM_PREFIX, PERSON_ERASURE_STREAM_PREFIX] },
  translate,
};
