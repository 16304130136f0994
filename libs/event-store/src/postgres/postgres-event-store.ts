import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { EventEnvelope, NewEvent } from '../envelope';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult, EventFilter, EventStore, ExpectedRevision, ReadAllOptions, ReadAllPage,
  ReadStreamOptions, SubscribeOptions, Subscription,
} from '../port';
import { AppendSignal, pollingSubscription } from '../polling-subscription';
import { createSchemaOnce, MAX_EVENTS_PER_APPEND, POSITION_SHIFT, quoteIdent, schemaSql } from './schema';

export interface PostgresEventStoreOptions {
  pool: Pool;
  /** PostgreSQL schema holding the store's tables. */
  schema: string;
  /** How often a live subscription looks for other processes' appends. */
  pollMs?: number;
  /** Close the pool with the store (when the store created it). */
  ownsPool?: boolean;
}

interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: NewEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS = 'global_position, event_id, stream_id, revision, type, schema_version, data, metadata, recorded_at';

/**
 * Every statement is a named (server-side prepared) statement: pg parses it once per connection and,
 * after five executions, PostgreSQL reuses a generic plan, so an append no longer pays parse,
 * analysis and planning of its CTEs each time (about two thirds of its server CPU). One name per
 * distinct text; the texts are a small fixed set (schema x expected-revision kind x filter shape).
 */
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `ehc_es_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** PostgreSQL adapter: hand-written SQL, one round trip per append (see schema.ts for the ordering). */
export class PostgresEventStore implements EventStore {
  private readonly signal = new AppendSignal();
  private readonly t: { streams: string; events: string };

  private constructor(private readonly options: PostgresEventStoreOptions) {
    const s = quoteIdent(options.schema);
    this.t = { streams: `${s}.es_streams`, events: `${s}.es_events` };
  }

  /** Creates the schema if needed (idempotent; safe when several processes start together). */
  static async create(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    await createSchemaOnce(options.pool, `ehc-event-store:${options.schema}`, schemaSql(options.schema));
    return new PostgresEventStore(options);
  }

  /**
   * `within`: a client inside the caller's transaction, so the events commit (or roll back) with the
   * caller's other writes; they become readable in the global log when that transaction ends.
   */
  async appendToStream(stream: string, events: NewEvent[], expected: ExpectedRevision, within?: PoolClient): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    if (events.length > MAX_EVENTS_PER_APPEND) throw new Error(`At most ${MAX_EVENTS_PER_APPEND} events per append`);
    const payload = JSON.stringify(events.map((e) => ({
      id: e.id, type: e.type, v: e.schemaVersion, data: e.data, meta: e.metadata,
    })));
    const n = events.length;
    let rows: { global_position: string; revision: string }[];
    try {
      const result = await (within ?? this.options.pool).query<{ global_position: string; revision: string }>(
        prepared(this.appendSql(expected, within !== undefined), typeof expected === 'number' ? [stream, n, payload, expected] : [stream, n, payload]));
      rows = result.rows;
    } catch (error) {
      if (isUniqueViolation(error) && !within) return this.retriedAppend(stream, events, expected);
      throw error;
    }
    if (rows.length === 0) return this.retriedAppend(stream, events, expected, within);
    // Only a caller's transaction can hold several appends; throwing there rolls the whole of it back.
    if (within && transactionOf(rows[0].global_position) !== transactionOf(rows[rows.length - 1].global_position)) {
      throw new Error(`More than ${MAX_EVENTS_PER_APPEND} events in one transaction`);
    }
    this.signal.notify();
    const last = rows[rows.length - 1];
    return { nextExpectedRevision: Number(last.revision), lastGlobalPosition: Number(last.global_position) };
  }

  private appendSql(expected: ExpectedRevision, inCallersTransaction: boolean): string {
    const { streams, events } = this.t;
    // $1 stream, $2 number of events, $3 the events as JSON, $4 expected revision (when a number)
    const bump =
      expected === 'no-stream'
        ? `INSERT INTO ${streams} (stream_id, revision) VALUES ($1, $2 - 1) ON CONFLICT DO NOTHING RETURNING revision`
        : expected === 'any'
          ? `INSERT INTO ${streams} AS s (stream_id, revision) VALUES ($1, $2 - 1)
             ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + $2 RETURNING revision`
          : expected === 'stream-exists'
            ? `UPDATE ${streams} SET revision = revision + $2 WHERE stream_id = $1 RETURNING revision`
            : `UPDATE ${streams} SET revision = revision + $2 WHERE stream_id = $1 AND revision = $4 RETURNING revision`;
    // In a caller's transaction, the events take the positions after the transaction's own earlier
    // ones (several appends in one transaction); the range belongs to this transaction alone, so the
    // probe cannot race. From the pool, the statement is its own transaction: nothing to probe.
    const first = inCallersTransaction
      ? `xact AS (SELECT pg_current_xact_id()::text::bigint << ${POSITION_SHIFT} AS base),
      first AS (SELECT coalesce(max(global_position) + 1, xact.base) AS position FROM xact
                LEFT JOIN ${events} ON global_position >= xact.base AND global_position < xact.base + ${2 ** POSITION_SHIFT}
                GROUP BY xact.base)`
      : `first AS (SELECT pg_current_xact_id()::text::bigint << ${POSITION_SHIFT} AS position)`;
    return `
      WITH bumped AS (${bump}),
      ${first}
      INSERT INTO ${events} (global_position, event_id, stream_id, revision, type, schema_version, data, metadata)
      SELECT first.position + e.ord - 1,
             (e.ev->>'id')::uuid, $1, bumped.revision - $2 + e.ord,
             e.ev->>'type', (e.ev->>'v')::int, e.ev->'data', e.ev->'meta'
      FROM bumped, first, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(ev, ord)
      ORDER BY e.ord
      RETURNING global_position, revision`;
  }

  /**
   * The append wrote nothing: either it repeats an append that already succeeded (same event ids,
   * same stream, in order), which is answered as before, or the expected revision is stale.
   */
  private async retriedAppend(stream: string, events: NewEvent[], expected: ExpectedRevision, within?: PoolClient): Promise<AppendResult> {
    const db = within ?? this.options.pool;
    const ids = events.map((e) => e.id);
    const { rows } = await db.query<{ event_id: string; stream_id: string; revision: string; global_position: string }>(prepared(
      `SELECT event_id, stream_id, revision, global_position FROM ${this.t.events} WHERE event_id = ANY($1::uuid[]) ORDER BY global_position`,
      [ids],
    ));
    if (rows.length > 0) {
      const sameAppend = rows.length === ids.length && rows.every((r, i) =>
        r.event_id === ids[i].toLowerCase() && r.stream_id === stream && Number(r.revision) === Number(rows[0].revision) + i);
      if (!sameAppend) throw new DuplicateEventIdError(stream, rows.map((r) => r.event_id));
      const last = rows[rows.length - 1];
      return { nextExpectedRevision: Number(last.revision), lastGlobalPosition: Number(last.global_position) };
    }
    const current = await db.query<{ revision: string }>(prepared(`SELECT revision FROM ${this.t.streams} WHERE stream_id = $1`, [stream]));
    const actual = current.rows.length ? Number(current.rows[0].revision) : 'no-stream';
    throw new WrongExpectedRevisionError(stream, expected, actual);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [stream];
    let where = 'stream_id = $1';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision);
      where += backwards ? ` AND revision <= $2` : ` AND revision >= $2`;
    }
    let limit = '';
    if (options.maxCount !== undefined) {
      params.push(options.maxCount);
      limit = ` LIMIT $${params.length}`;
    }
    const { rows } = await this.options.pool.query<EventRow>(prepared(
      `SELECT ${COLUMNS} FROM ${this.t.events} WHERE ${where} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}${limit}`,
      params,
    ));
    return rows.map(toEnvelope);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return readAllWith(this.options.pool, this.t.events, options);
  }

  /** Below the same bound as readAll, so the head is never an event a reader cannot read yet. */
  async headPosition(): Promise<number> {
    const { rows } = await this.options.pool.query<{ head: string | null }>(prepared(
      `SELECT max(global_position) AS head FROM ${this.t.events}
       WHERE global_position < (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << ${POSITION_SHIFT})`,
      [],
    ));
    return Number(rows[0].head ?? 0);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return pollingSubscription((o) => this.readAll(o), this.signal, options, this.options.pollMs);
  }

  async close(): Promise<void> {
    if (this.options.ownsPool) await this.options.pool.end();
  }
}

/** A global read below the "everything earlier has finished" bound (schema.ts). */
async function readAllWith(db: Pool | PoolClient, table: string, options: ReadAllOptions): Promise<ReadAllPage> {
  const after = options.after ?? 0;
  const maxCount = options.maxCount ?? 1000;
  const params: unknown[] = [after, maxCount];
  const conditions = filterConditions(options.filter, params);
  // One statement: the bound and the rows come from the same snapshot.
  const { rows } = await db.query<EventRow & { bound: string }>(prepared(
    `WITH b AS (SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << ${POSITION_SHIFT}) AS bound)
     SELECT b.bound, e.* FROM b LEFT JOIN LATERAL (
       SELECT ${COLUMNS} FROM ${table}
       WHERE global_position > $1 AND global_position < b.bound${conditions}
       ORDER BY global_position LIMIT $2) e ON true`,
    params,
  ));
  const bound = Number(rows[0].bound);
  const events = rows.filter((r) => r.global_position !== null).map(toEnvelope);
  // A short page means everything below the bound has been seen, matched or not.
  const position = events.length === maxCount ? events[events.length - 1].globalPosition : Math.max(after, bound - 1);
  return { events, position };
}

function filterConditions(filter: EventFilter | undefined, params: unknown[]): string {
  let sql = '';
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes.map((p) => p.replace(/[\\%_]/g, '\\$&') + '%'));
    sql += ` AND stream_id LIKE ANY($${params.length}::text[])`;
  }
  if (filter?.eventTypes?.length) {
    params.push(filter.eventTypes);
    sql += ` AND type = ANY($${params.length}::text[])`;
  }
  return sql;
}

function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    stream: row.stream_id,
    revision: Number(row.revision),
    globalPosition: Number(row.global_position),
    recordedAt: row.recorded_at.toISOString(),
  };
}

function transactionOf(position: string): number {
  return Math.floor(Number(position) / 2 ** POSITION_SHIFT);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
