import { addDays, isBefore } from './calendar-date';
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDayAfter,
  nextWorkingDayOnOrAfter,
  nthWorkingDayBeginningWith,
  previousWorkingDayBefore,
  workingDayOnOrBefore,
  workingDaysAfterUpTo,
} from './working-days';

describe('working days', () => {
  it.each([
    ['2026-03-09', true],
    ['2026-03-07', false],
    ['2026-03-08', false],
    ['2026-04-03', false],
    ['2026-12-28', false],
    ['2026-12-24', true],
  ])('%s working day: %p', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  describe('addWorkingDays: "within n working days of" (the start is day 0)', () => {
    it.each([
      ['2026-03-26', 3, '2026-03-31'], // example 15
      ['2026-04-02', 3, '2026-04-09'], // example 16
      ['2026-12-24', 1, '2026-12-29'],
      ['2026-03-07', 1, '2026-03-09'], // a Saturday start is still day 0
      ['2026-03-09', 0, '2026-03-09'],
      ['2026-04-07', -1, '2026-04-02'],
      ['2026-11-02', 30, '2026-12-14'],
    ])('%s + %i = %s', (date, n, expected) => {
      expect(addWorkingDays(date, n)).toBe(expected);
    });
  });

  describe('nthWorkingDayBeginningWith: the start is day 1 if it is a working day', () => {
    it.each([
      ['2026-09-01', 15, '2026-09-21'], // example 18
      ['2026-09-01', 1, '2026-09-01'],
      ['2026-09-05', 1, '2026-09-07'], // Saturday: day 1 is Monday
      ['2026-04-03', 1, '2026-04-07'], // Good Friday
    ])('%s, day %i = %s', (date, n, expected) => {
      expect(nthWorkingDayBeginningWith(date, n)).toBe(expected);
    });

    it('rejects n < 1', () => {
      expect(() => nthWorkingDayBeginningWith('2026-09-01', 0)).toThrow(RangeError);
    });
  });

  it('next and previous working days', () => {
    expect(nextWorkingDayAfter('2026-08-31')).toBe('2026-09-01');
    expect(nextWorkingDayAfter('2027-01-01')).toBe('2027-01-04');
    expect(nextWorkingDayOnOrAfter('2026-05-02')).toBe('2026-05-05');
    expect(nextWorkingDayOnOrAfter('2026-05-05')).toBe('2026-05-05');
    expect(previousWorkingDayBefore('2026-12-29')).toBe('2026-12-24');
    expect(previousWorkingDayBefore('2026-12-24')).toBe('2026-12-23');
    expect(workingDayOnOrBefore('2026-05-25')).toBe('2026-05-22');
    expect(workingDayOnOrBefore('2026-05-22')).toBe('2026-05-22');
  });

  it('counting working days is the inverse of adding them', () => {
    expect(workingDaysAfterUpTo('2026-03-26', '2026-03-31')).toBe(3);
    expect(workingDaysAfterUpTo('2026-03-31', '2026-03-26')).toBe(0);
    for (let start = '2026-11-20'; isBefore(start, '2027-01-10'); start = addDays(start, 1))
      for (const n of [1, 3, 15, 30]) expect(workingDaysAfterUpTo(start, addWorkingDays(start, n))).toBe(n);
  });
});
