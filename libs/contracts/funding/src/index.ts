import { Type, type Static, type TObject } from '@sinclair/typebox';
import { CalendarDate, Closed, Nullable, OneOf } from '@ehc/contracts/common';

/**
 * Published contract of the funding service (topic `funding.public.v1`): what finance receives.
 * Keyed by the plan (EY inclusion funding by its application, EOTAS by its package), with effective
 * dates and no personal details: a child appears by id only, settings and providers by URN/UKPRN.
 * Money is integer pence; financial years are labelled `2026-27` (1 April–31 March).
 */
export const FUNDING_TOPIC = 'funding.public.v1';

export const COMMITMENT_CHANGED_V1 = 'funding.CommitmentChanged.v1';
export const SCHEDULE_CHANGED_V1 = 'funding.ScheduleChanged.v1';
export const PERSONAL_BUDGET_AGREED_V1 = 'funding.PersonalBudgetAgreed.v1';
export const DIRECT_PAYMENT_STARTED_V1 = 'funding.DirectPaymentStarted.v1';
export const DIRECT_PAYMENT_STOPPED_V1 = 'funding.DirectPaymentStopped.v1';
export const EY_INCLUSION_FUNDING_APPROVED_V1 = 'funding.EyInclusionFundingApproved.v1';
export const EY_INCLUSION_FUNDING_PAID_V1 = 'funding.EyInclusionFundingPaid.v1';
export const EY_INCLUSION_FUNDING_CLAWED_BACK_V1 = 'funding.EyInclusionFundingClawedBack.v1';
export const EOTAS_PACKAGE_APPROVED_V1 = 'funding.EotasPackageApproved.v1';
export const EOTAS_PACKAGE_ENDED_V1 = 'funding.EotasPackageEnded.v1';

export const SETTING_TYPES = [
  'mainstream', 'resourced-provision', 'special', 'independent-special', 'alternative-provision', 'further-education', 'early-years',
  'otherwise-than-at-school', 'other',
] as const;
export type SettingTypeV1 = (typeof SETTING_TYPES)[number];
export const COMMITMENT_CAUSES = ['top-up-agreed', 'band-changed', 'rate-changed', 'top-up-ended', 'dual-registration-funding-released', 'dual-registration-funding-ended'] as const;

const Pence = (description?: string) => Type.Integer({ description });
const NonNegativePence = (description?: string) => Type.Integer({ minimum: 0, description });
const FinancialYear = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'A financial year, 1 April–31 March: 2026-27.' });
const Urn = (description = 'The setting\'s URN or UKPRN.') => Type.String({ pattern: '^[0-9A-Za-z-]{1,20}$', description });
const planRef = {
  planId: Type.String({ format: 'uuid', description: 'The EHC plan (the annual review\'s plan id; the assessment case\'s uuid).' }),
  reference: Nullable(Type.String({ maxLength: 40 }), { description: 'The plan\'s reference, as finance keys it (never a name).' }),
};

export const commitmentChangedV1Schema = Closed({
  ...planRef,
  cause: OneOf(COMMITMENT_CAUSES),
  recordedOn: CalendarDate({ description: 'The day the change was recorded: payment periods begun by then were already paid.' }),
  commitments: Type.Array(Closed({
    settingUrn: Urn(),
    settingType: OneOf(SETTING_TYPES),
    band: Type.String({ minLength: 1, maxLength: 20 }),
    from: CalendarDate(),
    to: CalendarDate({ description: 'The last day committed: the top-up\'s end, or for an open-ended one the end of the financial year it was recorded in.' }),
    openEnded: Type.Boolean({ description: 'The top-up has no end date: it continues at annualPence in later years.' }),
    annualPence: NonNegativePence('The band\'s annual rate (element 3) over this commitment: a new matrix version starts a new commitment from its date.'),
    share: Nullable(Closed({ weight: Type.Integer({ minimum: 0 }), of: Type.Integer({ minimum: 1 }) }), {
      description: 'A dual registration\'s split: this setting\'s half-day sessions of the week\'s total.',
    }),
    amountsByYear: Type.Array(Closed({ fy: FinancialYear, pence: NonNegativePence() })),
  }), { description: 'Every commitment of the plan\'s top-up after the change (an ended one to its last day).' }),
}, { $id: COMMITMENT_CHANGED_V1, description: 'The element 3 top-up a plan commits the high-needs block to changed.' });
export type CommitmentChangedV1 = Static<typeof commitmentChangedV1Schema>;

export const scheduleChangedV1Schema = Closed({
  ...planRef,
  recordedOn: CalendarDate(),
  unpaidFrom: CalendarDate({ description: 'Lines of periods starting after this day were not yet paid: they are replaced by the lines below.' }),
  lines: Type.Array(Closed({
    settingUrn: Urn(),
    fy: FinancialYear,
    periodId: Type.String({ pattern: '^[0-9]{4}-[0-9A-Za-z-]{2,20}$', description: 'A month (2026-09) or a term.' }),
    from: CalendarDate(), to: CalendarDate(),
    pence: Pence('An adjustment may be negative (a clawback).'),
    kind: OneOf(['scheduled', 'adjustment']),
  }), { description: 'The adjustments to paid periods, and the new lines of the periods not yet paid.' }),
}, {
  $id: SCHEDULE_CHANGED_V1,
  description: 'The payment lines of a plan\'s top-up recorded on recordedOn (through the end of that financial year): a change never rewrites a paid line, it adds adjustments. '
    + 'It is the complete set for the plan and day: it replaces any earlier ScheduleChanged of the same plan and recordedOn, and every unpaid line after unpaidFrom.',
});
export type ScheduleChangedV1 = Static<typeof scheduleChangedV1Schema>;

