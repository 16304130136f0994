import type { EventStore } from '@ehc/event-store';
import type { CalendarDate } from '@ehc/domain-kernel';
import type { Queryable, SideTables, SideWrite } from '@ehc/commands';
import type { ChildDetails } from './record-request';

export const CASE_FILES = Symbol('CASE_FILES');

/**
 * What command handlers need beyond the decider: the store, and the service's own tables for what
 * is kept beside the events (personal details, case references, documents), written only once a
 * command is decided, in the events' transaction.
 */
export interface CaseFiles {
  store: EventStore;
  sideTables: SideTables;
  person(details: ChildDetails, personId: string): SideWrite;
  /** The next human case reference for the year of receipt, e.g. NA-2026-00042, taken in the caller's transaction. */
  nextReference(receivedOn: CalendarDate, db: Queryable): Promise<string>;
  /** Free text kept outside the events, under the id the command refers to it by. */
  document(caseId: string, kind: string, content: unknown, documentId: string): SideWrite;
}
