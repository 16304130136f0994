import type { CalendarDate } from '@ehc/domain-kernel';
import { CHECK_WORDS, EOTAS_END_REASON_WORDS, levelOptions, periodWords, REFUSAL_REASON_WORDS, type EyRate, type PaymentLine } from '../funding/ey-eotas';
import { optionsOf } from '../funding/words';
import { EFFECTIVE, type Field, type FormError } from './steps';
import type { TribunalStep } from './tribunal-steps';

/*
 * The forms of early-years inclusion funding and EOTAS packages: each one command of the funding
 * API, read as every step's fields are (dates from three boxes, money from pounds to pence), reshaped
 * by `toBody` where the API's body nests (the needs profile, the provider).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hours a week as the API takes them: more than 0, at most 30, to two decimals (7.5 is seven and a half). */
const HOURS = /^\d{1,2}(\.\d{1,2})?$/;
const MAX_HOURS_PER_WEEK = 30;
const KEPT_APART = 'Kept apart from the funding history, so it can be erased.';

/** An id the API takes as a uuid: checked here so the fault is named in the form's words. */
function uuidFault(fields: Record<string, unknown>, name: string, label: string): FormError[] {
  return typeof fields[name] === 'string' && !UUID.test(fields[name] as string)
    ? [{ text: `${label} must be the id the hub gives, like 6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a`, href: '', field: name }] : [];
}

// ---------------------------------------------------------------------------------------------
// Early-years inclusion funding
// ---------------------------------------------------------------------------------------------

/**
 * A setting's application (POST /funding/ey-inclusion/applications), entered by the funding team
 * from the setting's form: the needs profile's three lines, each domain rated 1 to 5.
 */
export const EY_APPLICATION_STEP: TribunalStep = {
  name: 'apply', title: 'Enter an application for early years inclusion funding', button: 'Enter the application',
  hint: 'From the setting\'s application form. The decision is due 20 working days after the day it was received; asking the setting for more information stops that clock until it answers.',
  fields: [
    { kind: 'text', name: 'childId', label: 'Child\'s id', hint: 'The child\'s id in the hub, like 6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a' },
    { kind: 'text', name: 'settingUrn', label: 'Setting URN', hint: 'The setting\'s Ofsted URN (like EY123456) or its UKPRN (8 digits)' },
    { kind: 'date', name: 'appliedOn', label: 'When the application was received', hint: 'For example, 7 9 2026. It cannot be in the future.' },
    { kind: 'text', name: 'hoursPerWeek', label: 'Hours of extra support a week', hint: `More than 0 and at most ${MAX_HOURS_PER_WEEK}, for example 10 or 7.5` },
    { kind: 'number', name: 'weeks', label: 'Weeks it is needed for', hint: 'A whole number from 1 to 52, for example 38', max: 52 },
    { kind: 'textarea', name: 'support', label: 'The support the funding will buy', hint: KEPT_APART },
    { kind: 'ratings', name: 'needs', label: 'Needs', radios: true, hint: 'From 1 (low) to 5 (high) in each of the five domains.' },
    { kind: 'ratings', name: 'settingReadiness', label: 'Setting readiness', radios: true, hint: 'From 1 (low) to 5 (high) in each of the five domains.' },
    { kind: 'ratings', name: 'familyConfidence', label: 'Family confidence', radios: true, hint: 'From 1 (low) to 5 (high) in each of the five domains.' },
    { kind: 'textarea', name: 'evidence', label: 'The evidence of need', hint: `The graduated approach so far and advice from professionals. ${KEPT_APART}`, optional: true },
  ],
  apiFields: { 'needsProfile.needs': 'needs', 'needsProfile.settingReadiness': 'settingReadiness', 'needsProfile.familyConfidence': 'familyConfidence' },
  toBody: (fields) => {
    const { needs, settingReadiness, familyConfidence, hoursPerWeek, settingUrn, ...rest } = fields;
    const errors = uuidFault(fields, 'childId', 'Child\'s id');
    const hours = String(hoursPerWeek);
    if (!HOURS.test(hours) || Number(hours) <= 0 || Number(hours) > MAX_HOURS_PER_WEEK) {
      errors.push({ text: `Hours of extra support a week must be a number more than 0 and at most ${MAX_HOURS_PER_WEEK}, like 10 or 7.5`, href: '', field: 'hoursPerWeek' });
    }
    return {
      body: { ...rest, settingUrn: String(settingUrn).toUpperCase(), hoursPerWeek: Number(hours), needsProfile: { needs, settingReadiness, familyConfidence } },
      errors,
    };
  },
};

