import { isBefore, maxDate, minDate, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import type { Pence } from './amounts';
import { financialYearEnd, financialYearStart, type FinancialYear } from './financial-year';
import { paymentPeriods, type PaymentCadence } from './periods';
import { daysInclusive, type ProratedAmount } from './proration';
import { splitByWeights } from './split';

/** The part of a prorated amount paid in one payment period; from/to are the days of the period it covers. */
export type ScheduleLine = {
  readonly fy: FinancialYear;
  readonly periodId: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly days: number;
  readonly pence: Pence;
};

/**
 * Spreads one financial year's amount over the payment periods it covers, by days covered, with
 * the largest remainder method, so the lines add up to the amount exactly: the money owed was
 * fixed by proration and scheduling must neither make nor lose a penny. A period the amount does
 * not reach gets no line. An amount whose days are not inside its FY is a bug and throws.
 */
export const scheduleOf = (amount: ProratedAmount, cadence: PaymentCadence): ScheduleLine[] => {
  if (isBefore(amount.to, amount.from)
    || isBefore(amount.from, financialYearStart(amount.fy))
    || isBefore(financialYearEnd(amount.fy), amount.to)) {
    throw new RangeError(`${amount.from}..${amount.to} is not a period inside financial year ${amount.fy}`);
  }
  const covered = paymentPeriods(amount.fy, cadence)
    .filter((period) => onOrBefore(period.from, amount.to) && onOrBefore(amount.from, period.to))
    .map((period) => {
      const from = maxDate(period.from, amount.from);
      const to = minDate(period.to, amount.to);
      return { periodId: period.id, from, to, days: daysInclusive(from, to) };
    });
  const pence = splitByWeights(amount.pence, covered.map((period) => period.days));
  return covered.map((period, index) => ({ fy: amount.fy, ...period, pence: pence[index] }));
};
