import { Type, type Static, type TObject } from '@sinclair/typebox';
import { CalendarDate, Closed, Nullable, OneOf } from '@ehc/contracts/common';
import { orderReference, type OrderStepV1 } from '@ehc/contracts/tribunal';

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
export const TRIBUNAL_ORDER_STEP_COMPLETED_V1 = 'annual-review.TribunalOrderStepCompleted.v1';
export const DUAL_REGISTRATION_AGREED_V1 = 'annual-review.DualRegistrationAgreed.v1';
export const PROVISION_FORM_SUBMITTED_V1 = 'annual-review.ProvisionFormSubmitted.v1';
export const DUAL_REGISTRATION_ENDED_V1 = 'annual-review.DualRegistrationEnded.v1';

// Codes mirror the service's domain unions: the translators are typed by these contracts, so a new
// domain value that the contract lacks fails to compile instead of being published unannounced.

const SettingSchema = Closed({
  urn: Nullable(Type.String({ maxLength: 20 }), { description: 'URN or UKPRN, when the setting has one.' }),
  // the one name a contract carries: an institution's, never a person's
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: OneOf([
    'mainstream', 'resourced-provision', 'special', 'independent-special', 'alternative-provision', 'further-education', 'early-years',
    'otherwise-than-at-school', 'other',
  ], { description: 'resourced-provision: a mainstream school with a resourced provision or SEN unit.' }),
  phase: OneOf(['early-years', 'primary', 'middle', 'secondary', 'all-through', 'post-16', 'not-applicable']),
}, { description: 'The setting named in section I of the plan.' });
export type SettingV1 = Static<typeof SettingSchema>;

const planRef = {
  planId: Type.String({ pattern: '^annualReview-[0-9a-f-]{36}$', description: 'The plan: the annual review stream id.' }),
  childId: Type.String({ format: 'uuid' }),
};

const CeaseReason = OneOf([
  'no-longer-responsible-moved', 'max-age', 'higher-education', 'paid-employment', 'disengaged-18-plus', 'no-longer-necessary',
], { description: 's.45 and reg 29: the only grounds on which the LA may cease to maintain a plan.' });

export const reviewDecisionMadeV1Schema = Closed({
  ...planRef,
  outcome: OneOf(['maintain', 'amend', 'cease'], { description: 'reg 20(10)' }),
  decidedOn: CalendarDate(),
  withinStatutoryTime: Type.Boolean({ description: 'reg 20(10): decided within 4 weeks of the meeting.' }),
  reviewWithinTwelveMonths: Type.Boolean({ description: 's.44: the review completed within 12 months.' }),
  nextReviewDueBy: CalendarDate(),
  appealable: Type.Boolean({ description: 's.51: maintaining without amending, and ceasing, are appealable; a decision to amend is not (yet).' }),
}, { $id: REVIEW_DECISION_MADE_V1 });
export type ReviewDecisionMadeV1 = Static<typeof reviewDecisionMadeV1Schema>;

export const amendedPlanIssuedV1Schema = Closed({
  ...planRef,
  issuedOn: CalendarDate(),
  namedSetting: SettingSchema,
  withinStatutoryTime: Type.Boolean({ description: 'reg 22(3): within 8 weeks of the amendment notice.' }),
  phaseTransfer: Nullable(Closed({
    kind: OneOf(['early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary', 'secondary-to-post-16']),
    transferYear: Type.Integer({ description: 'The calendar year the child or young person moves.' }),
    deadline: CalendarDate({ description: 'The last lawful day: before 15 February (before 31 March into post-16).' }),
    met: Type.Boolean(),
  }), { description: 'reg 18(1): a transfer between phases, reviewed and amended by its deadline.' }),
  // added in place as an optional field, so v1 was kept (STYLE §5)
  post16Transfer: Type.Optional(Nullable(Closed({
    transferOn: CalendarDate(),
    deadline: CalendarDate({ description: 'At least five months before the transfer: its last lawful day.' }),
    met: Type.Boolean(),
  }), { description: 'reg 18(2): a move between post-16 institutions at another time, amended at least five months before it.' })),
  appealable: Type.Literal(true, { description: 'Sections B, F and I of an amended plan are appealable (s.51).' }),
}, { $id: AMENDED_PLAN_ISSUED_V1 });
export type AmendedPlanIssuedV1 = Static<typeof amendedPlanIssuedV1Schema>;

export const decidedNotToAmendV1Schema = Closed({
  ...planRef,
  decidedOn: CalendarDate(),
  withinStatutoryTime: Type.Boolean(),
  appealable: Type.Literal(true, { description: 's.51: a decision not to amend after a review is appealable.' }),
}, { $id: DECIDED_NOT_TO_AMEND_V1 });
export type DecidedNotToAmendV1 = Static<typeof decidedNotToAmendV1Schema>;

export const ceaseDecisionMadeV1Schema = Closed({
  ...planRef,
  reason: CeaseReason,
  decidedOn: CalendarDate(),
  appealWindowEndsOn: CalendarDate(),
  appealable: Type.Literal(true),
}, { $id: CEASE_DECISION_MADE_V1 });
export type CeaseDecisionMadeV1 = Static<typeof ceaseDecisionMadeV1Schema>;

export const planCeasedV1Schema = Closed({
  ...planRef,
  ceasedOn: CalendarDate(),
  reason: CeaseReason,
  appeal: OneOf(['none', 'dismissed', 'withdrawn']),
}, { $id: PLAN_CEASED_V1 });
export type PlanCeasedV1 = Static<typeof planCeasedV1Schema>;

