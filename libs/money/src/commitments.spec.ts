import fc from 'fast-check';
import { commitmentLines, type Commitment } from './commitments';
import { byPeriod, totalPence } from './ledger';
import type { PaymentCadence } from './periods';
import { prorate } from './proration';
import { annualPenceArb, periodArb } from './arbitraries.spec-helpers';

const cadences: Record<string, PaymentCadence> = { '120345': 'monthly', '130456': 'termly' };
const cadenceOf = (payee: string): PaymentCadence => cadences[payee];

describe('commitmentLines: what commitments make payable, per payee and period', () => {
  it('one payee, paid monthly', () => {
    // £12,000 a year, 1 Sep 2026-31 Mar 2027: 696,986p, monthly as in schedule.spec.ts
    const lines = commitmentLines(
      [{ key: 'P1', from: '2026-09-01', to: '2027-03-31', annualPence: 1_200_000, shares: [{ payee: '120345', weight: 1 }] }],
      cadenceOf,
    );
    expect(lines.map((line) => [line.periodId, line.pence])).toEqual([
      ['2026-09', 98_630], ['2026-10', 101_918], ['2026-11', 98_630], ['2026-12', 101_918],
      ['2027-01', 101_918], ['2027-02', 92_054], ['2027-03', 101_918],
    ]);
    expect(lines[0]).toEqual({ key: 'P1', payee: '120345', fy: '2026-27', periodId: '2026-09', from: '2026-09-01', to: '2026-09-30', pence: 98_630 });
  });

  it('dual registration: the year\'s amount shared by sessions, then each share on its payee\'s cadence', () => {
    // 696,986p shared 6:4 = 418,191.6 and 278,794.4 → 418,192 and 278,794 (the penny to the .6).
    // 120345, monthly, 418,192 × days ÷ 212: Sep 59,178.11; Oct 61,150.72; Nov 59,178.11; Dec 61,150.72;
    //   Jan 61,150.72; Feb 55,232.91; Mar 61,150.72. Floors 418,188: 4p left, to Feb (.91), then the
    //   tied .72s in order, Oct, Dec, Jan; Mar gets none.
    // 130456, termly, 278,794 × 122 ÷ 212 = 160,438.06 (autumn), × 90 ÷ 212 = 118,355.94 (spring):
    //   floors 278,793, the penny to spring.
    const lines = commitmentLines(
      [{
        key: 'P1', from: '2026-09-01', to: '2027-03-31', annualPence: 1_200_000,
        shares: [{ payee: '120345', weight: 6 }, { payee: '130456', weight: 4 }],
      }],
      cadenceOf,
    );
    expect(lines.map((line) => [line.payee, line.periodId, line.pence])).toEqual([
      ['120345', '2026-09', 59_178], ['120345', '2026-10', 61_151], ['120345', '2026-11', 59_178],
      ['120345', '2026-12', 61_151], ['120345', '2027-01', 61_151], ['120345', '2027-02', 55_233],
      ['120345', '2027-03', 61_150],
      ['130456', '2026-27-2-autumn', 160_438], ['130456', '2026-27-3-spring', 118_356],
    ]);
    expect(totalPence(lines)).toBe(696_986);
  });

  it('across 31 March: prorated per year first, then shared', () => {
    // 2026-27: 17 days → 55,890 (see proration.spec.ts), 27,945 each; 2027-28: 14 days of 366 → 45,902, 22,951 each
    const lines = commitmentLines(
      [{
        key: 'P2', from: '2027-03-15', to: '2027-04-14', annualPence: 1_200_000,
        shares: [{ payee: 'A', weight: 1 }, { payee: 'B', weight: 1 }],
      }],
      () => 'monthly',
    );
    expect(lines).toEqual([
      { key: 'P2', payee: 'A', fy: '2026-27', periodId: '2027-03', from: '2027-03-15', to: '2027-03-31', pence: 27_945 },
      { key: 'P2', payee: 'B', fy: '2026-27', periodId: '2027-03', from: '2027-03-15', to: '2027-03-31', pence: 27_945 },
      { key: 'P2', payee: 'A', fy: '2027-28', periodId: '2027-04', from: '2027-04-01', to: '2027-04-14', pence: 22_951 },
      { key: 'P2', payee: 'B', fy: '2027-28', periodId: '2027-04', from: '2027-04-01', to: '2027-04-14', pence: 22_951 },
    ]);
  });

  it('a band change under one key gives two lines in the month it happens', () => {
    // £12,000 to 14 Nov (14 days of Nov), £18,000 from 15 Nov (16 days): 2 lines for 2026-11
    const lines = commitmentLines(
      [
        { key: 'P1', from: '2026-09-01', to: '2026-11-14', annualPence: 1_200_000, shares: [{ payee: '120345', weight: 1 }] },
        { key: 'P1', from: '2026-11-15', to: '2026-12-31', annualPence: 1_800_000, shares: [{ payee: '120345', weight: 1 }] },
      ],
      cadenceOf,
    );
    expect(lines.filter((line) => line.periodId === '2026-11').map((line) => [line.from, line.to])).toEqual([
      ['2026-11-01', '2026-11-14'],
      ['2026-11-15', '2026-11-30'],
    ]);
    expect(byPeriod(lines).map((total) => total.periodId)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('throws on a commitment with no payee, a bad weight or dates out of order (bugs)', () => {
    const base: Commitment = { key: 'P1', from: '2026-09-01', to: '2026-09-30', annualPence: 100, shares: [{ payee: 'A', weight: 1 }] };
    expect(() => commitmentLines([{ ...base, shares: [] }], cadenceOf)).toThrow(RangeError);
    expect(() => commitmentLines([{ ...base, shares: [{ payee: 'A', weight: 0 }] }], cadenceOf)).toThrow(RangeError);
    expect(() => commitmentLines([{ ...base, from: '2026-10-01' }], cadenceOf)).toThrow(RangeError);
  });

  it('the lines add up to the prorated amounts exactly, per year and per commitment', () => {
    const sharesArb = fc.array(
      fc.record({ payee: fc.constantFrom('120345', '130456', 'X'), weight: fc.integer({ min: 1, max: 10 }) }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(annualPenceArb, periodArb, sharesArb, fc.constantFrom<PaymentCadence>('monthly', 'termly'), (annual, { from, to }, shares, xCadence) => {
        const lines = commitmentLines([{ key: 'K', from, to, annualPence: annual, shares }], (payee) => cadences[payee] ?? xCadence);
        for (const amount of prorate(annual, from, to)) {
          expect(totalPence(lines.filter((line) => line.fy === amount.fy))).toBe(amount.pence);
        }
        expect(lines.every((line) => Number.isSafeInteger(line.pence) && line.pence >= 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
