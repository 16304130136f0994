import ExcelJS from 'exceljs';
import { neutraliseFormula } from '@ehc/csv';
import {
  firstOfMonth, measureState, monthWords, pointState, stateWords, type MeasureView, type PackUnit, type PackView,
} from './pack-view';

/*
 * The pack as a workbook for people who work in spreadsheets: a contents sheet, then a sheet per
 * measure with its 12-month trend in typed cells (real dates, numbers in the unit's format, money in
 * pounds), so a reader can chart or sum them without retyping. A missing figure is an empty cell,
 * never a zero, with the reason in the note column beside it.
 */

/** The number format of a measure's value: shares as per cent, money as pounds. */
export const VALUE_FORMATS: Record<PackUnit, string> = { share: '0.0%', count: '#,##0', mean: '0.00', pence: '£#,##0.00' };
const COUNT_FORMAT = '#,##0';
const MONTH_FORMAT = 'mmm yyyy';

/** A figure as the cell holds it: pence become pounds, so the currency format reads true. */
const cellNumber = (unit: PackUnit, value: number | null): number | null => (value === null ? null : unit === 'pence' ? value / 100 : value);

/** Every text cell a person may open goes through neutraliseFormula (see @ehc/csv). */
const text = (s: string) => neutraliseFormula(s);

export async function packWorkbook(pack: PackView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'EHC Hub';
  const names = sheetNames(Object.entries(pack.measures).map(([name, m]) => ({ name, title: m.title })));
  contentsSheet(workbook, pack, names);
  for (const [name, m] of Object.entries(pack.measures)) measureSheet(workbook, pack, names.get(name)!, m);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CONTENTS = 'Contents';
const HEADER_FONT = { bold: true } as const;

function contentsSheet(workbook: ExcelJS.Workbook, pack: PackView, names: Map<string, string>): void {
  const sheet = workbook.addWorksheet(CONTENTS, { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.getCell('A1').value = text(`SEND performance pack: ${monthWords(pack.month)}`);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = text(`Snapshot on ${pack.snapshotOn}; ${pack.asAt ? `as recorded at ${pack.asAt}` : 'everything recorded so far'}.`);
  sheet.columns = [{ width: 55 }, { width: 14 }, { width: 28 }, { width: 90 }, { width: 34 }];
  const header = sheet.getRow(4);
  header.values = ['Measure', 'Value', 'Status', 'Definition', 'Sheet'];
  header.font = HEADER_FONT;
  let row = 5;
  for (const [name, m] of Object.entries(pack.measures)) {
    const r = sheet.getRow(row++);
    r.getCell(1).value = text(m.title);
    setNumber(r.getCell(2), cellNumber(m.unit, m.value), VALUE_FORMATS[m.unit]);
    r.getCell(3).value = text(statusText(m));
    r.getCell(4).value = text(m.definition);
    r.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    const sheetName = names.get(name)!;
    // an internal link: the sheet name quoted, its quotes doubled (Excel's rule)
    r.getCell(5).value = { text: text(sheetName), hyperlink: `#'${sheetName.replace(/'/g, "''")}'!A1` };
    r.getCell(5).font = { color: { argb: 'FF1D70B8' }, underline: true };
  }
}

/** ok (or ok, provisional), suppressed, no cases, source not landed. */
function statusText(m: MeasureView): string {
  const state = measureState(m);
  if (state === 'ok') return m.provisional ? 'ok, provisional' : 'ok';
  return state === 'source-not-landed' ? 'source not landed' : stateWords(state, m.source);
}

/** The rows above the trend table: title, definition, source and status. */
const TABLE_HEADER_ROW = 5;

function measureSheet(workbook: ExcelJS.Workbook, pack: PackView, sheetName: string, m: MeasureView): void {
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW }] });
  sheet.columns = [{ width: 40 }, { width: 16 }, { width: 14 }, { width: 14 }, { width: 40 }];
  sheet.getCell('A1').value = text(m.title);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A2').value = text(m.definition);
  sheet.mergeCells('A2:E2');
  sheet.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  // a long definition needs a tall row: Excel does not grow a merged cell's row by itself
  sheet.getRow(2).height = 15 * Math.max(1, Math.ceil(m.definition.length / 110));
  sheet.getCell('A3').value = text(`Source: ${m.source}. Status: ${statusText(m)}. Unit: ${unitWords(m.unit)}.`);

  const header = sheet.getRow(TABLE_HEADER_ROW);
  header.values = ['Month', m.unit === 'pence' ? 'Value (£)' : 'Value', 'Numerator', 'Denominator', 'Note'];
  header.font = HEADER_FONT;
  const partFormat = m.unit === 'pence' ? VALUE_FORMATS.pence : COUNT_FORMAT;
  let row = TABLE_HEADER_ROW + 1;
  const trend = m.trend.length > 0 ? m.trend : [{ month: pack.month, value: null, numerator: null, denominator: null }];
  trend.forEach((p, i) => {
    const r = sheet.getRow(row++);
    r.getCell(1).value = firstOfMonth(p.month);
    r.getCell(1).numFmt = MONTH_FORMAT;
    setNumber(r.getCell(2), cellNumber(m.unit, p.value), VALUE_FORMATS[m.unit]);
    setNumber(r.getCell(3), cellNumber(m.unit, p.numerator), partFormat);
    // a pence measure's denominator is not money (there is none today): a count if ever there is one
    setNumber(r.getCell(4), p.denominator, COUNT_FORMAT);
    const state = pointState(m, p);
    const isLatest = i === trend.length - 1 && p.month === pack.month;
    const note = state !== 'ok' ? (state === 'source-not-landed' ? 'source not landed' : stateWords(state, m.source)) : isLatest && m.provisional ? 'provisional' : '';
    if (note) r.getCell(5).value = text(note);
  });

  row++;
  const title = sheet.getRow(row++);
  title.getCell(1).value = text(`Breakdown, ${monthWords(pack.month)}`);
  title.font = HEADER_FONT;
  const entries = Object.entries(m.breakdown);
  if (entries.length === 0) {
    sheet.getRow(row).getCell(1).value = text(m.suppressed ? 'suppressed' : 'No breakdown for this measure this month.');
    return;
  }
  const breakdownHeader = sheet.getRow(row++);
  breakdownHeader.values = ['Split', 'Number'];
  breakdownHeader.font = HEADER_FONT;
  for (const [key, n] of entries) {
    const r = sheet.getRow(row++);
    r.getCell(1).value = text(key);
    setNumber(r.getCell(2), n, COUNT_FORMAT);
  }
}

