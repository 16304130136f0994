import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createSchemaOnce } from '@ehc/event-store';
import type { Clock } from '@ehc/domain-kernel';

/** A signed-in user, as the workspace keeps them: the browser holds only the session's id. */
export interface Session {
  subject: string;
  name: string;
  roles: string[];
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string | null;
  /** Every form carries it; a POST without it is refused (CSRF). */
  csrfToken: string;
  expiresAt: Date;
}

/** A sign-in under way: what the callback needs to finish it (PKCE verifier, where to go back to). */
export interface PendingSignIn {
  codeVerifier: string;
  returnTo: string;
}

/** How long a session lives without use, and at most (a working day). */
export const IDLE_MINUTES = 60;
export const MAX_HOURS = 10;
const PENDING_MINUTES = 10;

const hash = (id: string) => createHash('sha256').update(id).digest('hex');
const newId = () => randomBytes(32).toString('base64url');

/**
 * Sessions in PostgreSQL, by the SHA-256 of their id (a copy of the table signs nobody in). The
 * tokens stay here, on the server: the browser never sees them.
 */
export class Sessions {
  private constructor(private readonly pool: Pool, private readonly s: string, private readonly clock: Clock) {}

  static async open(pool: Pool, schema: string, clock: Clock): Promise<Sessions> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`${schema} is not a schema name`);
    const s = `"${schema}"`;
    // made by whichever host starts first, under a lock held for the transaction; the others find them made
    await createSchemaOnce(pool, `ehc-workspace-sessions:${schema}`, `
          CREATE SCHEMA IF NOT EXISTS ${s};
          CREATE TABLE IF NOT EXISTS ${s}.sessions (
            id_hash text PRIMARY KEY, subject text NOT NULL, name text NOT NULL, roles text[] NOT NULL,
            access_token text NOT NULL, access_token_expires_at timestamptz NOT NULL, refresh_token text,
            csrf_token text NOT NULL, created_at timestamptz NOT NULL, last_seen_at timestamptz NOT NULL, expires_at timestamptz NOT NULL);
          CREATE INDEX IF NOT EXISTS sessions_expires_at ON ${s}.sessions (expires_at);
          CREATE TABLE IF NOT EXISTS ${s}.pending_sign_ins (
            state_hash text PRIMARY KEY, code_verifier text NOT NULL, return_to text NOT NULL, expires_at timestamptz NOT NULL);`);
    return new Sessions(pool, s, clock);
  }

  /** A new sign-in: its `state` (sent to the provider and back) and PKCE verifier. */
  async beginSignIn(returnTo: string): Promise<{ state: string; codeVerifier: string }> {
    const state = newId();
    const codeVerifier = newId();
    const now = this.clock();
    await this.pool.query(`DELETE FROM ${this.s}.pending_sign_ins WHERE expires_at < $1`, [now]);
    await this.pool.query(`INSERT INTO ${this.s}.pending_sign_ins (state_hash, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4)`,
      [hash(state), codeVerifier, returnTo, new Date(now.getTime() + PENDING_MINUTES * 60_000)]);
    return { state, codeVerifier };
  }

  /** The sign-in `state` names, once: a replayed or forged callback finds nothing. */
  async takeSignIn(state: string): Promise<PendingSignIn | null> {
    const { rows } = await this.pool.query<{ code_verifier: string; return_to: string; expires_at: Date }>(
      `DELETE FROM ${this.s}.pending_sign_ins WHERE state_hash = $1 RETURNING code_verifier, return_to, expires_at`, [hash(state)]);
    if (rows.length === 0 || rows[0].expires_at < this.clock()) return null;
    return { codeVerifier: rows[0].code_verifier, returnTo: rows[0].return_to };
  }

  /** A session for a user just signed in; its id goes into the cookie, once. */
  async create(user: Omit<Session, 'csrfToken' | 'expiresAt'>): Promise<string> {
    const id = newId();
    const now = this.clock();
    await this.pool.query(
      `INSERT INTO ${this.s}.sessions (id_hash, subject, name, roles, access_token, access_token_expires_at, refresh_token, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)`,
      [hash(id), user.subject, user.name, user.roles, user.accessToken, user.accessTokenExpiresAt, user.refreshToken, newId(), now, new Date(now.getTime() + MAX_HOURS * 3_600_000)]);
    return id;
  }

  /** The live session of this id, touched; null when there is none, it has expired or been idle too long. */
  async find(id: string): Promise<Session | null> {
    const now = this.clock();
    const { rows } = await this.pool.query(
      `UPDATE ${this.s}.sessions SET last_seen_at = $2
       WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $3
       RETURNING subject, name, roles, access_token, access_token_expires_at, refresh_token, csrf_token, expires_at`,
      [hash(id), now, new Date(now.getTime() - IDLE_MINUTES * 60_000)]);
    const r = rows[0];
    if (!r) return null;
    return {
      subject: r.subject, name: r.name, roles: r.roles, accessToken: r.access_token, accessTokenExpiresAt: r.access_token_expires_at,
      refreshToken: r.refresh_token, csrfToken: r.csrf_token, expiresAt: r.expires_at,
    };
  }

  async renewTokens(id: string, tokens: { accessToken: string; accessTokenExpiresAt: Date; refreshToken: string | null }): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.sessions SET access_token = $2, access_token_expires_at = $3, refresh_token = coalesce($4, refresh_token) WHERE id_hash = $1`,
      [hash(id), tokens.accessToken, tokens.accessTokenExpiresAt, tokens.refreshToken]);
  }

  async end(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.s}.sessions WHERE id_hash = $1 OR expires_at < $2`, [hash(id), this.clock()]);
  }
}
