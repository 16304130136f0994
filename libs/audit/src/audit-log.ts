import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '@ehc/event-store';
import type { Clock } from '@ehc/domain-kernel';
import { auditLogDdl, GENESIS_HASH } from './audit-log.migrations';

/** A read of personal data, or an erasure of it. */
export type AuditKind = 'read' | 'erasure';

/** One access to personal data: who, whose, through which endpoint, with what answer, from where. */
export interface AuditRead {
  kind: AuditKind;
  /** The verified user or service account (the token's `sub`; never a header the caller wrote). */
  actor: string;
  /** The roles the caller's token held. */
  actorRoles: string[];
  /** The OAuth client the token was issued to (the workspace, a service account), if it says. */
  clientId: string | null;
  /** What was read: `case`, `plan`, `person`, or a `list` of them. */
  subjectKind: string;
  /** The case, plan and person ids shown (or asked for, on a 404). */
  subjectIds: string[];
  /** Ids a list showed beyond those kept (MAX_SUBJECT_IDS); `query` then says what was asked. */
  subjectsOmitted: number;
  /** The query string as sent (a list's filters, a search by name), truncated. */
  query: string | null;
  /** Method and route, e.g. `GET /needs-assessments/:id`. */
  endpoint: string;
  /** The HTTP status answered: 2xx shown, 404 a probe for a record that is not there. */
  status: number;
  /** The client address, as the HTTP server sees it. */
  source: string;
  userAgent: string | null;
}

export interface AuditEntry extends AuditRead {
  seq: number;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenAt: number; finding: 'changed' | 'removed' | 'inserted'; entry: AuditEntry | null };

export interface AuditSearch {
  actor?: string;
  /** A case, plan or person id: every entry that names it among its subjects. */
  subjectId?: string;
  /** Inclusive bounds, ISO instants. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** One list's page at its largest (1000 cases, each with its child): more than that keeps the first ones. */
export const MAX_SUBJECT_IDS = 2_000;

/**
 * Each entry's hash covers its own fields and the hash of the entry before it, and the head row
 * holds the count and the last hash: changing an entry breaks its hash, removing one breaks the
 * chain (or, for the last entries, the head), so verification finds either.
 */
export const entryHash = (prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string =>
  createHash('sha256')
    .update(JSON.stringify([prevHash, e.seq, e.recordedAt, e.kind, e.actor, e.actorRoles, e.clientId, e.subjectKind, e.subjectIds,
      e.subjectsOmitted, e.query, e.endpoint, e.status, e.source, e.userAgent]))
    .digest('hex');

const VERIFY_BATCH = 5_000;

export class AuditLog {
  private readonly s: string;

  constructor(private readonly pool: Pool, schema: string, private readonly clock: Clock) {
    this.s = `"${schema}"`;
  }

  /**
   * The log of a host, in the schema given (a host's first service's, like its idempotency keys),
   * its tables made if they are not there yet. Hosts starting at once take turns.
   */
  static async open(pool: Pool, schema: string, clock: Clock): Promise<AuditLog> {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.audit_log`]);
      for (const statement of auditLogDdl(`"${schema}"`)) await client.query(statement);
    });
    return new AuditLog(pool, schema, clock);
  }

  /** Appends one entry; entries are serialised on the head row, so the chain has no forks. */
  async record(read: AuditRead): Promise<AuditEntry> {
    for (const field of ['actor', 'subjectKind', 'endpoint', 'source'] as const) {
      if (typeof read[field] !== 'string' || read[field].length === 0) throw new Error(`audit entry: ${field} is required`);
    }
    if (read.kind !== 'read' && read.kind !== 'erasure') throw new Error(`audit entry: kind ${String(read.kind)} is not read or erasure`);
    if (!Number.isInteger(read.status)) throw new Error('audit entry: status is required');
    const entry = { ...read, actorRoles: [...read.actorRoles], subjectIds: [...read.subjectIds] };
    return inTransaction(this.pool, async (client) => {
      const { rows: [head] } = await client.query(`SELECT entries, last_hash FROM ${this.s}.audit_head FOR UPDATE`);
      const seq = Number(head.entries) + 1;
      const recordedAt = this.clock().toISOString();
      const hash = entryHash(head.last_hash, { ...entry, seq, recordedAt });
      await client.query(
        `INSERT INTO ${this.s}.audit_log (seq, recorded_at, kind, actor, actor_roles, client_id, subject_kind, subject_ids, subjects_omitted,
                                          query, endpoint, status, source, user_agent, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [seq, recordedAt, entry.kind, entry.actor, entry.actorRoles, entry.clientId, entry.subjectKind, entry.subjectIds, entry.subjectsOmitted,
          entry.query, entry.endpoint, entry.status, entry.source, entry.userAgent, head.last_hash, hash],
      );
      await client.query(`UPDATE ${this.s}.audit_head SET entries = $1, last_hash = $2`, [seq, hash]);
      return { ...entry, seq, recordedAt, prevHash: head.last_hash, hash };
    });
  }

