import type { CalendarDate } from '@ehc/domain-kernel';
import { penceToPounds } from '@ehc/money';
import { bandOptions, type BandRate } from '../funding/figures';
import { END_REASON_WORDS, optionsOf, SETTING_TYPE_WORDS } from '../funding/words';
import { EFFECTIVE, type Field, type FormError } from './steps';
import type { TribunalStep } from './tribunal-steps';

/**
 * The parts of a plan's funding (`GET /funding/plans/{planId}`) its forms are built from: the setting
 * the plan names (prefilled as the top-up's), the open placements, the personal budget.
 */
export interface PlanFundingForForms {
  awaitingFunding?: { namedSetting?: NamedSetting | null } | null;
  namedSetting?: NamedSetting | null;
  placements?: { settingUrn: string; to: CalendarDate | null }[];
  topUps?: { settingType: string; endReason: string | null }[];
  personalBudget?: { annualPence: number | null } | null;
}
interface NamedSetting { urn: string | null; name: string; type: string | null }

/**
 * A funding command's form is a step as a tribunal command's is: its fields read the same way (dates
 * from three boxes, money from pounds to pence), reshaped by `toBody` where the API's body differs.
 */
export type FundingStep = TribunalStep;

const REASONS = (label: string): Field => ({ kind: 'textarea', name: 'reasons', label, optional: true, hint: 'Kept apart from the funding history, so they can be erased.' });

/**
 * One form for each command on a plan's funding (POST /funding/plans/{planId}/{command}): the bands
 * offered are the matrix's in force today or from a later date, for the plan's setting type where
 * the band has it; the top-up's setting is the one the plan names until the officer changes it.
 */