function setNumber(cell: ExcelJS.Cell, value: number | null, numFmt: string): void {
  // a missing figure stays empty: a zero would say something that is not known
  if (value === null || !Number.isFinite(value)) return;
  cell.value = value;
  cell.numFmt = numFmt;
}

const unitWords = (unit: PackUnit) => ({ share: 'a share of the denominator', count: 'a count', mean: 'a mean (numerator ÷ denominator)', pence: 'pounds' })[unit];

/** Characters Excel refuses in a sheet name. */
const FORBIDDEN = /[[\]:*?/\\]/g;
const MAX_SHEET_NAME = 31;

/**
 * A sheet name per measure: its title without the characters Excel refuses, cut at a word within 31
 * characters; two that come out the same (Excel compares names without case) get " 2", " 3"… The
 * full title is in the sheet's first cell and on the contents sheet.
 */
export function sheetNames(measures: readonly { name: string; title: string }[]): Map<string, string> {
  const taken = new Set([CONTENTS.toLowerCase(), 'history']);
  const out = new Map<string, string>();
  for (const { name, title } of measures) {
    const base = cut(title.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim(), MAX_SHEET_NAME) || cut(name, MAX_SHEET_NAME);
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${cut(base, MAX_SHEET_NAME - String(n).length - 1)} ${n}`;
    taken.add(candidate.toLowerCase());
    out.set(name, candidate);
  }
  return out;
}

/** `s` within `max` characters, cut after a word when one ends past half-way. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const head = s.slice(0, max);
  const space = head.lastIndexOf(' ');
  return (space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;.'-]+$/, '');
}
