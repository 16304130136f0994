import { maxDate, minDate, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { daysInclusive, financialYearsTouching, paymentPeriods, splitByWeights } from '@ehc/money';
import type { PaymentLine } from './events';

/*
 * The termly payment schedule of an approved amount: the money rules' funding terms (summer
 * 1 Apr–31 Aug, autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar), the amount split over the funded
 * period's calendar days in each term by largest remainder, so the lines sum to it exactly.
 */
export function termlySchedule(amountPence: number, from: CalendarDate, to: CalendarDate): PaymentLine[] {
  const terms = financialYearsTouching(from, to).flatMap((fy) => paymentPeriods(fy, 'termly'))
    .filter((term) => onOrBefore(term.from, to) && onOrBefore(from, term.to))
    .map((term) => ({ periodId: term.id, from: maxDate(term.from, from), to: minDate(term.to, to) }));
  const pence = splitByWeights(amountPence, terms.map((t) => daysInclusive(t.from, t.to)));
  return terms.map((t, i) => ({ ...t, pence: pence[i] }));
}
