import type { Pool } from 'pg';
import { quoteSchema } from './schema';

/** What oidc-provider stores through its Adapter: any JSON object. */
type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: unknown };

/** The hub's service accounts, as oidc-provider reads client metadata (`Client` model). */
export type ClientMetadataOf = (clientId: string) => Promise<Record<string, unknown> | undefined>;

/**
 * oidc-provider's Adapter on PostgreSQL: one table, one row per model (`kind`) and id, with its
 * expiry; a row past its expiry is never returned and is deleted at the next write of its kind.
 * `Client` is read from the service accounts (the hub registers no clients dynamically).
 */
export function postgresAdapter(pool: Pool, schema: string, clientMetadata: ClientMetadataOf) {
  const table = `${quoteSchema(schema)}.oidc_payloads`;
  const found = (rows: Array<{ payload: Payload; consumed_at: Date | null }>): Payload | undefined => {
    const row = rows[0];
    if (!row) return undefined;
    return row.consumed_at ? { ...row.payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : row.payload;
  };
  const live = `(expires_at IS NULL OR expires_at > now())`;

  class PostgresAdapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      await pool.query(
        `INSERT INTO ${table} (kind, id, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
         ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [this.kind, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresIn ?? null]);
      if (Math.random() < 0.05) await pool.query(`DELETE FROM ${table} WHERE kind = $1 AND expires_at < now()`, [this.kind]);
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.kind === 'Client') return clientMetadata(id);
      const { rows } = await pool.query(`SELECT payload, consumed_at FROM ${table} WHERE kind = $1 AND id = $2 AND ${live}`, [this.kind, id]);
      return found(rows);
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const { rows } = await pool.query(`SELECT payload, consumed_at FROM ${table} WHERE kind = $1 AND user_code = $2 AND ${live}`, [this.kind, userCode]);
      return found(rows);
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const { rows } = await pool.query(`SELECT payload, consumed_at FROM ${table} WHERE kind = $1 AND uid = $2 AND ${live}`, [this.kind, uid]);
      return found(rows);
    }

    async consume(id: string): Promise<void> {
      await pool.query(`UPDATE ${table} SET consumed_at = now() WHERE kind = $1 AND id = $2`, [this.kind, id]);
    }

    async destroy(id: string): Promise<void> {
      await pool.query(`DELETE FROM ${table} WHERE kind = $1 AND id = $2`, [this.kind, id]);
    }

    /** Every artefact of a grant, of any kind (codes, refresh tokens…), as oidc-provider revokes a grant. */
    async revokeByGrantId(grantId: string): Promise<void> {
      await pool.query(`DELETE FROM ${table} WHERE grant_id = $1`, [grantId]);
    }
  }

  // a factory, not the class: oidc-provider's check for a constructor fails across Jest's realms
  return (kind: string) => new PostgresAdapter(kind);
}
