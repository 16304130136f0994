import fc from 'fast-check';
import { addDays } from '@ehc/domain-kernel';
import { financialYearEnd, financialYearOf, financialYearStart, daysInFinancialYear } from './financial-year';
import { paymentPeriodOf, paymentPeriods, type PaymentCadence } from './periods';
import { daysInclusive } from './proration';
import { dateArb } from './arbitraries.spec-helpers';

describe('payment periods', () => {
  it('monthly: the twelve calendar months April to March, ids the month', () => {
    expect(paymentPeriods('2027-28', 'monthly')).toEqual([
      { id: '2027-04', from: '2027-04-01', to: '2027-04-30' },
      { id: '2027-05', from: '2027-05-01', to: '2027-05-31' },
      { id: '2027-06', from: '2027-06-01', to: '2027-06-30' },
      { id: '2027-07', from: '2027-07-01', to: '2027-07-31' },
      { id: '2027-08', from: '2027-08-01', to: '2027-08-31' },
      { id: '2027-09', from: '2027-09-01', to: '2027-09-30' },
      { id: '2027-10', from: '2027-10-01', to: '2027-10-31' },
      { id: '2027-11', from: '2027-11-01', to: '2027-11-30' },
      { id: '2027-12', from: '2027-12-01', to: '2027-12-31' },
      { id: '2028-01', from: '2028-01-01', to: '2028-01-31' },
      { id: '2028-02', from: '2028-02-01', to: '2028-02-29' },
      { id: '2028-03', from: '2028-03-01', to: '2028-03-31' },
    ]);
  });

  it('termly: summer April-August, autumn September-December, spring January-March; ids sort in time order', () => {
    const terms = paymentPeriods('2026-27', 'termly');
    expect(terms).toEqual([
      { id: '2026-27-1-summer', from: '2026-04-01', to: '2026-08-31' },
      { id: '2026-27-2-autumn', from: '2026-09-01', to: '2026-12-31' },
      { id: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31' },
    ]);
    const ids = [...terms, ...paymentPeriods('2027-28', 'termly')].map((term) => term.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('finds a period by its FY and id, either cadence', () => {
    expect(paymentPeriodOf('2026-27', '2027-02')).toEqual({ id: '2027-02', from: '2027-02-01', to: '2027-02-28' });
    expect(paymentPeriodOf('2026-27', '2026-27-2-autumn')).toEqual({ id: '2026-27-2-autumn', from: '2026-09-01', to: '2026-12-31' });
    expect(() => paymentPeriodOf('2027-28', '2027-02')).toThrow(RangeError);
    expect(() => paymentPeriodOf('2026-27', '2026-27-autumn')).toThrow(RangeError);
  });

  it.each<PaymentCadence>(['monthly', 'termly'])('%s periods cover every day of the year once, in order', (cadence) => {
    fc.assert(
      fc.property(dateArb('1999-04-01', '2110-03-31'), (date) => {
        const fy = financialYearOf(date);
        const periods = paymentPeriods(fy, cadence);
        expect(periods[0].from).toBe(financialYearStart(fy));
        expect(periods[periods.length - 1].to).toBe(financialYearEnd(fy));
        periods.slice(1).forEach((period, index) => expect(period.from).toBe(addDays(periods[index].to, 1)));
        expect(periods.reduce((days, period) => days + daysInclusive(period.from, period.to), 0)).toBe(daysInFinancialYear(fy));
        const ids = periods.map((period) => period.id);
        expect([...ids].sort()).toEqual(ids);
        for (const period of periods) expect(paymentPeriodOf(fy, period.id)).toEqual(period);
      }),
      { numRuns: 200 },
    );
  });
});
