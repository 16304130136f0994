/**
 * RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF or LF,
 * a UTF-8 byte order mark. Streams rows so a large file is never held as rows all at once.
 */
export function* parseCsv(text: string): Generator<string[]> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError('a quoted field is not closed');
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') { field += '"'; i++; } else break;
        }
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      row.push(field);
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      break;
    }
    if (!(row.length === 1 && row[0] === '')) yield row;
  }
}

export class CsvError extends Error {
  override readonly name = 'CsvError';
}

/** Rows as records keyed by the header row; `line` is the 1-based data row number (header excluded). */
export function* csvRecords(text: string): Generator<{ row: number; values: Record<string, string> }> {
  const rows = parseCsv(text);
  const first = rows.next();
  if (first.done) return;
  const header = first.value.map((h) => h.trim());
  let row = 0;
  for (const values of rows) {
    row++;
    const record: Record<string, string> = {};
    header.forEach((h, k) => (record[h] = (values[k] ?? '').trim()));
    yield { row, values: record };
  }
}

export function csvHeader(text: string): string[] {
  const first = parseCsv(text).next();
  return first.done ? [] : first.value.map((h) => h.trim());
}
