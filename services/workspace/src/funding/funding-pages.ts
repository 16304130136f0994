import { formatPounds } from '@ehc/money';
import * as words from './words';
import { financialYearWords } from './figures';
import * as eyEotas from './ey-eotas';

/**
 * The workspace's funding pages. They live under /high-needs: the API answers /funding on the same
 * host (embedded mode), so the pages cannot share its paths.
 */
export const FUNDING_PAGES = {
  plans: '/high-needs/plans',
  bands: '/high-needs/bands',
  schedule: '/high-needs/schedule',
  forecast: '/high-needs/forecast',
  earlyYears: '/high-needs/early-years',
  earlyYearsRates: '/high-needs/early-years/rates',
  eotas: '/high-needs/eotas',
} as const;

/** Who works on funding (the API refuses the commands of anyone else); finance reads. */
export const FUNDING_WORKERS = ['funding-officer', 'team-manager'];

/** What every funding template is given besides its own context: the words, the money and the links. */
export const fundingHelpers = {
  fundingWords: {
    settingType: words.SETTING_TYPE_WORDS, status: words.PLAN_STATUS_WORDS, source: words.PLAN_SOURCE_WORDS, endReason: words.END_REASON_WORDS,
    increaseOutcome: words.INCREASE_OUTCOME_WORDS, personalBudget: words.PERSONAL_BUDGET_WORDS,
    eyStatus: eyEotas.EY_STATUS_WORDS, eyStatusTag: eyEotas.EY_STATUS_TAG, refusalReason: eyEotas.REFUSAL_REASON_WORDS,
    eotasStatus: eyEotas.EOTAS_STATUS_WORDS, eotasStatusTag: eyEotas.EOTAS_STATUS_TAG, check: eyEotas.CHECK_WORDS, eotasEndReason: eyEotas.EOTAS_END_REASON_WORDS,
  },
  inWords: words.inWords,
  pounds: (pence: number | null | undefined) => (typeof pence === 'number' ? formatPounds(pence) : ''),
  financialYear: financialYearWords,
  fundingPages: FUNDING_PAGES,
};
