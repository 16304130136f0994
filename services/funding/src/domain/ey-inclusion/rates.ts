import type { CalendarDate } from '@ehc/domain-kernel';
import { versionOn, type PriceList } from '../price-list';

/*
 * The LA's rates table for early-years inclusion funding: each level's hourly rate in pence, in
 * versions from the day each takes effect (the values are a local choice, domain §11.11).
 */
export interface RateVersion { level: string; hourlyPence: number; validFrom: CalendarDate }

/** The table as a price list: a rate is a level's, listed by level. */
export const EY_RATES: PriceList<RateVersion> = {
  lineOf: (r) => r.level,
  amountOf: (r) => r.hourlyPence,
  compareLines: (a, b) => a.level.localeCompare(b.level, 'en', { numeric: true }),
};

/**
 * The level's hourly rate on a day: the version with the latest `validFrom` on or before it, or
 * null when the level has none by then. Two versions of a level from the same day make the table
 * ambiguous: a configuration bug, thrown.
 */
export const rateOn = (rates: readonly RateVersion[], level: string, on: CalendarDate): number | null => versionOn(EY_RATES, rates, level, on)?.hourlyPence ?? null;
