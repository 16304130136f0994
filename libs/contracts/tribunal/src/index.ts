import { Type, type Static, type TObject } from '@sinclair/typebox';
import { CalendarDate, Closed, Nullable, OneOf } from '@ehc/contracts/common';

/**
 * Published contract of the tribunal service (topic `tribunal.public.v1`, keyed by the appealable
 * decision): appeal windows, mediations, appeals and their outcomes for the performance meeting, and
 * the tribunal's orders for the services that must comply with them (reg 44). Dates are
 * Europe/London calendar dates; people appear only by id.
 */
export const TRIBUNAL_TOPIC = 'tribunal.public.v1';

export const APPEAL_WINDOW_OPENED_V1 = 'tribunal.AppealWindowOpened.v1';
export const MEDIATION_REQUESTED_V1 = 'tribunal.MediationRequested.v1';
export const MEDIATION_CERTIFICATE_ISSUED_V1 = 'tribunal.MediationCertificateIssued.v1';
export const APPEAL_REGISTERED_V1 = 'tribunal.AppealRegistered.v1';
export const APPEAL_CONCLUDED_V1 = 'tribunal.AppealConcluded.v1';
export const TRIBUNAL_ORDER_MADE_V1 = 'tribunal.TribunalOrderMade.v1';
export const ORDER_COMPLIED_WITH_V1 = 'tribunal.OrderCompliedWith.v1';
export const LETTER_SENT_V1 = 'tribunal.LetterSent.v1';

// Codes mirror the kernel's unions (s.51, reg 44): the translator is typed by these contracts, so a
// new domain value the contract lacks fails to compile instead of being published unannounced.

export const DECISION_TYPES = ['refusal-to-assess', 'decision-not-to-issue', 'final-plan', 'amended-plan', 'decision-not-to-amend', 'refusal-to-reassess', 'cease'] as const;
export const APPEAL_TYPES = ['refusal-to-assess', 'refusal-to-issue', 'contents', 'section-i-only', 'cease', 'refusal-to-amend', 'refusal-to-reassess'] as const;
export const ORDER_KINDS = [
  'assess-or-reassess', 'make-and-maintain-plan', 'amend-special-educational-provision', 'amend-section-i-only', 'amend-provision-and-section-i',
  'cease-decision-overturned', 'cease-appeal-dismissed',
] as const;
/** The steps of an order the LA must take, each with its reg 44 period. */
export const ORDER_STEPS = ['notify', 'decision-not-to-issue', 'final-plan', 'draft-plan', 'amended-plan', 'continue-maintaining', 'plan-ceased'] as const;
export const APPEAL_OUTCOMES = ['dismissed', 'allowed', 'allowed-in-part', 'remitted', 'withdrawn', 'conceded', 'consent-order'] as const;
export const SOURCE_SERVICES = ['needs-assessment', 'annual-review', 'before-the-hub'] as const;

export type DecisionTypeV1 = (typeof DECISION_TYPES)[number];
export type AppealTypeV1 = (typeof APPEAL_TYPES)[number];
export type OrderKindV1 = (typeof ORDER_KINDS)[number];
export type OrderStepV1 = (typeof ORDER_STEPS)[number];

const decisionRef = {
  decisionId: Type.String({ format: 'uuid', description: 'The appealable decision: the appeal window\'s id.' }),
  source: Closed({
    service: OneOf(SOURCE_SERVICES, { description: 'Where the decision was made: before-the-hub for a window opened by hand.' }),
    id: Type.String({ minLength: 1, maxLength: 100, description: 'The needs-assessment case id or the annual-review plan id (a uuid), or the LA\'s own reference for a decision before the hub.' }),
  }),
  childId: Nullable(Type.String({ format: 'uuid' })),
};

/**
 * How another service's contract names a tribunal order it complies with: the decision (the appeal
 * window) and the order within it, as `TribunalOrderMade.v1` gave them.
 */
export const orderReference = {
  decisionId: Type.String({ format: 'uuid', description: 'The appealable decision the order was made on (the tribunal\'s appeal window id).' }),
  orderId: Type.String({ pattern: '^order-[0-9]+$', description: 'The order, numbered within its decision.' }),
};

export const appealWindowOpenedV1Schema = Closed({
  ...decisionRef,
  decisionType: OneOf(DECISION_TYPES),
  letterOn: CalendarDate({ description: 'The day written notice of the decision was sent: the windows run from it.' }),
  mediationContactDueBy: CalendarDate({ description: 'reg 33: the family contacts the mediation adviser within 2 months of the letter.' }),
  appealDueBy: CalendarDate({ description: 'TR r.20 and r.12 without a certificate; a later certificate moves it.' }),
}, { $id: APPEAL_WINDOW_OPENED_V1 });
export type AppealWindowOpenedV1 = Static<typeof appealWindowOpenedV1Schema>;

export const mediationRequestedV1Schema = Closed({
  ...decisionRef,
  mediationId: Type.String({ format: 'uuid' }),
  requestedOn: CalendarDate(),
  wantsMediation: Type.Boolean({ description: 'false: the family wants a certificate only (reg 34).' }),
  healthInvolved: Type.Boolean(),
  withinContactWindow: Type.Boolean({ description: 'reg 33: within 2 months of the decision letter.' }),
}, { $id: MEDIATION_REQUESTED_V1 });
export type MediationRequestedV1 = Static<typeof mediationRequestedV1Schema>;

