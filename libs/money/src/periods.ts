import { calendarDate, lastDayOfMonth, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearStartYear, type FinancialYear } from './financial-year';

/** How often a payee is paid: settings paid by the month, or by the term (many maintained schools). */
export type PaymentCadence = 'monthly' | 'termly';

/**
 * One payment of a financial year, paid in advance on its first day (`from`).
 *
 * Ids sort in time order within a cadence, so ledger lines sorted by id read chronologically:
 * monthly ids are the month, '2026-04' ... '2027-03'; termly ids are the FY, the term's place in
 * the FY and its name, '2026-27-1-summer', '2026-27-2-autumn', '2026-27-3-spring' (the FY starts
 * in the summer term, so the names alone would sort autumn, spring, summer).
 */
export type PaymentPeriod = { readonly id: string; readonly from: CalendarDate; readonly to: CalendarDate };

const monthId = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

const monthlyPeriods = (startYear: number): PaymentPeriod[] =>
  Array.from({ length: 12 }, (_, index) => {
    const year = index < 9 ? startYear : startYear + 1;
    const month = ((index + 3) % 12) + 1;
    return { id: monthId(year, month), from: calendarDate(year, month, 1), to: lastDayOfMonth(year, month) };
  });

// Funding terms, not school terms: three blocks that cover every day of the year, so a placement
// is funded through the holidays. Summer runs from the start of the FY to the end of August.
const termlyPeriods = (fy: FinancialYear, startYear: number): PaymentPeriod[] => [
  { id: `${fy}-1-summer`, from: calendarDate(startYear, 4, 1), to: calendarDate(startYear, 8, 31) },
  { id: `${fy}-2-autumn`, from: calendarDate(startYear, 9, 1), to: calendarDate(startYear, 12, 31) },
  { id: `${fy}-3-spring`, from: calendarDate(startYear + 1, 1, 1), to: calendarDate(startYear + 1, 3, 31) },
];

/** The periods of a financial year in time order; together they cover every day of it once. */
export const paymentPeriods = (fy: FinancialYear, cadence: PaymentCadence): PaymentPeriod[] => {
  const startYear = financialYearStartYear(fy);
  switch (cadence) {
    case 'monthly': return monthlyPeriods(startYear);
    case 'termly': return termlyPeriods(fy, startYear);
  }
};

// The ledger looks up the period of every line it reads, so each year's periods are built once.
// A cache of a pure function of the FY: it changes no answer, and there are 15 periods a year.
const periodsById = new Map<FinancialYear, ReadonlyMap<string, PaymentPeriod>>();

/**
 * The period a ledger line names, found from its FY and id (the ids of the two cadences never
 * collide); the ledger needs its first day to know whether it has been paid. Throws on an id that
 * is not a period of that FY: a bug.
 */
export const paymentPeriodOf = (fy: FinancialYear, periodId: string): PaymentPeriod => {
  let periods = periodsById.get(fy);
  if (!periods) {
    const all = [...paymentPeriods(fy, 'monthly'), ...paymentPeriods(fy, 'termly')];
    periods = new Map(all.map((period) => [period.id, Object.freeze(period)]));
    periodsById.set(fy, periods);
  }
  const period = periods.get(periodId);
  if (!period) throw new RangeError(`No payment period ${JSON.stringify(periodId)} in financial year ${fy}`);
  return period;
};
