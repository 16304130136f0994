import { addDays, daysBetween, isAfter, isBefore, maxDate, minDate, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { roundHalfUp } from '@ehc/money';
import type { EotasPackageState } from './package-state';

/*
 * What an EOTAS package costs over time. Finance is sent the weekly cost (the events); the
 * high-needs forecast turns it into pence for a span of days here. Integer pence throughout.
 */

/** A weekly cost and the day it applies from. */
export interface CostChange { from: CalendarDate; weeklyCostPence: number }

/** A run of days at one weekly cost; `to` is null while the package has no last day. */
export interface CostPeriod { from: CalendarDate; to: CalendarDate | null; weeklyCostPence: number }

/** A period's cost within a horizon: its days, from and to inclusive, priced at the weekly cost. */
export interface Commitment { from: CalendarDate; to: CalendarDate; weeklyCostPence: number; pence: number }

/**
 * A weekly cost set from `from` replaces whatever was set from that day on (a change an earlier
 * review scheduled for later included); the days before keep their cost. An unchanged cost adds
 * no period.
 */
export function withCostFrom(changes: readonly CostChange[], from: CalendarDate, weeklyCostPence: number): CostChange[] {
  const kept = changes.filter((c) => isBefore(c.from, from));
  const last = kept[kept.length - 1];
  return last && last.weeklyCostPence === weeklyCostPence ? kept : [...kept, { from, weeklyCostPence }];
}

/** The weekly cost that applies on `date` (null before the first change). */
export function weeklyCostOn(changes: readonly CostChange[], date: CalendarDate): number | null {
  const applying = changes.filter((c) => onOrBefore(c.from, date));
  return applying.length === 0 ? null : applying[applying.length - 1].weeklyCostPence;
}

/**
 * The approved package's weekly cost over time, from its start to its last day (open-ended while it
 * runs). Nothing for a package only proposed or declined: no money is committed to it.
 */
export function weeklyCostPeriods(state: EotasPackageState): CostPeriod[] {
  if (state.status === 'none') return [];
  const lastDay = state.ended?.lastDay ?? null;
  const changes = lastDay === null ? state.costChanges : state.costChanges.filter((c) => onOrBefore(c.from, lastDay));
  return changes.map((c, i) => ({ from: c.from, to: i + 1 < changes.length ? addDays(changes[i + 1].from, -1) : lastDay, weeklyCostPence: c.weeklyCostPence }));
}

/**
 * Pence for `days` days at a weekly cost: weeklyCostPence × days ÷ 7, rounded half up (the money
 * rules' `roundHalfUp`; with 7 odd an exact half never arises, so half up and half even agree).
 */
export function penceForDays(weeklyCostPence: number, days: number): number {
  if (!Number.isSafeInteger(weeklyCostPence) || weeklyCostPence < 0) throw new RangeError(`weeklyCostPence must be whole pence, got ${weeklyCostPence}`);
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`days must be a whole number of days, got ${days}`);
  return roundHalfUp(BigInt(weeklyCostPence) * BigInt(days), 7);
}

/**
 * What the package commits within a horizon (from and to inclusive): each cost period cut to the
 * horizon, priced per period (a period's pence are rounded on their own; the total is their sum).
 */
export function eotasCommitment(state: EotasPackageState, horizon: { from: CalendarDate; to: CalendarDate }): Commitment[] {
  if (isAfter(horizon.from, horizon.to)) throw new RangeError(`horizon ends (${horizon.to}) before it begins (${horizon.from})`);
  return weeklyCostPeriods(state).flatMap((p) => {
    const from = maxDate(p.from, horizon.from);
    const to = p.to === null ? horizon.to : minDate(p.to, horizon.to);
    if (isAfter(from, to)) return [];
    return [{ from, to, weeklyCostPence: p.weeklyCostPence, pence: penceForDays(p.weeklyCostPence, daysBetween(from, to) + 1) }];
  });
}
