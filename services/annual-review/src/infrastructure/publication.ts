import type { EventEnvelope } from '@ehc/event-store';
import { integrationEvent, type CaseHistory, type IntegrationEvent, type Publication } from '@ehc/messaging';
import {
  AMENDED_PLAN_ISSUED_V1, ANNUAL_REVIEW_TOPIC, CEASE_DECISION_MADE_V1, DECIDED_NOT_TO_AMEND_V1, DUAL_REGISTRATION_AGREED_V1, DUAL_REGISTRATION_ENDED_V1,
  LETTER_SENT_V1, PLAN_CEASED_V1, PROVISION_FORM_SUBMITTED_V1, REVIEW_DECISION_MADE_V1, TRIBUNAL_ORDER_STEP_COMPLETED_V1, type AmendedPlanIssuedV1,
  type CeaseDecisionMadeV1, type DecidedNotToAmendV1, type DualRegistrationAgreedV1, type DualRegistrationEndedV1, type LetterSentV1, type PlanCeasedV1,
  type ProvisionFormSubmittedV1, type ReviewDecisionMadeV1, type TribunalOrderStepCompletedV1,
} from '@ehc/contracts/annual-review';
import type { Event, OrderStep } from '../domain/events';
import { reviewDecisionIsAppealable } from '../domain/appeals';
import { PLAN_STREAM_PREFIX } from '../domain/annual-review';

/**
 * The one place the annual review's domain events become published contracts: the appealable
 * decisions (for the tribunal service), the amended and ceased plans (for funding), and letters.
 */
