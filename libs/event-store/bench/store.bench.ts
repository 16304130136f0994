/**
 * Event store benchmark: our PostgreSQL adapter (PostgresEventStore) against Emmett's PostgreSQL
 * event store (@event-driven-io/emmett-postgresql), on the same server, in the same run.
 *
 *   npm run bench:store
 *
 * Each store gets a database of its own, created for the run and dropped at the end, so neither
 * inherits the other's tables, indexes or bloat. Durability is whatever the server is configured
 * with; the run prints it (fsync, synchronous_commit, full_page_writes, unlogged relations) and
 * changes nothing. Both stores get a pg.Pool of the same size.
 *
 * Environment:
 *   DATABASE_URL             server to use (default postgres://postgres@127.0.0.1:5432/postgres);
 *                            the role needs CREATEDB
 *   BENCH_SECONDS            measured seconds per append scenario and store (default 8)
 *   BENCH_WARMUP_SECONDS     warm-up seconds before each append measurement (default 2)
 *   BENCH_POOL               connections per store (default 20)
 *   BENCH_WRITERS            concurrent writers for the "16 writers" rows (default 16)
 *   BENCH_STREAMS            streams per writer (default 100)
 *   BENCH_READ_EVENTS        events in each store before the read rows (default 200000; both stores
 *                            are topped up to the same total, at least this)
 *   BENCH_READ_PAGE          page size of the read-all row (default 1000, our readAll default)
 *   BENCH_CATCHUP_BATCH      batch size of the catch-up row (default 500, our subscription default)
 *   BENCH_READ_MAX_SECONDS   cap on one read-all / catch-up pass (default max(30, 4 x BENCH_SECONDS));
 *                            a capped pass reports the rate over what it read
 *   BENCH_ROWS               rows to run, e.g. "1,2" (default all; 5 and 6 need the top-up)
 *   BENCH_KEEP_DBS=1         keep the two databases (for EXPLAIN etc.) instead of dropping them
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { PostgresEventStore, type EventStore, type ExpectedRevision, type NewEvent, type PostgresEventStoreOptions } from '../src';
import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore as EmmettEventStore,
} from '@event-driven-io/emmett-postgresql';

// ---------------------------------------------------------------------------------------------
// configuration

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return value;
};

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = env('BENCH_SECONDS', 8);
const WARMUP_SECONDS = env('BENCH_WARMUP_SECONDS', 2);
const POOL_SIZE = env('BENCH_POOL', 20);
const WRITERS = env('BENCH_WRITERS', 16);
const STREAMS_PER_WRITER = env('BENCH_STREAMS', 100);
const READ_EVENTS = env('BENCH_READ_EVENTS', 200_000);
const READ_PAGE = env('BENCH_READ_PAGE', 1000);
const CATCHUP_BATCH = env('BENCH_CATCHUP_BATCH', 500);
const READ_MAX_SECONDS = env('BENCH_READ_MAX_SECONDS', Math.max(30, 4 * SECONDS));
const ROWS = new Set((process.env.BENCH_ROWS || '1,2,3,4,5,6').split(',').map((r) => Number(r.trim())));
const KEEP_DBS = process.env.BENCH_KEEP_DBS === '1';
const RUN_ID = `${Date.now()}`;

/**
 * dumbo (Emmett's driver layer) replaces pg's *global* parsers for int8 (to BigInt) and json/jsonb
 * (JSON.parse with a reviver) as soon as Emmett's store is created. Our pool must keep pg's
 * defaults, as it has in production, so it gets its own parser table.
 */
export const PG_DEFAULT_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === 20) return (value: string) => value;
      if (oid === 114 || oid === 3802) return (value: string) => JSON.parse(value) as unknown;
    }
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/** pg's default idle timeout (10 s); experiments/ lower it to fit many pools under max_connections. */
export const idleMs = () => env('BENCH_POOL_IDLE_MS', 10_000);

// ---------------------------------------------------------------------------------------------
// the workload

