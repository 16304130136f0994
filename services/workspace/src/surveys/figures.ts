import type { CalendarDate } from '@ehc/domain-kernel';
import { monthWords } from '@ehc/pages';

/*
 * The surveys service's figures and codes in words, for the workspace's pages. The workspace may
 * not import the service (they meet only over HTTP), so a code the service adds shows as itself
 * until it has words here, never as "undefined".
 */

/**
 * The workspace's survey pages. They live under /feedback: the API answers /surveys on the same
 * host (embedded mode), so the pages cannot share its paths.
 */
export const SURVEY_PAGES = {
  results: '/feedback',
  trendCsv: '/feedback/trend.csv',
  chart: '/feedback/trend.svg',
  invitations: '/feedback/invitations',
  outbox: '/feedback/outbox',
  suppressions: '/feedback/suppressions',
  contacts: '/feedback/contacts',
} as const;

/** Who reads the results and the invitations (the API's readers). */
export const SURVEY_READERS = ['caseworker', 'team-manager', 'performance-reader'];
/** Who opens the outbox and flags a family's surveys off (the API refuses anyone else). */
export const SURVEY_WORKERS = ['caseworker', 'team-manager'];

/** The default trigger table's triggers (SURVEY_TRIGGERS may add others: they show as their code). */
export const TRIGGER_WORDS: Record<string, string> = {
  'decision-to-assess': 'Decision to assess',
  'refusal-to-assess': 'Refusal to assess',
  'decision-not-to-issue': 'Decision not to issue a plan',
  'final-plan': 'Final plan issued',
  'review-decision': 'Annual review: decision to maintain (child or young person)',
  'review-decision-setting': 'Annual review: decision to amend (setting)',
  'amended-plan': 'Amended plan issued',
  'decision-not-to-amend': 'Annual review: decision not to amend',
  'disagreement-resolved': 'Disagreement resolved',
};

export const INVITATION_STATUS_WORDS: Record<string, string> = {
  sent: 'Sent', reminded: 'Reminded', answered: 'Answered', expired: 'Expired', suppressed: 'Not sent',
};
export const INVITATION_STATUS_TAG: Record<string, string> = {
  sent: 'govuk-tag--blue', reminded: 'govuk-tag--light-blue', answered: 'govuk-tag--green', expired: 'govuk-tag--grey', suppressed: 'govuk-tag--orange',
};

/** Why an invitation was not sent, or a family is sent none. */
export const SUPPRESSED_WORDS: Record<string, string> = {
  'opted-out': 'The family opted out', died: 'The child or young person has died', 'quiet-period': 'Surveyed on this case recently',
  safeguarding: 'Safeguarding',
};

export const RESPONDENT_WORDS: Record<string, string> = {
  parent: 'Parent', 'young-person': 'Young person', 'child-or-young-person': 'Child or young person', setting: 'Setting',
};

export const MESSAGE_STATUS_WORDS: Record<string, string> = {
  pending: 'Waiting to send', sent: 'Sent', 'no-address': 'No address on file', 'in-outbox': 'In the outbox: send it on', failed: 'Failed', 'sent-by-hand': 'Sent on by hand',
};
export const MESSAGE_STATUS_TAG: Record<string, string> = {
  pending: 'govuk-tag--blue', sent: 'govuk-tag--green', 'no-address': 'govuk-tag--orange', 'in-outbox': 'govuk-tag--yellow', failed: 'govuk-tag--red', 'sent-by-hand': 'govuk-tag--green',
};

/** A code in words, or the code itself when it has none. */
export const inWords = (table: Record<string, string>, code: string | null | undefined): string =>
  (code ? table[code] ?? code : '');

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A YYYY-MM month, `months` later (or earlier, if negative). */
export function addMonthsTo(month: string, months: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The results' default range: the last 12 months, this one included, as of today in London. */
export function lastTwelveMonths(today: CalendarDate): { from: string; to: string } {
  const to = today.slice(0, 7);
  return { from: addMonthsTo(to, -11), to };
}

/** 2026-03 → March 2026: the pages' one way of writing a month. */
export { monthWords };

/** The months the filter offers: this month and the `count - 1` before it, newest first. */
export function monthChoices(today: CalendarDate, count = 36): { value: string; text: string }[] {
  const now = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => addMonthsTo(now, -i)).map((value) => ({ value, text: monthWords(value) }));
}

/**
 * The range the filter asks for, with an error for each box at fault (named by its id): a month
 * that is not one, a range that ends before it starts or runs over the 60 months the API takes.
 */
