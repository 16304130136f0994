import {
  BUILT_IN_CONFIRMED_THROUGH, bankHolidayCalendarStatus, bankHolidayName, bankHolidaysInYear, easterSunday, isBankHoliday, isBankHolidayByRule,
  proclamationsFromPublishedList, useProclaimedBankHolidays,
} from './bank-holidays';
import { addWorkingDays, isWorkingDay } from './working-days';

// England and Wales, as published on gov.uk/bank-holidays.
const published: Record<number, string[]> = {
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
};

describe('England and Wales bank holidays', () => {
  it.each(Object.entries(published))('%s matches the published list', (year, dates) => {
    expect(bankHolidaysInYear(Number(year)).map((h) => h.date)).toEqual(dates);
  });

  it.each([
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-04', 'Early May bank holiday'],
    ['2026-05-25', 'Spring bank holiday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
    ['2022-12-27', 'Christmas Day (substitute day)'],
    ['2028-01-03', 'New Year’s Day (substitute day)'],
    ['2023-01-02', 'New Year’s Day (substitute day)'],
    ['2020-05-08', 'Early May bank holiday'],
    ['2022-06-02', 'Spring bank holiday'],
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'State funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Coronation of King Charles III'],
  ])('%s is %s', (date, name) => {
    expect(isBankHoliday(date)).toBe(true);
    expect(bankHolidayName(date)).toBe(name);
  });

  it.each(['2020-05-04', '2022-05-30', '2026-12-26', '2026-12-24', '2027-12-25', '2026-05-05', '2026-04-05'])(
    '%s is not a bank holiday',
    (date) => {
      expect(isBankHoliday(date)).toBe(false);
      expect(bankHolidayName(date)).toBeUndefined();
    },
  );

  it('has eight holidays in an ordinary year, far into the future', () => {
    for (let year = 2029; year <= 2060; year += 1) expect(bankHolidaysInYear(year)).toHaveLength(8);
  });
});

describe('Easter Sunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('proclaimed bank holidays an administrator adds (domain §11.3)', () => {
  afterEach(() => useProclaimedBankHolidays({ proclamations: [], confirmedThrough: null }));

  it('an extra day proclaimed for a future year is a bank holiday, and working days step over it', () => {
    expect(isWorkingDay('2029-06-01')).toBe(true);
    useProclaimedBankHolidays({ proclamations: [{ date: '2029-06-01', name: 'A proclaimed holiday', kind: 'extra' }], confirmedThrough: null });
    expect(isBankHoliday('2029-06-01')).toBe(true);
    expect(bankHolidayName('2029-06-01')).toBe('A proclaimed holiday');
    expect(addWorkingDays('2029-05-31', 1)).toBe('2029-06-04');
    expect(bankHolidaysInYear(2029)).toHaveLength(9);
  });

  it('a moved regular holiday: the rule day is cancelled and the new day added', () => {
    useProclaimedBankHolidays({ proclamations: [
      { date: '2031-05-05', name: 'Early May bank holiday', kind: 'cancelled' },
      { date: '2031-05-09', name: 'Early May bank holiday (moved)', kind: 'extra' },
    ], confirmedThrough: 2031 });
    expect(isBankHoliday('2031-05-05')).toBe(false);
    expect(isBankHoliday('2031-05-09')).toBe(true);
  });

  it('reads the published list against the rule: what it adds and what it cancels, per year it covers', () => {
    expect(proclamationsFromPublishedList([...bankHolidaysInYear(2020)])).toEqual({ years: [2020], proclamations: [] });
    const movedAndAdded = [
      ...bankHolidaysInYear(2032).filter((h) => h.date !== '2032-05-03'),
      { date: '2032-05-07', name: 'Early May bank holiday (moved)' },
      { date: '2032-07-02', name: 'Extra bank holiday' },
    ];
    expect(proclamationsFromPublishedList(movedAndAdded)).toEqual({
      years: [2032],
      proclamations: [
        { date: '2032-05-07', name: 'Early May bank holiday (moved)', kind: 'extra' },
        { date: '2032-07-02', name: 'Extra bank holiday', kind: 'extra' },
        { date: '2032-05-03', name: 'Early May bank holiday', kind: 'cancelled' },
      ],
    });
  });

  it('remembers a working day computed beyond the last confirmed year, and forgets it once that year is confirmed', () => {
    const { confirmedThrough } = bankHolidayCalendarStatus();
    expect(confirmedThrough).toBe(BUILT_IN_CONFIRMED_THROUGH);
    isWorkingDay(`${confirmedThrough}-06-01`);
    expect(bankHolidayCalendarStatus().latestYearComputedBeyondConfirmed).toBeNull();
    isWorkingDay(`${confirmedThrough + 2}-06-01`);
    isWorkingDay(`${confirmedThrough + 1}-06-01`);
    expect(bankHolidayCalendarStatus().latestYearComputedBeyondConfirmed).toBe(confirmedThrough + 2);
    useProclaimedBankHolidays({ proclamations: [], confirmedThrough: confirmedThrough + 2 });
    isWorkingDay(`${confirmedThrough + 2}-06-01`);
    expect(bankHolidayCalendarStatus()).toEqual({ confirmedThrough: confirmedThrough + 2, latestYearComputedBeyondConfirmed: null });
  });

  it('still knows the rule beneath a proclamation', () => {
    useProclaimedBankHolidays({ proclamations: [{ date: '2031-05-05', name: 'Early May bank holiday', kind: 'cancelled' }], confirmedThrough: null });
    expect(isBankHoliday('2031-05-05')).toBe(false);
    expect(isBankHolidayByRule('2031-05-05')).toBe(true);
  });

  it('never confirms less than the built-in calendar', () => {
    useProclaimedBankHolidays({ proclamations: [], confirmedThrough: 2000 });
    expect(bankHolidayCalendarStatus().confirmedThrough).toBe(BUILT_IN_CONFIRMED_THROUGH);
  });
});
