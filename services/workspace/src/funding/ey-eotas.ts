import { daysBetween, type CalendarDate } from '@ehc/domain-kernel';
import { formatPounds } from '@ehc/money';
import { formatDate } from '../views';
import { rateStanding } from './figures';

/*
 * Early-years inclusion funding and EOTAS packages in words and figures, for the workspace's pages.
 * The workspace may not import the funding service, so its codes are named again here; a code the
 * service adds shows as itself (`inWords` falls back to the code) until it has words here.
 */

export const EY_STATUS_WORDS: Record<string, string> = {
  applied: 'Applied', triaged: 'Triaged', 'awaiting-information': 'Waiting for information', approved: 'Approved', refused: 'Refused',
  withdrawn: 'Withdrawn', 'child-left': 'Child left the setting',
};

/** The status tag's colour: told apart by its words too (WCAG 1.4.1). */
export const EY_STATUS_TAG: Record<string, string> = {
  applied: 'govuk-tag--blue', triaged: 'govuk-tag--light-blue', 'awaiting-information': 'govuk-tag--yellow', approved: 'govuk-tag--green',
  refused: 'govuk-tag--red', withdrawn: 'govuk-tag--grey', 'child-left': 'govuk-tag--grey',
};

export const REFUSAL_REASON_WORDS: Record<string, string> = {
  'needs-met-from-universal-provision': 'The needs can be met from the setting\'s ordinarily available provision',
  'insufficient-evidence': 'Not enough evidence of need',
  'not-eligible-age': 'The child is not of an eligible age',
  'not-funded-place': 'The child does not have a funded early education place',
  other: 'Another reason (given in the letter)',
};

export const EOTAS_STATUS_WORDS: Record<string, string> = { proposed: 'Proposed', approved: 'Approved', declined: 'Declined', ended: 'Ended' };
export const EOTAS_STATUS_TAG: Record<string, string> = {
  proposed: 'govuk-tag--blue', approved: 'govuk-tag--green', declined: 'govuk-tag--red', ended: 'govuk-tag--grey',
};

/** The commissioning checks an unregulated provider needs before sign-off, in the service's order. */
export const CHECK_WORDS: Record<string, string> = {
  'dbs-checks': 'DBS checks of the staff', 'safeguarding-policy': 'Safeguarding policy', insurance: 'Insurance',
  'premises-risk-assessment': 'Premises risk assessment', qualifications: 'Staff qualifications', references: 'References',
};