export function readRange(given: { from?: string; to?: string }, today: CalendarDate): { from: string; to: string; errors: { text: string; href: string }[] } {
  const fallback = lastTwelveMonths(today);
  const errors: { text: string; href: string }[] = [];
  const from = given.from ?? fallback.from;
  const to = given.to ?? fallback.to;
  if (!MONTH.test(from)) errors.push({ text: 'From must be a month, like 2026-04', href: '#from' });
  if (!MONTH.test(to)) errors.push({ text: 'To must be a month, like 2027-03', href: '#to' });
  if (!errors.length) {
    const span = monthsFrom(from, to);
    if (span < 0) errors.push({ text: 'To must be the same month as from, or later', href: '#to' });
    else if (span >= 60) errors.push({ text: 'The months shown can be at most 5 years (60 months)', href: '#to' });
  }
  return { from, to, errors };
}

const monthsFrom = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));

/** A response rate (the API's percent, to one decimal) in words: always shown, "none invited" when there is no rate. */
export function rateWords(rate: number | null | undefined): string {
  return typeof rate === 'number' ? `${rate.toFixed(1)}%` : 'No invitations';
}

/** A mean score out of 5, to two decimals, or a dash when nobody answered. */
export function meanWords(mean: number | null | undefined): string {
  return typeof mean === 'number' ? mean.toFixed(2) : '–';
}

export interface MonthResult { month: string; invited: number; answered: number; responseRate: number | null; means: Record<string, number | null> }
export interface QuestionResult { question: string; text: string; n: number; mean: number | null; distribution: Record<string, number> }

/**
 * The monthly trend as a table: a column per question any month has a mean for (in the order of
 * the questions), a row per month with its invitations, answers, rate and each question's mean.
 */
export function trendTable(byMonth: readonly MonthResult[], questions: readonly QuestionResult[]) {
  const asked = new Set(byMonth.flatMap((m) => Object.keys(m.means)));
  const known = questions.filter((q) => asked.has(q.question)).map((q) => ({ question: q.question, text: q.text }));
  const others = [...asked].filter((q) => !known.some((k) => k.question === q)).sort().map((question) => ({ question, text: question }));
  const columns = [...known, ...others];
  return {
    columns,
    rows: byMonth.map((m) => ({
      month: m.month, monthWords: monthWords(m.month), invited: m.invited, answered: m.answered, rate: rateWords(m.responseRate),
      means: columns.map((c) => meanWords(m.means[c.question])),
    })),
  };
}

/** A question's answers from 1 to 5, each with its count and its share of those who answered. */
export function distributionRows(q: QuestionResult): { score: number; count: number; share: string }[] {
  return [1, 2, 3, 4, 5].map((score) => {
    const count = q.distribution[String(score)] ?? 0;
    return { score, count, share: q.n > 0 ? `${Math.round((count / q.n) * 1000) / 10}%` : '–' };
  });
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break; a leading formula character made harmless. */
function cell(value: string | number): string {
  let text = String(value);
  // a spreadsheet runs a cell starting = + - @ as a formula
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The monthly trend as CSV: month, invited, answered, response rate (percent, empty if none), and each question's mean. */
export function trendCsv(byMonth: readonly MonthResult[], questions: readonly QuestionResult[]): string {
  const { columns } = trendTable(byMonth, questions);
  const header = ['month', 'invited', 'answered', 'response_rate_percent', ...columns.map((c) => `mean_${c.question}`)];
  const lines = byMonth.map((m) => [
    m.month, m.invited, m.answered, m.responseRate ?? '', ...columns.map((c) => m.means[c.question] ?? ''),
  ]);
  return [header, ...lines].map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

export interface Suppression { personId: string; suppressed: boolean; flag: { reason: string; flaggedOn: string | null; flaggedBy: string | null } | null; optedOutOn: string | null; diedOn: string | null }

/** Why a family is sent no surveys, each reason in words (a staff flag, an opt-out, a death). */
export function suppressionReasons(s: Suppression, formatDate: (d: string) => string): string[] {
  const on = (d: string | null) => (d ? ` (${formatDate(d)})` : '');
  return [
    ...(s.flag ? [`Flagged off by staff: ${s.flag.reason}${on(s.flag.flaggedOn)}`] : []),
    ...(s.optedOutOn ? [`The family opted out${on(s.optedOutOn)}`] : []),
    ...(s.diedOn ? [`The child or young person has died${on(s.diedOn)}`] : []),
  ];
}
