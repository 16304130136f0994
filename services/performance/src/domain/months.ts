import { addDays, addMonths, calendarDate, lastDayOfMonth, weekdayOnOrAfter, type CalendarDate, type IsoWeekday } from '@ehc/domain-kernel';

const THURSDAY: IsoWeekday = 4;

/** A reporting month, YYYY-MM. */
export type Month = string;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const firstDayOf = (month: Month): CalendarDate => `${month}-01`;
export const lastDayOf = (month: Month): CalendarDate => {
  const [y, m] = month.split('-').map(Number);
  return lastDayOfMonth(y, m);
};
export const monthOf = (date: CalendarDate): Month => date.slice(0, 7);
export const addMonthsTo = (month: Month, n: number): Month => monthOf(addMonths(firstDayOf(month), n));

/** The `n` months ending with `month`, oldest first. */
export const monthsEndingWith = (month: Month, n: number): Month[] =>
  Array.from({ length: n }, (_, i) => addMonthsTo(month, i - n + 1));

/** SEN2's census (reference) date: the third Thursday in January of `year` (domain §9: 15 Jan 2026, 21 Jan 2027). */
export const censusDateOf = (year: number): CalendarDate => addDays(weekdayOnOrAfter(calendarDate(year, 1, 1), THURSDAY), 14);
