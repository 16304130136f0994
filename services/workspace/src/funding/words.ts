/*
 * The funding service's codes in words, for the workspace's pages. The workspace may not import the
 * service (they meet only over HTTP), so a code the service adds shows as itself until it has words
 * here (`inWords` falls back to the code, never to "undefined").
 */

/** The banding matrix's setting types (the annual review's named-setting types). */
export const SETTING_TYPE_WORDS: Record<string, string> = {
  mainstream: 'Mainstream school',
  'resourced-provision': 'Resourced provision in a mainstream school',
  special: 'Special school',
  'independent-special': 'Independent special school',
  'alternative-provision': 'Alternative provision',
  'further-education': 'Further education',
  'early-years': 'Early years',
  'otherwise-than-at-school': 'Education otherwise than at school',
  other: 'Other',
};

/** The API's trays (`GET /funding/plans?tray=`), in the order the pages offer them, each with its heading. */
export const TRAYS = [
  { tray: 'awaiting-funding', text: 'Awaiting funding', heading: 'Plans awaiting funding', empty: 'No plans are waiting for funding.' },
  { tray: 'funded', text: 'Funded', heading: 'Plans with a top-up', empty: 'No plans have a top-up running.' },
  { tray: 'no-top-up', text: 'No top-up', heading: 'Plans with no top-up', empty: 'No plans are recorded as needing no top-up.' },
  { tray: 'ceased', text: 'Ceased', heading: 'Plans ceased', empty: 'No plans with funding have ceased.' },
] as const;
export type Tray = (typeof TRAYS)[number]['tray'];

export const PLAN_STATUS_WORDS: Record<string, string> = {
  'awaiting-funding': 'Awaiting funding', funded: 'Funded', 'no-top-up': 'No top-up', ceased: 'Ceased',
};

/** Why a plan is in the tray: the plan that named the setting. */
export const PLAN_SOURCE_WORDS: Record<string, string> = { 'final-plan': 'Final plan issued', 'amended-plan': 'Amended plan issued' };

export const END_REASON_WORDS: Record<string, string> = {
  'plan-ceased': 'The plan ceased', 'placement-ended': 'The placement ended', 'moved-away': 'Moved to another local authority', other: 'Other',
};

export const INCREASE_OUTCOME_WORDS: Record<string, string> = { agreed: 'Agreed', refused: 'Refused' };

export const PERSONAL_BUDGET_WORDS: Record<string, string> = { agreed: 'Agreed', refused: 'Refused' };

/** A code in words: the map's, else the code as it is (a new code is visible, not hidden). */
export const inWords = (words: Record<string, string>, code: string | null | undefined): string =>
  (code ? (Object.hasOwn(words, code) ? words[code] : code) : '');

/** The options of a radios or select field from a map of words. */
export const optionsOf = (words: Record<string, string>) => Object.entries(words).map(([value, text]) => ({ value, text }));
