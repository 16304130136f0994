import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLineForSpreadsheet, neutraliseFormula } from '@ehc/csv';
import { penceToPounds } from '@ehc/money';
import type { ScheduleRow } from '../queries/ledger-lines';

/*
 * The schedule of a financial year for the finance system: every payment line per setting, keyed by
 * the child's plan reference, never a name. CSV one line per payment line; XLSX a real workbook, one
 * sheet per setting type, a row per setting and plan with a column per payment period, typed cells
 * (pounds as numbers in a currency format) and a totals row.
 */

export const SCHEDULE_CSV_COLUMNS = [
  'fy', 'setting_urn', 'setting_name', 'setting_type', 'plan_reference', 'plan_id', 'band', 'period', 'period_start', 'line_from', 'line_to', 'kind', 'recorded_on',
  'amount_pence', 'amount_pounds',
] as const;

export function scheduleCsv(fy: string, rows: ScheduleRow[]): string {
  const out = [SCHEDULE_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    out.push(csvLineForSpreadsheet([
      fy, r.settingUrn, r.settingName, r.settingType, r.reference ?? '', r.planId, r.band, r.periodId, r.periodFrom, r.from, r.to, r.kind, r.recordedOn, r.pence, penceToPounds(r.pence),
    ]));
  }
  return `${out.join('\r\n')}\r\n`;
}

const POUNDS = '"£"#,##0.00;[Red]-"£"#,##0.00';
const columnLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** Rows of one setting type pivoted: one per setting, plan and band, pence per period. */
function pivot(rows: ScheduleRow[]) {
  const periods = new Map<string, string>();
  const lines = new Map<string, { settingUrn: string; settingName: string | null; reference: string; band: string; byPeriod: Map<string, number> }>();
  for (const r of rows) {
    periods.set(r.periodId, r.periodFrom);
    const id = `${r.settingUrn}\u0000${r.planId}\u0000${r.band}`;
    if (!lines.has(id)) lines.set(id, { settingUrn: r.settingUrn, settingName: r.settingName, reference: r.reference ?? r.planId, band: r.band, byPeriod: new Map() });
    const line = lines.get(id)!;
    line.byPeriod.set(r.periodId, (line.byPeriod.get(r.periodId) ?? 0) + r.pence);
  }
  const periodIds = [...periods.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0])).map(([id]) => id);
  return { periodIds, lines: [...lines.values()] };
}

export async function scheduleWorkbook(fy: string, rows: ScheduleRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => { sink.on('end', resolve); sink.on('error', reject); });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'EHC Hub';
  const types = [...new Set(rows.map((r) => r.settingType))].sort();
  if (types.length === 0) types.push('none');
  for (const type of types) {
    const { periodIds, lines } = pivot(rows.filter((r) => r.settingType === type));
    const sheet = workbook.addWorksheet(type.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: 'Setting URN', key: 'urn', width: 12 }, { header: 'Setting', key: 'setting', width: 32 }, { header: 'Plan reference', key: 'reference', width: 18 },
      { header: 'Band', key: 'band', width: 8 },
      ...periodIds.map((p) => ({ header: p, key: p, width: 13, style: { numFmt: POUNDS } })),
      { header: `Total ${fy}`, key: 'total', width: 15, style: { numFmt: POUNDS } },
    ];
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let totalPence = 0;
    const periodTotals = new Map<string, number>();
    for (const line of lines) {
      const amounts = periodIds.map((p) => line.byPeriod.get(p) ?? 0);
      const lineTotal = amounts.reduce((a, b) => a + b, 0);
      totalPence += lineTotal;
      periodIds.forEach((p, i) => periodTotals.set(p, (periodTotals.get(p) ?? 0) + amounts[i]));
      sheet.addRow([
        neutraliseFormula(line.settingUrn), neutraliseFormula(line.settingName ?? ''), neutraliseFormula(line.reference), neutraliseFormula(line.band),
        ...amounts.map((p) => p / 100), lineTotal / 100,
      ]).commit();
    }
    // the totals row: a formula for whoever edits the sheet, its result written for whoever reads it
    const last = lines.length + 1;
    const totals = sheet.addRow([
      'Total', '', '', '',
      ...periodIds.map((p, i) => ({ formula: `SUM(${columnLetter(5 + i)}2:${columnLetter(5 + i)}${last})`, result: (periodTotals.get(p) ?? 0) / 100 })),
      { formula: `SUM(${columnLetter(5 + periodIds.length)}2:${columnLetter(5 + periodIds.length)}${last})`, result: totalPence / 100 },
    ]);
    totals.font = { bold: true };
    totals.commit();
    sheet.commit();
  }
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
