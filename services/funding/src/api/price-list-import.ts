import type { Request } from 'express';
import { newId, type CalendarDate } from '@ehc/domain-kernel';
import { problem } from '@ehc/http';
import type { FundingAggregate } from '../application/funding-command';
import type { FundingRecords } from './funding-records';

/** What importing a price list (the banding matrix, the EY inclusion rates table) needs to know of it. */
export interface PriceList<R, C> {
  aggregate: FundingAggregate<C>;
  /** The fixed id of its one stream. */
  id: string;
  /** "the banding matrix", for the answers. */
  the: string;
  read(csv: string): Promise<R[]>;
  current(records: FundingRecords): Promise<R[]>;
  /** Rows that would change a rate already set for the same thing and date. */
  conflicting(current: R[], rows: R[]): R[];
  /** How a conflicting row is named in the problem: its key, and the rate it tried. */
  describe(row: R): { field: string; message: string };
  command(importId: string, today: CalendarDate, rows: R[]): C;
  /** What follows an import (every row of the file, new or not, so importing it again finishes what a crash left undone); its answer is added to the import's. */
  afterImport?(rows: R[], records: FundingRecords, req: Request): Promise<Record<string, unknown>>;
}

/**
 * A price list imported whole from a text/csv body: read (every faulty row named, nothing taken
 * unless all is good), checked against the rates already set (a new year's rates are a new version,
 * never an edit), then appended as one event; the same file twice adds nothing.
 */
export async function importPriceList<R, C>(list: PriceList<R, C>, records: FundingRecords, body: unknown, req: Request) {
  if (typeof body !== 'string' || body === '') {
    throw problem(400, 'CsvRequired', `Send ${list.the} as a text/csv body`, undefined, { errors: [{ field: 'body', rule: 'CsvRequired', message: 'a CSV body is required' }] });
  }
  const rows = await list.read(body);
  const rateAlreadySet = (conflicts: R[]) => problem(409, 'RateAlreadySet',
    `${list.the[0].toUpperCase()}${list.the.slice(1)} already has a different rate for these rows and dates: import a new version (a later valid_from)`, undefined, {
      errors: conflicts.map((r) => ({ ...list.describe(r), rule: 'RateAlreadySet' })),
    });
  const conflicts = list.conflicting(await list.current(records), rows);
  if (conflicts.length > 0) throw rateAlreadySet(conflicts);
  const today = records.today();
  // a concurrent import may still set a rate first: the decider's refusal is the same answer
  const result = await records.run(list.aggregate, list.id, list.command(newId(), today, rows), req, today, () => rateAlreadySet([]));
  const added = result.events.flatMap((e) => (e.data as { rates: R[] }).rates);
  return { added: added.length, unchanged: rows.length - added.length, rates: added, ...(await list.afterImport?.(rows, records, req)) };
}