export async function translate(event: EventEnvelope, history: CaseHistory): Promise<IntegrationEvent[]> {
  const domain = { type: event.type, data: event.data } as Event;
  const earlier = async () => (await history(event.stream, event.revision)).map((e) => ({ type: e.type, data: e.data }) as Event);
  const ref = async () => {
    const entered = (await earlier()).find((e) => e.type === 'PlanEntered');
    return { planId: event.stream, childId: (entered?.data as { childId: string }).childId };
  };
  // reg 44(2): a step of a tribunal order done; one domain event may complete a step of more than one order, each its own stable id
  const stepDone = async (order: OrderReceived, step: OrderStep, completedOn: string): Promise<IntegrationEvent[]> => {
    if (!order.steps.some((s) => s.step === step)) return [];
    return [integrationEvent<TribunalOrderStepCompletedV1>(event, TRIBUNAL_ORDER_STEP_COMPLETED_V1, {
      ...(await ref()), decisionId: order.decisionId, orderId: order.orderId, step, completedOn,
    }, `tribunal-order-step/${order.decisionId}/${order.orderId}/${step}`)];
  };
  const ordersBefore = async () => (await earlier()).flatMap((e) => (e.type === 'TribunalOrderReceived' ? [e.data] : []));
  switch (domain.type) {
    case 'ReviewDecisionMade': {
      const d = domain.data;
      return [integrationEvent<ReviewDecisionMadeV1>(event, REVIEW_DECISION_MADE_V1, {
        ...(await ref()), outcome: d.outcome, decidedOn: d.decidedOn, withinStatutoryTime: d.withinStatutoryTime,
        reviewWithinTwelveMonths: d.reviewWithinTwelveMonths, nextReviewDueBy: d.nextReviewDueBy, appealable: reviewDecisionIsAppealable(d.outcome),
      })];
    }
    case 'AmendedPlanIssued': {
      const d = domain.data;
      // the amended plan an order (or two, joined) asked for
      const ordered = (await ordersBefore()).filter((o) => o.amendmentId === d.amendmentId);
      return [
        integrationEvent<AmendedPlanIssuedV1>(event, AMENDED_PLAN_ISSUED_V1, {
          ...(await ref()), issuedOn: d.issuedOn, namedSetting: d.namedSetting, withinStatutoryTime: d.withinStatutoryTime, phaseTransfer: d.phaseTransfer,
          post16Transfer: d.post16Transfer, appealable: true,
        }),
        ...(await Promise.all(ordered.map((o) => stepDone(o, 'amended-plan', d.issuedOn)))).flat(),
      ];
    }
    case 'TribunalOrderReceived': {
      const d = domain.data;
      // domain §3.4: a cease decision overturned, the plan is maintained from the order on
      if (d.kind === 'cease-decision-overturned') return stepDone(d, 'continue-maintaining', d.orderedOn);
      // the appeal's dismissal recorded here first: the plan ceased on that day, before the order arrived
      const ceased = (await earlier()).filter((e) => e.type === 'PlanCeased').pop();
      if (d.kind === 'cease-appeal-dismissed' && ceased?.type === 'PlanCeased') return stepDone(d, 'plan-ceased', ceased.data.ceasedOn);
      return [];
    }
    case 'DecidedNotToAmend':
      return [integrationEvent<DecidedNotToAmendV1>(event, DECIDED_NOT_TO_AMEND_V1, {
        ...(await ref()), decidedOn: domain.data.decidedOn, withinStatutoryTime: domain.data.withinStatutoryTime, appealable: true,
      })];
    case 'CeaseDecisionMade':
      return [integrationEvent<CeaseDecisionMadeV1>(event, CEASE_DECISION_MADE_V1, {
        ...(await ref()), reason: domain.data.reason, decidedOn: domain.data.decidedOn, appealWindowEndsOn: domain.data.appealWindowEndsOn, appealable: true,
      })];
    case 'PlanCeased': {
      // ceased by the order dismissing the appeal, which came in the same decision just before it
      const [last] = (await earlier()).slice(-2);
      const order = last?.type === 'TribunalOrderReceived' && last.data.kind === 'cease-appeal-dismissed' ? last.data : null;
      return [
        integrationEvent<PlanCeasedV1>(event, PLAN_CEASED_V1, { ...(await ref()), ceasedOn: domain.data.ceasedOn, reason: domain.data.reason, appeal: domain.data.appeal }),
        ...(order ? await stepDone(order, 'plan-ceased', domain.data.ceasedOn) : []),
      ];
    }
    // the dual registration (local transition protocol): funding releases the mainstream school's share on the provision form
    case 'DualRegistrationAgreed': {
      const d = domain.data;
      const school = (s: { urn: string | null; name: string }) => ({ urn: s.urn, name: s.name });
      return [integrationEvent<DualRegistrationAgreedV1>(event, DUAL_REGISTRATION_AGREED_V1, {
        ...(await ref()), dualRegistrationId: d.dualRegistrationId, special: school(d.special), mainstream: school(d.mainstream), agreedOn: d.agreedOn, startOn: d.startOn, split: d.split,
      })];
    }
    case 'ProvisionFormSubmitted':
      return [integrationEvent<ProvisionFormSubmittedV1>(event, PROVISION_FORM_SUBMITTED_V1, {
        ...(await ref()), dualRegistrationId: domain.data.dualRegistrationId, submittedOn: domain.data.submittedOn,
      })];
    case 'DualRegistrationEnded':
      return [integrationEvent<DualRegistrationEndedV1>(event, DUAL_REGISTRATION_ENDED_V1, {
        ...(await ref()), dualRegistrationId: domain.data.dualRegistrationId, endedOn: domain.data.endedOn, outcome: domain.data.outcome,
      })];
    case 'LetterSent':
      return [integrationEvent<LetterSentV1>(event, LETTER_SENT_V1, { ...(await ref()), ...domain.data })];
    default:
      return [];
  }
}

type OrderReceived = Extract<Event, { type: 'TribunalOrderReceived' }>['data'];

export const annualReviewPublication: Publication = {
  topic: ANNUAL_REVIEW_TOPIC,
  filter: { streamPrefixes: [PLAN_STREAM_PREFIX] },
  translate,
};
