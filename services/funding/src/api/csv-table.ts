import { csvRecords, MalformedCsvError, malformedCsvProblem } from '@ehc/csv';
import { problem } from '@ehc/http';

/** A fault in one row, named `row N: column`. */
export interface RowFault { field: string; rule: string; message: string }
/** Records a fault in the row being read, on one of its columns. */
export type FaultAt = (column: string, rule: string, message: string) => void;

/** A price list imported from CSV (the banding matrix, the EY inclusion rates table): its columns, its names in the answers, how a row is read. */
export interface CsvTable<R> {
  columns: readonly string[];
  /** "a banding matrix" and "the banding matrix", for the problems' titles. */
  name: { a: string; the: string };
  /** 400 when the file lacks a column (e.g. NotABandingMatrix); 422 when a row is at fault (e.g. BandRatesInvalid). */
  rules: { notThisTable: string; invalid: string };
  /** One row's values (trimmed), its faults recorded with `at`; null when it yields nothing. */
  row(values: Record<string, string>, at: FaultAt): R | null;
  /** Two rows for the same thing: the key they share, and the column and words the later row is faulted with. */
  duplicate: { key(values: Record<string, string>): string; column: string; message(values: Record<string, string>, firstRow: number): string };
}

/**
 * A price-list CSV read whole: every fault in every row named at once (400 for a file that is not the
 * table's CSV, 422 for values), and nothing taken unless all of it is good: money is not imported in part.
 */
export async function readCsvTable<R>(csv: string, table: CsvTable<R>): Promise<R[]> {
  const rows: R[] = [];
  const faults: RowFault[] = [];
  const seen = new Map<string, number>();
  try {
    for await (const { row, values: raw } of csvRecords(csv, {
      onHeader(header) {
        const missing = table.columns.filter((c) => !header.includes(c));
        if (missing.length) {
          throw problem(400, table.rules.notThisTable, `The CSV is not ${table.name.a}`, `the file lacks the columns ${missing.join(', ')} (expected ${table.columns.join(',')})`, {
            errors: missing.map((c) => ({ field: c, rule: 'ColumnRequired', message: `the column ${c} is required` })),
          });
        }
      },
    })) {
      const at: FaultAt = (column, rule, message) => faults.push({ field: `row ${row}: ${column}`, rule, message });
      const values = Object.fromEntries(table.columns.map((c) => [c, (raw[c] ?? '').trim()]));
      const read = table.row(values, at);
      const key = table.duplicate.key(values);
      const first = seen.get(key);
      if (first !== undefined) at(table.duplicate.column, 'DuplicateRate', table.duplicate.message(values, first));
      seen.set(key, row);
      if (read !== null) rows.push(read);
    }
  } catch (error) {
    if (error instanceof MalformedCsvError) throw malformedCsvProblem(error);
    throw error;
  }
  if (faults.length > 0) {
    throw problem(422, table.rules.invalid, `Some rows of ${table.name.the} are not valid: nothing was imported`, `${faults.length} fault(s); the first: ${faults[0].field} ${faults[0].message}`, { errors: faults });
  }
  if (rows.length === 0) throw problem(422, table.rules.invalid, `${capitalised(table.name.the)} has no rows: nothing was imported`, undefined, { errors: [{ field: 'body', rule: 'RowsRequired', message: 'at least one rate' }] });
  return rows;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
