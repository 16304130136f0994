import type { Pool } from 'pg';

/** `"schema"`, refusing anything but a plain identifier (the name is put into SQL text). */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Not a schema name: ${JSON.stringify(schema)} (lower-case letters, digits, _)`);
  return `"${schema}"`;
}

/**
 * The provider's tables, created if missing (idempotent, under an advisory lock so two hosts
 * starting together do not race):
 * - `oidc_payloads`: everything oidc-provider keeps (sessions, grants, interactions, codes, refresh
 *   tokens, replay records…), one row per model and id, with its expiry;
 * - `provider_keys`: the signing key (a private JWK) and the cookie-signing keys;
 * - `accounts`: people (scrypt password hash, sealed TOTP secret, failed attempts, lock);
 * - `service_accounts`: client-credentials clients (SHA-256 of the secret) and their roles.
 */
export function identityProviderDdl(schema: string): string[] {
  const s = quoteSchema(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.oidc_payloads (
       kind text NOT NULL, id text NOT NULL, payload jsonb NOT NULL,
       grant_id text, user_code text, uid text,
       expires_at timestamptz, consumed_at timestamptz,
       PRIMARY KEY (kind, id))`,
    `CREATE INDEX IF NOT EXISTS oidc_payloads_grant_id ON ${s}.oidc_payloads (grant_id) WHERE grant_id IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS oidc_payloads_uid ON ${s}.oidc_payloads (kind, uid) WHERE uid IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS oidc_payloads_user_code ON ${s}.oidc_payloads (kind, user_code) WHERE user_code IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS oidc_payloads_expires_at ON ${s}.oidc_payloads (expires_at)`,
    `CREATE TABLE IF NOT EXISTS ${s}.provider_keys (
       name text PRIMARY KEY, value jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE IF NOT EXISTS ${s}.accounts (
       id text PRIMARY KEY,
       username text NOT NULL UNIQUE CHECK (username = lower(username)),
       name text NOT NULL,
       roles text[] NOT NULL,
       password_hash text NOT NULL,
       password_must_change boolean NOT NULL,
       totp_secret text,
       totp_confirmed boolean NOT NULL DEFAULT false,
       totp_last_step bigint,
       failed_attempts integer NOT NULL DEFAULT 0,
       locked_until timestamptz,
       created_at timestamptz NOT NULL,
       updated_at timestamptz NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${s}.service_accounts (
       client_id text PRIMARY KEY,
       roles text[] NOT NULL,
       secret_sha256 text NOT NULL,
       created_at timestamptz NOT NULL)`,
  ];
}

export async function migrateIdentityProvider(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`ehc-identity-provider:${schema}`]);
    for (const statement of identityProviderDdl(schema)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
