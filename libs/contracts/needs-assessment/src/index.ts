/** Published contract of the needs-assessment service: topic, event types, JSON Schemas, fixtures. */
export const NEEDS_ASSESSMENT_TOPIC = 'needs-assessment.public.v1';
export * from './needs-assessment-requested.v1';
import { NEEDS_ASSESSMENT_REQUESTED_V1, needsAssessmentRequestedV1Schema } from './needs-assessment-requested.v1';

/** Every published type with the JSON Schema of its `data`. */
export const needsAssessmentSchemas = {
  [NEEDS_ASSESSMENT_REQUESTED_V1]: needsAssessmentRequestedV1Schema,
} as const;
