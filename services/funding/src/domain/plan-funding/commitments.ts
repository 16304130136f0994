import { addDays, isAfter, maxDate, minDate, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearEnd, financialYearOf, prorate, type Commitment } from '@ehc/money';
import type { SettingType } from './events';
import { hasDays, sharedWindows, type PlanFundingState, type SharedWindow, type TopUpSegment } from './state';

/*
 * What the plan's top-up commits the high-needs block to, as constant-rate commitments the money
 * rules turn into amounts per financial year and payment lines. An open-ended top-up is committed to
 * the end of the financial year it is read in (or the one it starts in, if later): the LA's
 * commitment accounting; the next year's share is committed as that year comes.
 */

/** The last day an open-ended commitment is counted to, read on `asOf`. */
export const committedTo = (from: CalendarDate, asOf: CalendarDate): CalendarDate => financialYearEnd(financialYearOf(maxDate(from, asOf)));

/** A top-up segment's stretches at one rate: its rate windows, cut to [its first day, `to`]. */
function rateStretches(t: TopUpSegment, to: CalendarDate): { from: CalendarDate; to: CalendarDate; annualPence: number }[] {
  return t.rates
    .map((r, i) => ({ from: maxDate(r.from, t.from), to: i + 1 < t.rates.length ? minDate(addDays(t.rates[i + 1].from, -1), to) : to, annualPence: r.annualPence }))
    .filter((stretch) => !isAfter(stretch.from, stretch.to));
}

/** One rate's stretch of a top-up: shared with the mainstream school while each dual registration's funding was released. */
function stretchCommitments(key: string, payee: string, stretch: { from: CalendarDate; to: CalendarDate; annualPence: number }, windows: SharedWindow[]): Commitment[] {
  const { annualPence, to } = stretch;
  const whole = (from: CalendarDate, until: CalendarDate): Commitment[] =>
    isAfter(from, until) ? [] : [{ key, from, to: until, annualPence, shares: [{ payee, weight: 1 }] }];
  const out: Commitment[] = [];
  let cursor = stretch.from;
  for (const w of windows) {
    const from = maxDate(cursor, w.from);
    const until = w.to === null ? to : minDate(to, w.to);
    if (isAfter(from, until)) continue;
    out.push(...whole(cursor, addDays(from, -1)), {
      key, from, to: until, annualPence,
      shares: [{ payee, weight: w.split.specialSessions }, { payee: w.mainstreamUrn, weight: w.split.mainstreamSessions }],
    });
    cursor = addDays(until, 1);
  }
  return [...out, ...whole(cursor, to)];
}

/** The plan's top-up commitments, open-ended ones counted to the end of the financial year of `asOf`. */
export function commitmentsOf(state: PlanFundingState, asOf: CalendarDate): Commitment[] {
  const windows = sharedWindows(state);
  return state.topUps.filter(hasDays)
    .flatMap((t) => rateStretches(t, t.to ?? committedTo(t.from, asOf)).flatMap((stretch) => stretchCommitments(t.topUpId, t.settingUrn, stretch, windows)))
    // a split whose weights are all zero would pay no one: the sessions were recorded as none at either school
    .filter((c) => c.shares.some((s) => s.weight > 0));
}

/** Pence committed in each financial year the top-up touches, as read on `asOf`. */
export function commitmentsByYear(state: PlanFundingState, asOf: CalendarDate): Record<string, number> {
  const byYear: Record<string, number> = {};
  for (const c of commitmentsOf(state, asOf)) {
    for (const part of prorate(c.annualPence, c.from, c.to)) byYear[part.fy] = (byYear[part.fy] ?? 0) + part.pence;
  }
  return Object.fromEntries(Object.entries(byYear).sort(([a], [b]) => a.localeCompare(b)));
}

/** Who each payment line pays, by setting type: the top-up's setting, or the mainstream school of a dual registration. */
export function payeeTypes(state: PlanFundingState): Map<string, SettingType> {
  const types = new Map<string, SettingType>();
  for (const p of state.placements) types.set(p.settingUrn, p.settingType);
  for (const t of state.topUps) types.set(t.settingUrn, t.settingType);
  for (const d of [...state.pastDualRegistrations, ...(state.dualRegistration ? [state.dualRegistration] : [])]) if (!types.has(d.mainstreamUrn)) types.set(d.mainstreamUrn, 'mainstream');
  return types;
}

/** Each commitment key's band (a segment of the top-up). */
export const bandsOf = (state: PlanFundingState): Map<string, string> => new Map(state.topUps.map((t) => [t.topUpId, t.band]));
