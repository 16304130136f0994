import type { TObject } from '@sinclair/typebox';
import { NEEDS_ASSESSMENT_REQUESTED_V1, needsAssessmentRequestedV1Schema } from './needs-assessment-requested.v1';
import {
  CASE_CLOSED_V1, caseClosedV1Schema, DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, DECIDED_TO_ASSESS_V1, decidedNotToAssessV1Schema,
  decidedNotToIssuePlanV1Schema, decidedToAssessV1Schema, FINAL_PLAN_ISSUED_V1, finalPlanIssuedV1Schema, LETTER_SENT_V1, letterSentV1Schema,
  PERSONAL_DETAILS_ERASED_V1, personalDetailsErasedV1Schema,
} from './events.v1';
import { TRIBUNAL_ORDER_STEP_COMPLETED_V1, tribunalOrderStepCompletedV1Schema } from './tribunal-order-step-completed.v1';

/** Published contract of the needs-assessment service: topic, event types, JSON Schemas, fixtures. */
export const NEEDS_ASSESSMENT_TOPIC = 'needs-assessment.public.v1';

/** A published `caseId` is the case's stream, `ehcna-<uuid>`; the uuid is the case's id in the API. */
export const caseUuidOf = (caseId: string): string => caseId.replace(/^ehcna-/, '');
export * from './needs-assessment-requested.v1';
export * from './events.v1';
export * from './tribunal-order-step-completed.v1';

/** Every published type with the JSON Schema of its `data` (closed: `additionalProperties: false`, `$id` = the type). */
export const needsAssessmentSchemas: Readonly<Record<string, TObject>> = {
  [NEEDS_ASSESSMENT_REQUESTED_V1]: needsAssessmentRequestedV1Schema,
  [DECIDED_TO_ASSESS_V1]: decidedToAssessV1Schema,
  [DECIDED_NOT_TO_ASSESS_V1]: decidedNotToAssessV1Schema,
  [DECIDED_NOT_TO_ISSUE_PLAN_V1]: decidedNotToIssuePlanV1Schema,
  [FINAL_PLAN_ISSUED_V1]: finalPlanIssuedV1Schema,
  [CASE_CLOSED_V1]: caseClosedV1Schema,
  [LETTER_SENT_V1]: letterSentV1Schema,
  [PERSONAL_DETAILS_ERASED_V1]: personalDetailsErasedV1Schema,
  [TRIBUNAL_ORDER_STEP_COMPLETED_V1]: tribunalOrderStepCompletedV1Schema,
};
