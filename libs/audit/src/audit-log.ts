import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '@ehc/event-store';
import type { Clock } from '@ehc/domain-kernel';
import { GENESIS_HASH } from './audit-log.migrations';

/** One read of personal data: who read whose record, through which endpoint, from where. */
export interface AuditRead {
  /** The verified user or service account (never a header the caller wrote). */
  actor: string;
  /** What was read: a person, a case, a plan, a subject-access export… */
  subjectKind: string;
  subjectId: string;
  /** `read`, `export`, `erase`… */
  action: string;
  /** The route, e.g. `GET /needs-assessments/:id`. */
  endpoint: string;
  /** Where the request came from (the client address). */
  source: string;
}

export interface AuditEntry extends AuditRead {
  seq: number;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { intact: true; entries: number; lastHash: string }
  | { intact: false; entries: number; brokenAt: number; finding: 'changed' | 'removed' | 'inserted' };

export interface AuditSearch {
  actor?: string;
  subjectId?: string;
  /** Inclusive bounds, ISO instants. */
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * Each entry's hash covers its own fields and the hash of the entry before it, and the head row
 * holds the count and the last hash: changing an entry breaks its hash, removing one breaks the
 * chain (or, for the last entries, the head), so verification finds either.
 */
export const entryHash = (prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string =>
  createHash('sha256')
    .update(JSON.stringify([prevHash, e.seq, e.recordedAt, e.actor, e.subjectKind, e.subjectId, e.action, e.endpoint, e.source]))
    .digest('hex');

const VERIFY_BATCH = 5_000;

export class AuditLog {
  private readonly s: string;

  constructor(private readonly pool: Pool, schema: string, private readonly clock: Clock) {
    this.s = `"${schema}"`;
  }

  /** Appends one entry; entries are serialised on the head row, so the chain has no forks. */
  async record(read: AuditRead): Promise<AuditEntry> {
    for (const [field, value] of Object.entries(read)) {
      if (typeof value !== 'string' || value.length === 0) throw new Error(`audit entry: ${field} is required`);
    }
    return inTransaction(this.pool, async (client) => {
      const { rows: [head] } = await client.query(`SELECT entries, last_hash FROM ${this.s}.audit_head FOR UPDATE`);
      const seq = Number(head.entries) + 1;
      const recordedAt = this.clock().toISOString();
      const hash = entryHash(head.last_hash, { ...read, seq, recordedAt });
      await client.query(
        `INSERT INTO ${this.s}.audit_log (seq, recorded_at, actor, subject_kind, subject_id, action, endpoint, source, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [seq, recordedAt, read.actor, read.subjectKind, read.subjectId, read.action, read.endpoint, read.source, head.last_hash, hash],
      );
      await client.query(`UPDATE ${this.s}.audit_head SET entries = $1, last_hash = $2`, [seq, hash]);
      return { ...read, seq, recordedAt, prevHash: head.last_hash, hash };
    });
  }

  /** Newest first: for the administrator's question "who read this child's record, and when?". */
  async search(q: AuditSearch = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => { params.push(value); where.push(sql.replace('?', `$${params.length}`)); };
    if (q.actor) add('actor = ?', q.actor);
    if (q.subjectId) add('subject_id = ?', q.subjectId);
    if (q.from) add('recorded_at >= ?', q.from);
    if (q.to) add('recorded_at <= ?', q.to);
    params.push(Math.min(Math.max(q.limit ?? 100, 1), 1_000));
    const { rows } = await this.pool.query(
      `SELECT * FROM ${this.s}.audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(entryOf);
  }

  /** Walks the whole chain from the first entry; the first finding stops it. */
  async verify(): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (;;) {
      const { rows } = await this.pool.query(`SELECT * FROM ${this.s}.audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`, [expectedSeq, VERIFY_BATCH]);
      for (const row of rows) {
        const e = entryOf(row);
        if (e.seq !== expectedSeq) return { intact: false, entries: expectedSeq - 1, brokenAt: expectedSeq, finding: 'removed' };
        if (e.prevHash !== prevHash) return { intact: false, entries: expectedSeq - 1, brokenAt: e.seq, finding: 'inserted' };
        if (entryHash(prevHash, e) !== e.hash) return { intact: false, entries: expectedSeq - 1, brokenAt: e.seq, finding: 'changed' };
        prevHash = e.hash;
        expectedSeq++;
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    const entries = expectedSeq - 1;
    const { rows: [head] } = await this.pool.query(`SELECT entries, last_hash FROM ${this.s}.audit_head`);
    if (Number(head.entries) > entries) return { intact: false, entries, brokenAt: entries + 1, finding: 'removed' };
    if (Number(head.entries) !== entries || head.last_hash !== prevHash) return { intact: false, entries, brokenAt: Number(head.entries), finding: 'changed' };
    return { intact: true, entries, lastHash: prevHash };
  }
}

function entryOf(row: Record<string, any>): AuditEntry {
  return {
    seq: Number(row.seq),
    recordedAt: new Date(row.recorded_at).toISOString(),
    actor: row.actor, subjectKind: row.subject_kind, subjectId: row.subject_id,
    action: row.action, endpoint: row.endpoint, source: row.source,
    prevHash: row.prev_hash, hash: row.hash,
  };
}
