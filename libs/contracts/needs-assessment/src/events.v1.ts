import { Type, type Static } from '@sinclair/typebox';
import { CalendarDate, Closed, Nullable, OneOf } from '@ehc/contracts/common';
import { CaseId, CaseReference, CaseworkerId, LetterId, PersonId } from './ids';

/**
 * The rest of the needs-assessment service's published contract (v1). Each is keyed by the case
 * (`subject`), carries dates as Europe/London calendar dates, and names people only by id.
 */
export const DECIDED_TO_ASSESS_V1 = 'needs-assessment.DecidedToAssess.v1';
export const DECIDED_NOT_TO_ASSESS_V1 = 'needs-assessment.DecidedNotToAssess.v1';
export const DECIDED_NOT_TO_ISSUE_PLAN_V1 = 'needs-assessment.DecidedNotToIssuePlan.v1';
export const FINAL_PLAN_ISSUED_V1 = 'needs-assessment.FinalPlanIssued.v1';
export const CASE_CLOSED_V1 = 'needs-assessment.CaseClosed.v1';
export const LETTER_SENT_V1 = 'needs-assessment.LetterSent.v1';
export const PERSONAL_DETAILS_ERASED_V1 = 'needs-assessment.PersonalDetailsErased.v1';

const decision = ($id: string) => Closed({
  caseId: CaseId,
  childId: PersonId(),
  decidedOn: CalendarDate(),
  withinStatutoryTime: Type.Boolean({ description: 'Whether the decision met its statutory time limit (6 weeks to decide; 16 weeks not to issue).' }),
  appealable: Type.Boolean({ description: 'Appealable decisions carry appeal and mediation rights (s.51, reg 32).' }),
}, { $id });

export const decidedToAssessV1Schema = decision(DECIDED_TO_ASSESS_V1);
export const decidedNotToAssessV1Schema = decision(DECIDED_NOT_TO_ASSESS_V1);
export const decidedNotToIssuePlanV1Schema = decision(DECIDED_NOT_TO_ISSUE_PLAN_V1);
/** The decision whether to assess (reg 5), and a decision not to issue a plan (reg 10). */
export type DecisionV1 = Static<typeof decidedToAssessV1Schema>;

export const finalPlanIssuedV1Schema = Closed({
  caseId: CaseId,
  reference: Type.Optional(CaseReference),
  childId: PersonId(),
  issuedOn: CalendarDate(),
  receivedOn: CalendarDate(),
  namedSetting: Closed({
    urn: Nullable(Type.String({ maxLength: 20 }), { description: 'URN or UKPRN, when the setting has one.' }),
    // the one name a contract carries: an institution's, never a person's
    name: Type.String({ minLength: 1, maxLength: 200 }),
  }, { description: 'The setting named in section I of the plan.' }),
  withinStatutoryTime: Type.Boolean({ description: 'reg 13(2): issued within 20 weeks of the request.' }),
  excepted: Type.Boolean({ description: 'Any reg 10(4) exception lifted the 20-week limit (reported separately).' }),
  caseworkerId: Nullable(CaseworkerId),
  cohort: Type.Optional(Nullable(Closed({
    receptionYear: Type.Integer({ description: 'The academic year (by the calendar year it starts in) in which the child is in Reception by age.' }),
    yearGroupOffset: Type.Integer({ description: 'Any year-group offset, for a child taught outside their year group.' }),
  }), {
    description: 'The child\'s school-year cohort, when a date of birth is on file: lets the annual review work out year groups and phase transfers without a date of birth.',
  })),
}, {
  $id: FINAL_PLAN_ISSUED_V1,
  // `reference` and `cohort` were added as optional fields, so v1 was kept (STYLE §5)
  description: 'A final EHC plan was issued: it enters the annual review cycle.',
});
export type FinalPlanIssuedV1 = Static<typeof finalPlanIssuedV1Schema>;

export const caseClosedV1Schema = Closed({
  caseId: CaseId,
  childId: PersonId(),
  closedOn: CalendarDate(),
  reason: OneOf(['withdrawn', 'moved-to-another-authority', 'died', 'left-england', 'other']),
}, { $id: CASE_CLOSED_V1 });
export type CaseClosedV1 = Static<typeof caseClosedV1Schema>;

export const letterSentV1Schema = Closed({
  caseId: CaseId,
  childId: PersonId(),
  letterId: LetterId,
  kind: OneOf(['decision-to-assess', 'refusal-to-assess', 'decision-not-to-issue', 'draft-plan', 'final-plan']),
  recipient: OneOf(['parent', 'young-person']),
  sentOn: CalendarDate(),
  appealRights: Type.Boolean(),
}, { $id: LETTER_SENT_V1 });
export type LetterSentV1 = Static<typeof letterSentV1Schema>;

/**
 * A person's details were erased (UK GDPR art. 17) in the needs-assessment service. A service that
 * keeps a copy of them erases its copy. Carries the person id only.
 */
export const personalDetailsErasedV1Schema = Closed({ personId: PersonId() }, { $id: PERSONAL_DETAILS_ERASED_V1 });
export type PersonalDetailsErasedV1 = Static<typeof personalDetailsErasedV1Schema>;
