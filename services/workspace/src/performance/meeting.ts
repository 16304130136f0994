import { academicYearOf, type CalendarDate } from '@ehc/domain-kernel';
import { formatNumber, formatPart, monthWords, type CaseLineView, type PackUnit, type PackView } from '@ehc/performance-pack';
import { addMonthsTo } from '../surveys/figures';

/**
 * The monthly meeting's pages. They live under /meeting: the performance service's API answers
 * /performance on the same host.
 */
export const MEETING_PAGES = {
  pack: '/meeting',
  xlsx: '/meeting/pack.xlsx',
  csv: '/meeting/pack.csv',
  print: '/meeting/print',
  restatement: '/meeting/restatement',
  sen2: '/meeting/sen2',
  sen2Xml: '/meeting/sen2.xml',
  sen2Csv: '/meeting/sen2.csv',
  places: '/meeting/places',
  capacity: '/meeting/places/capacity',
} as const;

/** Who prepares the SEN2 return: the API allows these only. */
export const SEN2_PREPARERS = ['caseworker', 'team-manager', 'performance-reader', 'administrator'];
/** Who imports the special schools' places: the API allows these only. */
export const PLACE_PLANNERS = ['team-manager', 'performance-reader', 'administrator'];

export const mayAny = (roles: readonly string[], allowed: readonly string[]) => allowed.some((r) => roles.includes(r));

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
// an instant with its offset, as the API takes it: a figure taken mid-day is reproduced to the second
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An as-at carried in a link: a date YYYY-MM-DD or an instant with its offset, as the API reads it. */
export const isAsAt = (value: string | undefined): value is string =>
  !!value && (DATE.test(value) || (INSTANT.test(value) && !Number.isNaN(Date.parse(value))));

/** The months a pack can be asked for: the 24 before this one, last month (the default) first. */
export function meetingMonths(today: CalendarDate, count = 24): { value: string; text: string }[] {
  const now = today.slice(0, 7);
  return Array.from({ length: count }, (_, i) => addMonthsTo(now, -1 - i)).map((value) => ({ value, text: monthWords(value) }));
}

/** The months offered, the chosen one marked (and added when it is older than the list). */
export function monthItems(today: CalendarDate, chosen: string) {
  const months = meetingMonths(today);
  const all = months.some((m) => m.value === chosen) || !MONTH.test(chosen) ? months : [...months, { value: chosen, text: monthWords(chosen) }];
  return all.map((m) => ({ ...m, selected: m.value === chosen }));
}

/**
 * The SEN2 collection year to prepare by default: the one whose census (the third Thursday in
 * January) is next. In January the return of that year is still being prepared.
 */
export function defaultSen2Year(today: CalendarDate): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '01' ? year : year + 1;
}

/** The collection years offered: the default and the five before it. */
export const sen2Years = (today: CalendarDate, chosen: number) =>
  yearItems([...Array(6).keys()].map((i) => defaultSen2Year(today) - i), chosen, (y) => `${y} (census in January ${y}, flows of ${y - 1})`);

/** The academic years offered for place planning: next year, this one and the four before it. */
export const academicYears = (today: CalendarDate, chosen: number) =>
  yearItems([...Array(6).keys()].map((i) => academicYearOf(today) + 1 - i), chosen, academicYearWords);

/** 2026 → 2026/27 */
export const academicYearWords = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

function yearItems(years: number[], chosen: number, words: (year: number) => string) {
  const all = years.includes(chosen) ? years : [...years, chosen];
  return all.map((y) => ({ value: String(y), text: words(y), selected: y === chosen }));
}

/** Where the workspace shows a case behind a figure (the pack's cases are needs-assessment cases, by their uuid). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function caseHref(caseId: string): string | null {
  const id = String(caseId ?? '').replace(/^ehcna-/, '');
  return UUID.test(id) ? `/cases/${id.toLowerCase()}` : null;
}

/** An as-at in words: a date as the page prints dates; an instant as a London wall clock shows it. */
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
export function asAtWords(asAt: string | null, formatDate: (date: string) => string): string {
  if (!asAt) return 'everything recorded so far';
  return DATE.test(asAt) ? `what was recorded by the end of ${formatDate(asAt)}` : `what was recorded by ${LONDON_TIME.format(new Date(asAt))}`;
}

