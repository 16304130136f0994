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

export interface DecisionV1 {
  caseId: string;
  childId: string;
  decidedOn: string;
  /** Whether the decision met its statutory time limit (6 weeks to decide; 16 weeks not to issue). */
  withinStatutoryTime: boolean;
  /** Appealable decisions carry appeal and mediation rights (s.51, reg 32). */
  appealable: boolean;
}

export interface FinalPlanIssuedV1 {
  caseId: string;
  /** Added as an optional field (v1 kept): the human case reference, e.g. NA-2026-00042. */
  reference?: string;
  childId: string;
  issuedOn: string;
  receivedOn: string;
  namedSetting: { urn: string | null; name: string };
  withinStatutoryTime: boolean;
  /** Any reg 10(4) exception lifted the 20-week limit (reported separately). */
  excepted: boolean;
  caseworkerId: string | null;
  /**
   * Added as an optional field (v1 kept): the child's school-year cohort, when a date of birth is on
   * file — the academic year they are in Reception by age, and any year-group offset. Lets the
   * annual review work out year groups and phase transfers without a date of birth.
   */
  cohort?: { receptionYear: number; yearGroupOffset: number } | null;
}

export interface CaseClosedV1 {
  caseId: string;
  childId: string;
  closedOn: string;
  reason: 'withdrawn' | 'moved-to-another-authority' | 'died' | 'left-england' | 'other';
}

export interface LetterSentV1 {
  caseId: string;
  childId: string;
  letterId: string;
  kind: 'decision-to-assess' | 'refusal-to-assess' | 'decision-not-to-issue' | 'draft-plan' | 'final-plan';
  recipient: 'parent' | 'young-person';
  sentOn: string;
  appealRights: boolean;
}

const date = { type: 'string', format: 'date' } as const;
const caseId = { type: 'string', pattern: '^ehcna-[0-9a-f-]{36}$' } as const;
const person = { type: 'string', format: 'uuid' } as const;

const decisionSchema = (id: string) => ({
  $id: id, type: 'object', additionalProperties: true,
  required: ['caseId', 'childId', 'decidedOn', 'withinStatutoryTime', 'appealable'],
  properties: { caseId, childId: person, decidedOn: date, withinStatutoryTime: { type: 'boolean' }, appealable: { type: 'boolean' } },
}) as const;

export const decidedToAssessV1Schema = decisionSchema(DECIDED_TO_ASSESS_V1);
export const decidedNotToAssessV1Schema = decisionSchema(DECIDED_NOT_TO_ASSESS_V1);
export const decidedNotToIssuePlanV1Schema = decisionSchema(DECIDED_NOT_TO_ISSUE_PLAN_V1);

export const finalPlanIssuedV1Schema = {
  $id: FINAL_PLAN_ISSUED_V1, type: 'object', additionalProperties: true,
  required: ['caseId', 'childId', 'issuedOn', 'receivedOn', 'namedSetting', 'withinStatutoryTime', 'excepted', 'caseworkerId'],
  properties: {
    caseId, reference: { type: 'string' }, childId: person, issuedOn: date, receivedOn: date,
    namedSetting: { type: 'object', required: ['urn', 'name'], properties: { urn: { type: ['string', 'null'] }, name: { type: 'string', minLength: 1 } } },
    withinStatutoryTime: { type: 'boolean' }, excepted: { type: 'boolean' }, caseworkerId: { type: ['string', 'null'] },
    cohort: {
      oneOf: [
        { type: 'null' },
        { type: 'object', required: ['receptionYear', 'yearGroupOffset'], properties: { receptionYear: { type: 'integer' }, yearGroupOffset: { type: 'integer' } } },
      ],
    },
  },
} as const;

export const caseClosedV1Schema = {
  $id: CASE_CLOSED_V1, type: 'object', additionalProperties: true,
  required: ['caseId', 'childId', 'closedOn', 'reason'],
  properties: { caseId, childId: person, closedOn: date, reason: { enum: ['withdrawn', 'moved-to-another-authority', 'died', 'left-england', 'other'] } },
} as const;

export const letterSentV1Schema = {
  $id: LETTER_SENT_V1, type: 'object', additionalProperties: true,
  required: ['caseId', 'childId', 'letterId', 'kind', 'recipient', 'sentOn', 'appealRights'],
  properties: {
    caseId, childId: person, letterId: { type: 'string' },
    kind: { enum: ['decision-to-assess', 'refusal-to-assess', 'decision-not-to-issue', 'draft-plan', 'final-plan'] },
    recipient: { enum: ['parent', 'young-person'] }, sentOn: date, appealRights: { type: 'boolean' },
  },
} as const;

/**
 * A person's details were erased (UK GDPR art. 17) in the needs-assessment service. A service that
 * keeps a copy of them erases its copy. Carries the person id only.
 */
export const PERSONAL_DETAILS_ERASED_V1 = 'needs-assessment.PersonalDetailsErased.v1';
export interface PersonalDetailsErasedV1 { personId: string }
export const personalDetailsErasedV1Schema = {
  $id: PERSONAL_DETAILS_ERASED_V1, type: 'object', additionalProperties: true, required: ['personId'],
  properties: { personId: { type: 'string', format: 'uuid' } },
} as const;
