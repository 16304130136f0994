import type { EventEnvelope } from '@ehc/event-store';
import { integrationEvent, type IntegrationEvent, type Publication } from '@ehc/messaging';
import {
  NEEDS_ASSESSMENT_REQUESTED_V1, NEEDS_ASSESSMENT_TOPIC, type NeedsAssessmentRequestedV1,
} from '@ehc/contracts/needs-assessment';
import type { Event } from '../domain/needs-assessment';

/** Domain events stay inside the service; this is the one place they become published contracts. */
export function translate(event: EventEnvelope): IntegrationEvent[] {
  const domain = { type: event.type, data: event.data } as Event;
  switch (domain.type) {
    case 'NeedsAssessmentRequested': {
      const d = domain.data;
      const data: NeedsAssessmentRequestedV1 = {
        caseId: event.stream, reference: d.reference, childId: d.childId, requestedBy: d.requestedBy,
        receivedOn: d.receivedOn, decisionToAssessDueBy: d.decisionDueBy, caseworkerId: d.caseworkerId,
      };
      return [integrationEvent(event, NEEDS_ASSESSMENT_REQUESTED_V1, data)];
    }
    default:
      return [];
  }
}

export const needsAssessmentPublication: Publication = {
  topic: NEEDS_ASSESSMENT_TOPIC,
  filter: { streamPrefixes: ['ehcna-'] },
  translate,
};
