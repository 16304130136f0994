import type { EntityManager } from 'typeorm';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import {
  NEEDS_ASSESSMENT_REQUESTED_V1, NEEDS_ASSESSMENT_TOPIC, type NeedsAssessmentRequestedV1,
} from '@ehc/contracts/needs-assessment';
import { AssessmentRequest } from './assessment-request.entity';

export const ASSESSMENT_REQUESTS_CONSUMER = 'needs-assessment.assessment-requests';

/** Builds `assessment_requests` from the published events: through Kafka, or in-process when embedded. */
export const assessmentRequestsProjection: IntegrationEventHandler = {
  consumer: ASSESSMENT_REQUESTS_CONSUMER,
  topics: [NEEDS_ASSESSMENT_TOPIC],
  types: [NEEDS_ASSESSMENT_REQUESTED_V1],
  async handle(event: IntegrationEvent, tx: EntityManager) {
    if (event.type === NEEDS_ASSESSMENT_REQUESTED_V1) {
      const d = event.data as NeedsAssessmentRequestedV1;
      await tx.getRepository(AssessmentRequest).upsert({
        caseId: d.caseId, reference: d.reference, childId: d.childId, requestedBy: d.requestedBy, receivedOn: d.receivedOn,
        decisionToAssessDueBy: d.decisionToAssessDueBy, caseworkerId: d.caseworkerId, status: 'awaiting-decision',
        sourcePosition: event.sourcePosition,
      }, ['caseId']);
    }
  },
};
