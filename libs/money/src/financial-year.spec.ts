import fc from 'fast-check';
import { addDays, daysBetween } from '@ehc/domain-kernel';
import {
  daysInFinancialYear,
  financialYearEnd,
  financialYearOf,
  financialYearStart,
  financialYearStartYear,
  financialYearsTouching,
  nextFinancialYear,
  parseFinancialYear,
} from './financial-year';
import { dateArb } from './arbitraries.spec-helpers';

describe('financial year (1 April - 31 March)', () => {
  it.each([
    ['2026-04-01', '2026-27'],
    ['2026-12-31', '2026-27'],
    ['2027-01-01', '2026-27'],
    ['2027-03-31', '2026-27'],
    ['2027-04-01', '2027-28'],
    ['2028-02-29', '2027-28'],
    ['2000-03-31', '1999-00'],
    ['2099-04-01', '2099-00'],
  ])('%s is in %s', (date, fy) => {
    expect(financialYearOf(date)).toBe(fy);
  });

  it('starts on 1 April and ends on 31 March', () => {
    expect(financialYearStart('2026-27')).toBe('2026-04-01');
    expect(financialYearEnd('2026-27')).toBe('2027-03-31');
    expect(financialYearStart('2099-00')).toBe('2099-04-01');
    expect(financialYearEnd('2099-00')).toBe('2100-03-31');
    expect(financialYearStartYear('2026-27')).toBe(2026);
  });

  it.each([
    ['2023-24', 366], // holds 2024-02-29
    ['2024-25', 365],
    ['2026-27', 365],
    ['2027-28', 366], // holds 2028-02-29
    ['2099-00', 365], // 2100 is not a leap year
    ['1999-00', 366], // 2000 is
  ])('%s has %i days', (fy, days) => {
    expect(daysInFinancialYear(fy)).toBe(days);
  });

  it.each(['2026-27', '2099-00', '1999-00', '0001-02', '9998-99'])('%s is a financial year', (text) => {
    expect(parseFinancialYear(text)).toEqual({ ok: true, value: text });
  });

  it.each(['', '2026-28', '2026-26', '2026/27', '2026-2027', '26-27', '2026-7', ' 2026-27', '0000-01', '9999-00', '2099-100'])(
    '%j is not a financial year',
    (text) => {
      expect(parseFinancialYear(text)).toEqual({ ok: false, error: 'NotAFinancialYear' });
    },
  );

  it('throws on a malformed label where a valid one is required (a bug)', () => {
    expect(() => financialYearStart('2026-28')).toThrow(RangeError);
    expect(() => daysInFinancialYear('2026')).toThrow(RangeError);
    expect(() => nextFinancialYear('2026/27')).toThrow(RangeError);
  });

  it('next year', () => {
    expect(nextFinancialYear('2026-27')).toBe('2027-28');
    expect(nextFinancialYear('2098-99')).toBe('2099-00');
    expect(nextFinancialYear('2099-00')).toBe('2100-01');
  });

  it.each([
    ['2026-04-01', '2026-04-01', ['2026-27']],
    ['2026-09-01', '2027-03-31', ['2026-27']],
    ['2027-03-15', '2027-04-14', ['2026-27', '2027-28']],
    ['2024-03-31', '2027-04-01', ['2023-24', '2024-25', '2025-26', '2026-27', '2027-28']],
  ])('%s to %s touches %j', (from, to, years) => {
    expect(financialYearsTouching(from, to)).toEqual(years);
  });

  it('a period ending before it starts is a bug', () => {
    expect(() => financialYearsTouching('2026-04-02', '2026-04-01')).toThrow(RangeError);
  });

  it('every date is between its year\'s first and last day, and the year is as long as they say', () => {
    fc.assert(
      fc.property(dateArb('1990-01-01', '2110-12-31'), (date) => {
        const fy = financialYearOf(date);
        expect(daysBetween(financialYearStart(fy), date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(date, financialYearEnd(fy))).toBeGreaterThanOrEqual(0);
        expect(daysBetween(financialYearStart(fy), financialYearEnd(fy)) + 1).toBe(daysInFinancialYear(fy));
        expect(financialYearOf(addDays(financialYearEnd(fy), 1))).toBe(nextFinancialYear(fy));
        expect(parseFinancialYear(fy)).toEqual({ ok: true, value: fy });
      }),
      { numRuns: 300 },
    );
  });

  it('the years touching a period are consecutive, from the first day\'s to the last day\'s', () => {
    fc.assert(
      fc.property(dateArb(), fc.integer({ min: 0, max: 2000 }), (from, length) => {
        const to = addDays(from, length);
        const years = financialYearsTouching(from, to);
        expect(years[0]).toBe(financialYearOf(from));
        expect(years[years.length - 1]).toBe(financialYearOf(to));
        years.slice(1).forEach((fy, index) => expect(fy).toBe(nextFinancialYear(years[index])));
        expect([...years].sort()).toEqual(years);
      }),
      { numRuns: 300 },
    );
  });
});