/** One event as the workload produces it; each contender maps it to its own append shape. */
export interface BenchEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: {
    occurredAt: string;
    actor: { kind: 'user' | 'system'; id: string };
    correlationId: string;
    causationId: string | null;
  };
}

const NEEDS = ['communication-and-interaction', 'cognition-and-learning', 'social-emotional-mental-health', 'sensory-physical'];
let eventSeq = 0;

/** ~400 bytes of data and ~190 bytes of metadata as JSON: an EHC case event of ordinary size. */
export function makeEvents(stream: string, count: number): BenchEvent[] {
  const correlationId = randomUUID();
  const actorId = randomUUID();
  const events: BenchEvent[] = [];
  let causationId: string | null = randomUUID();
  for (let i = 0; i < count; i++) {
    const seq = ++eventSeq;
    const id = randomUUID();
    events.push({
      id,
      type: 'AssessmentRequestReceived',
      data: {
        caseId: stream,
        requestId: id,
        childRef: `CH-${(seq % 900_000) + 100_000}`,
        localAuthority: 'E09000033',
        requestedBy: { role: 'parent', channel: 'online-portal' },
        receivedOn: '2025-11-26',
        statutoryDeadline: '2026-05-07',
        needs: [NEEDS[seq % 4], NEEDS[(seq + 1) % 4]],
        school: { urn: `${100_000 + (seq % 9000)}`, phase: 'primary', yearGroup: 1 + (seq % 6) },
        summary: 'Parent requests an EHC needs assessment; the SENCo supports it with evidence of two assess-plan-do-review cycles.',
        sequence: seq,
      },
      metadata: {
        occurredAt: new Date().toISOString(),
        actor: { kind: 'user', id: actorId },
        correlationId,
        causationId,
      },
    });
    causationId = id;
  }
  return events;
}

// ---------------------------------------------------------------------------------------------
// contenders

export interface ReadResult { events: number; complete: boolean }

export interface Contender {
  readonly label: string;
  readonly dbName: string;
  readonly pool: pg.Pool;
  /** Per-stream optimistic-concurrency state before the stream exists. */
  newStream(): unknown;
  /** Appends with the expected revision/version held in `state`; returns the next state. */
  append(stream: string, events: BenchEvent[], state: unknown): Promise<unknown>;
  countEvents(): Promise<number>;
  /** Reads the global log forwards from the start, page by page, until the end or the deadline. */
  readAll(pageSize: number, deadline: number, limitPages?: number): Promise<ReadResult>;
  /** Subscribes from the beginning and resolves once caught up (or at the deadline). */
  catchUp(batchSize: number, deadline: number): Promise<ReadResult>;
  close(): Promise<void>;
}

