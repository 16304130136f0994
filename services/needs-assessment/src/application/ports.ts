import type { EventStore } from '@ehc/event-store';
import type { CalendarDate } from '@ehc/domain-kernel';

export const CASE_FILES = Symbol('CASE_FILES');

/** What command handlers need beyond the decider: the store, personal details, case references, documents. */
export interface CaseFiles {
  store: EventStore;
  recordPerson(details: { givenName: string; familyName: string; dateOfBirth: CalendarDate | null }): Promise<string>;
  /** The next human case reference for the year of receipt, e.g. NA-2026-00042. */
  nextReference(receivedOn: CalendarDate): Promise<string>;
  /** Keeps free text outside the events; returns its id. */
  saveDocument(caseId: string, kind: string, content: unknown): Promise<string>;
}