export function planFundingSteps(view: PlanFundingForForms, bands: BandRate[], today: CalendarDate): FundingStep[] {
  const named = view.awaitingFunding?.namedSetting ?? view.namedSetting ?? null;
  const runningType = view.topUps?.find((t) => t.endReason === null)?.settingType ?? null;
  const band = (name: string, label: string, more: Partial<Field> = {}): Field => ({
    kind: 'select', name, label, options: bandOptions(bands, today, runningType ?? named?.type), ...more,
  } as Field);
  const settingTypes = optionsOf(SETTING_TYPE_WORDS);
  const openPlacement = view.placements?.find((p) => p.to === null);
  const budget = view.personalBudget?.annualPence;
  return [
    {
      name: 'agree-top-up', title: 'Agree the top-up', button: 'Agree the top-up',
      hint: 'The element 3 top-up from the banding matrix: the band\'s rate on the first day funded is the annual rate. The plan leaves the awaiting-funding tray.',
      fields: [
        EFFECTIVE('When the top-up was agreed'),
        band('band', 'Band'),
        { kind: 'text', name: 'settingUrn', label: 'Setting URN', hint: named?.urn ? `The setting paid: ${named.name}, as the plan names it. Change it to pay another setting (its URN or UKPRN).` : 'The setting paid: its URN or UKPRN.' },
        { kind: 'date', name: 'from', label: 'First day funded', hint: 'For example, 1 9 2026. It may be before or after today.' },
        { kind: 'select', name: 'settingType', label: 'Setting type', optional: true, options: settingTypes,
          hint: named?.type ? `Leave blank for the plan's named setting's type (${SETTING_TYPE_WORDS[named.type]?.toLowerCase() ?? named.type}).` : 'Leave blank if the band has rates for one setting type only.' },
      ],
      defaults: named?.urn ? { settingUrn: named.urn } : {},
    },
    {
      name: 'record-top-up-not-required', title: 'Record that no top-up is needed', button: 'Record it',
      hint: 'The setting meets the provision from its own budget. The plan leaves the awaiting-funding tray.',
      fields: [EFFECTIVE('When it was decided'), REASONS('The reasons')],
    },
    {
      name: 'change-band', title: 'Change the band', button: 'Change the band',
      hint: 'The running band ends the day before the new one. Months already paid are adjusted, never rewritten.',
      fields: [EFFECTIVE('When the change was agreed'), band('band', 'New band'), { kind: 'date', name: 'from', label: 'First day at the new band', hint: 'For example, 1 11 2026.' }],
    },
    {
      name: 'request-funding-increase', title: 'Record a request for more funding', button: 'Record the request',
      hint: 'The setting asks for a higher band. Decide it here once it has been considered.',
      fields: [EFFECTIVE('When the setting asked'), band('requestedBand', 'Band asked for', { optional: true }), REASONS('The setting\'s reasons')],
    },
    {
      name: 'decide-funding-increase', title: 'Decide the request for more funding', button: 'Record the decision',
      fields: [
        EFFECTIVE('When it was decided'),
        { kind: 'radios', name: 'outcome', label: 'The decision', options: [{ value: 'agreed', text: 'Agreed: the band changes' }, { value: 'refused', text: 'Refused' }] },
        band('band', 'New band', { optional: true, hint: 'If agreed.' }),
        { kind: 'date', name: 'from', label: 'First day at the new band', optional: true, hint: 'If agreed. For example, 1 11 2026.' },
        REASONS('The reasons'),
      ],
      toBody: ({ outcome, band: newBand, from, ...rest }) => {
        if (outcome === 'refused') return { body: { ...rest, outcome }, errors: [] };
        const errors: FormError[] = [
          ...(newBand ? [] : [{ text: 'Select the new band, as the request was agreed', href: '', field: 'band' }]),
          ...(from ? [] : [{ text: 'Enter the first day at the new band, as the request was agreed', href: '', field: 'from' }]),
        ];
        return { body: { ...rest, outcome, band: newBand, from }, errors };
      },
    },
    {
      name: 'end-top-up', title: 'End the top-up', button: 'End the top-up',
      hint: 'Months paid after the last day are clawed back as adjustments.',
      fields: [EFFECTIVE('When the end was recorded'), { kind: 'date', name: 'lastDay', label: 'Last day funded', hint: 'For example, 18 12 2026.' },
        { kind: 'radios', name: 'reason', label: 'Why it ends', options: optionsOf(END_REASON_WORDS) }],
    },
    {
      name: 'start-placement', title: 'Record a placement started', button: 'Record the placement',
      fields: [EFFECTIVE('When it was recorded'), { kind: 'text', name: 'settingUrn', label: 'Setting URN', hint: 'Its URN or UKPRN.' },
        { kind: 'date', name: 'from', label: 'First day at the setting', hint: 'For example, 1 9 2026.' },
        { kind: 'select', name: 'settingType', label: 'Setting type', options: settingTypes },
        { kind: 'text', name: 'settingName', label: 'Setting name', optional: true }],
    },
    {
      name: 'end-placement', title: 'Record a placement ended', button: 'Record the end',
      hint: 'The top-up paying for the placement ends on the same day.',
      fields: [EFFECTIVE('When it was recorded'), { kind: 'text', name: 'settingUrn', label: 'Setting URN', hint: 'The setting the child or young person left.' },
        { kind: 'date', name: 'lastDay', label: 'Last day at the setting', hint: 'For example, 18 12 2026.' }],
      defaults: openPlacement ? { settingUrn: openPlacement.settingUrn } : {},
    },
    {
      name: 'agree-personal-budget', title: 'Agree a personal budget', button: 'Agree the personal budget',
      hint: 'A parent or young person can ask for one once the authority has decided to issue a plan, and at review (s.49, CoP 9.95).',
      fields: [EFFECTIVE('When it was agreed'), { kind: 'date', name: 'from', label: 'First day', hint: 'For example, 1 10 2026.' },
        { kind: 'date', name: 'to', label: 'Last day', optional: true, hint: 'Leave blank if it runs until it is reviewed.' },
        { kind: 'money', name: 'annualPence', label: 'Annual amount', hint: 'In pounds, for example 3500 or 3500.50.' }],
    },
    {
      name: 'refuse-personal-budget', title: 'Refuse a personal budget', button: 'Record the refusal',
      hint: 'The family can ask again at the annual review.',
      fields: [EFFECTIVE('When it was refused'), REASONS('The reasons')],
    },
    {
      name: 'start-direct-payment', title: 'Start direct payments', button: 'Start direct payments',
      hint: 'The personal budget, or part of it, paid to the family to arrange the provision themselves.',
      fields: [EFFECTIVE('When they were agreed'), { kind: 'date', name: 'from', label: 'First day paid', hint: 'For example, 1 10 2026.' },
        { kind: 'money', name: 'annualPence', label: 'Annual amount paid directly', hint: 'In pounds, for example 3500 or 3500.50.' }],
      defaults: typeof budget === 'number' ? { annualPence: penceToPounds(budget) } : {},
    },
    {
      name: 'stop-direct-payment', title: 'Stop direct payments', button: 'Stop direct payments',
      fields: [EFFECTIVE('When they were stopped'), { kind: 'date', name: 'lastDay', label: 'Last day paid', hint: 'For example, 31 3 2027.' }],
    },
  ];
}