  /** Newest first: for the administrator's question "who read this child's record, and when?". */
  async search(q: AuditSearch = {}): Promise<{ total: number; items: AuditEntry[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    if (q.actor) add('actor = ?', q.actor);
    if (q.subjectId) add('subject_ids @> ARRAY[?]::text[]', q.subjectId);
    if (q.from) add('recorded_at >= ?', q.from);
    if (q.to) add('recorded_at <= ?', q.to);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { rows: [{ total }] } = await this.pool.query(`SELECT count(*)::int AS total FROM ${this.s}.audit_log ${filter}`, params);
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 1_000);
    const offset = Math.max(q.offset ?? 0, 0);
    const { rows } = await this.pool.query(
      `SELECT * FROM ${this.s}.audit_log ${filter} ORDER BY seq DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { total: Number(total), items: rows.map(entryOf) };
  }

  /** Walks the whole chain from the first entry; the first finding stops it. */
  async verify(): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    const broken = (brokenAt: number, finding: 'changed' | 'removed' | 'inserted', entry: AuditEntry | null): AuditVerification =>
      ({ ok: false, entries: expectedSeq - 1, brokenAt, finding, entry });
    for (;;) {
      const { rows } = await this.pool.query(`SELECT * FROM ${this.s}.audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, [expectedSeq, VERIFY_BATCH]);
      for (const row of rows) {
        const e = entryOf(row);
        if (e.seq !== expectedSeq) return broken(expectedSeq, 'removed', null);
        if (e.prevHash !== prevHash) return broken(e.seq, 'inserted', e);
        if (entryHash(prevHash, e) !== e.hash) return broken(e.seq, 'changed', e);
        prevHash = e.hash;
        expectedSeq++;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    const entries = expectedSeq - 1;
    const { rows: [head] } = await this.pool.query(`SELECT entries, last_hash FROM ${this.s}.audit_head`);
    if (Number(head.entries) > entries) return broken(entries + 1, 'removed', null);
    if (Number(head.entries) !== entries || head.last_hash !== prevHash) return broken(Number(head.entries), 'changed', null);
    return { ok: true, entries, lastHash: prevHash };
  }
}

function entryOf(row: Record<string, any>): AuditEntry {
  return {
    seq: Number(row.seq),
    recordedAt: new Date(row.recorded_at).toISOString(),
    kind: row.kind, actor: row.actor, actorRoles: row.actor_roles, clientId: row.client_id,
    subjectKind: row.subject_kind, subjectIds: row.subject_ids, subjectsOmitted: Number(row.subjects_omitted), query: row.query,
    endpoint: row.endpoint, status: Number(row.status), source: row.source, userAgent: row.user_agent,
    prevHash: row.prev_hash, hash: row.hash,
  };
}
