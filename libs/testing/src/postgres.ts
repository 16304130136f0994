import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';

export interface TestSchema {
  pool: Pool;
  schema: string;
  url: string;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

/**
 * A PostgreSQL schema of its own for one test suite, on the server the run started
 * (libs/testing/src/jest/global-setup.ts), so suites never see each other's rows.
 */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with `npm test`, whose global setup starts PostgreSQL');
  const schema = `t_${label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const pool = new Pool({ connectionString: url, max: 24 });
  await pool.query(`CREATE SCHEMA "${schema}"`);
  return {
    pool,
    schema,
    url,
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * Every table in the given schemas holding `text` anywhere in a row, as `schema.table`: how an
 * erasure test proves nothing of a person is left (events, read models, documents, people alike).
 */
export async function tablesHolding(pool: Pool, schemas: string[], text: string): Promise<string[]> {
  const { rows: tables } = await pool.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE'`, [schemas]);
  const found: string[] = [];
  for (const t of tables) {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${t.table_schema}"."${t.table_name}" x WHERE x::text ILIKE $1`, [`%${text}%`]);
    if (rows[0].n > 0) found.push(`${t.table_schema}.${t.table_name}`);
  }
  return found.sort();
}

/** Drops every schema a host started with `EHC_SCHEMA_PREFIX=prefix` made (its services', the sign-in's). */
export async function dropSchemasWithPrefix(prefix: string): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    const { rows } = await pool.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${prefix.replace(/[\\%_]/g, '\\$&')}%`]);
    for (const { nspname } of rows) await pool.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await pool.end();
  }
}