export const letterSentV1Schema = Closed({
  ...planRef,
  letterId: Type.String({ pattern: '^letter-[0-9]+$' }),
  kind: OneOf([
    'decision-to-maintain', 'decision-to-amend', 'amendment-notice', 'amended-plan', 'decision-not-to-amend', 'cease-considered',
    'decision-not-to-cease', 'cease-decision',
  ]),
  recipient: OneOf(['parent', 'young-person']),
  sentOn: CalendarDate(),
  appealRights: Type.Boolean(),
}, { $id: LETTER_SENT_V1 });
export type LetterSentV1 = Static<typeof letterSentV1Schema>;

/** The steps of an order (the tribunal contract's ORDER_STEPS) a plan completes: reg 44(2)(d)-(h), domain §3.4. */
export const PLAN_ORDER_STEPS = ['amended-plan', 'continue-maintaining', 'plan-ceased'] as const satisfies readonly OrderStepV1[];

/**
 * A step of a tribunal order (`tribunal.TribunalOrderMade.v1`) done on the plan: the amended plan
 * issued, the plan maintained after a cease decision was overturned (on the order's date), the plan
 * ceased after the appeal against ceasing was dismissed. The tribunal service closes the step's
 * compliance deadline from it.
 */
export const tribunalOrderStepCompletedV1Schema = Closed({
  ...planRef,
  ...orderReference,
  step: OneOf(PLAN_ORDER_STEPS),
  completedOn: CalendarDate({ description: 'The day the step was done: the amended plan issued, the plan maintained or ceased.' }),
}, {
  $id: TRIBUNAL_ORDER_STEP_COMPLETED_V1,
  description: 'A step of a tribunal order done on an EHC plan (reg 44(2)): for the tribunal service\'s compliance deadline.',
});
export type TribunalOrderStepCompletedV1 = Static<typeof tribunalOrderStepCompletedV1Schema>;

const dualRegistrationRef = {
  ...planRef,
  dualRegistrationId: Type.String({ pattern: '^dual-registration-[0-9]+$', description: 'The dual registration, numbered within its plan.' }),
};

export const dualRegistrationAgreedV1Schema = Closed({
  ...dualRegistrationRef,
  special: Closed({ urn: Nullable(Type.String({ maxLength: 20 })), name: Type.String({ minLength: 1, maxLength: 200 }) }, { description: 'The special school the pupil stays registered at.' }),
  mainstream: Closed({ urn: Nullable(Type.String({ maxLength: 20 })), name: Type.String({ minLength: 1, maxLength: 200 }) }, { description: 'The mainstream school.' }),
  agreedOn: CalendarDate(),
  startOn: CalendarDate({ description: 'The first day at the mainstream school.' }),
  split: Nullable(Closed({ specialSessions: Type.Integer({ minimum: 0, maximum: 10 }), mainstreamSessions: Type.Integer({ minimum: 0, maximum: 10 }) }), {
    description: 'Half-day sessions a week at each school, when agreed (the local protocol gives no default).',
  }),
}, { $id: DUAL_REGISTRATION_AGREED_V1, description: 'A special school pupil\'s dual registration with a mainstream school was agreed (local transition protocol).' });
export type DualRegistrationAgreedV1 = Static<typeof dualRegistrationAgreedV1Schema>;

export const provisionFormSubmittedV1Schema = Closed({ ...dualRegistrationRef, submittedOn: CalendarDate() }, {
  $id: PROVISION_FORM_SUBMITTED_V1, description: 'The dual registration\'s provision form: it releases funding to the mainstream school from its date.',
});
export type ProvisionFormSubmittedV1 = Static<typeof provisionFormSubmittedV1Schema>;

export const dualRegistrationEndedV1Schema = Closed({ ...dualRegistrationRef, endedOn: CalendarDate(), outcome: OneOf(['success', 'failure']) }, {
  $id: DUAL_REGISTRATION_ENDED_V1, description: 'The dual registration ended at the annual review: success (single registration) or failure.',
});
export type DualRegistrationEndedV1 = Static<typeof dualRegistrationEndedV1Schema>;

/** Every published type with the JSON Schema of its `data` (closed: `additionalProperties: false`, `$id` = the type). */
export const annualReviewSchemas: Readonly<Record<string, TObject>> = {
  [REVIEW_DECISION_MADE_V1]: reviewDecisionMadeV1Schema,
  [AMENDED_PLAN_ISSUED_V1]: amendedPlanIssuedV1Schema,
  [DECIDED_NOT_TO_AMEND_V1]: decidedNotToAmendV1Schema,
  [CEASE_DECISION_MADE_V1]: ceaseDecisionMadeV1Schema,
  [PLAN_CEASED_V1]: planCeasedV1Schema,
  [LETTER_SENT_V1]: letterSentV1Schema,
  [TRIBUNAL_ORDER_STEP_COMPLETED_V1]: tribunalOrderStepCompletedV1Schema,
  [DUAL_REGISTRATION_AGREED_V1]: dualRegistrationAgreedV1Schema,
  [PROVISION_FORM_SUBMITTED_V1]: provisionFormSubmittedV1Schema,
  [DUAL_REGISTRATION_ENDED_V1]: dualRegistrationEndedV1Schema,
};
