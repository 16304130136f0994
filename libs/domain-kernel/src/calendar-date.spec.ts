import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  calendarDate,
  compare,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isAfter,
  isBefore,
  isCalendarDate,
  isLeapYear,
  isWeekend,
  lastDayOfMonthsBeginningWith,
  maxDate,
  minDate,
  onOrAfter,
  onOrBefore,
  parseCalendarDate,
  weekdayOnOrAfter,
  weekdayOnOrBefore,
} from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2026-01-05', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-5', '26-01-05',
    '2026-01-05T00:00:00Z', ' 2026-01-05', '', '0000-01-01', 20260105, null, undefined, new Date(0),
  ])('rejects %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it('parseCalendarDate names the failure instead of throwing', () => {
    expect(parseCalendarDate('2026-02-30')).toEqual({ ok: false, error: 'InvalidCalendarDate' });
    expect(parseCalendarDate('2026-02-28')).toEqual({ ok: true, value: '2026-02-28' });
  });

  it('arithmetic on a malformed date is a bug and throws', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => calendarDate(2026, 2, 29)).toThrow(RangeError);
  });
});

describe('addDays and addWeeks', () => {
  it.each([
    ['2026-01-05', 42, '2026-02-16'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-28', 2, '2026-03-30'], // across the BST change: still whole days
    ['2026-10-24', 2, '2026-10-26'],
    ['1969-12-31', 1, '1970-01-01'],
    ['1600-02-28', 1, '1600-02-29'],
    ['2026-01-05', 0, '2026-01-05'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('agrees with UTC Date arithmetic for every 13th day from 1890 to 2110', () => {
    const start = '1890-01-01';
    const startMs = Date.UTC(1890, 0, 1);
    for (let n = 0; n < 80_000; n += 13) {
      const expected = new Date(startMs + n * 86_400_000);
      const date = addDays(start, n);
      expect(date).toBe(expected.toISOString().slice(0, 10));
      expect(dayOfWeek(date) % 7).toBe(expected.getUTCDay());
      expect(daysBetween(start, date)).toBe(n);
    }
  });

  it('a week is seven days', () => {
    expect(addWeeks('2026-01-05', 20)).toBe('2026-05-25');
    expect(addWeeks('2027-02-15', -8)).toBe('2026-12-21');
  });
});

describe('addMonths clamps to month end', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-10-31', 2, '2026-12-31'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-06-10', 2, '2026-08-10'],
    ['2026-05-31', -1, '2026-04-30'],
    ['2026-03-31', -13, '2025-02-28'],
    ['2026-01-15', 13, '2027-02-15'],
    ['2026-01-15', 0, '2026-01-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-05-20', 1, '2026-05-20'],
    ['2026-05-20', -1, '2025-05-20'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });
});

describe('periods "beginning with" a date', () => {
  it.each([
    ['2025-05-20', 12, '2026-05-19'],
    ['2026-01-12', 12, '2027-01-11'],
    ['2024-02-29', 12, '2025-02-28'], // no 29 Feb 2025: the month's last day
    ['2023-02-28', 12, '2024-02-27'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-27'],
    ['2026-09-21', 3, '2026-12-20'],
  ])('%s for %i months ends %s', (start, months, expected) => {
    expect(lastDayOfMonthsBeginningWith(start, months)).toBe(expected);
  });
});

describe('comparison', () => {
  it('orders dates', () => {
    expect(compare('2026-01-05', '2026-01-06')).toBe(-1);
    expect(compare('2026-01-06', '2026-01-05')).toBe(1);
    expect(compare('2026-01-05', '2026-01-05')).toBe(0);
    expect(onOrBefore('2026-01-05', '2026-01-05')).toBe(true);
    expect(onOrBefore('2026-01-06', '2026-01-05')).toBe(false);
    expect(onOrAfter('2026-01-05', '2026-01-05')).toBe(true);
    expect(isBefore('2025-12-31', '2026-01-01')).toBe(true);
    expect(isAfter('2025-12-31', '2026-01-01')).toBe(false);
    expect(['2026-03-01', '2025-12-31', '2026-01-05'].sort(compare)).toEqual(['2025-12-31', '2026-01-05', '2026-03-01']);
  });

  it('max and min', () => {
    expect(maxDate('2026-08-10', '2026-08-24')).toBe('2026-08-24');
    expect(maxDate('2026-08-24')).toBe('2026-08-24');
    expect(minDate('2026-08-10', '2026-08-24', '2025-01-01')).toBe('2025-01-01');
    expect(() => maxDate('nope')).toThrow(RangeError);
  });

  it('daysBetween is signed', () => {
    expect(daysBetween('2026-01-05', '2026-05-25')).toBe(140);
    expect(daysBetween('2026-05-25', '2026-01-05')).toBe(-140);
  });
});

describe('weekdays', () => {
  it.each([
    ['2026-01-05', 1],
    ['2026-04-03', 5],
    ['2026-04-18', 6],
    ['2026-04-12', 7],
    ['2000-01-01', 6],
    ['1970-01-01', 4],
  ])('%s is ISO weekday %i', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it('weekend and nearest weekday', () => {
    expect(isWeekend('2026-03-07')).toBe(true);
    expect(isWeekend('2026-03-09')).toBe(false);
    expect(weekdayOnOrAfter('2026-05-01', 1)).toBe('2026-05-04');
    expect(weekdayOnOrAfter('2026-05-04', 1)).toBe('2026-05-04');
    expect(weekdayOnOrBefore('2027-06-30', 5)).toBe('2027-06-25');
  });

  it('leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
    expect([daysInMonth(2026, 2), daysInMonth(2028, 2), daysInMonth(2026, 4), daysInMonth(2026, 12)]).toEqual([28, 29, 30, 31]);
  });
});
