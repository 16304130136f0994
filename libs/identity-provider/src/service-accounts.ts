import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Clock } from '@ehc/domain-kernel';
import type { Role } from '@ehc/identity';
import { checkRoles } from './roles';
import { quoteSchema } from './schema';

export interface ServiceAccount {
  clientId: string;
  roles: Role[];
  createdAt: Date;
}

export class ServiceAccountRefused extends Error {}

const CLIENT_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Only the SHA-256 of a client secret is kept: the secret is 32 random bytes (256 bits), so no slow
 * hash is needed to make guessing it from the digest hopeless.
 */
export const secretDigest = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Clients of the client-credentials grant, with the roles their tokens carry. */
export class ServiceAccounts {
  private readonly table: string;

  constructor(private readonly pool: Pool, schema: string, private readonly clock: Clock, private readonly reserved: readonly string[]) {
    this.table = `${quoteSchema(schema)}.service_accounts`;
  }

  /** The secret is returned here once and never again. The client id is the name. */
  async create(input: { name: string; roles: readonly string[] }): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = input.name.trim().toLowerCase();
    if (!CLIENT_ID.test(clientId)) throw new ServiceAccountRefused('A service account\'s name is 2 to 63 characters: lower-case letters, digits and - (not first)');
    if (this.reserved.includes(clientId)) throw new ServiceAccountRefused(`${clientId} is the name of one of the hub's own clients`);
    const roles = checkRoles(input.roles, 'service');
    const clientSecret = randomBytes(32).toString('base64url');
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.table} (client_id, roles, secret_sha256, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (client_id) DO NOTHING`,
      [clientId, roles, secretDigest(clientSecret), this.clock()]);
    if (rowCount !== 1) throw new ServiceAccountRefused(`There is already a service account named ${clientId}`);
    return { clientId, clientSecret };
  }

  async find(clientId: string): Promise<(ServiceAccount & { secretSha256: string }) | null> {
    const { rows } = await this.pool.query<{ client_id: string; roles: string[]; secret_sha256: string; created_at: Date }>(
      `SELECT * FROM ${this.table} WHERE client_id = $1`, [clientId]);
    const row = rows[0];
    return row ? { clientId: row.client_id, roles: row.roles as Role[], createdAt: row.created_at, secretSha256: row.secret_sha256 } : null;
  }

  async list(): Promise<ServiceAccount[]> {
    const { rows } = await this.pool.query<{ client_id: string; roles: string[]; created_at: Date }>(`SELECT client_id, roles, created_at FROM ${this.table} ORDER BY client_id`);
    return rows.map((r) => ({ clientId: r.client_id, roles: r.roles as Role[], createdAt: r.created_at }));
  }

  /** Its tokens already issued stay valid until they expire (10 minutes); no new one is issued. */
  async remove(clientId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`DELETE FROM ${this.table} WHERE client_id = $1`, [clientId]);
    return rowCount === 1;
  }
}
