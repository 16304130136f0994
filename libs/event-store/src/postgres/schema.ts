import type { Pool, PoolClient } from 'pg';
/**
 * The store's tables, in their own schema so each service (and each test suite) is isolated.
 *
 * Global order without gaps that fill in late: `global_position` is the writing transaction's id
 * (xid8, from pg_current_xact_id()) shifted left 16 bits, plus the event's index in its append. One
 * append is one transaction, so positions are unique and follow transaction-id order. A reader only
 * reads below `pg_snapshot_xmin(pg_current_snapshot()) << 16`: every transaction with an id below
 * xmin has finished, so no event can later appear below that bound and a checkpoint never skips an
 * event that committed late. (A sequence would not do: a transaction that draws a lower number can
 * commit after one that drew a higher number, and a reader past the higher one would miss it.)
 * Emmett solves the same problem with an xid8 column and the same xmin bound; folding the xid into
 * the position keeps one integer checkpoint and makes the bound a plain primary-key range.
 */
export const POSITION_SHIFT = 16;
export const MAX_EVENTS_PER_APPEND = 2 ** POSITION_SHIFT;

export function schemaSql(schema: string): string {
  const s = quoteIdent(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};
    CREATE TABLE IF NOT EXISTS ${s}.es_streams (
      stream_id text PRIMARY KEY,
      revision bigint NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${s}.es_events (
      global_position bigint PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      stream_id text NOT NULL,
      revision bigint NOT NULL,
      type text NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT statement_timestamp(),
      UNIQUE (stream_id, revision)
    );
  `;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid PostgreSQL schema name: ${name}`);
  return `"${name}"`;
}

/**
 * Runs DDL once even when several processes start together: under a transaction-scoped advisory
 * lock, so `CREATE … IF NOT EXISTS` never races itself.
 */
export async function createSchemaOnce(pool: Pool, lockKey: string, ddl: string): Promise<void> {
  await inLockedTransaction(pool, lockKey, async (client) => { await client.query(ddl); });
}

/**
 * One transaction holding a transaction-level advisory lock on `lockKey`: one writer at a time for
 * that key, across processes, released by the commit or the rollback.
 */
export function inLockedTransaction<T>(pool: Pool, lockKey: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
    return work(client);
  });
}

/** One transaction on a client of its own: committed when `work` resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // the server going away while this transaction holds the client (between two statements) is an
  // 'error' event on the client: unheard, it would end the process; heard, the transaction fails
  // and the broken client is handed back to be discarded, not reused
  let lost: Error | undefined;
  const onLost = (error: Error) => { lost = error; };
  client.on('error', onLost);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onLost);
    client.release(lost);
  }
}
