import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * A survey link's token: the invitation id and a MAC of it under the service's secret
 * (HMAC-SHA256), both base64url. Nothing secret is stored: the token is derived again for the
 * reminder, and checked by recomputing the MAC. A token whose MAC does not match (tampered, or
 * made up) reads exactly as an unknown one.
 */
export class SurveyLinks {
  /** The secret is read from the database at start (see linkSecret), before any link is made or read. */
  constructor(readonly baseUrl: string, private secret: Buffer | null = null) {}

  useSecret(secret: Buffer): void {
    this.secret = secret;
  }

  tokenOf(invitationId: string): string {
    const id = Buffer.from(invitationId.replace(/-/g, ''), 'hex');
    return `${id.toString('base64url')}.${this.mac(id).toString('base64url')}`;
  }

  linkOf(invitationId: string): string {
    return `${this.baseUrl}/s/${this.tokenOf(invitationId)}`;
  }

  /** The invitation a token names, or null for anything that is not a token this service made. */
  invitationOf(token: string): string | null {
    const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const id = Buffer.from(m[1], 'base64url');
    const given = Buffer.from(m[2], 'base64url');
    // base64url's last character carries spare bits: only the one spelling this service writes is a token
    if (id.toString('base64url') !== m[1] || given.toString('base64url') !== m[2]) return null;
    if (id.length !== 16 || given.length !== 32 || !timingSafeEqual(given, this.mac(id))) return null;
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(id: Buffer): Buffer {
    if (!this.secret) throw new Error('survey links are used before their secret was read');
    return createHmac('sha256', this.secret).update('ehc-hub/surveys/link:').update(id).digest();
  }
}

/**
 * The secret the links are signed with: SURVEY_LINK_SECRET when set; otherwise one made once and
 * kept in the service's schema, so links keep working across restarts and every instance signs
 * alike (the first to start makes it; the others read it).
 */
export async function linkSecret(pool: Pool, schema: string, configured: string | null): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const s = `"${schema}"`;
  await pool.query(`INSERT INTO ${s}.survey_settings (name, value) VALUES ('link-secret', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64')]);
  const { rows } = await pool.query(`SELECT value FROM ${s}.survey_settings WHERE name = 'link-secret'`);
  return Buffer.from((rows[0] as { value: string }).value, 'base64');
}
