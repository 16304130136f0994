/**
 * Published contract of the annual review service (topic `annual-review.public.v1`, keyed by plan):
 * the appealable decisions the tribunal service needs, and the plan changes funding needs. Dates are
 * Europe/London calendar dates; people appear only by id.
 */
export const ANNUAL_REVIEW_TOPIC = 'annual-review.public.v1';

export const REVIEW_DECISION_MADE_V1 = 'annual-review.ReviewDecisionMade.v1';
export const AMENDED_PLAN_ISSUED_V1 = 'annual-review.AmendedPlanIssued.v1';
export const DECIDED_NOT_TO_AMEND_V1 = 'annual-review.DecidedNotToAmend.v1';
export const CEASE_DECISION_MADE_V1 = 'annual-review.CeaseDecisionMade.v1';
export const PLAN_CEASED_V1 = 'annual-review.PlanCeased.v1';
export const LETTER_SENT_V1 = 'annual-review.LetterSent.v1';

export interface SettingV1 { urn: string | null; name: string; type: string; phase: string }

interface PlanRef {
  /** The plan: the annual review stream id. */
  planId: string;
  childId: string;
}

export interface ReviewDecisionMadeV1 extends PlanRef {
  outcome: 'maintain' | 'amend' | 'cease';
  decidedOn: string;
  /** reg 20(10): decided within 4 weeks of the meeting. */
  withinStatutoryTime: boolean;
  /** s.44: the review completed within 12 months. */
  reviewWithinTwelveMonths: boolean;
  nextReviewDueBy: string;
  /** s.51: maintaining without amending, and ceasing, are appealable; a decision to amend is not (yet). */
  appealable: boolean;
}

export interface AmendedPlanIssuedV1 extends PlanRef {
  issuedOn: string;
  namedSetting: SettingV1;
  /** reg 22(3): within 8 weeks of the amendment notice. */
  withinStatutoryTime: boolean;
  /** reg 18(1): `deadline` is the last lawful day, before 15 February (31 March into post-16). */
  phaseTransfer: { kind: string; transferYear: number; deadline: string; met: boolean } | null;
  /** reg 18(2): a move between post-16 institutions at another time, amended at least five months before it (added in place: optional). */
  post16Transfer?: { transferOn: string; deadline: string; met: boolean } | null;
  /** Sections B, F and I of an amended plan are appealable (s.51). */
  appealable: true;
}

export interface DecidedNotToAmendV1 extends PlanRef { decidedOn: string; withinStatutoryTime: boolean; appealable: true }
export interface CeaseDecisionMadeV1 extends PlanRef { reason: string; decidedOn: string; appealWindowEndsOn: string; appealable: true }
export interface PlanCeasedV1 extends PlanRef { ceasedOn: string; reason: string; appeal: 'none' | 'dismissed' | 'withdrawn' }
export interface LetterSentV1 extends PlanRef { letterId: string; kind: string; recipient: 'parent' | 'young-person'; sentOn: string; appealRights: boolean }

const date = { type: 'string', format: 'date' } as const;
const ref = { planId: { type: 'string', pattern: '^annualReview-[0-9a-f-]{36}$' }, childId: { type: 'string', format: 'uuid' } } as const;
const setting = { type: 'object', required: ['urn', 'name', 'type', 'phase'], properties: { urn: { type: ['string', 'null'] }, name: { type: 'string' }, type: { type: 'string' }, phase: { type: 'string' } } } as const;
const schema = (id: string, required: string[], properties: Record<string, unknown>) =>
  ({ $id: id, type: 'object', additionalProperties: true, required: ['planId', 'childId', ...required], properties: { ...ref, ...properties } });

/** Every published type with the JSON Schema of its `data`. */
export const annualReviewSchemas: Record<string, object> = {
  [REVIEW_DECISION_MADE_V1]: schema(REVIEW_DECISION_MADE_V1, ['outcome', 'decidedOn', 'withinStatutoryTime', 'reviewWithinTwelveMonths', 'nextReviewDueBy', 'appealable'], {
    outcome: { enum: ['maintain', 'amend', 'cease'] }, decidedOn: date, withinStatutoryTime: { type: 'boolean' }, reviewWithinTwelveMonths: { type: 'boolean' }, nextReviewDueBy: date, appealable: { type: 'boolean' },
  }),
  [AMENDED_PLAN_ISSUED_V1]: schema(AMENDED_PLAN_ISSUED_V1, ['issuedOn', 'namedSetting', 'withinStatutoryTime', 'phaseTransfer', 'appealable'], {
    issuedOn: date, namedSetting: setting, withinStatutoryTime: { type: 'boolean' }, appealable: { const: true },
    phaseTransfer: { oneOf: [{ type: 'null' }, { type: 'object', required: ['kind', 'transferYear', 'deadline', 'met'], properties: { kind: { type: 'string' }, transferYear: { type: 'integer' }, deadline: date, met: { type: 'boolean' } } }] },
    post16Transfer: { oneOf: [{ type: 'null' }, { type: 'object', required: ['transferOn', 'deadline', 'met'], properties: { transferOn: date, deadline: date, met: { type: 'boolean' } } }] },
  }),
  [DECIDED_NOT_TO_AMEND_V1]: schema(DECIDED_NOT_TO_AMEND_V1, ['decidedOn', 'withinStatutoryTime', 'appealable'], { decidedOn: date, withinStatutoryTime: { type: 'boolean' }, appealable: { const: true } }),
  [CEASE_DECISION_MADE_V1]: schema(CEASE_DECISION_MADE_V1, ['reason', 'decidedOn', 'appealWindowEndsOn', 'appealable'], { reason: { type: 'string' }, decidedOn: date, appealWindowEndsOn: date, appealable: { const: true } }),
  [PLAN_CEASED_V1]: schema(PLAN_CEASED_V1, ['ceasedOn', 'reason', 'appeal'], { ceasedOn: date, reason: { type: 'string' }, appeal: { enum: ['none', 'dismissed', 'withdrawn'] } }),
  [LETTER_SENT_V1]: schema(LETTER_SENT_V1, ['letterId', 'kind', 'recipient', 'sentOn', 'appealRights'], {
    letterId: { type: 'string' }, kind: { type: 'string' }, recipient: { enum: ['parent', 'young-person'] }, sentOn: date, appealRights: { type: 'boolean' },
  }),
};
