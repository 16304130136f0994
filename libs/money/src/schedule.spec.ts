import fc from 'fast-check';
import { addDays, daysBetween } from '@ehc/domain-kernel';
import { paymentPeriods, type PaymentCadence } from './periods';
import { prorate } from './proration';
import { scheduleOf } from './schedule';
import { annualPenceArb, periodArb } from './arbitraries.spec-helpers';

// £12,000 a year from 1 September 2026 to 31 March 2027: 696,986p (see proration.spec.ts)
const septemberToMarch = { fy: '2026-27', from: '2026-09-01', to: '2027-03-31', days: 212, pence: 696_986 };

describe('scheduleOf: a year\'s amount over the payment periods it covers', () => {
  it('monthly, by days, largest remainder', () => {
    // 696,986 × days ÷ 212: Sep (30) 98,630.09; Oct (31) 101,917.76; Nov (30) 98,630.09; Dec (31) 101,917.76;
    // Jan (31) 101,917.76; Feb (28) 92,054.75; Mar (31) 101,917.76. The floors add to 696,982: 4p left,
    // to the four largest remainders, the .76s (Oct, Dec, Jan, Mar); Feb's .75 just misses.
    expect(scheduleOf(septemberToMarch, 'monthly')).toEqual([
      { fy: '2026-27', periodId: '2026-09', from: '2026-09-01', to: '2026-09-30', days: 30, pence: 98_630 },
      { fy: '2026-27', periodId: '2026-10', from: '2026-10-01', to: '2026-10-31', days: 31, pence: 101_918 },
      { fy: '2026-27', periodId: '2026-11', from: '2026-11-01', to: '2026-11-30', days: 30, pence: 98_630 },
      { fy: '2026-27', periodId: '2026-12', from: '2026-12-01', to: '2026-12-31', days: 31, pence: 101_918 },
      { fy: '2026-27', periodId: '2027-01', from: '2027-01-01', to: '2027-01-31', days: 31, pence: 101_918 },
      { fy: '2026-27', periodId: '2027-02', from: '2027-02-01', to: '2027-02-28', days: 28, pence: 92_054 },
      { fy: '2026-27', periodId: '2027-03', from: '2027-03-01', to: '2027-03-31', days: 31, pence: 101_918 },
    ]);
  });

  it('termly: no summer line, the autumn and spring terms by days', () => {
    // autumn 1 Sep-31 Dec = 122 days: 696,986 × 122 ÷ 212 = 401,095.72; spring 90 days: 295,890.28.
    // Floors 696,985: the penny goes to autumn.
    expect(scheduleOf(septemberToMarch, 'termly')).toEqual([
      { fy: '2026-27', periodId: '2026-27-2-autumn', from: '2026-09-01', to: '2026-12-31', days: 122, pence: 401_096 },
      { fy: '2026-27', periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', days: 90, pence: 295_890 },
    ]);
  });

  it('a period inside one month is one line; the lines name the days covered, not the whole period', () => {
    expect(scheduleOf({ fy: '2026-27', from: '2026-09-15', to: '2026-09-20', days: 6, pence: 1234 }, 'monthly')).toEqual([
      { fy: '2026-27', periodId: '2026-09', from: '2026-09-15', to: '2026-09-20', days: 6, pence: 1234 },
    ]);
    expect(scheduleOf({ fy: '2026-27', from: '2026-08-31', to: '2026-09-01', days: 2, pence: 3 }, 'termly')).toEqual([
      { fy: '2026-27', periodId: '2026-27-1-summer', from: '2026-08-31', to: '2026-08-31', days: 1, pence: 2 },
      { fy: '2026-27', periodId: '2026-27-2-autumn', from: '2026-09-01', to: '2026-09-01', days: 1, pence: 1 },
    ]);
  });

  it('throws on an amount whose days leave its financial year (a bug)', () => {
    expect(() => scheduleOf({ fy: '2026-27', from: '2027-03-31', to: '2027-04-01', days: 2, pence: 1 }, 'monthly')).toThrow(RangeError);
    expect(() => scheduleOf({ fy: '2026-27', from: '2026-03-31', to: '2026-04-01', days: 2, pence: 1 }, 'monthly')).toThrow(RangeError);
    expect(() => scheduleOf({ fy: '2026-27', from: '2026-05-02', to: '2026-05-01', days: 0, pence: 1 }, 'monthly')).toThrow(RangeError);
  });

  it.each<PaymentCadence>(['monthly', 'termly'])('%s lines add up to the amount, cover its days once, and have no empty period', (cadence) => {
    fc.assert(
      fc.property(annualPenceArb, periodArb, (annual, { from, to }) => {
        for (const amount of prorate(annual, from, to)) {
          const lines = scheduleOf(amount, cadence);
          expect(lines.reduce((sum, line) => sum + line.pence, 0)).toBe(amount.pence);
          expect(lines.reduce((sum, line) => sum + line.days, 0)).toBe(amount.days);
          expect(lines[0].from).toBe(amount.from);
          expect(lines[lines.length - 1].to).toBe(amount.to);
          lines.slice(1).forEach((line, index) => expect(line.from).toBe(addDays(lines[index].to, 1)));
          const periods = new Map(paymentPeriods(amount.fy, cadence).map((period) => [period.id, period]));
          for (const line of lines) {
            expect(line.days).toBeGreaterThan(0);
            expect(line.days).toBe(daysBetween(line.from, line.to) + 1);
            expect(Number.isSafeInteger(line.pence) && line.pence >= 0).toBe(true);
            const period = periods.get(line.periodId)!;
            expect(daysBetween(period.from, line.from)).toBeGreaterThanOrEqual(0);
            expect(daysBetween(line.to, period.to)).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
