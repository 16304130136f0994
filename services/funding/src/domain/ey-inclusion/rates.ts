import { isBefore, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';

/*
 * The LA's rates table for early-years inclusion funding: each level's hourly rate in pence, in
 * versions from the day each takes effect (the values are a local choice, domain §11.11).
 */
export interface RateVersion { level: string; hourlyPence: number; validFrom: CalendarDate }

/**
 * The level's hourly rate on a day: the version with the latest `validFrom` on or before it, or
 * null when the level has none by then. Two versions of a level from the same day make the table
 * ambiguous: a configuration bug, thrown.
 */
export function rateOn(rates: readonly RateVersion[], level: string, on: CalendarDate): number | null {
  const inForce = rates.filter((r) => r.level === level && onOrBefore(r.validFrom, on));
  if (inForce.length === 0) return null;
  const latest = inForce.reduce((a, b) => (isBefore(a.validFrom, b.validFrom) ? b : a));
  if (inForce.filter((r) => r.validFrom === latest.validFrom).length > 1) throw new RangeError(`two rates for level ${level} from ${latest.validFrom}`);
  return latest.hourlyPence;
}