/** Our adapter; experiments/ pass a prototype with the same `create` to compare. */
export async function ours(
  url: string, dbName: string,
  impl: { create(options: PostgresEventStoreOptions): Promise<EventStore> } = PostgresEventStore, label = 'EHC Hub',
): Promise<Contender> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, idleTimeoutMillis: idleMs(), types: PG_DEFAULT_TYPES });
  pool.on('error', () => undefined); // idle connections cut by DROP DATABASE ... WITH (FORCE)
  const store = await impl.create({ pool, schema: 'event_store' });
  const toNew = (e: BenchEvent): NewEvent => ({ id: e.id, type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata });
  return {
    label,
    dbName,
    pool,
    newStream: () => 'no-stream' as ExpectedRevision,
    async append(stream, events, state) {
      const result = await store.appendToStream(stream, events.map(toNew), state as ExpectedRevision);
      return result.nextExpectedRevision;
    },
    async countEvents() {
      const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM event_store.es_events');
      return Number(rows[0].n);
    },
    async readAll(pageSize, deadline, limitPages = Infinity) {
      let after = 0;
      let events = 0;
      for (let pages = 0; pages < limitPages; pages++) {
        const page = await store.readAll({ after, maxCount: pageSize });
        events += touch(page.events.length, page.events[page.events.length - 1]?.data);
        after = page.position;
        if (page.events.length < pageSize) return { events, complete: true };
        if (performance.now() > deadline) return { events, complete: false };
      }
      return { events, complete: false };
    },
    catchUp(batchSize, deadline) {
      return new Promise<ReadResult>((resolve, reject) => {
        let events = 0;
        let finished = false;
        const finish = (complete: boolean) => {
          if (finished) return;
          finished = true;
          void subscription.stop().then(() => resolve({ events, complete }), reject);
        };
        const subscription = store.subscribeToAll({
          after: 0,
          batchSize,
          handle: async (batch) => {
            events += touch(batch.length, batch[batch.length - 1]?.data);
            if (performance.now() > deadline) finish(false);
          },
          onCaughtUp: () => finish(true),
          onError: reject,
        });
      });
    },
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

export async function emmett(url: string, dbName: string): Promise<Contender> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, idleTimeoutMillis: idleMs() });
  pool.on('error', () => undefined);
  const db = dumbo({ connectionString: url, pool });
  const store: EmmettEventStore = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: db } });
  await store.schema.migrate();
  type EmmettEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };
  // Emmett stores metadata.messageId as the message id and the rest of the metadata as JSON.
  const toEmmett = (e: BenchEvent): EmmettEvent => ({ type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.id } });
  return {
    label: 'Emmett',
    dbName,
    pool,
    // Emmett's stream version is the number of events in the stream; 0 means "does not exist yet".
    newStream: () => 0n,
    async append(stream, events, state) {
      const result = await store.appendToStream(stream, events.map(toEmmett), { expectedStreamVersion: state as bigint });
      return result.nextExpectedStreamVersion;
    },
    async countEvents() {
      const { rows } = await pool.query<{ n: string | bigint }>('SELECT count(*) AS n FROM emt_messages');
      return Number(rows[0].n);
    },
    async readAll(pageSize, deadline, limitPages = Infinity) {
      let after = 0n;
      let events = 0;
      for (let pages = 0; pages < limitPages; pages++) {
        const page = await readMessagesBatch(db.execute, { after, batchSize: pageSize });
        events += touch(page.messages.length, page.messages[page.messages.length - 1]?.data);
        after = page.currentGlobalPosition;
        if (!page.areMessagesLeft) return { events, complete: true };
        if (performance.now() > deadline) return { events, complete: false };
      }
      return { events, complete: false };
    },
    async catchUp(batchSize, deadline) {
      let events = 0;
      let complete = true;
      // The consumer pulls batches with its message-batch puller and hands them to a reactor
      // (no checkpoint store, like our bare subscription). Emmett's defaults are 100 messages per
      // pull and 50 ms between pulls; both are set to ours (same batch, no pause) to compare reads.
      const consumer = store.consumer({
        stopWhen: { noMessagesLeft: true },
        pulling: { batchSize, pullingFrequencyInMs: 0 },
      });
      consumer.reactor({
        processorId: `bench-catchup-${RUN_ID}-${Math.random().toString(36).slice(2)}`,
        eachMessage: async (message) => {
          events += touch(1, message.data);
          if (performance.now() > deadline) {
            complete = false;
            return { type: 'STOP' as const };
          }
          return undefined;
        },
      });
      await consumer.start();
      await consumer.stop();
      return { events, complete };
    },
    async close() {
      await pool.end();
    },
  };
}

/** Keeps the reader honest: reads a field of the decoded data so decoding cannot be skipped. */
let touched = 0;
function touch(count: number, data: unknown): number {
  if (data && typeof data === 'object') touched += String((data as { caseId?: unknown }).caseId ?? '').length;
  return count;
}

// ---------------------------------------------------------------------------------------------
// measurements

export interface AppendRun {
  events: number; appends: number; seconds: number; p50: number; p99: number;
  /** CPU seconds of this process, of all local postgres processes (undefined when not local), WAL bytes */
  clientCpu: number; serverCpu?: number; walBytes: number;
}

