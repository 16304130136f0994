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

/** Node's socket errors and the pg driver's words for a connection that is gone or cannot be made. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = [/connection terminated/i, /connection error/i, /timeout exceeded when trying to connect/i, /not queryable/i];
/**
 * SQLSTATEs of a server that is going or not yet back: class 08 (connection exception),
 * admin_shutdown, crash_shutdown, cannot_connect_now (starting up, in recovery), too_many_connections.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether an error says the database could not be reached, rather than that the work was wrong:
 * such work is not a failure of the event or the handler, and must be retried when the database
 * is back, never dead-lettered. TypeORM wraps the driver's error (`driverError`); others chain `cause`.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, driverError, cause } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((m) => m.test(message))) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}
