import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@ehc/event-store';

/** Anything that runs SQL: a pool, a client in a transaction, a TypeORM DataSource or EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * A row a command writes beside its events (a person's details, a document, a counter), prepared
 * before the decision and written only once the decision is made, in the events' transaction: a
 * refused command leaves nothing behind.
 */
export type SideWrite = (db: Queryable) => Promise<void>;

/** The service's own PostgreSQL tables, where side writes and (on PostgreSQL) its events commit together. */
export interface SideTables {
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
}

export const sideTablesOf = (pool: Pool): SideTables => ({
  transaction: <T>(work: (client: PoolClient) => Promise<T>) => inTransaction(pool, work),
});

/** Free text a command brings (reasons, plan sections, representations, notes), kept outside its events. */
export interface PendingDocument { kind: string; content: unknown }

/** A document a command refers to by id, written with its events (never before the decision). */
export interface CommandDocument extends PendingDocument { documentId: string }

/** Ids for the documents a command will refer to, chosen before it runs; their rows are written with its events. */
export function documentsToWrite(pending: (PendingDocument | null)[]): { ids: (string | null)[]; documents: CommandDocument[] } {
  const ids = pending.map((d) => (d ? randomUUID() : null));
  const documents = pending.flatMap((d, i) => (d ? [{ ...d, documentId: ids[i]! }] : []));
  return { ids, documents };
}
