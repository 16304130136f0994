import type { ExpectedRevision } from './port';

/** A stale expected revision: the stream has moved on since the caller read it (HTTP 409). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or 'no-stream'. */
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)} but it is at ${String(actual)}`);
  }
}

/**
 * Some, not all, of the event ids in an append are already stored (or stored elsewhere): it is not a
 * retry of an earlier append, so appending would either duplicate or lose events.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly stream: string, readonly eventIds: string[]) {
    super(`Stream ${stream}: event ids already stored in a different append: ${eventIds.join(', ')}`);
  }
}