export interface Restated {
  from: { value: number | null; numerator: number | null; denominator: number | null };
  to: { value: number | null; numerator: number | null; denominator: number | null };
  restated: boolean;
  casesAdded: CaseLineView[];
  casesRemoved: CaseLineView[];
}
export interface Restatement { month: string; fromAsAt: string | null; toAsAt: string | null; restated: string[]; measures: Record<string, Restated> }

const figure = (unit: PackUnit, v: number | null) => (v === null ? 'none' : formatNumber(unit, v));
const part = (unit: PackUnit, v: number | null) => (v === null ? 'none' : formatPart(unit, v));

/**
 * Each measure that changed between the two as-at times, before and after, and the cases that came
 * into or left it, in the pack's order; titles and units from the later pack.
 */
export function restatementTables(restatement: Restatement, later: PackView) {
  return restatement.restated.filter((name) => restatement.measures[name]).map((name) => {
    const r = restatement.measures[name];
    const m = later.measures[name];
    const unit: PackUnit = m?.unit ?? 'count';
    const hasParts = unit === 'share' || unit === 'mean';
    const line = (c: CaseLineView) => ({ reference: c.reference ?? 'no reference', href: caseHref(c.caseId), detail: c.detail, inNumerator: c.inNumerator });
    return {
      name, title: m?.title ?? name, hasParts,
      rows: [
        { label: 'Figure', before: figure(unit, r.from.value), after: figure(unit, r.to.value) },
        ...(hasParts ? [
          { label: 'Numerator', before: part(unit, r.from.numerator), after: part(unit, r.to.numerator) },
          { label: 'Denominator', before: part(unit, r.from.denominator), after: part(unit, r.to.denominator) },
        ] : []),
      ],
      added: r.casesAdded.map(line),
      removed: r.casesRemoved.map(line),
    };
  });
}

export interface Sen2Issue { rule: string; message: string; caseId: string; reference: string | null; field: string }

/** The words for each SEN2 check (the API's rule codes), for the headings the issues are grouped under. */
export const SEN2_RULE_WORDS: Record<string, string> = {
  'request-outcome-before-received': 'Request outcome dated before the request was received',
  'request-outcome-date-missing': 'Request outcome with no date',
  'assessment-without-decision-to-assess': 'Assessment outcome without a decision to assess',
  'assessment-outcome-before-received': 'Assessment outcome dated before the request was received',
  'plan-without-assessment': 'Plan without an assessment that decided to issue one',
  'plan-start-before-request': 'Plan starting before the request was received',
  'missing-urn': 'Setting with no URN, UKPRN or SEN setting code',
  'ceased-before-start': 'Plan ceased before it started',
  'age-out-of-range': 'Age at the census date outside 0 to 25',
  'duplicate-open-request': 'A second open request for the same child or young person',
};

/** The validation's issues grouped by rule, largest group first, each failing row with the case to open. */
export function issuesByRule(issues: readonly Sen2Issue[]) {
  const groups = new Map<string, Sen2Issue[]>();
  for (const i of issues) groups.set(i.rule, [...(groups.get(i.rule) ?? []), i]);
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([rule, rows]) => ({
    rule, id: `rule-${rule.replace(/[^A-Za-z0-9_-]/g, '-')}`, title: SEN2_RULE_WORDS[rule] ?? rule, count: rows.length,
    rows: rows.map((i) => ({ reference: i.reference ?? 'no reference', href: caseHref(i.caseId), field: i.field, message: i.message })),
  }));
}

/** SEN2's request outcome codes, in the DfE's words. */
export const SEN2_OUTCOME_WORDS: Record<string, string> = {
  Y: 'Y: assessed', N: 'N: not assessed', A: 'A: decision yet to be made', W: 'W: withdrawn or ceased first', H: 'H: decided before the period',
};
