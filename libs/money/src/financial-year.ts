import {
  calendarDate,
  fail,
  isBefore,
  isLeapYear,
  ok,
  partsOf,
  type CalendarDate,
  type Result,
} from '@ehc/domain-kernel';

/**
 * A local authority's financial year, 1 April to 31 March, written as the budget papers write it:
 * '2026-27'. The text sorts in time order, so FY labels compare as strings.
 */
export type FinancialYear = string;

const SHAPE = /^(\d{4})-(\d{2})$/;

// A year whose 31 March is still a four-digit year, so every date in it is a CalendarDate.
const FIRST_START_YEAR = 1;
const LAST_START_YEAR = 9998;

const labelOf = (startYear: number): FinancialYear =>
  `${String(startYear).padStart(4, '0')}-${String((startYear + 1) % 100).padStart(2, '0')}`;

const startYearOrNull = (text: string): number | null => {
  const match = SHAPE.exec(text);
  if (!match) return null;
  const startYear = Number(match[1]);
  if (startYear < FIRST_START_YEAR || startYear > LAST_START_YEAR) return null;
  return Number(match[2]) === (startYear + 1) % 100 ? startYear : null;
};

/** For input at the edge: '2026-27' and '2099-00' are financial years; '2026-28' and '2026/27' are not. */
export const parseFinancialYear = (text: string): Result<FinancialYear, 'NotAFinancialYear'> =>
  startYearOrNull(text) === null ? fail('NotAFinancialYear') : ok(text);

/** The calendar year holding the FY's April; throws RangeError on a malformed label (a bug). */
export const financialYearStartYear = (fy: FinancialYear): number => {
  const startYear = startYearOrNull(fy);
  if (startYear === null) throw new RangeError(`Not a financial year (YYYY-YY): ${JSON.stringify(fy)}`);
  return startYear;
};

export const financialYearOf = (date: CalendarDate): FinancialYear => {
  const { year, month } = partsOf(date);
  return labelOf(month >= 4 ? year : year - 1);
};

export const financialYearStart = (fy: FinancialYear): CalendarDate => calendarDate(financialYearStartYear(fy), 4, 1);

export const financialYearEnd = (fy: FinancialYear): CalendarDate => calendarDate(financialYearStartYear(fy) + 1, 3, 31);

/** 366 when the FY holds a 29 February, which falls in the calendar year it ends in (2027-28 holds 2028-02-29). */
export const daysInFinancialYear = (fy: FinancialYear): number =>
  isLeapYear(financialYearStartYear(fy) + 1) ? 366 : 365;

export const nextFinancialYear = (fy: FinancialYear): FinancialYear => labelOf(financialYearStartYear(fy) + 1);

/** Every FY holding a day of [from, to], both ends included, in order. to before from is a bug. */
export const financialYearsTouching = (from: CalendarDate, to: CalendarDate): FinancialYear[] => {
  if (isBefore(to, from)) throw new RangeError(`Period ends (${to}) before it starts (${from})`);
  const last = financialYearOf(to);
  const years = [financialYearOf(from)];
  while (years[years.length - 1] !== last) years.push(nextFinancialYear(years[years.length - 1]));
  return years;
};