/** CPU ticks used so far by each process named postgres on this host (same-host runs only). */
function serverCpuTicks(): Map<string, number> | undefined {
  const host = new URL(DATABASE_URL).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return undefined;
  const ticks = new Map<string, number>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      // utime + stime; the start time tells a reused pid apart
      ticks.set(`${pid}:${fields[19]}`, Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    return undefined;
  }
  return ticks.size ? ticks : undefined;
}

/** Server CPU seconds between two snapshots (processes that exited in between are not counted). */
function serverCpuBetween(before: Map<string, number> | undefined, after: Map<string, number> | undefined): number | undefined {
  if (!before || !after) return undefined;
  let ticks = 0;
  for (const [key, value] of after) ticks += value - (before.get(key) ?? 0);
  return ticks / 100; // USER_HZ is 100 on Linux
}

async function walLsn(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return rows[0].lsn;
}

async function walSince(pool: pg.Pool, from: string): Promise<number> {
  const { rows } = await pool.query<{ n: string | bigint }>('SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::bigint AS n', [from]);
  return Number(rows[0].n);
}

/** One writer per entry of `streamsByWriter`, each appending round-robin over its own streams. */
export async function appendFor(c: Contender, streamsByWriter: { name: string; state: unknown }[][], batch: number, seconds: number): Promise<AppendRun> {
  const latencies: number[] = [];
  let events = 0;
  const lsn = await walLsn(c.pool);
  const cpu = process.cpuUsage();
  const serverCpu = serverCpuTicks();
  const start = performance.now();
  const stopAt = start + seconds * 1000;
  await Promise.all(streamsByWriter.map(async (streams) => {
    let i = 0;
    while (performance.now() < stopAt) {
      const stream = streams[i++ % streams.length];
      const batchEvents = makeEvents(stream.name, batch);
      const t0 = performance.now();
      stream.state = await c.append(stream.name, batchEvents, stream.state);
      latencies.push(performance.now() - t0);
      events += batch;
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const serverCpuAfter = serverCpuTicks();
  const walBytes = await walSince(c.pool, lsn);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN;
  return {
    events, appends: latencies.length, seconds: elapsed, p50: pct(0.5), p99: pct(0.99),
    clientCpu: (used.user + used.system) / 1e6,
    serverCpu: serverCpuBetween(serverCpu, serverCpuAfter),
    walBytes,
  };
}

export function streamsFor(c: Contender, row: number, writers: number): { name: string; state: unknown }[][] {
  return Array.from({ length: writers }, (_, w) =>
    Array.from({ length: STREAMS_PER_WRITER }, (_, s) => ({ name: `ehcna-r${row}w${w}s${s}`, state: c.newStream() })));
}

async function appendScenario(c: Contender, row: number, writers: number, batch: number): Promise<AppendRun> {
  const streams = streamsFor(c, row, writers);
  progress(`  ${c.label.padEnd(7)} warm-up ${WARMUP_SECONDS}s`);
  await appendFor(c, streams, batch, WARMUP_SECONDS);
  await checkpoint(c);
  progress(`  ${c.label.padEnd(7)} measuring ${SECONDS}s`);
  const run = await appendFor(c, streams, batch, SECONDS);
  progress(`  ${c.label.padEnd(7)} ${fmt(run.events / run.seconds)} events/s (${run.appends} appends, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms)`);
  return run;
}

/** Appends batches of 10 with all writers until the store holds `target` events (not measured). */
export async function topUp(c: Contender, target: number): Promise<void> {
  let missing = target - (await c.countEvents());
  if (missing <= 0) return;
  progress(`  ${c.label.padEnd(7)} topping up ${fmt(missing)} events to ${fmt(target)}`);
  const streams = streamsFor(c, 0, WRITERS);
  const started = performance.now();
  let lastReport = started;
  await Promise.all(streams.map(async (own) => {
    let i = 0;
    while (missing > 0) {
      const n = Math.min(10, missing);
      missing -= n;
      const stream = own[i++ % own.length];
      stream.state = await c.append(stream.name, makeEvents(stream.name, n), stream.state);
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        progress(`  ${c.label.padEnd(7)}   ... ${fmt(Math.max(missing, 0))} to go`);
      }
    }
  }));
  progress(`  ${c.label.padEnd(7)} topped up in ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

export interface Cell { rate: number; note?: string }

export async function readScenario(c: Contender, kind: 'read' | 'catchup', total: number): Promise<Cell> {
  await checkpoint(c);
  // warm-up: a few pages through the same path
  if (kind === 'read') await c.readAll(READ_PAGE, Infinity, 5);
  const start = performance.now();
  const deadline = start + READ_MAX_SECONDS * 1000;
  progress(`  ${c.label.padEnd(7)} ${kind === 'read' ? 'reading all' : 'catching up'} (${fmt(total)} events, cap ${READ_MAX_SECONDS}s)`);
  const result = kind === 'read' ? await c.readAll(READ_PAGE, deadline) : await c.catchUp(CATCHUP_BATCH, deadline);
  const seconds = (performance.now() - start) / 1000;
  const rate = result.events / seconds;
  let note: string | undefined;
  if (!result.complete) note = `capped at ${READ_MAX_SECONDS}s after ${fmt(result.events)} of ${fmt(total)} events`;
  // Emmett 0.42 pages by global_position but orders each page by transaction_id: with concurrent
  // writers some events come twice and some never (experiments/emmett-read-check.ts counts them)
  else if (result.events !== total) note = `delivered ${fmt(result.events)} events from a store of ${fmt(total)}`;
  progress(`  ${c.label.padEnd(7)} ${fmt(rate)} events/s (${fmt(result.events)} events in ${seconds.toFixed(2)}s)${note ? ` - ${note}` : ''}`);
  return { rate, note };
}

// ---------------------------------------------------------------------------------------------
// plumbing

let admin: pg.Client | undefined;
const created: string[] = [];

export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

export function urlFor(dbName: string): string {
  const url = new URL(DATABASE_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** A checkpoint before each measurement, so none of them pays for the previous one's dirty pages. */
export async function checkpoint(c: Contender): Promise<void> {
  try {
    await c.pool.query('CHECKPOINT');
  } catch {
    // needs superuser or pg_checkpoint; without it the measurements still run
  }
}

async function dropDatabases(): Promise<void> {
  if (!admin) return;
  for (const name of created.splice(0)) {
    if (KEEP_DBS) {
      progress(`kept database ${name}`);
      continue;
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((error: unknown) => progress(`could not drop ${name}: ${String(error)}`));
  }
  await admin.end().catch(() => undefined);
  admin = undefined;
}

async function durability(c: Contender): Promise<Record<string, string>> {
  const settings: Record<string, string> = {};
  for (const name of ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'wal_level']) {
    const { rows } = await c.pool.query<{ v: string }>(`SELECT current_setting('${name}') AS v`);
    settings[name] = rows[0].v;
  }
  const unlogged = await c.pool.query<{ n: string | bigint }>(
    `SELECT count(*) AS n FROM pg_class WHERE relpersistence <> 'p' AND relnamespace NOT IN
       (SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema') OR nspname LIKE 'pg_temp%' OR nspname LIKE 'pg_toast%')`);
  settings.unlogged_or_temp_relations = String(unlogged.rows[0].n);
  return settings;
}

// ---------------------------------------------------------------------------------------------
// main

interface Row { id: number; scenario: string; ours?: Cell; emmett?: Cell }

async function main(): Promise<void> {
  admin = new pg.Client({ connectionString: DATABASE_URL, types: PG_DEFAULT_TYPES });
  await admin.connect();
  const version = (await admin.query<{ v: string }>('SELECT version() AS v')).rows[0].v;

  const oursDb = `bench_ours_${RUN_ID}`;
  const emmettDb = `bench_emmett_${RUN_ID}`;
  for (const name of [oursDb, emmettDb]) {
    await admin.query(`CREATE DATABASE "${name}"`);
    created.push(name);
  }
  progress(`created databases ${oursDb} and ${emmettDb}`);

  const a = await ours(urlFor(oursDb), oursDb);
  const b = await emmett(urlFor(emmettDb), emmettDb);
  const contenders = [a, b];

  const sample = makeEvents('ehcna-sample', 1)[0];
  const dataBytes = Buffer.byteLength(JSON.stringify(sample.data));
  const metaBytes = Buffer.byteLength(JSON.stringify(sample.metadata));

  const rows: Row[] = [
    { id: 1, scenario: 'append, 1 event/append, 1 writer' },
    { id: 2, scenario: `append, 1 event/append, ${WRITERS} writers` },
    { id: 3, scenario: 'append, 10 events/append, 1 writer' },
    { id: 4, scenario: `append, 10 events/append, ${WRITERS} writers` },
    { id: 5, scenario: `read all, forwards, pages of ${READ_PAGE}` },
    { id: 6, scenario: `subscription catch-up from 0, batches of ${CATCHUP_BATCH}` },
  ];
  const appendRows: Record<number, [number, number]> = { 1: [1, 1], 2: [WRITERS, 1], 3: [1, 10], 4: [WRITERS, 10] };
  const latency: string[] = [];

  for (const row of rows) {
    if (!ROWS.has(row.id)) continue;
    progress(`row ${row.id}: ${row.scenario}`);
    // alternate who goes first, so neither always runs on a server the other has just warmed
    const order = row.id % 2 === 1 ? contenders : [...contenders].reverse();
    if (row.id <= 4) {
      const [writers, batch] = appendRows[row.id];
      for (const c of order) {
        const run = await appendScenario(c, row.id, writers, batch);
        const cell = { rate: run.events / run.seconds };
        if (c === a) row.ours = cell; else row.emmett = cell;
        const perEvent = (x: number | undefined, scale: number) => x === undefined ? 'n/a' : fmt((x * scale) / run.events);
        latency.push(`| ${row.id} | ${c.label} | ${fmt(run.appends / run.seconds)} | ${run.p50.toFixed(2)} | ${run.p99.toFixed(2)} | ${perEvent(run.clientCpu, 1e6)} | ${perEvent(run.serverCpu, 1e6)} | ${perEvent(run.walBytes, 1)} |`);
      }
    } else {
      if (row.id === 5 || !ROWS.has(5)) {
        const target = Math.max(READ_EVENTS, await a.countEvents(), await b.countEvents());
        for (const c of order) await topUp(c, target);
        // what autovacuum would do to a store at rest: hint bits and visibility map set, stats fresh
        for (const c of contenders) {
          progress(`  ${c.label.padEnd(7)} VACUUM (ANALYZE)`);
          await c.pool.query('VACUUM (ANALYZE)');
        }
      }
      for (const c of order) {
        const total = await c.countEvents();
        const cell = await readScenario(c, row.id === 5 ? 'read' : 'catchup', total);
        if (c === a) row.ours = cell; else row.emmett = cell;
      }
    }
  }

  const settings = await Promise.all(contenders.map(durability));
  const totals = await Promise.all(contenders.map((c) => c.countEvents()));
  for (const c of contenders) await c.close();
  await dropDatabases();

  // -------------------------------------------------------------------------------------------
  // report (stdout)
  const out: string[] = [];
  out.push('');
  out.push('## Event store benchmark: EHC Hub PostgresEventStore vs Emmett 0.42.0 (events/s, higher is better)');
  out.push('');
  out.push('| scenario | EHC Hub | Emmett | ratio |');
  out.push('|---|---:|---:|---:|');
  const low: string[] = [];
  for (const row of rows) {
    if (!row.ours || !row.emmett) continue;
    const ratio = row.ours.rate / row.emmett.rate;
    if (ratio < 1.2) low.push(`row ${row.id} (${row.scenario}): ${ratio.toFixed(2)}x`);
    out.push(`| ${row.id}. ${row.scenario} | ${fmt(row.ours.rate)} | ${fmt(row.emmett.rate)} | ${ratio.toFixed(2)}x |`);
  }
  const notes = rows.flatMap((r) => [
    r.ours?.note ? `row ${r.id} EHC Hub: ${r.ours.note}` : undefined,
    r.emmett?.note ? `row ${r.id} Emmett: ${r.emmett.note}` : undefined,
  ]).filter((n): n is string => !!n);
  out.push('');
  out.push('ratio = EHC Hub / Emmett.');
  if (low.length) {
    out.push('');
    out.push(`**NOTE: ratio below 1.2x on ${low.length} row(s):** ${low.join('; ')}`);
  } else if (rows.some((r) => r.ours && r.emmett)) {
    out.push('All measured rows are at or above 1.2x.');
  }
  if (notes.length) {
    out.push('');
    for (const n of notes) out.push(`- ${n}`);
  }
  if (latency.length) {
    out.push('');
    out.push('Append detail: latency per append call; CPU and WAL per event over the measured window (server CPU = all');
    out.push('postgres processes on this host, WAL = pg_current_wal_insert_lsn() difference, both cluster-wide):');
    out.push('');
    out.push('| row | store | appends/s | p50 ms | p99 ms | client CPU us/event | server CPU us/event | WAL bytes/event |');
    out.push('|---|---|---:|---:|---:|---:|---:|---:|');
    out.push(...latency);
  }
  out.push('');
  out.push('### Setup');
  out.push('');
  out.push(`- server: ${version}`);
  for (const [i, c] of contenders.entries()) {
    const s = settings[i];
    out.push(`- ${c.label} database ${c.dbName}: fsync=${s.fsync}, synchronous_commit=${s.synchronous_commit}, full_page_writes=${s.full_page_writes}, wal_sync_method=${s.wal_sync_method}, wal_level=${s.wal_level}, unlogged/temp relations=${s.unlogged_or_temp_relations}; ${fmt(totals[i])} events at the end`);
  }
  out.push(`- client: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), same host as the server`);
  out.push(`- pg.Pool max ${POOL_SIZE} per store; ${WRITERS} concurrent writers for the concurrent rows; ${STREAMS_PER_WRITER} streams per writer, appended round-robin with the expected revision/version (optimistic concurrency on every append)`);
  out.push(`- append rows: ${WARMUP_SECONDS}s warm-up then ${SECONDS}s measured per store, CHECKPOINT before each measurement; stores alternate who runs first`);
  out.push(`- event: ${dataBytes} bytes of data JSON + ${metaBytes} bytes of metadata JSON (occurredAt, actor, correlationId, causationId)`);
  out.push(`- read rows: both stores topped up to the same event count, then VACUUM (ANALYZE); read all = ours readAll({ after, maxCount: ${READ_PAGE} }), Emmett readMessagesBatch({ after, batchSize: ${READ_PAGE} }); catch-up = ours subscribeToAll({ after: 0, batchSize: ${CATCHUP_BATCH} }) until onCaughtUp, Emmett store.consumer({ stopWhen: { noMessagesLeft: true }, pulling: { batchSize: ${CATCHUP_BATCH}, pullingFrequencyInMs: 0 } }) with one reactor and no checkpoint store (Emmett's defaults: 100 per pull, 50 ms between pulls)`);
  out.push('');
  process.stdout.write(out.join('\n'));
  progress(`done (${touched} bytes of case ids touched by the readers)`);
}

export { DATABASE_URL, SECONDS, WARMUP_SECONDS, POOL_SIZE, WRITERS, STREAMS_PER_WRITER, RUN_ID };

// experiments/ import the helpers above without running the benchmark
if (require.main === module) {
  process.on('SIGINT', () => {
    progress('interrupted; dropping the bench databases');
    void dropDatabases().finally(() => process.exit(130));
  });

  main().catch(async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    await dropDatabases();
    process.exitCode = 1;
  });
}
