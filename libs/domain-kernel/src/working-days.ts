import { isBankHoliday } from './bank-holidays';
import { addDays, assertCalendarDate, isWeekend, onOrBefore, type CalendarDate } from './calendar-date';

/**
 * Working days: Monday to Friday except England and Wales bank holidays (domain §2.5; TR r.1
 * defines "working day" the same way for the First-tier Tribunal).
 *
 * Two counting conventions, named for the words in the law:
 *
 * - `addWorkingDays(x, n)`: "within n working days OF x". x is day 0 and is never counted, even
 *   if x is itself a working day; the answer is the n-th working day strictly after x.
 *   Example 15: mediation ended Thu 2026-03-26, + 3 = Tue 03-31.
 * - `nthWorkingDayBeginningWith(x, n)`: "within n working days BEGINNING WITH x". x is day 1 if
 *   it is a working day; otherwise day 1 is the next working day.
 *   Example 18: learned Tue 2026-09-01, 15th working day = Mon 09-21.
 */
export const isWorkingDay = (date: CalendarDate): boolean => !isWeekend(date) && !isBankHoliday(date);

const step = (date: CalendarDate, direction: 1 | -1): CalendarDate => {
  let candidate = addDays(date, direction);
  while (!isWorkingDay(candidate)) candidate = addDays(candidate, direction);
  return candidate;
};

/** The first working day strictly after `date`. */
export const nextWorkingDayAfter = (date: CalendarDate): CalendarDate => step(date, 1);

/** `date` if it is a working day, else the next one. */
export const nextWorkingDayOnOrAfter = (date: CalendarDate): CalendarDate =>
  isWorkingDay(date) ? date : nextWorkingDayAfter(date);

/** The last working day strictly before `date`. */
export const previousWorkingDayBefore = (date: CalendarDate): CalendarDate => step(date, -1);

/** `date` if it is a working day, else the previous one: the operational target for a fixed deadline. */
export const workingDayOnOrBefore = (date: CalendarDate): CalendarDate =>
  isWorkingDay(date) ? date : previousWorkingDayBefore(date);

/**
 * The n-th working day after `date` ("within n working days of"): `date` is day 0 and never counted.
 * n = 0 returns `date` unchanged; a negative n counts back the same way.
 */
export const addWorkingDays = (date: CalendarDate, n: number): CalendarDate => {
  assertCalendarDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
  let result = date;
  for (let i = 0; i < Math.abs(n); i += 1) result = step(result, n > 0 ? 1 : -1);
  return result;
};

/**
 * The n-th working day counting `date` as day 1 when it is a working day ("within n working days
 * beginning with"). n must be at least 1.
 */
export const nthWorkingDayBeginningWith = (date: CalendarDate, n: number): CalendarDate => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number >= 1, got ${n}`);
  return addWorkingDays(nextWorkingDayOnOrAfter(date), n - 1);
};

/**
 * Working days in the half-open range (from, to]: the count addWorkingDays would need to step from
 * `from` to reach `to` (0 when `to` is on or before `from`).
 */
export const workingDaysAfterUpTo = (from: CalendarDate, to: CalendarDate): number => {
  let count = 0;
  for (let day = addDays(from, 1); onOrBefore(day, to); day = addDays(day, 1)) if (isWorkingDay(day)) count += 1;
  return count;
};
