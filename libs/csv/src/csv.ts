import { pipeline, Readable } from 'node:stream';
import { CsvError, parse, type InfoRecord } from 'csv-parse';
import { problem, type ProblemException } from '@ehc/http';

/**
 * Where a CSV comes from: the text or bytes of a request body, a stream (a file on disk), or a
 * function that opens one, for a reader that goes through the file twice (check, then import).
 */
export type CsvInput = string | Uint8Array | Readable | (() => Readable);

/** A data row keyed by the header row. */
export interface CsvRecord {
  /** 1-based data row: the header and blank lines are not counted (the import reports' numbering). */
  row: number;
  /** 1-based line of the file on which the row starts (the header is usually line 1). */
  line: number;
  values: Record<string, string>;
}

/** What is wrong with a file that is not RFC 4180 CSV. */
export type CsvFault = 'QuoteNotClosed' | 'BadQuoting' | 'WrongFieldCount' | 'RowTooLong' | 'NulCharacter' | 'MalformedCsv';

/** The file is not well-formed CSV: nothing in it should be taken. `line` is where the row at fault starts. */
export class MalformedCsvError extends Error {
  override readonly name = 'MalformedCsvError';
  constructor(readonly line: number, readonly fault: CsvFault, readonly reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

/** A row longer than this is refused: a quote left open would otherwise swallow the rest of the file. */
export const CSV_MAX_ROW_CHARACTERS = 1_000_000;
/** Text and bytes already in memory are fed to the parser in slices of this size, so rows come out as they are parsed. */
const SLICE = 64 * 1024;

/**
 * Streams the data rows of an RFC 4180 CSV (csv-parse): quoted fields with commas, doubled quotes
 * and line breaks, CRLF or LF, a UTF-8 byte order mark; blank lines are skipped; header names and
 * values are trimmed. Rows are yielded as they are parsed, never gathered first. A file that is not
 * well-formed (a quote not closed, text after a closing quote, a quote inside an unquoted field, a
 * row with another number of fields than the header) throws a `MalformedCsvError` naming the line
 * where the row at fault starts. `onHeader` sees the header row (`[]` for an empty file) before any
 * data row, and may throw to refuse the file.
 */
export async function* csvRecords(input: CsvInput, options: { onHeader?(header: string[]): void } = {}): AsyncGenerator<CsvRecord, void, undefined> {
  const lines = new LineCounter();
  /** Where each row parsed but not yet read starts. */
  const starts: number[] = [];
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: CSV_MAX_ROW_CHARACTERS,
    // called in parsing order, even for rows parsed just before an error, so the count stays true
    on_record: (record: string[], context: InfoRecord) => {
      lines.recordParsed(record, context);
      starts.push(lines.lastStart);
      return record;
    },
  });
  const source = toStream(input);
  // a failing source (a missing file) fails the parser, whose iterator throws it
  pipeline(source, parser, () => undefined);
  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = starts.shift() ?? 0;
      if (header === null) {
        header = record.map((h) => h.trim());
        options.onHeader?.(header);
        continue;
      }
      row++;
      // PostgreSQL text cannot hold U+0000: a file streamed from disk meets the rule here, with its line
      if (record.some((field) => field.includes('\u0000'))) throw new MalformedCsvError(line, 'NulCharacter', 'the row holds a NUL character (U+0000), which no text may');
      const values: Record<string, string> = {};
      header.forEach((h, k) => (values[h] = record[k].trim()));
      yield { row, line, values };
    }
  } catch (error) {
    if (error instanceof CsvError) throw malformed(error, lines.startOfFailedRow(error), lines.headerFields);
    throw error;
  } finally {
    // a reader that stops early (a refused header, a failed import) closes the file at once
    parser.destroy();
    source.destroy();
  }
  if (header === null) options.onHeader?.([]);
}

/** The 400 answer to a malformed CSV body: the line, and what is wrong with it. */
export function malformedCsvProblem(error: MalformedCsvError): ProblemException {
  return problem(400, 'MalformedCsv', 'The file is not well-formed CSV (RFC 4180): nothing in it was imported', error.message, {
    line: error.line,
    errors: [{ field: 'body', rule: error.fault, message: error.message }],
  });
}

function toStream(input: CsvInput): Readable {
  if (typeof input === 'function') return input();
  if (typeof input === 'string' || input instanceof Uint8Array) return Readable.from(slices(input), { objectMode: false });
  return input;
}

function* slices(input: string | Uint8Array): Generator<string | Uint8Array> {
  for (let at = 0; at < input.length;) {
    let end = Math.min(at + SLICE, input.length);
    // never split a surrogate pair: each slice is encoded to UTF-8 on its own
    if (typeof input === 'string' && end < input.length && /[\ud800-\udbff]/.test(input[end - 1])) end--;
    yield input.slice(at, end);
    at = end;
  }
}

/**
 * Where each row starts. csv-parse counts a CRLF inside a quoted field as two lines (csv-parse 7.0),
 * so its count is corrected by the CRLFs seen in the fields so far.
 */
class LineCounter {
  lastStart = 0;
  /** Fields in the header row, once it has been parsed. */
  headerFields: number | undefined;
  private lastEnd = 0;
  private emptyLines = 0;
  private crlfInFields = 0;

  recordParsed(record: string[], context: InfoRecord): void {
    this.headerFields ??= record.length;
    let breaks = 0;
    for (const field of record) {
      if (!/[\r\n]/.test(field)) continue;
      breaks += field.match(/\r\n|\r|\n/g)?.length ?? 0;
      this.crlfInFields += field.match(/\r\n/g)?.length ?? 0;
    }
    this.lastEnd = context.lines - this.crlfInFields;
    this.lastStart = this.lastEnd - breaks;
    this.emptyLines = context.empty_lines;
  }

  /** The row being parsed when the error came: the line after the last row, past any blank lines. */
  startOfFailedRow(error: CsvError): number {
    const empty = typeof error.empty_lines === 'number' ? error.empty_lines - this.emptyLines : 0;
    return this.lastEnd + 1 + empty;
  }
}

function malformed(error: CsvError, line: number, headerFields: number | undefined): MalformedCsvError {
  switch (error.code as string) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new MalformedCsvError(line, 'QuoteNotClosed', 'a quoted field that starts on this row is never closed');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new MalformedCsvError(line, 'BadQuoting', 'a quoted field is followed by other text before the next comma or line end (a quote inside a quoted field is written twice: "")');
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return new MalformedCsvError(line, 'BadQuoting', 'a quote inside a field that does not start with one (quote the whole field and write the quote twice: "")');
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = Array.isArray(error.record) ? error.record.length : undefined;
      return new MalformedCsvError(line, 'WrongFieldCount', `the row has ${got ?? 'another number of'} fields; the header has ${headerFields ?? 'a different number'}`);
    }
    case 'CSV_MAX_RECORD_SIZE':
      return new MalformedCsvError(line, 'RowTooLong', `the row is longer than ${CSV_MAX_ROW_CHARACTERS.toLocaleString('en-GB')} characters (is a quote left open?)`);
    default:
      return new MalformedCsvError(line, 'MalformedCsv', error.message);
  }
}
