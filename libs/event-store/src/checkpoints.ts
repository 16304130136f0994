import type { Pool } from 'pg';
import { createSchemaOnce, quoteIdent } from './postgres/schema';

/**
 * Where a subscriber keeps how far it has read the global log. Checkpoints live in PostgreSQL
 * whichever store holds the events, beside the read models they guard, so a projection can commit
 * its writes and its checkpoint in one transaction.
 */
export interface CheckpointStore {
  load(name: string): Promise<number>;
  store(name: string, position: number, db?: Queryable): Promise<void>;
}

/** A pg pool or client, or a TypeORM entity manager inside a transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export class PostgresCheckpointStore implements CheckpointStore {
  private readonly table: string;

  private constructor(private readonly pool: Pool, schema: string) {
    this.table = `${quoteIdent(schema)}.checkpoints`;
  }

  static async create(pool: Pool, schema: string): Promise<PostgresCheckpointStore> {
    const s = quoteIdent(schema);
    await createSchemaOnce(pool, `ehc-checkpoints:${schema}`, `CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.checkpoints (name text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    return new PostgresCheckpointStore(pool, schema);
  }

  async load(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(`SELECT position FROM ${this.table} WHERE name = $1`, [name]);
    return rows.length ? Number(rows[0].position) : 0;
  }

  /** Pass `db` (a client inside a transaction) to commit the checkpoint with the work it covers. */
  async store(name: string, position: number, db: Queryable = this.pool): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [name, position],
    );
  }

  async reset(name: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.table} WHERE name = $1`, [name]);
  }
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, number>();
  async load(name: string): Promise<number> { return this.positions.get(name) ?? 0; }
  async store(name: string, position: number): Promise<void> { this.positions.set(name, position); }
}
