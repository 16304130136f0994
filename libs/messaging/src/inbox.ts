import type { DataSource, EntityManager } from 'typeorm';

function table(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  return `"${schema}".inbox`;
}

/** Processed markers: (consumer, event id). Created with the service's schema. */
export async function ensureInbox(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS ${table(schema)} (
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id))`);
  await dataSource.query(`CREATE TABLE IF NOT EXISTS "${schema}".dead_letters (
    consumer text NOT NULL,
    event_id uuid NOT NULL,
    event jsonb NOT NULL,
    error text NOT NULL,
    attempts integer NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id))`);
}

/**
 * Marks the event processed for this consumer inside `tx`; false when it already was, and the
 * caller then does nothing, so a redelivery is never applied twice.
 */
export async function markProcessed(tx: EntityManager, schema: string, consumer: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO ${table(schema)} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventId],
  );
  return rows.length === 1;
}

export async function forgetProcessed(dataSource: DataSource | EntityManager, schema: string, consumer: string): Promise<void> {
  await dataSource.query(`DELETE FROM ${table(schema)} WHERE consumer = $1`, [consumer]);
}
