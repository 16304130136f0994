import { calendarDate, daysBetween, isBefore, minDate, partsOf, addDays, type CalendarDate } from '@ehc/domain-kernel';
import type { PaymentLine } from './events';

/*
 * The termly payment schedule of an approved amount. To be replaced by @ehc/money's scheduleOf
 * once it is on this branch; kept minimal until then.
 *
 * Terms are the funding terms: summer 1 Apr–31 Aug, autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar.
 * The amount is split over the funded period's calendar days in each term, by largest remainder,
 * so the lines sum to the amount exactly.
 */

export type Term = 'spring' | 'summer' | 'autumn';

/** The funding term a day falls in, with its first and last day; its id is `<year>-<term>`. */
export function termOf(date: CalendarDate): { periodId: string; term: Term; start: CalendarDate; end: CalendarDate } {
  const { year, month } = partsOf(date);
  if (month <= 3) return { periodId: `${year}-spring`, term: 'spring', start: calendarDate(year, 1, 1), end: calendarDate(year, 3, 31) };
  if (month <= 8) return { periodId: `${year}-summer`, term: 'summer', start: calendarDate(year, 4, 1), end: calendarDate(year, 8, 31) };
  return { periodId: `${year}-autumn`, term: 'autumn', start: calendarDate(year, 9, 1), end: calendarDate(year, 12, 31) };
}

/** Days from `from` to `to`, both counted. */
export const daysInclusive = (from: CalendarDate, to: CalendarDate): number => daysBetween(from, to) + 1;

export function termlySchedule(amountPence: number, from: CalendarDate, to: CalendarDate): PaymentLine[] {
  if (!Number.isSafeInteger(amountPence) || amountPence < 0) throw new RangeError(`amount must be whole pence, got ${amountPence}`);
  if (isBefore(to, from)) throw new RangeError(`the period ends (${to}) before it starts (${from})`);
  const parts: { periodId: string; from: CalendarDate; to: CalendarDate; days: number }[] = [];
  for (let start = from; !isBefore(to, start);) {
    const term = termOf(start);
    const end = minDate(term.end, to);
    parts.push({ periodId: term.periodId, from: start, to: end, days: daysInclusive(start, end) });
    start = addDays(end, 1);
  }
  const total = BigInt(daysInclusive(from, to));
  const amount = BigInt(amountPence);
  const shares = parts.map((p, index) => ({ index, base: (amount * BigInt(p.days)) / total, remainder: (amount * BigInt(p.days)) % total }));
  let left = amount - shares.reduce((sum, s) => sum + s.base, 0n);
  // the pennies left over go one each to the largest remainders; on a tie, the earlier term
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const s of byRemainder) {
    if (left === 0n) break;
    s.base += 1n;
    left -= 1n;
  }
  return parts.map((p, i) => ({ periodId: p.periodId, from: p.from, to: p.to, pence: Number(shares[i].base) }));
}
