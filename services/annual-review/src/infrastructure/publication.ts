import type { EventEnvelope } from '@ehc/event-store';
import { integrationEvent, type CaseHistory, type IntegrationEvent, type Publication } from '@ehc/messaging';
import {
  AMENDED_PLAN_ISSUED_V1, ANNUAL_REVIEW_TOPIC, CEASE_DECISION_MADE_V1, DECIDED_NOT_TO_AMEND_V1, LETTER_SENT_V1, PLAN_CEASED_V1, REVIEW_DECISION_MADE_V1,
  type AmendedPlanIssuedV1, type CeaseDecisionMadeV1, type DecidedNotToAmendV1, type LetterSentV1, type PlanCeasedV1, type ReviewDecisionMadeV1,
} from '@ehc/contracts/annual-review';
import type { Event } from '../domain/events';
import { reviewDecisionIsAppealable } from '../domain/appeals';
import { PLAN_STREAM_PREFIX } from '../domain/annual-review';

/**
 * The one place the annual review's domain events become published contracts: the appealable
 * decisions (for the tribunal service), the amended and ceased plans (for funding), and letters.
 */
export async function translate(event: EventEnvelope, history: CaseHistory): Promise<IntegrationEvent[]> {
  const domain = { type: event.type, data: event.data } as Event;
  const ref = async () => {
    const entered = (await history(event.stream, event.revision)).find((e) => e.type === 'PlanEntered');
    return { planId: event.stream, childId: (entered?.data as { childId: string }).childId };
  };
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
      return [integrationEvent<AmendedPlanIssuedV1>(event, AMENDED_PLAN_ISSUED_V1, {
        ...(await ref()), issuedOn: d.issuedOn, namedSetting: d.namedSetting, withinStatutoryTime: d.withinStatutoryTime, phaseTransfer: d.phaseTransfer,
        post16Transfer: d.post16Transfer, appealable: true,
      })];
    }
    case 'DecidedNotToAmend':
      return [integrationEvent<DecidedNotToAmendV1>(event, DECIDED_NOT_TO_AMEND_V1, {
        ...(await ref()), decidedOn: domain.data.decidedOn, withinStatutoryTime: domain.data.withinStatutoryTime, appealable: true,
      })];
    case 'CeaseDecisionMade':
      return [integrationEvent<CeaseDecisionMadeV1>(event, CEASE_DECISION_MADE_V1, {
        ...(await ref()), reason: domain.data.reason, decidedOn: domain.data.decidedOn, appealWindowEndsOn: domain.data.appealWindowEndsOn, appealable: true,
      })];
    case 'PlanCeased':
      return [integrationEvent<PlanCeasedV1>(event, PLAN_CEASED_V1, { ...(await ref()), ceasedOn: domain.data.ceasedOn, reason: domain.data.reason, appeal: domain.data.appeal })];
    case 'LetterSent':
      return [integrationEvent<LetterSentV1>(event, LETTER_SENT_V1, { ...(await ref()), ...domain.data })];
    default:
      return [];
  }
}

export const annualReviewPublication: Publication = {
  topic: ANNUAL_REVIEW_TOPIC,
  filter: { streamPrefixes: [PLAN_STREAM_PREFIX] },
  translate,
};
