import ExcelJS from 'exceljs';
import { packWorkbook, sheetNames } from './pack-workbook';
import { examplePack } from './pack.spec-helpers';

/** The workbook as a reader opens it: written, then loaded back from its bytes. */
async function readBack(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await packWorkbook(examplePack()) as unknown as ArrayBuffer);
  return workbook;
}

describe('packWorkbook', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => { workbook = await readBack(); });
  const sheet = (name: string) => workbook.getWorksheet(name)!;

  it('has a contents sheet, then a sheet per measure named after its title', () =>
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Contents', 'Requests for an assessment', 'Decisions whether to assess', 'Requests refused', 'Decisions not to issue a plan',
      'Cases overdue at the month\'s', 'Top-up funding committed this', 'Survey mean score (1–5)', 'Appeals registered', 'Tribunal appeals decided in',
    ]));

  it('lists every measure on the contents sheet with its value, status and definition', () => {
    const contents = sheet('Contents');
    expect(contents.getRow(4).values).toEqual([undefined, 'Measure', 'Value', 'Status', 'Definition', 'Sheet']);
    const refused = contents.getRow(7);
    expect(refused.getCell(1).value).toBe('Requests refused');
    expect(refused.getCell(2).value).toBeCloseTo(17 / 37);
    expect(refused.getCell(2).numFmt).toBe('0.0%');
    expect(refused.getCell(3).value).toBe('ok, provisional');
    expect(refused.getCell(4).value).toBe('The definition of requests refused.');
    expect(refused.getCell(5).value).toEqual({ text: 'Requests refused', hyperlink: "#'Requests refused'!A1" });
    expect(contents.getRow(12).getCell(2).value).toBeNull();
    expect(contents.getRow(12).getCell(3).value).toBe('suppressed');
    expect(contents.getRow(13).getCell(3).value).toBe('source not landed');
    expect(contents.getRow(8).getCell(3).value).toBe('no cases');
  });

  it('puts the definition above a trend table with a frozen header row', () => {
    const s = sheet('Decisions whether to assess');
    expect(s.getCell('A1').value).toBe('Decisions whether to assess within 6 weeks');
    expect(s.getCell('A2').value).toBe('The definition of decisions whether to assess within 6 weeks.');
    expect(s.getRow(5).values).toEqual([undefined, 'Month', 'Value', 'Numerator', 'Denominator', 'Note']);
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  });

  it('writes each month as a real date, first of the month, shown as month and year', () => {
    const s = sheet('Decisions whether to assess');
    const first = s.getCell('A6');
    expect(first.value).toBeInstanceOf(Date);
    expect((first.value as Date).toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(first.numFmt).toBe('mmm yyyy');
    expect((s.getCell('A17').value as Date).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('writes a share as a fraction with a per cent format, its parts as whole numbers', () => {
    const march = sheet('Decisions whether to assess').getRow(17);
    expect(march.getCell(2).value).toBe(0.25);
    expect(march.getCell(2).numFmt).toBe('0.0%');
    expect(march.getCell(3).value).toBe(1);
    expect(march.getCell(4).value).toBe(4);
    expect(march.getCell(3).numFmt).toBe('#,##0');
  });

  it('leaves a month with nothing to divide empty, never zero, and says why', () => {
    const june = sheet('Decisions whether to assess').getRow(8);
    expect(june.getCell(2).value).toBeNull();
    expect(june.getCell(5).value).toBe('no cases');
  });

  it('writes counts as whole numbers, money in pounds and a mean to two places', () => {
    const count = sheet('Requests for an assessment').getCell('B17');
    expect([count.value, count.numFmt]).toEqual([12, '#,##0']);
    const money = sheet('Top-up funding committed this').getCell('B17');
    expect([money.value, money.numFmt]).toEqual([1234, '£#,##0.00']);
    expect(sheet('Top-up funding committed this').getCell('B5').value).toBe('Value (£)');
    const mean = sheet('Survey mean score (1–5)').getCell('B17');
    expect(mean.value).toBeCloseTo(3.8);
    expect(mean.numFmt).toBe('0.00');
  });

  it('marks the latest month provisional when it may still change', () =>
    expect(sheet('Requests refused').getCell('E17').value).toBe('provisional'));

  it('leaves suppressed months empty with the reason beside them', () => {
    const s = sheet('Appeals registered');
    expect(s.getCell('B6').value).toBe(5);
    expect(s.getCell('B7').value).toBeNull();
    expect(s.getCell('C7').value).toBeNull();
    expect(s.getCell('E7').value).toBe('suppressed');
    expect(s.getCell('E17').value).toBe('suppressed');
  });

  it('gives a measure whose source has not landed one empty row saying so', () => {
    const s = sheet('Tribunal appeals decided in');
    expect((s.getCell('A6').value as Date).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(s.getCell('B6').value).toBeNull();
    expect(s.getCell('E6').value).toBe('source not landed');
  });

  it('has the breakdown in a second table under the trend', () => {
    const s = sheet('Requests for an assessment');
    expect(s.getCell('A19').value).toBe('Breakdown, March 2026');
    expect(s.getRow(20).values).toEqual([undefined, 'Split', 'Number']);
    expect([s.getCell('A21').value, s.getCell('B21').value]).toEqual(['parent', 7]);
    expect([s.getCell('A22').value, s.getCell('B22').value]).toEqual(['setting', 5]);
  });
});

describe('sheetNames', () => {
  it('cuts a title at a word within 31 characters and numbers two that come out the same', () => {
    const names = sheetNames([
      { name: 'incl', title: 'New plans issued within 20 weeks, including exceptions' },
      { name: 'excl', title: 'New plans issued within 20 weeks, excluding exceptions' },
      { name: 'contents', title: 'contents' },
      { name: 'odd', title: 'Reviews [due] / decided: on time?' },
    ]);
    expect(Object.fromEntries(names)).toEqual({
      incl: 'New plans issued within 20', excl: 'New plans issued within 20 2', contents: 'contents 2', odd: 'Reviews due decided on time',
    });
    for (const n of names.values()) expect(n.length).toBeLessThanOrEqual(31);
  });
});