export const EOTAS_END_REASON_WORDS: Record<string, string> = {
  'returned-to-school': 'Returned to school', 'plan-ceased': 'The EHC plan ceased', 'package-replaced': 'Replaced by another package',
  'moved-away': 'Moved to another local authority', other: 'Other',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The decision deadline as the API gives it (`deadlines.decision`). */
export interface DecisionDeadline { dueBy: CalendarDate | null; status: 'due' | 'overdue' | 'met' | 'missed' | 'paused' | 'ended' | string }

/**
 * Where the decision deadline stands on the API's today, in words and as a tag (the words say it
 * all; the colour only repeats them): days left, days overdue, paused while the LA waits for
 * information, met or missed.
 */
export function decisionDeadlineWords(d: DecisionDeadline, asOf: CalendarDate): { text: string; tag: string; classes: string; days: number | null } {
  switch (d.status) {
    case 'paused': return { text: 'Paused: waiting for information from the setting. The clock restarts in full when it answers.', tag: 'Paused', classes: 'govuk-tag--grey', days: null };
    case 'met': return { text: 'Decided in time', tag: 'Decided in time', classes: 'govuk-tag--green', days: null };
    case 'missed': return { text: 'Decided late', tag: 'Decided late', classes: 'govuk-tag--red', days: null };
    case 'ended': return { text: 'Withdrawn before a decision', tag: 'Withdrawn', classes: 'govuk-tag--grey', days: null };
    case 'due':
    case 'overdue': {
      if (!d.dueBy) return { text: 'Not running', tag: 'Not running', classes: 'govuk-tag--grey', days: null };
      const days = daysBetween(asOf, d.dueBy);
      if (days < 0) return { text: `${plural(-days, 'day', 'days')} overdue`, tag: 'Overdue', classes: 'govuk-tag--red', days };
      if (days === 0) return { text: 'Due today', tag: 'Due today', classes: 'govuk-tag--orange', days };
      return { text: `${plural(days, 'day', 'days')} left`, tag: days <= 5 ? 'Due soon' : 'Due', classes: days <= 5 ? 'govuk-tag--orange' : 'govuk-tag--blue', days };
    }
    default: return { text: d.status, tag: d.status, classes: 'govuk-tag--grey', days: null };
  }
}

/** An EOTAS package's review deadline (`deadlines.review`): null while the package is not running. */
export function reviewDeadlineWords(d: { dueBy: CalendarDate; status: string } | null, asOf: CalendarDate): { text: string; days: number | null; overdue: boolean } {
  if (!d) return { text: 'Not running', days: null, overdue: false };
  const days = daysBetween(asOf, d.dueBy);
  if (days < 0) return { text: `${plural(-days, 'day', 'days')} overdue`, days, overdue: true };
  if (days === 0) return { text: 'Due today', days, overdue: false };
  return { text: `${plural(days, 'day', 'days')} left`, days, overdue: false };
}

const TERMS: Record<string, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' };

/** A payment line's period: `2026-27-2-autumn` → "Autumn term 2026" (spring is in the year's second calendar year); `balance` → "Balance earned before the child left". */
export function periodWords(periodId: string): string {
  const m = /^(\d{4})-\d{2}-[1-3]-(spring|summer|autumn)$/.exec(periodId);
  if (m) return `${TERMS[m[2]]} term ${Number(m[1]) + (m[2] === 'spring' ? 1 : 0)}`;
  return periodId === 'balance' ? 'Balance earned before the child left' : periodId;
}

/** A payment line as `GET /funding/ey-inclusion/applications/{id}` gives it. */
export interface PaymentLine { periodId: string; from: CalendarDate; to: CalendarDate; pence: number; paid: boolean; paidOn: CalendarDate | null; cancelled: boolean }

/** The payments table: each term in pounds and whether it is paid, unpaid or cancelled (the child left first), with the totals. */
export function paymentRows(lines: PaymentLine[]) {
  const rows = lines.map((l) => ({
    ...l, period: periodWords(l.periodId), pounds: formatPounds(l.pence),
    state: l.paid ? `Paid ${formatDate(l.paidOn ?? '')}`.trim() : l.cancelled ? 'Cancelled' : 'Unpaid',
    tag: l.paid ? 'govuk-tag--green' : l.cancelled ? 'govuk-tag--grey' : 'govuk-tag--yellow',
    words: l.paid ? 'Paid' : l.cancelled ? 'Cancelled' : 'Unpaid',
  }));
  const sum = (pick: (l: PaymentLine) => boolean) => formatPounds(lines.filter(pick).reduce((total, l) => total + l.pence, 0));
  return { rows, paid: sum((l) => l.paid), unpaid: sum((l) => !l.paid && !l.cancelled) };
}

/** A rate version as `GET /funding/ey-inclusion/rates` gives it. */
export interface EyRate { level: string; hourlyPence: number; validFrom: CalendarDate; validTo: CalendarDate | null }

/** The rates table: each level's versions, by level then date, the hourly rate in pounds and whether it is in force. */
export function rateRows(rates: EyRate[], today: CalendarDate) {
  return [...rates].sort((a, b) => a.level.localeCompare(b.level, 'en', { numeric: true }) || a.validFrom.localeCompare(b.validFrom))
    .map((r) => ({ ...r, pounds: formatPounds(r.hourlyPence), standing: rateStanding(r, today) }));
}

/**
 * The levels funding can be approved at: each level with a rate in force today or from a later date,
 * its rates in words (the API takes the rate valid on the funded period's first day).
 */
export function levelOptions(rates: EyRate[], today: CalendarDate): { value: string; text: string }[] {
  const live = rates.filter((r) => rateStanding(r, today) !== 'ended');
  const levels = [...new Set(live.map((r) => r.level))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return levels.map((level) => {
    const versions = live.filter((r) => r.level === level).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const words = versions.map((r) => `${formatPounds(r.hourlyPence)} an hour${rateStanding(r, today) === 'future' ? ` from ${formatDate(r.validFrom)}` : ''}`);
    return { value: level, text: `${level}: ${words.join('; ')}` };
  });
}

/**
 * How the approved amount was reached, as the letter would put it: "£12.50 an hour × 7.5 hours a
 * week × 38 weeks = £3,562.50". The API worked the amount out; this only shows its parts.
 */
export function amountWorking(decision: { hourlyPence: number; amountPence: number }, hoursPerWeek: number, weeks: number): string {
  return `${formatPounds(decision.hourlyPence)} an hour × ${hoursPerWeek} ${hoursPerWeek === 1 ? 'hour' : 'hours'} a week × ${plural(weeks, 'week', 'weeks')} = ${formatPounds(decision.amountPence)}`;
}

/** The needs profile as a table: a row per domain, its three ratings. */
export function profileRows(domains: readonly string[], profile: { needs: number[]; settingReadiness: number[]; familyConfidence: number[] } | null | undefined) {
  if (!profile) return [];
  return domains.map((domain, i) => ({ domain, needs: profile.needs[i], settingReadiness: profile.settingReadiness[i], familyConfidence: profile.familyConfidence[i] }));
}

/** A package's commissioning checks, each done or outstanding, in the service's order. */
export function checkRows(checks: { required: boolean; done: string[]; outstanding: string[] }) {
  const known = Object.keys(CHECK_WORDS);
  const all = [...new Set([...known.filter((c) => checks.done.includes(c) || checks.outstanding.includes(c)), ...checks.done, ...checks.outstanding])];
  return all.map((check) => ({ check, text: CHECK_WORDS[check] ?? check, done: checks.done.includes(check) }));
}

/** A cost period as the API gives it: the weekly cost from a day, to a day or on. */
export interface CostPeriod { from: CalendarDate; to: CalendarDate | null; weeklyCostPence: number }

export const costRows = (history: CostPeriod[]) => history.map((c) => ({ ...c, pounds: formatPounds(c.weeklyCostPence) }));
