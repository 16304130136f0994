/**
 * Published when a request for an EHC needs assessment is recorded (Act s.36). Day 0 of every
 * statutory clock is `receivedOn`. The child or young person is named only by person id: their
 * details stay in the needs-assessment service, erasable without rewriting history.
 */
export const NEEDS_ASSESSMENT_REQUESTED_V1 = 'needs-assessment.NeedsAssessmentRequested.v1';

export type Requester =
  | 'parent'
  | 'young-person'
  | 'early-years-setting'
  | 'school'
  | 'post-16-institution'
  | 'health-professional'
  | 'social-care-professional'
  | 'other-professional';

export const REQUESTERS: readonly Requester[] = [
  'parent', 'young-person', 'early-years-setting', 'school', 'post-16-institution',
  'health-professional', 'social-care-professional', 'other-professional',
];

export interface NeedsAssessmentRequestedV1 {
  /** The case: the needs-assessment stream id. */
  caseId: string;
  /** Human case reference, e.g. NA-2026-00042. */
  reference: string;
  /** Person id of the child or young person. */
  childId: string;
  requestedBy: Requester;
  /** Europe/London calendar date the LA received the request (YYYY-MM-DD). */
  receivedOn: string;
  /** reg 5(1): 6 weeks from receipt. */
  decisionToAssessDueBy: string;
  /** Caseworker user id, or null while unassigned. */
  caseworkerId: string | null;
}

export const needsAssessmentRequestedV1Schema = {
  $id: NEEDS_ASSESSMENT_REQUESTED_V1,
  type: 'object',
  additionalProperties: true,
  required: ['caseId', 'reference', 'childId', 'requestedBy', 'receivedOn', 'decisionToAssessDueBy', 'caseworkerId'],
  properties: {
    caseId: { type: 'string', pattern: '^ehcna-[0-9a-f-]{36}$' },
    reference: { type: 'string', minLength: 1 },
    childId: { type: 'string', format: 'uuid' },
    requestedBy: { enum: [...REQUESTERS] },
    receivedOn: { type: 'string', format: 'date' },
    decisionToAssessDueBy: { type: 'string', format: 'date' },
    caseworkerId: { type: ['string', 'null'] },
  },
} as const;
