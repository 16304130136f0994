import { fail, ok, type Result } from './result';

/**
 * A date with no time and no zone, written 'YYYY-MM-DD' (ISO 8601 calendar date).
 *
 * Every statutory clock counts whole days from a local date (domain §2.5: "Store it as a
 * Europe/London local date, never as a truncated UTC timestamp"). A plain string alias, not a
 * brand, so literal dates in specs and dates read from stored JSON events need no casts; the
 * functions here validate and throw on malformed input, because that is a bug, not a rule.
 *
 * Arithmetic works on a day count (days since 1970-01-01) computed with integer civil-calendar
 * formulas (H. Hinnant, "chrono-compatible low-level date algorithms"), never on `Date` in local
 * time, so the server's time zone and daylight saving cannot change an answer.
 */
export type CalendarDate = string;

/** ISO 8601 weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MONDAY: IsoWeekday = 1;
export const FRIDAY: IsoWeekday = 5;
export const SATURDAY: IsoWeekday = 6;
export const SUNDAY: IsoWeekday = 7;

export type CalendarDateParts = { readonly year: number; readonly month: number; readonly day: number };

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const partsOrNull = (value: unknown): CalendarDateParts | null => {
  if (typeof value !== 'string') return null;
  const match = SHAPE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
};

/** True for a real date written 'YYYY-MM-DD' (so '2026-02-29' is false). */
export const isCalendarDate = (value: unknown): value is CalendarDate => partsOrNull(value) !== null;

/** For input at the edge (API, CSV): a malformed date is a 400, not an exception. */
export const parseCalendarDate = (value: unknown): Result<CalendarDate, 'InvalidCalendarDate'> =>
  isCalendarDate(value) ? ok(value) : fail('InvalidCalendarDate');

/** Splits a date into numbers; throws RangeError if it is not a calendar date (a bug). */
export const partsOf = (date: CalendarDate): CalendarDateParts => {
  const parts = partsOrNull(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Every public kernel function rejects an invalid date this one way: a RangeError naming the value.
 * For a date that may be absent (`null` or `undefined`), use `assertOptionalCalendarDate`.
 */
export function assertCalendarDate(value: unknown): asserts value is CalendarDate {
  partsOf(value as CalendarDate);
}

export function assertOptionalCalendarDate(value: unknown): asserts value is CalendarDate | null | undefined {
  if (value !== null && value !== undefined) partsOf(value as CalendarDate);
}

/** Builds a date from numbers; throws RangeError if the day does not exist. */
export const calendarDate = (year: number, month: number, day: number): CalendarDate => {
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  partsOf(text);
  return text;
};

// Days since 1970-01-01 (day 0 is a Thursday). Proleptic Gregorian calendar.
const toDayNumber = ({ year, month, day }: CalendarDateParts): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
};

const fromDayNumber = (dayNumber: number): CalendarDate => {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return calendarDate(year, month, day);
};

const validated = (date: CalendarDate): CalendarDate => {
  partsOf(date);
  return date;
};

const dayNumberOf = (date: CalendarDate): number => toDayNumber(partsOf(date));

const assertWhole = (n: number, what: string): void => {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
};

/** Calendar days; negative goes back. */
export const addDays = (date: CalendarDate, days: number): CalendarDate => {
  assertWhole(days, 'days');
  return fromDayNumber(dayNumberOf(date) + days);
};

/** "Within N weeks of X" is X + 7N calendar days (domain §2.5). */
export const addWeeks = (date: CalendarDate, weeks: number): CalendarDate => {
  assertWhole(weeks, 'weeks');
  return addDays(date, weeks * 7);
};

/**
 * Same day number N months on; if that month is shorter, the last day of the month
 * (31 Jan + 1 month = 28 or 29 Feb). Domain §3.3 step 4 **(check)**: clamping follows the
 * corresponding-date rule courts apply to calendar months.
 */
export const addMonths = (date: CalendarDate, months: number): CalendarDate => {
  assertWhole(months, 'months');
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return calendarDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
};

/** Same date N years on; 29 Feb becomes 28 Feb in a common year (clamped like addMonths). */
export const addYears = (date: CalendarDate, years: number): CalendarDate => {
  assertWhole(years, 'years');
  return addMonths(date, years * 12);
};

/** Whole days from `from` to `to`: positive when `to` is later. daysBetween(d, addDays(d, n)) === n. */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => dayNumberOf(to) - dayNumberOf(from);

/** -1, 0 or 1, for Array.prototype.sort. */
export const compare = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 => {
  const difference = daysBetween(b, a);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
};

export const onOrBefore = (a: CalendarDate, b: CalendarDate): boolean => compare(a, b) <= 0;
export const onOrAfter = (a: CalendarDate, b: CalendarDate): boolean => compare(a, b) >= 0;
export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => compare(a, b) < 0;
export const isAfter = (a: CalendarDate, b: CalendarDate): boolean => compare(a, b) > 0;

/** The later of the dates (e.g. TR r.20: the later of letter + 2 months and certificate + 1 month). */
export const maxDate = (first: CalendarDate, ...rest: CalendarDate[]): CalendarDate =>
  rest.reduce((latest, date) => (isAfter(date, latest) ? date : latest), validated(first));

/** The earlier of the dates. */
export const minDate = (first: CalendarDate, ...rest: CalendarDate[]): CalendarDate =>
  rest.reduce((earliest, date) => (isBefore(date, earliest) ? date : earliest), validated(first));

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export const dayOfWeek = (date: CalendarDate): IsoWeekday => {
  const dayNumber = dayNumberOf(date);
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
};

export const isWeekend = (date: CalendarDate): boolean => dayOfWeek(date) >= SATURDAY;

export const lastDayOfMonth = (year: number, month: number): CalendarDate =>
  calendarDate(year, month, daysInMonth(year, month));

/** The first `weekday` on or after `date`. */
export const weekdayOnOrAfter = (date: CalendarDate, weekday: IsoWeekday): CalendarDate =>
  addDays(date, (weekday - dayOfWeek(date) + 7) % 7);

/** The last `weekday` on or before `date`. */
export const weekdayOnOrBefore = (date: CalendarDate, weekday: IsoWeekday): CalendarDate =>
  addDays(date, -((dayOfWeek(date) - weekday + 7) % 7));

/**
 * The last day of a period of `months` months "beginning with" `start` (so `start` is inside it):
 * the day before the corresponding date `months` later, or, when that month has no corresponding
 * date, its last day. s.44(1) "12 months starting with" 2025-05-20 ends 2026-05-19; starting with
 * 2024-02-29 it ends 2025-02-28 (there is no 29 Feb 2025).
 */
export const lastDayOfMonthsBeginningWith = (start: CalendarDate, months: number): CalendarDate => {
  const corresponding = addMonths(start, months);
  return partsOf(corresponding).day < partsOf(start).day ? corresponding : addDays(corresponding, -1);
};
