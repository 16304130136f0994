import {
  addDays,
  calendarDate,
  compare,
  isWeekend,
  lastDayOfMonth,
  MONDAY,
  partsOf,
  weekdayOnOrAfter,
  weekdayOnOrBefore,
  type CalendarDate,
} from './calendar-date';

/**
 * England and Wales bank holidays, computed by rule for any year (Banking and Financial Dealings
 * Act 1971 Sch. 1 plus the usual royal proclamations), so no yearly feed is needed for
 * working-day rules (domain §2.5: "exclude weekends and England bank holidays").
 *
 * The rules are those in force since 1978 (when the early May holiday began), with the one-offs and
 * moves proclaimed up to the year this code was last checked against the published list
 * (BUILT_IN_CONFIRMED_THROUGH). Later proclamations are not code: an administrator adds them to the
 * hub's calendar (domain §11.3), which hands them here with `useProclaimedBankHolidays`, and every
 * working-day rule follows at once. A working day computed for a year beyond the last confirmed one
 * is remembered, so the hub's health can warn that a proclamation may yet change it.
 */
export type BankHoliday = { readonly date: CalendarDate; readonly name: string };

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export const easterSunday = (year: number): CalendarDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
};

// Regular holidays moved by proclamation in a given year: year -> replacement date.
const MOVED: Readonly<Record<'earlyMay' | 'spring', Readonly<Record<number, CalendarDate>>>> = {
  earlyMay: {
    1995: '1995-05-08', // VE Day 50th anniversary
    2020: '2020-05-08', // VE Day 75th anniversary (a Friday)
  },
  spring: {
    2002: '2002-06-04', // Golden Jubilee
    2012: '2012-06-04', // Diamond Jubilee
    2022: '2022-06-02', // Platinum Jubilee (a Thursday)
  },
};

