import fc from 'fast-check';
import { addDays } from '@ehc/domain-kernel';
import { daysInFinancialYear, financialYearEnd, financialYearOf, financialYearStart, financialYearsTouching } from './financial-year';
import { prorate } from './proration';
import { annualPenceArb, dateArb, periodArb } from './arbitraries.spec-helpers';

describe('prorate: an annual rate for the days of a period, per financial year', () => {
  it('£12,000 a year from 1 September 2026 to 31 March 2027', () => {
    // Sep 30 + Oct 31 + Nov 30 + Dec 31 + Jan 31 + Feb 28 (2027 is not leap) + Mar 31 = 212 days of 365.
    // 1,200,000 × 212 = 254,400,000; ÷ 365 = 696,986 remainder 110 (365 × 696,986 = 254,399,890),
    // i.e. 696,986.30p, rounded to 696,986p.
    expect(prorate(1_200_000, '2026-09-01', '2027-03-31')).toEqual([
      { fy: '2026-27', from: '2026-09-01', to: '2027-03-31', days: 212, pence: 696_986 },
    ]);
  });

  it('a period crossing 31 March into a leap financial year', () => {
    // 2026-27: 15..31 March 2027 = 17 days of 365. 1,200,000 × 17 = 20,400,000; ÷ 365 = 55,890
    //   remainder 150 (365 × 55,890 = 20,399,850): 55,890.41 → 55,890p.
    // 2027-28 (holds 29 Feb 2028): 1..14 April 2027 = 14 days of 366. 1,200,000 × 14 = 16,800,000;
    //   ÷ 366 = 45,901 remainder 234 (366 × 45,901 = 16,799,766): 45,901.64 → 45,902p.
    expect(prorate(1_200_000, '2027-03-15', '2027-04-14')).toEqual([
      { fy: '2026-27', from: '2027-03-15', to: '2027-03-31', days: 17, pence: 55_890 },
      { fy: '2027-28', from: '2027-04-01', to: '2027-04-14', days: 14, pence: 45_902 },
    ]);
  });

  it('a whole leap year costs the annual rate, not 366/365 of it', () => {
    expect(prorate(1_200_000, '2027-04-01', '2028-03-31')).toEqual([
      { fy: '2027-28', from: '2027-04-01', to: '2028-03-31', days: 366, pence: 1_200_000 },
    ]);
  });

  it('a period spanning three years: part, whole, part', () => {
    // 2025-26: 1..31 March 2026 = 31 days of 365: 3,650,000 × 31 ÷ 365 = 310,000 exactly.
    // 2026-27 whole: 3,650,000. 2027-28: 1 April 2027 = 1 day of 366: 3,650,000 ÷ 366 = 9,972.68 → 9,973.
    expect(prorate(3_650_000, '2026-03-01', '2027-04-01')).toEqual([
      { fy: '2025-26', from: '2026-03-01', to: '2026-03-31', days: 31, pence: 310_000 },
      { fy: '2026-27', from: '2026-04-01', to: '2027-03-31', days: 365, pence: 3_650_000 },
      { fy: '2027-28', from: '2027-04-01', to: '2027-04-01', days: 1, pence: 9_973 },
    ]);
  });

  it('one day, and a half penny rounds up', () => {
    // £365 a year is £1 a day in a 365-day year
    expect(prorate(36_500, '2026-06-01', '2026-06-01')).toEqual([{ fy: '2026-27', from: '2026-06-01', to: '2026-06-01', days: 1, pence: 100 }]);
    // 183p a year for one day of 366 is exactly 0.5p: paid as 1p; 182p is 0.497p: nothing
    expect(prorate(183, '2027-06-01', '2027-06-01')[0].pence).toBe(1);
    expect(prorate(182, '2027-06-01', '2027-06-01')[0].pence).toBe(0);
  });

  it('a zero rate is zero', () => {
    expect(prorate(0, '2026-09-01', '2027-04-30').map((part) => part.pence)).toEqual([0, 0]);
  });

  it('throws on a period ending before it starts, or a rate that is not whole non-negative pence (bugs)', () => {
    expect(() => prorate(100, '2026-09-02', '2026-09-01')).toThrow(RangeError);
    expect(() => prorate(-1, '2026-09-01', '2026-09-01')).toThrow(RangeError);
    expect(() => prorate(1.5, '2026-09-01', '2026-09-01')).toThrow(RangeError);
    expect(() => prorate(100, '2026-02-30', '2026-03-01')).toThrow(RangeError);
  });

  it('each part is annual × days ÷ days in its year, rounded half up, and the parts tile the period', () => {
    fc.assert(
      fc.property(annualPenceArb, periodArb, (annual, { from, to }) => {
        const parts = prorate(annual, from, to);
        expect(parts.map((part) => part.fy)).toEqual(financialYearsTouching(from, to));
        expect(parts[0].from).toBe(from);
        expect(parts[parts.length - 1].to).toBe(to);
        parts.slice(1).forEach((part, index) => expect(part.from).toBe(addDays(parts[index].to, 1)));
        for (const part of parts) {
          expect(financialYearOf(part.from)).toBe(part.fy);
          expect(financialYearOf(part.to)).toBe(part.fy);
          expect(Number.isSafeInteger(part.pence)).toBe(true);
          // pence is the nearest whole number to annual × days / yearDays, a half going up:
          // |2 × pence × yearDays − 2 × annual × days| ≤ yearDays, equality only from below
          const yearDays = BigInt(daysInFinancialYear(part.fy));
          const twice = 2n * BigInt(annual) * BigInt(part.days);
          const got = 2n * BigInt(part.pence) * yearDays;
          expect(got <= twice + yearDays && got > twice - yearDays).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a period covering whole financial years gives exactly the annual rate for each', () => {
    fc.assert(
      fc.property(annualPenceArb, dateArb(), fc.integer({ min: 0, max: 4 }), (annual, date, extraYears) => {
        const first = financialYearOf(date);
        const years = financialYearsTouching(financialYearStart(first), addDays(financialYearStart(first), 366 * extraYears));
        const parts = prorate(annual, financialYearStart(first), financialYearEnd(years[years.length - 1]));
        expect(parts.map((part) => part.pence)).toEqual(years.map(() => annual));
      }),
      { numRuns: 300 },
    );
  });
});