export const personalBudgetAgreedV1Schema = Closed({
  ...planRef, agreedOn: CalendarDate(), from: CalendarDate(), to: Nullable(CalendarDate()), annualPence: NonNegativePence(),
}, { $id: PERSONAL_BUDGET_AGREED_V1 });
export type PersonalBudgetAgreedV1 = Static<typeof personalBudgetAgreedV1Schema>;

export const directPaymentStartedV1Schema = Closed({ ...planRef, from: CalendarDate(), annualPence: NonNegativePence() }, { $id: DIRECT_PAYMENT_STARTED_V1 });
export type DirectPaymentStartedV1 = Static<typeof directPaymentStartedV1Schema>;
export const directPaymentStoppedV1Schema = Closed({ ...planRef, lastDay: CalendarDate() }, { $id: DIRECT_PAYMENT_STOPPED_V1 });
export type DirectPaymentStoppedV1 = Static<typeof directPaymentStoppedV1Schema>;

const applicationRef = {
  applicationId: Type.String({ format: 'uuid', description: 'The early-years SEN inclusion funding application.' }),
  settingUrn: Urn('The early-years setting\'s URN.'),
};
export const eyInclusionFundingApprovedV1Schema = Closed({
  ...applicationRef, approvedOn: CalendarDate(), level: Type.String({ minLength: 1, maxLength: 20 }), from: CalendarDate(), to: CalendarDate(), amountPence: NonNegativePence(),
}, { $id: EY_INCLUSION_FUNDING_APPROVED_V1 });
export type EyInclusionFundingApprovedV1 = Static<typeof eyInclusionFundingApprovedV1Schema>;
export const eyInclusionFundingPaidV1Schema = Closed({
  ...applicationRef, paidOn: CalendarDate(),
  periodId: Type.String({ pattern: '^([0-9]{4}-[0-9A-Za-z-]{2,20}|balance)$', description: 'A term, or the balance earned when the child left early.' }), pence: NonNegativePence(),
}, { $id: EY_INCLUSION_FUNDING_PAID_V1 });
export type EyInclusionFundingPaidV1 = Static<typeof eyInclusionFundingPaidV1Schema>;
export const eyInclusionFundingClawedBackV1Schema = Closed({
  ...applicationRef, lastDay: CalendarDate(), earnedPence: NonNegativePence(), paidPence: NonNegativePence(), clawbackPence: NonNegativePence(),
}, { $id: EY_INCLUSION_FUNDING_CLAWED_BACK_V1 });
export type EyInclusionFundingClawedBackV1 = Static<typeof eyInclusionFundingClawedBackV1Schema>;

const packageRef = {
  packageId: Type.String({ format: 'uuid', description: 'The EOTAS package.' }),
  planId: Type.String({ format: 'uuid' }),
};
export const eotasPackageApprovedV1Schema = Closed({
  ...packageRef,
  approvedOn: CalendarDate(), panelOn: CalendarDate(),
  provider: Closed({ ukprn: Nullable(Urn('The provider\'s UKPRN, when it has one.')), name: Type.String({ minLength: 1, maxLength: 200 }), unregulated: Type.Boolean() }),
  weeklyCostPence: NonNegativePence(), startOn: CalendarDate(), reviewDate: CalendarDate(),
}, { $id: EOTAS_PACKAGE_APPROVED_V1 });
export type EotasPackageApprovedV1 = Static<typeof eotasPackageApprovedV1Schema>;
export const eotasPackageEndedV1Schema = Closed({
  ...packageRef, lastDay: CalendarDate(), reason: OneOf(['returned-to-school', 'plan-ceased', 'package-replaced', 'moved-away', 'other']),
}, { $id: EOTAS_PACKAGE_ENDED_V1 });
export type EotasPackageEndedV1 = Static<typeof eotasPackageEndedV1Schema>;

/** Every published type with the JSON Schema of its `data` (closed: `additionalProperties: false`, `$id` = the type). */
export const fundingSchemas: Readonly<Record<string, TObject>> = {
  [COMMITMENT_CHANGED_V1]: commitmentChangedV1Schema,
  [SCHEDULE_CHANGED_V1]: scheduleChangedV1Schema,
  [PERSONAL_BUDGET_AGREED_V1]: personalBudgetAgreedV1Schema,
  [DIRECT_PAYMENT_STARTED_V1]: directPaymentStartedV1Schema,
  [DIRECT_PAYMENT_STOPPED_V1]: directPaymentStoppedV1Schema,
  [EY_INCLUSION_FUNDING_APPROVED_V1]: eyInclusionFundingApprovedV1Schema,
  [EY_INCLUSION_FUNDING_PAID_V1]: eyInclusionFundingPaidV1Schema,
  [EY_INCLUSION_FUNDING_CLAWED_BACK_V1]: eyInclusionFundingClawedBackV1Schema,
  [EOTAS_PACKAGE_APPROVED_V1]: eotasPackageApprovedV1Schema,
  [EOTAS_PACKAGE_ENDED_V1]: eotasPackageEndedV1Schema,
};