// Extra days proclaimed once.
const ONE_OFF: readonly BankHoliday[] = [
  { date: '1981-07-29', name: 'Royal wedding' },
  { date: '1999-12-31', name: 'Millennium celebrations' },
  { date: '2002-06-03', name: 'Golden Jubilee' },
  { date: '2011-04-29', name: 'Royal wedding' },
  { date: '2012-06-05', name: 'Diamond Jubilee' },
  { date: '2022-06-03', name: 'Platinum Jubilee' },
  { date: '2022-09-19', name: 'State funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
];

const SUBSTITUTE = ' (substitute day)';

const newYear = (year: number): BankHoliday => {
  const day = calendarDate(year, 1, 1);
  // 1 Jan on a Saturday or Sunday: the holiday is the following Monday.
  return isWeekend(day)
    ? { date: weekdayOnOrAfter(day, MONDAY), name: `New Year’s Day${SUBSTITUTE}` }
    : { date: day, name: 'New Year’s Day' };
};

const christmasAndBoxingDay = (year: number): BankHoliday[] => {
  const days = [
    { date: calendarDate(year, 12, 25), name: 'Christmas Day' },
    { date: calendarDate(year, 12, 26), name: 'Boxing Day' },
  ];
  const onWeekdays = days.filter((h) => !isWeekend(h.date));
  // Each of 25 and 26 Dec that falls at a weekend takes the next weekday not already a holiday:
  // Sat+Sun -> Mon 27 and Tue 28; Sun+Mon -> Mon 26 and Tue 27; Fri+Sat -> Fri 25 and Mon 28.
  const taken = new Set(onWeekdays.map((h) => h.date));
  const substitutes = days
    .filter((h) => isWeekend(h.date))
    .map((h) => {
      let date = addDays(h.date, 1);
      while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
      taken.add(date);
      return { date, name: `${h.name}${SUBSTITUTE}` };
    });
  return [...onWeekdays, ...substitutes];
};

const computeYear = (year: number): readonly BankHoliday[] => {
  const easter = easterSunday(year);
  const holidays: BankHoliday[] = [
    newYear(year),
    { date: addDays(easter, -2), name: 'Good Friday' },
    { date: addDays(easter, 1), name: 'Easter Monday' },
    { date: MOVED.earlyMay[year] ?? weekdayOnOrAfter(calendarDate(year, 5, 1), MONDAY), name: 'Early May bank holiday' },
    { date: MOVED.spring[year] ?? weekdayOnOrBefore(lastDayOfMonth(year, 5), MONDAY), name: 'Spring bank holiday' },
    { date: weekdayOnOrBefore(lastDayOfMonth(year, 8), MONDAY), name: 'Summer bank holiday' },
    ...christmasAndBoxingDay(year),
    ...ONE_OFF.filter((h) => partsOf(h.date).year === year),
  ];
  return Object.freeze(holidays.sort((x, y) => compare(x.date, y.date)));
};

/** The last year whose bank holidays were checked against the published list when this code was written. */
export const BUILT_IN_CONFIRMED_THROUGH = 2027;

/**
 * A proclamation the rule cannot know: an extra day ('extra', e.g. a coronation) or a regular day
 * that is not a holiday that year because it was moved ('cancelled', e.g. 4 May 2020 moved to 8 May
 * by the VE Day proclamation: 2020-05-04 cancelled, 2020-05-08 extra).
 */
export type Proclamation = { readonly date: CalendarDate; readonly name: string; readonly kind: 'extra' | 'cancelled' };

let proclaimed: readonly Proclamation[] = [];
let confirmedThrough = BUILT_IN_CONFIRMED_THROUGH;
let latestYearComputedBeyondConfirmed: number | null = null;

/**
 * Hands the hub's calendar to the kernel: the proclamations an administrator recorded and the last
 * year someone confirmed against the published list (never earlier than the built-in one).
 */
export const useProclaimedBankHolidays = (calendar: { proclamations: readonly Proclamation[]; confirmedThrough: number | null }): void => {
  for (const p of calendar.proclamations) partsOf(p.date);
  proclaimed = [...calendar.proclamations];
  confirmedThrough = Math.max(BUILT_IN_CONFIRMED_THROUGH, calendar.confirmedThrough ?? 0);
  latestYearComputedBeyondConfirmed = null;
  byYear.clear();
};

/**
 * The proclamations that turn the rule into a published list: for every year the list covers, its
 * days the rule lacks ('extra') and the rule's days it lacks ('cancelled'). Importing the published
 * bank-holidays list of England and Wales is this, stored.
 */
export const proclamationsFromPublishedList = (published: readonly BankHoliday[]): { years: number[]; proclamations: Proclamation[] } => {
  for (const h of published) partsOf(h.date);
  const years = [...new Set(published.map((h) => partsOf(h.date).year))].sort((a, b) => a - b);
  const proclamations: Proclamation[] = [];
  for (const year of years) {
    const listed = published.filter((h) => partsOf(h.date).year === year);
    const listedDates = new Set(listed.map((h) => h.date));
    const ruled = computeYear(year);
    const ruledDates = new Set(ruled.map((h) => h.date));
    for (const h of listed) if (!ruledDates.has(h.date)) proclamations.push({ date: h.date, name: h.name, kind: 'extra' });
    for (const h of ruled) if (!listedDates.has(h.date)) proclamations.push({ date: h.date, name: h.name, kind: 'cancelled' });
  }
  return { years, proclamations };
};

/** Is `date` a bank holiday by the rule alone, before any proclamation the hub's calendar holds? */
export const isBankHolidayByRule = (date: CalendarDate): boolean => computeYear(partsOf(date).year).some((h) => h.date === date);

/** What the health check reports: how far the calendar is confirmed, and whether a date was computed beyond it. */
export const bankHolidayCalendarStatus = (): { confirmedThrough: number; latestYearComputedBeyondConfirmed: number | null } => ({
  confirmedThrough,
  latestYearComputedBeyondConfirmed,
});

const withProclamations = (year: number): readonly BankHoliday[] => {
  const mine = proclaimed.filter((p) => partsOf(p.date).year === year);
  if (mine.length === 0) return computeYear(year);
  const cancelled = new Set(mine.filter((p) => p.kind === 'cancelled').map((p) => p.date));
  const extra = mine.filter((p) => p.kind === 'extra').map(({ date, name }) => ({ date, name }));
  const days = [...computeYear(year).filter((h) => !cancelled.has(h.date)), ...extra.filter((e) => !cancelled.has(e.date))];
  const unique = [...new Map(days.map((h) => [h.date, h])).values()];
  return Object.freeze(unique.sort((x, y) => compare(x.date, y.date)));
};

const byYear = new Map<number, { list: readonly BankHoliday[]; dates: ReadonlySet<CalendarDate> }>();

const yearEntry = (year: number) => {
  if (year > confirmedThrough && (latestYearComputedBeyondConfirmed === null || year > latestYearComputedBeyondConfirmed)) {
    latestYearComputedBeyondConfirmed = year;
  }
  let entry = byYear.get(year);
  if (!entry) {
    const list = withProclamations(year);
    entry = { list, dates: new Set(list.map((h) => h.date)) };
    byYear.set(year, entry);
  }
  return entry;
};

/** England and Wales bank holidays in a calendar year, in date order. */
export const bankHolidaysInYear = (year: number): readonly BankHoliday[] => {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`Bad year: ${year}`);
  return yearEntry(year).list;
};

export const isBankHoliday = (date: CalendarDate): boolean => yearEntry(partsOf(date).year).dates.has(date);

/** The holiday's name, or undefined if the date is not a bank holiday. */
export const bankHolidayName = (date: CalendarDate): string | undefined =>
  yearEntry(partsOf(date).year).list.find((h) => h.date === date)?.name;
