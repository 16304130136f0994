import { bandOptions, commitmentRows, daysWaiting, financialYearWords, matrixTables, rateStanding, waitWords, type BandRate } from './figures';

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
});
