import type { Static } from '@sinclair/typebox';
import { CalendarDate, Closed, Nullable, OneOf } from '@ehc/contracts/common';
import { CaseId, CaseReference, CaseworkerId, PersonId } from './ids';

/**
 * Published when a request for an EHC needs assessment is recorded (Act s.36). Day 0 of every
 * statutory clock is `receivedOn`. The child or young person is named only by person id: their
 * details stay in the needs-assessment service, erasable without rewriting history.
 */
export const NEEDS_ASSESSMENT_REQUESTED_V1 = 'needs-assessment.NeedsAssessmentRequested.v1';

export const REQUESTERS = [
  'parent', 'young-person', 'early-years-setting', 'school', 'post-16-institution',
  'health-professional', 'social-care-professional', 'other-professional',
] as const;

const RequesterSchema = OneOf(REQUESTERS);
export type Requester = Static<typeof RequesterSchema>;

export const needsAssessmentRequestedV1Schema = Closed({
  caseId: CaseId,
  reference: CaseReference,
  childId: PersonId({ description: 'Person id of the child or young person.' }),
  requestedBy: RequesterSchema,
  receivedOn: CalendarDate({ description: 'The Europe/London calendar date the LA received the request: day 0 of every statutory clock.' }),
  decisionToAssessDueBy: CalendarDate({ description: 'reg 5(1): 6 weeks from receipt.' }),
  caseworkerId: Nullable(CaseworkerId, { description: 'Caseworker user id, or null while unassigned.' }),
}, { $id: NEEDS_ASSESSMENT_REQUESTED_V1 });

export type NeedsAssessmentRequestedV1 = Static<typeof needsAssessmentRequestedV1Schema>;
