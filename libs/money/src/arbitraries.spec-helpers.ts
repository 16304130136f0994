// fast-check generators shared by the money specs: dates and periods in 2024-2031, which hold
// the leap financial years 2023-24 (to 31 March 2024), 2027-28 and 2031-32 (to 31 March 2032).
import fc from 'fast-check';
import { addDays, daysBetween, type CalendarDate } from '@ehc/domain-kernel';

const FIRST = '2024-01-01';
const LAST = '2031-12-31';

export const dateArb = (from: CalendarDate = FIRST, to: CalendarDate = LAST): fc.Arbitrary<CalendarDate> =>
  fc.integer({ min: 0, max: daysBetween(from, to) }).map((days) => addDays(from, days));

/** A period [from, to], from ≤ to: often short, sometimes crossing 31 March, sometimes years long. */
export const periodArb: fc.Arbitrary<{ from: CalendarDate; to: CalendarDate }> = fc
  .tuple(dateArb(), fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 3 * 366 })))
  .map(([from, length]) => ({ from, to: addDays(from, Math.min(length, daysBetween(from, LAST))) }));

/** 0 to £500,000 a year, in pence. */
export const annualPenceArb = fc.integer({ min: 0, max: 50_000_000 });