export const mediationCertificateIssuedV1Schema = Closed({
  ...decisionRef,
  mediationId: Type.String({ format: 'uuid' }),
  issuedOn: CalendarDate(),
  after: OneOf(['declined', 'mediation-ended', 'not-arranged', 'screening'], { description: 'What the certificate followed (regs 34, 37, 39).' }),
  mediationHeld: Type.Boolean(),
  mediationHeldWithin30Days: Nullable(Type.Boolean(), { description: 'reg 37: null when no mediation took place.' }),
  onTime: Type.Boolean({ description: 'Issued within 3 working days of what it followed.' }),
  appealDueBy: CalendarDate({ description: 'The appeal deadline once this certificate is counted.' }),
}, { $id: MEDIATION_CERTIFICATE_ISSUED_V1 });
export type MediationCertificateIssuedV1 = Static<typeof mediationCertificateIssuedV1Schema>;

export const appealRegisteredV1Schema = Closed({
  ...decisionRef,
  appealId: Type.String({ format: 'uuid' }),
  registeredOn: CalendarDate(),
  type: OneOf(APPEAL_TYPES),
  sections: Type.Array(OneOf(['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I']), { description: 'The sections appealed (B/F/I) or recommended on (C, D, G, H1, H2).' }),
  lateAppealAdmitted: Type.Boolean(),
  afterMediation: Type.Boolean({ description: 'A mediation took place about this decision before the appeal.' }),
  laResponseDueBy: CalendarDate(),
}, { $id: APPEAL_REGISTERED_V1 });
export type AppealRegisteredV1 = Static<typeof appealRegisteredV1Schema>;

export const appealConcludedV1Schema = Closed({
  ...decisionRef,
  appealId: Type.String({ format: 'uuid' }),
  type: OneOf(APPEAL_TYPES),
  registeredOn: CalendarDate(),
  concludedOn: CalendarDate(),
  outcome: OneOf(APPEAL_OUTCOMES, { description: 'conceded: the LA did not oppose (reg 45).' }),
  grounds: Type.Array(Closed({ section: OneOf(['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I']), outcome: OneOf(['upheld', 'not-upheld', 'recommendation-made']) })),
  orders: Type.Integer({ minimum: 0 }),
}, { $id: APPEAL_CONCLUDED_V1 });
export type AppealConcludedV1 = Static<typeof appealConcludedV1Schema>;

export const tribunalOrderMadeV1Schema = Closed({
  ...decisionRef,
  appealId: Type.String({ format: 'uuid' }),
  orderId: Type.String({ pattern: '^order-[0-9]+$', description: 'The order, numbered within its decision.' }),
  kind: OneOf(ORDER_KINDS),
  orderedOn: CalendarDate({ description: 'The order\'s date; under reg 45 the day the LA told the tribunal it would not oppose.' }),
  concession: Type.Boolean({ description: 'reg 45: the LA conceded; the reg 44 periods run from the concession.' }),
  amendmentOrdered: Type.Boolean({ description: 'A cease decision overturned with an amendment ordered too.' }),
  steps: Type.Array(Closed({ step: OneOf(ORDER_STEPS), dueBy: CalendarDate() }), { description: 'What the LA must do, and by when (reg 44(2)).' }),
}, { $id: TRIBUNAL_ORDER_MADE_V1, description: 'An order the LA must comply with: consumed by the service that holds the case or plan, which opens the ordered work on the reg 44 clock.' });
export type TribunalOrderMadeV1 = Static<typeof tribunalOrderMadeV1Schema>;

export const orderCompliedWithV1Schema = Closed({
  ...decisionRef,
  appealId: Type.String({ format: 'uuid' }),
  orderId: Type.String({ pattern: '^order-[0-9]+$' }),
  kind: OneOf(ORDER_KINDS),
  compliedOn: CalendarDate(),
  onTime: Type.Boolean(),
  excepted: Type.Boolean({ description: 'A reg 44(3) exception applied: reported apart.' }),
}, { $id: ORDER_COMPLIED_WITH_V1 });
export type OrderCompliedWithV1 = Static<typeof orderCompliedWithV1Schema>;

export const letterSentV1Schema = Closed({
  ...decisionRef,
  letterId: Type.String({ pattern: '^letter-[0-9]+$' }),
  kind: OneOf(['mediation-arranged', 'recommendations-response', 'compliance-confirmed']),
  recipient: OneOf(['parent', 'young-person']),
  sentOn: CalendarDate(),
}, { $id: LETTER_SENT_V1 });
export type LetterSentV1 = Static<typeof letterSentV1Schema>;

/** Every published type with the JSON Schema of its `data` (closed: `additionalProperties: false`, `$id` = the type). */
export const tribunalSchemas: Readonly<Record<string, TObject>> = {
  [APPEAL_WINDOW_OPENED_V1]: appealWindowOpenedV1Schema,
  [MEDIATION_REQUESTED_V1]: mediationRequestedV1Schema,
  [MEDIATION_CERTIFICATE_ISSUED_V1]: mediationCertificateIssuedV1Schema,
  [APPEAL_REGISTERED_V1]: appealRegisteredV1Schema,
  [APPEAL_CONCLUDED_V1]: appealConcludedV1Schema,
  [TRIBUNAL_ORDER_MADE_V1]: tribunalOrderMadeV1Schema,
  [ORDER_COMPLIED_WITH_V1]: orderCompliedWithV1Schema,
  [LETTER_SENT_V1]: letterSentV1Schema,
};