/** What an application's forms are built from: its payment lines (the one a payment is recorded for). */
export interface EyApplicationForForms { payments?: PaymentLine[] }

/** One form for each command on an application (POST /funding/ey-inclusion/applications/{id}/{command}). */
export function eyApplicationSteps(view: EyApplicationForForms, rates: EyRate[], today: CalendarDate): TribunalStep[] {
  const unpaid = (view.payments ?? []).filter((p) => !p.paid && !p.cancelled).map((p) => ({ value: p.periodId, text: periodWords(p.periodId) }));
  return [
    {
      name: 'triage', title: 'Triage the application', button: 'Record the triage',
      hint: 'The application is complete and ready for a decision.', fields: [EFFECTIVE('When it was triaged')],
    },
    {
      name: 'request-information', title: 'Ask the setting for more information', button: 'Record the request',
      hint: 'The decision clock stops until the setting answers, then restarts in full.',
      fields: [EFFECTIVE('When it was asked for'), { kind: 'textarea', name: 'questions', label: 'What the setting is asked', hint: KEPT_APART }],
    },
    {
      name: 'provide-information', title: 'Record the setting\'s answer', button: 'Record the answer',
      hint: 'The decision is due 20 working days from the day of the answer.',
      fields: [EFFECTIVE('When the answer was received'), { kind: 'textarea', name: 'answer', label: 'The setting\'s answer', hint: KEPT_APART }],
    },
    {
      name: 'approve', title: 'Approve the funding', button: 'Approve the funding',
      hint: 'The amount is the level\'s hourly rate on the funded period\'s first day × the hours a week × the weeks, paid termly.',
      fields: [
        EFFECTIVE('When it was approved'),
        { kind: 'select', name: 'level', label: 'Level', options: levelOptions(rates, today), hint: 'From the rates table' },
        { kind: 'date', name: 'from', label: 'First day funded', hint: 'For example, 7 9 2026. It may be in the future, never before the application was received.' },
        { kind: 'date', name: 'to', label: 'Last day funded', hint: 'For example, 16 7 2027.' },
      ],
    },
    {
      name: 'refuse', title: 'Refuse the funding', button: 'Refuse the funding',
      fields: [
        EFFECTIVE('When it was refused'),
        { kind: 'checkboxes', name: 'reasonCodes', label: 'Why', hint: 'Select all that apply', options: optionsOf(REFUSAL_REASON_WORDS) },
        { kind: 'textarea', name: 'reasons', label: 'The reasons, as the letter gives them', hint: KEPT_APART },
      ],
    },
    {
      name: 'record-payment', title: 'Record a payment to the setting', button: 'Record the payment',
      fields: [EFFECTIVE('When it was paid'), { kind: 'radios', name: 'periodId', label: 'Which payment', options: unpaid }],
    },
    {
      name: 'record-child-left', title: 'Record that the child left the setting', button: 'Record it',
      hint: 'The funding ends, prorated to the child\'s last day; what was paid beyond it is clawed back. Before a decision, the application is withdrawn.',
      fields: [EFFECTIVE('The child\'s last day at the setting')],
    },
    {
      name: 'withdraw', title: 'Record that the setting withdrew the application', button: 'Record the withdrawal',
      fields: [EFFECTIVE('When it was withdrawn')],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// EOTAS packages
// ---------------------------------------------------------------------------------------------

const CHECKS = optionsOf(CHECK_WORDS);

/** A package proposed (POST /funding/eotas-packages): the signed-in officer is its proposer. */
export const EOTAS_PROPOSAL_STEP: TribunalStep = {
  name: 'propose', title: 'Propose an EOTAS package', button: 'Propose the package',
  hint: 'Education otherwise than in a school or college (s.61 Children and Families Act 2014) for a plan\'s section F. The weekly panel considers it and a team manager other than you signs it off.',
  fields: [
    { kind: 'text', name: 'planId', label: 'EHC plan id', hint: 'The plan whose section F the package delivers, like 8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b' },
    { kind: 'text', name: 'childId', label: 'Child or young person\'s id', hint: 'Their id in the hub' },
    { kind: 'date', name: 'proposedOn', label: 'When it was proposed', hint: 'For example, 2 3 2026. It cannot be in the future.' },
    { kind: 'text', name: 'providerName', label: 'Provider\'s name', hint: 'The organisation that delivers the package' },
    { kind: 'text', name: 'ukprn', label: 'Provider\'s UKPRN', hint: '8 digits, starting 1. Leave blank if it has none.', optional: true },
    { kind: 'yes-no', name: 'unregulated', label: 'Is the provider unregulated?', hint: 'Not registered or inspected: every commissioning check must be done before sign-off.' },
    { kind: 'checkboxes', name: 'checksDone', label: 'Commissioning checks already done', hint: 'Select all that apply', options: CHECKS, optional: true },
    { kind: 'money', name: 'weeklyCostPence', label: 'Weekly cost', hint: 'In pounds, for example 425 or 425.50.' },
    { kind: 'date', name: 'startOn', label: 'When it starts', hint: 'For example, 16 3 2026. It may be in the future.' },
    { kind: 'date', name: 'reviewDate', label: 'When it is to be reviewed', hint: 'After the start.' },
  ],
  apiFields: { 'provider.name': 'providerName', 'provider.ukprn': 'ukprn', 'provider.unregulated': 'unregulated', provider: 'providerName' },
  toBody: (fields) => {
    const { providerName, ukprn, unregulated, ...rest } = fields;
    const errors = [...uuidFault(fields, 'planId', 'EHC plan id'), ...uuidFault(fields, 'childId', 'Child or young person\'s id')];
    if (typeof ukprn === 'string' && !/^1\d{7}$/.test(ukprn)) errors.push({ text: 'Provider\'s UKPRN must be 8 digits starting 1, like 10003899', href: '', field: 'ukprn' });
    return { body: { ...rest, provider: { name: providerName, ukprn: ukprn ?? null, unregulated } }, errors };
  },
};

/** What a package's forms are built from: the checks outstanding (the ones a check can be recorded for). */
export interface EotasPackageForForms { checks?: { outstanding: string[] } }

/** One form for each command on a package (POST /funding/eotas-packages/{id}/{command}). */
export function eotasPackageSteps(view: EotasPackageForForms): TribunalStep[] {
  const outstanding = (view.checks?.outstanding ?? []).map((value) => ({ value, text: CHECK_WORDS[value] ?? value }));
  const panel: Field = { kind: 'date', name: 'panelOn', label: 'When the weekly panel considered it', hint: 'On or before the decision.' };
  return [
    {
      name: 'record-check', title: 'Record a commissioning check', button: 'Record the check',
      fields: [EFFECTIVE('When the check was done'), { kind: 'radios', name: 'check', label: 'Which check', options: outstanding }],
    },
    {
      name: 'approve', title: 'Sign off the package', button: 'Sign off the package',
      hint: 'Management sign-off after the weekly panel agreed it: someone other than the officer who proposed it must sign it off.',
      fields: [EFFECTIVE('When it was signed off'), panel],
    },
    {
      name: 'decline', title: 'Record that the panel declined it', button: 'Record the decision',
      fields: [EFFECTIVE('When it was declined'), panel, { kind: 'textarea', name: 'reasons', label: 'The panel\'s reasons', hint: KEPT_APART }],
    },
    {
      name: 'review', title: 'Review the package', button: 'Record the review',
      fields: [
        EFFECTIVE('When it was reviewed'),
        { kind: 'money', name: 'weeklyCostPence', label: 'Weekly cost from now', hint: 'In pounds: the same as before if it does not change.' },
        { kind: 'date', name: 'costFrom', label: 'The day the weekly cost applies from', hint: 'Leave blank for the day of the review. Never before the start.', optional: true },
        { kind: 'date', name: 'nextReviewDate', label: 'When it is next to be reviewed', hint: 'After this review.' },
        { kind: 'textarea', name: 'notes', label: 'Notes of the review', hint: KEPT_APART, optional: true },
      ],
    },
    {
      name: 'end', title: 'End the package', button: 'End the package',
      fields: [
        EFFECTIVE('When the decision to end it was made'),
        { kind: 'date', name: 'lastDay', label: 'Last day of provision', hint: 'It may be after today, never before the start.' },
        { kind: 'radios', name: 'reason', label: 'Why it ended', options: optionsOf(EOTAS_END_REASON_WORDS) },
        { kind: 'textarea', name: 'notes', label: 'Notes', hint: KEPT_APART, optional: true },
      ],
    },
  ];
}
