import type { EntityManager } from 'typeorm';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import {
  CASE_CLOSED_V1, DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, DECIDED_TO_ASSESS_V1, FINAL_PLAN_ISSUED_V1,
  NEEDS_ASSESSMENT_REQUESTED_V1, NEEDS_ASSESSMENT_TOPIC,
  type CaseClosedV1, type DecisionV1, type FinalPlanIssuedV1, type NeedsAssessmentRequestedV1,
} from '@ehc/contracts/needs-assessment';
import { AssessmentRequest } from './assessment-request.entity';

export const ASSESSMENT_REQUESTS_CONSUMER = 'needs-assessment.assessment-requests';

/**
 * "Which requests have we received, and what became of each?" — built from the published events,
 * through Kafka in distributed mode and in-process when embedded, as the performance reports will be.
 */
export const assessmentRequestsProjection: IntegrationEventHandler = {
  consumer: ASSESSMENT_REQUESTS_CONSUMER,
  topics: [NEEDS_ASSESSMENT_TOPIC],
  types: [NEEDS_ASSESSMENT_REQUESTED_V1, DECIDED_TO_ASSESS_V1, DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, FINAL_PLAN_ISSUED_V1, CASE_CLOSED_V1],
  async handle(event: IntegrationEvent, tx: EntityManager) {
    const requests = tx.getRepository(AssessmentRequest);
    if (event.type === NEEDS_ASSESSMENT_REQUESTED_V1) {
      const d = event.data as NeedsAssessmentRequestedV1;
      await requests.upsert({
        caseId: d.caseId, reference: d.reference, childId: d.childId, requestedBy: d.requestedBy, receivedOn: d.receivedOn,
        decisionToAssessDueBy: d.decisionToAssessDueBy, caseworkerId: d.caseworkerId, status: 'awaiting-decision',
        sourcePosition: event.sourcePosition,
      }, ['caseId']);
      return;
    }
    // one case's events arrive in order (keyed by case), so each later fact updates the request's row
    const status = {
      [DECIDED_TO_ASSESS_V1]: 'assessing',
      [DECIDED_NOT_TO_ASSESS_V1]: 'refused',
      [DECIDED_NOT_TO_ISSUE_PLAN_V1]: 'no-plan',
      [FINAL_PLAN_ISSUED_V1]: 'plan-issued',
      [CASE_CLOSED_V1]: (event.data as CaseClosedV1).reason === 'withdrawn' ? 'withdrawn' : 'closed',
    }[event.type];
    const outcomeOn = (event.data as DecisionV1).decidedOn ?? (event.data as FinalPlanIssuedV1).issuedOn ?? (event.data as CaseClosedV1).closedOn;
    await requests.update({ caseId: event.subject }, { status, outcomeOn, sourcePosition: event.sourcePosition });
  },
};
