/**
 * What a spreadsheet (Excel, LibreOffice Calc, Google Sheets) may take for a formula: a cell
 * starting with `=`, `+`, `-` or `@`, or with a tab or carriage return before one (OWASP "CSV
 * injection"). A child's name or a free-text field typed by anyone could then run
 * `=HYPERLINK(…)` or `=cmd|…` on the computer of the member of staff who opens the export.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value as a spreadsheet will show it, never run it: text that could start a formula gets a
 * leading `'`, which spreadsheets read as "this cell is text" and do not display. Everything else
 * is unchanged. Every CSV or XLSX the hub writes for people to open must pass each text cell
 * through this (numbers and dates written as such are not text and need not).
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One RFC 4180 line of cells for a spreadsheet: each cell neutralised, then quoted when it holds a
 * comma, a quote or a line break (a quote doubled). Null and undefined are empty cells.
 */
export function csvLineForSpreadsheet(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map((cell) => {
    if (cell === null || cell === undefined) return '';
    // a number is written by us, not typed by anyone: a negative one stays a number
    const text = typeof cell === 'number' ? String(cell) : neutraliseFormula(cell);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}
