import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '@ehc/domain-kernel';
import { problem } from '@ehc/http';
import { inTransaction } from '@ehc/event-store';

/** How long a key holds its first answer (`Idempotency-Key`): a day, as clients retry within minutes. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

/**
 * The `Idempotency-Key` of the request being carried out. A command's events commit with the key's
 * claim (see `executeCommand`), so a request whose events are stored can never be carried out
 * again, whatever happened to its answer.
 */
export interface IdempotencyClaim {
  key: string;
  /** Method, path, caller and body of the request, hashed: the same key with another request is refused. */
  fingerprint: string;
  /** This attempt: one request may append more than once (an import), another may not take the key. */
  requestId: string;
  keys: IdempotencyKeys;
}

export const idempotencyScope = new AsyncLocalStorage<IdempotencyClaim>();

/** The first answer to a request, replayed to every repeat of it. */
export interface StoredAnswer {
  status: number;
  contentType: string | null;
  location: string | null;
  body: string;
}

export interface KeyRecord {
  fingerprint: string;
  requestId: string;
  createdAt: Date;
  answer: StoredAnswer | null;
}

/**
 * The keys of one host, in its first service's schema: in embedded mode every service's events
 * commit in the same database, so one table serves them all; in distributed mode each service has
 * its own.
 */
export class IdempotencyKeys {
  private readonly table: string;
  private lastPurge = 0;
  /** A transaction on the keys' database, for a command with no side tables of its own. */
  readonly transaction: <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>;

  private constructor(private readonly pool: Pool, schema: string, private readonly clock: Clock) {
    this.table = `"${schema}".idempotency_keys`;
    this.transaction = (work) => inTransaction(pool, work);
  }

  static async open(pool: Pool, schema: string, clock: Clock): Promise<IdempotencyKeys> {
    await pool.query(`CREATE TABLE IF NOT EXISTS "${schema}".idempotency_keys (
      key text PRIMARY KEY,
      fingerprint text NOT NULL,
      request_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      status integer,
      content_type text,
      location text,
      body text,
      answered_at timestamptz)`);
    return new IdempotencyKeys(pool, schema, clock);
  }

  private windowStart(): Date {
    return new Date(this.clock().getTime() - IDEMPOTENCY_WINDOW_HOURS * 3600_000);
  }

  /** Claimed so recently that the request holding it is taken to be still running. */
  claimedWithin(record: KeyRecord, ms: number): boolean {
    return this.clock().getTime() - record.createdAt.getTime() < ms;
  }

  /** The key's record if it was claimed within the window. */
  async find(key: string): Promise<KeyRecord | null> {
    await this.purgeNowAndThen();
    const { rows } = await this.pool.query(
      `SELECT fingerprint, request_id, created_at, status, content_type, location, body FROM ${this.table} WHERE key = $1 AND created_at >= $2`,
      [key, this.windowStart()],
    );
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      fingerprint: r.fingerprint, requestId: r.request_id, createdAt: r.created_at,
      answer: r.status === null ? null : { status: r.status, contentType: r.content_type, location: r.location, body: r.body },
    };
  }

  /**
   * Written in the transaction of the events the request appends. A key another request holds
   * (within the window) fails the transaction: its events were, or are being, stored already.
   */
  async claim(client: PoolClient, claim: IdempotencyClaim): Promise<void> {
    const { rowCount } = await client.query(
      `INSERT INTO ${this.table} (key, fingerprint, request_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id, created_at = EXCLUDED.created_at,
         status = NULL, content_type = NULL, location = NULL, body = NULL, answered_at = NULL
       WHERE ${this.table}.request_id = EXCLUDED.request_id OR ${this.table}.created_at < $5`,
      [claim.key, claim.fingerprint, claim.requestId, this.clock(), this.windowStart()],
    );
    if (rowCount === 0) {
      throw problem(409, 'IdempotentRequestInProgress', 'The same request is being carried out',
        `Another request with Idempotency-Key ${claim.key} is being carried out; send it again in a moment for its answer.`, { retryAfterSeconds: 1 });
    }
  }

  /** The answer of the request that claimed the key; nothing if it never did (it appended nothing). */
  async answer(claim: IdempotencyClaim, answer: StoredAnswer): Promise<void> {
    await this.pool.query(
      `UPDATE ${this.table} SET status = $3, content_type = $4, location = $5, body = $6, answered_at = $7
       WHERE key = $1 AND request_id = $2 AND status IS NULL`,
      [claim.key, claim.requestId, answer.status, answer.contentType, answer.location, answer.body, this.clock()],
    );
  }

  /** Keys past the window are dead weight; cleared at most hourly, by whichever request comes. */
  private async purgeNowAndThen(): Promise<void> {
    const now = this.clock().getTime();
    if (now - this.lastPurge < 3600_000) return;
    this.lastPurge = now;
    await this.pool.query(`DELETE FROM ${this.table} WHERE created_at < $1`, [this.windowStart()]);
  }
}
