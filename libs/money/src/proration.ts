import { daysBetween, maxDate, minDate, type CalendarDate } from '@ehc/domain-kernel';
import { assertPence, roundHalfUp, type Pence } from './amounts';
import {
  daysInFinancialYear,
  financialYearEnd,
  financialYearStart,
  financialYearsTouching,
  type FinancialYear,
} from './financial-year';

/** The part of an annual rate owed for the days of one period that fall in one financial year. */
export type ProratedAmount = {
  readonly fy: FinancialYear;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly days: number;
  readonly pence: Pence;
};

/** Days from `from` to `to` with both ends counted: a placement that starts and ends on one day is one day. */
export const daysInclusive = (from: CalendarDate, to: CalendarDate): number => daysBetween(from, to) + 1;

/**
 * An annual rate for the days of [from, to] (both included), one amount per financial year the
 * period touches. Each year is prorated by its own length, annual × days ÷ 365 or 366, rounded
 * half up, because a top-up rate is set per financial year: a whole year therefore costs exactly
 * the annual rate, leap or not. Rounding is per year, so the parts of a period crossing 31 March
 * may differ by a penny from prorating the whole period at once; each year's budget is what is
 * reconciled. to before from is a bug and throws.
 */
export const prorate = (annualPence: Pence, from: CalendarDate, to: CalendarDate): ProratedAmount[] => {
  assertPence(annualPence, 'annualPence');
  if (annualPence < 0) throw new RangeError(`annualPence must not be negative, got ${annualPence}`);
  return financialYearsTouching(from, to).map((fy) => {
    const partFrom = maxDate(from, financialYearStart(fy));
    const partTo = minDate(to, financialYearEnd(fy));
    const days = daysInclusive(partFrom, partTo);
    const pence = roundHalfUp(BigInt(annualPence) * BigInt(days), daysInFinancialYear(fy));
    return { fy, from: partFrom, to: partTo, days, pence };
  });
};
