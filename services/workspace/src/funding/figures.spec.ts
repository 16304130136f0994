import {
  bandOptions, commitmentRows, daysWaiting, financialYearChoices, financialYearWords, forecastTables, matrixTables, rateStanding, scheduleBySetting, varianceWords, waitWords,
  type BandRate,
} from './figures';

const rate = (band: string, settingType: string, annualPence: number, validFrom: string, validTo: string | null = null): BandRate => ({ band, settingType, annualPence, validFrom, validTo });
const MATRIX = [
  rate('C', 'mainstream', 1_200_000, '2026-04-01', '2027-03-31'),
  rate('C', 'mainstream', 1_236_000, '2027-04-01'),
  rate('D', 'mainstream', 1_550_000, '2026-04-01'),
  rate('S2', 'special', 2_100_050, '2026-04-01'),
  rate('S10', 'special', 3_000_000, '2026-04-01'),
  rate('B', 'mainstream', 800_000, '2025-04-01', '2026-03-31'),
  rate('X', 'spaceship', 100, '2026-04-01'),
];

describe('the funding pages\' figures', () => {
  it('writes a financial year as its span', () => {
    expect(financialYearWords('2026-27')).toBe('2026 to 2027');
    expect(financialYearWords('1999-00')).toBe('1999 to 2000');
    expect(financialYearWords('not a year')).toBe('not a year');
  });

  it('counts the days a plan has waited from the day it entered the tray, none on that day', () => {
    expect(daysWaiting('2026-07-14', '2026-11-30')).toBe(139);
    expect(daysWaiting('2026-11-30', '2026-11-30')).toBe(0);
    expect(waitWords(0)).toBe('waiting since today');
    expect(waitWords(1)).toBe('waiting 1 day');
    expect(waitWords(139)).toBe('waiting 139 days');
  });

  it('lists the commitments by financial year, earliest first, in pounds to the penny, with their total', () => {
    expect(commitmentRows({ '2027-28': 1_236_000, '2026-27': 696_986 })).toEqual({
      rows: [{ fy: '2026-27', year: '2026 to 2027', pounds: '£6,969.86' }, { fy: '2027-28', year: '2027 to 2028', pounds: '£12,360.00' }],
      total: '£19,329.86',
    });
    expect(commitmentRows({})).toBeNull();
    expect(commitmentRows(undefined)).toBeNull();
  });

  it('tells a rate in force from one ended and one not yet begun, by its valid dates', () => {
    expect(rateStanding(MATRIX[0], '2026-11-30')).toBe('in-force');
    expect(rateStanding(MATRIX[0], '2027-03-31')).toBe('in-force');
    expect(rateStanding(MATRIX[0], '2027-04-01')).toBe('ended');
    expect(rateStanding(MATRIX[1], '2026-11-30')).toBe('future');
  });

  it('tables the matrix by setting type in the words\' order, bands in natural order, versions by date', () => {
    const tables = matrixTables(MATRIX, '2026-11-30');
    expect(tables.map((t) => t.text)).toEqual(['Mainstream school', 'Special school', 'spaceship']);
    expect(tables[0].rows.map((r) => `${r.band} ${r.validFrom} ${r.pounds} ${r.standing}`)).toEqual([
      'B 2025-04-01 £8,000.00 ended', 'C 2026-04-01 £12,000.00 in-force', 'C 2027-04-01 £12,360.00 future', 'D 2026-04-01 £15,500.00 in-force',
    ]);
    expect(tables[1].rows.map((r) => r.band)).toEqual(['S2', 'S10']);
  });

  it('offers the bands in force or to come, with the plan\'s own setting type\'s rates where the band has them', () => {
    const options = bandOptions(MATRIX, '2026-11-30', 'mainstream');
    expect(options.map((o) => o.value)).toEqual(['C', 'D', 'S2', 'S10', 'X']);
    expect(options[0].text).toBe('C: mainstream school £12,000.00 a year; mainstream school £12,360.00 a year from 1 April 2027');
    expect(options[2].text).toBe('S2: special school £21,000.50 a year');
    expect(bandOptions(MATRIX, '2026-11-30').find((o) => o.value === 'X')?.text).toBe('X: spaceship £1.00 a year');
  });

  it('offers the three financial years before the current one, it and the next, across a century', () => {
    expect(financialYearChoices('2026-27')).toEqual(['2023-24', '2024-25', '2025-26', '2026-27', '2027-28']);
    expect(financialYearChoices('2099-00')).toEqual(['2096-97', '2097-98', '2098-99', '2099-00', '2100-01']);
  });

  it('sums the schedule by setting, counting each plan once and the adjustments apart, largest first', () => {
    const line = (settingUrn: string, planId: string, pence: number, kind = 'scheduled') => ({ settingUrn, settingName: settingUrn === '120345' ? 'Lincoln Castle Academy' : null, settingType: 'mainstream', planId, pence, kind });
    expect(scheduleBySetting([line('120345', 'p1', 100_000), line('120345', 'p1', 100_000), line('120345', 'p2', 50_000), line('120345', 'p1', -20_000, 'adjustment'), line('130001', 'p3', 400_000)])).toEqual([
      { settingUrn: '130001', settingName: null, settingType: 'mainstream', plans: 1, pounds: '£4,000.00', adjustments: null },
      { settingUrn: '120345', settingName: 'Lincoln Castle Academy', settingType: 'mainstream', plans: 2, pounds: '£2,300.00', adjustments: '-£200.00' },
    ]);
  });

  it('says an overspend and an underspend in words as well as in the tag\'s colour', () => {
    expect(varianceWords({ forecastPence: 1_100_000, budgetPence: 1_000_000, variancePence: 100_001, outcome: 'overspend' }, '2026-27'))
      .toEqual({ text: 'Forecast overspend of £1,000.01 against the budget for 2026 to 2027.', tag: 'Overspend', classes: 'govuk-tag--red' });
    expect(varianceWords({ forecastPence: 900_000, budgetPence: 1_000_000, variancePence: -100_000, outcome: 'underspend' }, '2026-27'))
      .toEqual({ text: 'Forecast underspend of £1,000.00 against the budget for 2026 to 2027.', tag: 'Underspend', classes: 'govuk-tag--green' });
    expect(varianceWords({ forecastPence: 1, budgetPence: 1, variancePence: 0, outcome: 'on-budget' }, '2026-27').tag).toBe('On budget');
    expect(varianceWords({ forecastPence: 1, budgetPence: null, variancePence: null, outcome: null }, '2026-27').text)
      .toBe('No budget has been entered for 2026 to 2027: the forecast cannot be compared with it.');
  });

  it('groups the forecast by setting type in the matrix\'s order, each with its subtotal', () => {
    const row = (settingType: string, band: string, plans: number, spentPence: number, committedPence: number) => ({ settingType, band, plans, spentPence, committedPence, forecastPence: spentPence + committedPence });
    const tables = forecastTables([row('special', 'S2', 1, 700_000, 525_005), row('mainstream', 'D', 2, 100_000, 200_000), row('mainstream', 'C', 1, 50_050, 0)]);
    expect(tables.map((t) => t.text)).toEqual(['Mainstream school', 'Special school']);
    expect(tables[0].rows.map((r) => r.band)).toEqual(['D', 'C']);
    expect(tables[0].subtotal).toEqual({ plans: 3, spent: '£1,500.50', committed: '£2,000.00', forecast: '£3,500.50' });
    expect(tables[1].rows[0]).toEqual({ band: 'S2', plans: 1, spent: '£7,000.00', committed: '£5,250.05', forecast: '£12,250.05' });
  });
});
