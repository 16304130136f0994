/**
 * EHC needs assessment benchmark, embedded mode, on this machine:
 *
 *   npm run bench:ehcna
 *
 * a. Commands/s sustained over real HTTP to the embedded host (the needs-assessment service;
 *    see SERVICES),
 *    from a separate client process (node:http, keep-alive agent), BENCH_CLIENTS concurrent clients
 *    each driving synthetic cases (src/demo/synthetic-county.ts) from request to final plan. The
 *    latency is the client's round trip, and it is "from command to projection visible": the
 *    controller (api/needs-assessments.controller.ts, `record` and `command`) awaits
 *    `caseFiles.waitFor(result.position)` — the case-files projection has applied the command's
 *    events — before it reads the case file it answers with. Each answer is checked against the
 *    decider's state after the command (status, letters, advice, notes, profiles), so a stale read
 *    model would show up as a mismatch.
 * b. Projection rebuild events/s: a store of BENCH_REBUILD_EVENTS events (default 1,000,000) is
 *    filled with real domain events (the decider folded over the same generator's cases, appended
 *    one case per append by BENCH_WRITERS writers), then `ProjectionRunner.rebuild()` of the
 *    case-files projection is timed.
 *
 * Server: DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder (removed at the
 * end). Every schema gets a fresh prefix (EHC_SCHEMA_PREFIX) and is dropped at the end, so ./data
 * and other schemas are never touched. Durability stays as the server has it (printed).
 *
 * Environment:
 *   BENCH_SECONDS          measured seconds of part a (default 20)
 *   BENCH_WARMUP_SECONDS   warm-up before it, not counted (default 3)
 *   BENCH_CLIENTS          concurrent HTTP clients (default 32)
 *   BENCH_REBUILD_EVENTS   events in the rebuild store (default 1000000)
 *   BENCH_WRITERS          concurrent writers filling it (default 16)
 *   BENCH_SEED             generator seed (default 1)
 *   BENCH_PARTS            "http,rebuild" (default both)
 *   BENCH_PROFILE=0        no server-side timing of the command path and the rebuild (default on)
 *   BENCH_VACUUM=0         rebuild straight after the fill, without VACUUM ANALYZE (default: vacuum,
 *                          as autovacuum would have done on a store that has been in use)
 *   BENCH_KEEP=1           keep the schemas (and the temporary PostgreSQL folder)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { systemClock, todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { inProcessTokens } from '@ehc/identity';
import type { JWK } from 'jose';
import type { EventEnvelope, NewEvent } from '@ehc/event-store';
import { ProjectionRunner, type Projection } from '@ehc/messaging';
import { closeServiceRuntime, createServiceRuntime, EmbeddedBus, startEmbedded, type RunningHost, type ServiceRuntime } from '@ehc/host';
import { JsonLogger } from '@ehc/http';
import { needsAssessmentService } from '../src/service';
import { CASE_FILES, type CaseFiles } from '../src/application/ports';
import { CASE_FILES_RUNNER } from '../src/api/needs-assessments.controller';
import { caseFilesProjection } from '../src/infrastructure/read-models/case-files.projection';
import type { CaseState } from '../src/domain/needs-assessment';
import { referenceOf, replayCase } from '../src/demo/case-replay';
import { generateCounty, rngFor, uuidFrom, type SyntheticCase } from '../src/demo/synthetic-county';
import { formatSeconds, ProgressBar, startEmbeddedPostgres, type EmbeddedPostgresServer, freePort } from '@ehc/tooling';

// ---------------------------------------------------------------------------------------------
// configuration

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
};

const SECONDS = num('BENCH_SECONDS', 20);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 3);
const CLIENTS = Math.round(num('BENCH_CLIENTS', 32));
const REBUILD_EVENTS = Math.round(num('BENCH_REBUILD_EVENTS', 1_000_000));
const WRITERS = Math.round(num('BENCH_WRITERS', 16));
const SEED = process.env.BENCH_SEED || '1';
const PARTS = new Set((process.env.BENCH_PARTS || 'http,rebuild').split(',').map((p) => p.trim()));
const PROFILE = process.env.BENCH_PROFILE !== '0';
const VACUUM = process.env.BENCH_VACUUM !== '0';
const KEEP = process.env.BENCH_KEEP === '1';

/**
 * The embedded host with the needs-assessment service, as its e2e specs run it: a service may not
 * import the others (lint: module boundaries), and none of them reads needs-assessment events.
 */
const SERVICES = [needsAssessmentService];

const TARGETS = { commandsPerSecond: 300, p99Ms: 250, rebuildEventsPerSecond: 25_000 };

// ---------------------------------------------------------------------------------------------
// measuring helpers

/** Wall time and calls of named server-side operations (BENCH_PROFILE). */
class Timings {
  private readonly totals = new Map<string, { calls: number; ms: number; items: number }>();
  enabled = true;

  add(name: string, ms: number, items = 0): void {
    if (!this.enabled) return;
    const t = this.totals.get(name) ?? { calls: 0, ms: 0, items: 0 };
    t.calls++;
    t.ms += ms;
    t.items += items;
    this.totals.set(name, t);
  }

  reset(): void {
    this.totals.clear();
  }

  snapshot() {
    return [...this.totals.entries()].map(([name, t]) => ({ name, ...t }));
  }

  /** Replaces `target[method]` with a timed wrapper (instrumentation of the benchmark's own host). */
  wrap<T extends object>(target: T, method: keyof T & string, name: string = method, items?: (args: any[]) => number): void {
    const original = (target as any)[method] as (...args: any[]) => Promise<unknown>;
    (target as any)[method] = async (...args: any[]) => {
      const t0 = performance.now();
      try {
        return await original.apply(target, args);
      } finally {
        this.add(name, performance.now() - t0, items ? items(args) : 0);
      }
    };
  }
}

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—');

/** Busy and total jiffies of all CPUs, from /proc/stat (Linux). */
function cpuTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = line[3] + (line[4] ?? 0);
    const total = line.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}


// ---------------------------------------------------------------------------------------------
// part a, client side: a separate process, so the clients do not share the host's event loop

interface ClientOptions {
  url: string; seed: string; today: CalendarDate; clients: number; warmupSeconds: number; seconds: number;
  /** The bench host's own token issuer, to sign each caseworker's token in the clients' process. */
  tokens: { issuer: string; privateJwk: JWK };
}
interface ClientResult {
  commands: number;
  latencies: number[];
  byCommand: Record<string, number[]>;
  statuses: Record<string, number>;
  mismatches: number;
  examples: string[];
  casesStarted: number;
  cpuMs: number;
}

/** What the answer to a command must show once the case-files projection has applied it. */
function expectedView(state: CaseState) {
  return { status: state.stage, letters: state.letters, advice: state.advice.length, notes: state.notes, needsProfiles: state.profiles, consultations: state.consultations.length };
}

async function runClients(o: ClientOptions, send: (m: unknown) => void): Promise<ClientResult> {
  const county = generateCounty({ seed: o.seed, requestsPerYear: 3000, years: 3, today: o.today });
  const { hostname, port } = new URL(o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.clients });
  const issuer = await inProcessTokens(systemClock, o.tokens.issuer, 'ehc-hub', o.tokens.privateJwk);
  const bearers = new Map<string, string>();
  const bearerOf = async (actor: string) => {
    if (!bearers.has(actor)) bearers.set(actor, `Bearer ${await issuer.token({ sub: actor, roles: ['caseworker'] })}`);
    return bearers.get(actor)!;
  };
  const post = async (path: string, body: unknown, actor: string) => {
    const authorization = await bearerOf(actor);
    return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request({
      agent, hostname, port, path, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), authorization },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try { parsed = JSON.parse(text); } catch { parsed = text; }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
    });
  };

  const result: ClientResult = { commands: 0, latencies: [], byCommand: {}, statuses: {}, mismatches: 0, examples: [], casesStarted: 0, cpuMs: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const measureFrom = t0 + o.warmupSeconds * 1000;
  const measureTo = measureFrom + o.seconds * 1000;
  let over = false;
  setTimeout(() => send({ phase: 'measuring' }), o.warmupSeconds * 1000);
  setTimeout(() => { over = true; send({ phase: 'window-ended' }); }, (o.warmupSeconds + o.seconds) * 1000);
  const ids = rngFor(o.seed, 'bench-http-ids');

  const record = (command: string, started: number, status: number, view: any, expected: ReturnType<typeof expectedView>) => {
    const ended = performance.now();
    const ok = status === 200 || status === 201;
    if (ok) {
      const got = { status: view?.status, letters: view?.letters?.length, advice: view?.advice?.length, notes: view?.notes?.length, needsProfiles: view?.needsProfiles?.length, consultations: view?.consultations?.length };
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        result.mismatches++;
        if (result.examples.length < 5) result.examples.push(`${command}: expected ${JSON.stringify(expected)} got ${JSON.stringify(got)}`);
      }
    } else if (result.examples.length < 5) {
      result.examples.push(`${command}: HTTP ${status} ${JSON.stringify(view).slice(0, 300)}`);
    }
    if (started >= measureFrom && ended <= measureTo) {
      const ms = ended - started;
      result.commands++;
      result.latencies.push(ms);
      (result.byCommand[command] ??= []).push(ms);
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    }
    return ok;
  };

  let next = 0;
  const client = async () => {
    while (!over) {
      const c: SyntheticCase = county.cases[next++ % county.cases.length];
      result.casesStarted++;
      const expected = replayCase(c, { reference: 'NA-0000-00000', childId: uuidFrom(ids), today: o.today, correlationId: 'bench', ids: () => uuidFrom(ids) }).states.map(expectedView);
      let started = performance.now();
      const created = await post('/needs-assessments', c.request, c.request.caseworker);
      if (!record('record-request', started, created.status, created.body, expected[0])) continue;
      const id = created.body.id as string;
      for (let i = 0; i < c.steps.length && !over; i++) {
        const step = c.steps[i];
        started = performance.now();
        const res = await post(`/needs-assessments/${id}/${step.command}`, step.body, step.actor);
        if (!record(step.command, started, res.status, res.body, expected[i + 1])) break;
      }
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  return result;
}

if (process.argv.includes('--http-clients')) {
  process.once('message', (o: ClientOptions) => {
    runClients(o, (m) => process.send!(m)).then(
      (r) => process.send!({ phase: 'done', result: r }, () => process.exit(0)),
      (e: unknown) => process.send!({ phase: 'failed', error: String((e as Error)?.stack ?? e) }, () => process.exit(1)),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// part a, server side

interface HttpFigures {
  commandsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  commands: number;
  errors: number;
  mismatches: number;
  examples: string[];
  byCommand: { command: string; n: number; p50: number; p99: number }[];
  profile: ReturnType<Timings['snapshot']>;
  serverRequests: { n: number; ms: number };
  cpu: { machineBusy: number | null; hostCpuMs: number; clientCpuMs: number; eventLoopUtilisation: number };
}

async function benchHttp(databaseUrl: string, prefix: string, today: CalendarDate): Promise<HttpFigures> {
  // the bench's own issuer: its clients sign each caseworker's token with its key, in their process
  const tokens = await inProcessTokens(systemClock);
  const host: RunningHost = await startEmbedded(SERVICES, { DATABASE_URL: databaseUrl, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent' }, { accessTokens: tokens.verifier });
  try {
    const timings = new Timings();
    timings.enabled = PROFILE;
    const serverRequests = { n: 0, ms: 0 };
    let counting = false;
    if (PROFILE) {
      const runtime = host.runtimes.find((r) => r.service === 'needs-assessment')!;
      const files = host.app.get<CaseFiles>(CASE_FILES);
      const runner = host.app.get<ProjectionRunner>(CASE_FILES_RUNNER);
      timings.wrap(runtime.store, 'readStream', 'store.readStream (command fold + 404 check)');
      timings.wrap(runtime.store, 'appendToStream', 'store.appendToStream', (a) => a[1].length);
      timings.wrap(runtime.store, 'readAll', 'store.readAll (all subscriptions)', () => 1);
      timings.wrap(files.sideTables, 'transaction', 'CaseFiles side tables + append (one transaction)');
      timings.wrap(files, 'nextReference', 'CaseFiles.nextReference');
      timings.wrap(runner, 'waitFor', 'ProjectionRunner.waitFor (append → projection applied)');
      // the projection object the host's runner applies (private to the runner: reached for timing only)
      const projection = (runner as unknown as { options: { projection: Projection } }).options.projection;
      timings.wrap(projection, 'applyBatch', 'case-files applyBatch (in its transaction)', (a) => (a[0] as EventEnvelope[]).length);
      // one call per batch committed with its checkpoint: the projection's cycle
      const options = (runner as unknown as { options: { onProgress?: (position: number, events: number) => void } }).options;
      let lastCycle = performance.now();
      options.onProgress = () => {
        const now = performance.now();
        timings.add('case-files cycle (read, apply, checkpoint, commit, wait)', now - lastCycle);
        lastCycle = now;
      };
      host.app.getHttpServer().on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
        const t0 = performance.now();
        res.on('finish', () => { if (counting) { serverRequests.n++; serverRequests.ms += performance.now() - t0; } });
      });
    }

    const child: ChildProcess = fork(__filename, ['--http-clients'], { execArgv: ['-r', join(__dirname, '..', '..', '..', 'infra', 'node', 'register.js')], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const bar = new ProgressBar('http', WARMUP_SECONDS + SECONDS, 's');
    const t0 = performance.now();
    const ticker = setInterval(() => bar.update(Math.round((performance.now() - t0) / 1000), counting ? 'measuring' : 'warming up'), 250);
    let cpuStart: ReturnType<typeof cpuTicks> = null;
    let cpuEnd: ReturnType<typeof cpuTicks> = null;
    let hostCpu0 = process.cpuUsage();
    let hostCpuMs = 0;
    let elu0 = performance.eventLoopUtilization();
    let elu = 0;
    const result = await new Promise<ClientResult>((resolve, reject) => {
      child.on('message', (m: any) => {
        if (m.phase === 'measuring') {
          timings.reset();
          counting = true;
          cpuStart = cpuTicks();
          hostCpu0 = process.cpuUsage();
          elu0 = performance.eventLoopUtilization();
        } else if (m.phase === 'window-ended') {
          counting = false;
          cpuEnd = cpuTicks();
          const c = process.cpuUsage(hostCpu0);
          hostCpuMs = (c.user + c.system) / 1000;
          elu = performance.eventLoopUtilization(elu0).utilization;
          timings.enabled = false;
        } else if (m.phase === 'done') resolve(m.result);
        else if (m.phase === 'failed') reject(new Error(m.error));
      });
      child.on('exit', (code) => { if (code) reject(new Error(`the client process exited with ${code}`)); });
      child.send({ url: host.url, seed: SEED, today, clients: CLIENTS, warmupSeconds: WARMUP_SECONDS, seconds: SECONDS, tokens: { issuer: tokens.issuer, privateJwk: tokens.privateJwk } } satisfies ClientOptions);
    });
    clearInterval(ticker);
    bar.done(WARMUP_SECONDS + SECONDS);
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const s = cpuStart as ReturnType<typeof cpuTicks>;
    const e = cpuEnd as ReturnType<typeof cpuTicks>;
    return {
      commandsPerSecond: result.commands / SECONDS,
      p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN,
      commands: result.commands,
      errors: Object.entries(result.statuses).filter(([k]) => k !== '200' && k !== '201').reduce((n, [, v]) => n + v, 0),
      mismatches: result.mismatches,
      examples: result.examples,
      byCommand: Object.entries(result.byCommand).map(([command, l]) => {
        const ls = [...l].sort((a, b) => a - b);
        return { command, n: ls.length, p50: percentile(ls, 50), p99: percentile(ls, 99) };
      }).sort((a, b) => b.n - a.n),
      profile: timings.snapshot(),
      serverRequests,
      cpu: { machineBusy: s && e ? (e.busy - s.busy) / (e.total - s.total) : null, hostCpuMs, clientCpuMs: result.cpuMs, eventLoopUtilisation: elu },
    };
  } finally {
    await host.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// part b: fill a store with real events, then rebuild the case-files projection

interface RebuildFigures {
  events: number;
  cases: number;
  fillSeconds: number;
  seconds: number;
  eventsPerSecond: number;
  timelineRows: number;
  caseFileRows: number;
  profile: ReturnType<Timings['snapshot']>;
  cpu: { machineBusy: number | null; nodeCpuMs: number };
}

async function benchRebuild(databaseUrl: string, prefix: string, today: CalendarDate): Promise<RebuildFigures> {
  const logger = new JsonLogger('bench', true);
  const runtime: ServiceRuntime = await createServiceRuntime({
    service: 'needs-assessment', schema: `${prefix}needs_assessment_rebuild`, databaseUrl, storeKind: 'postgres',
    bus: new EmbeddedBus(logger), entities: needsAssessmentService.entities, poolSize: WRITERS + 4,
  });
  try {
    // fill: whole cases, county after county (each 3,000 requests a year for 3 years), until the target
    const fillBar = new ProgressBar('filling store', REBUILD_EVENTS, ' events');
    const fillStart = performance.now();
    const perYear = new Map<string, number>();
    let appended = 0;
    let cases = 0;
    for (let k = 0; appended < REBUILD_EVENTS; k++) {
      const county = generateCounty({ seed: `${SEED}:store:${k}`, requestsPerYear: 3000, years: 3, today });
      const ids = rngFor(SEED, 'store-ids', k);
      const batches: { stream: string; events: NewEvent[] }[] = [];
      let planned = appended;
      for (const c of county.cases) {
        if (planned >= REBUILD_EVENTS) break;
        const year = c.request.receivedOn.slice(0, 4);
        const n = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, n);
        const replayed = replayCase(c, { reference: referenceOf(c.request.receivedOn, n), childId: uuidFrom(ids), today, correlationId: `bench-${k}-${c.index}`, ids: () => uuidFrom(ids) });
        if (replayed.refused.length) throw new Error(`the decider refused a generated step: ${JSON.stringify(replayed.refused[0])}`);
        batches.push({ stream: `ehcna-${uuidFrom(ids)}`, events: replayed.events });
        planned += replayed.events.length;
      }
      let next = 0;
      const writer = async () => {
        while (next < batches.length) {
          const b = batches[next++];
          await runtime.store.appendToStream(b.stream, b.events, 'no-stream');
          appended += b.events.length;
          cases++;
          fillBar.update(appended, `${cases.toLocaleString('en-GB')} cases`);
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
    }
    fillBar.done(appended, `${cases.toLocaleString('en-GB')} cases`);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const s = `"${runtime.schema}"`;
    if (VACUUM) {
      process.stderr.write('VACUUM ANALYZE of the events table (steady state of a store in use)…\n');
      await runtime.pool.query(`VACUUM ANALYZE ${s}.es_events`);
    }

    // rebuild, timed
    const timings = new Timings();
    timings.enabled = PROFILE;
    const projection = caseFilesProjection(runtime.schema);
    if (PROFILE) {
      timings.wrap(runtime.store, 'readAll', 'store.readAll (page of the log)', () => 1);
      const apply = projection.applyBatch.bind(projection);
      projection.applyBatch = async (events: EventEnvelope[], tx: EntityManager) => {
        // time each statement of the batch by what it does (the shared view projection's statements)
        let i = 0;
        const timedTx = new Proxy(tx, {
          get(target, prop, receiver) {
            if (prop !== 'query') return Reflect.get(target, prop, receiver);
            return async (sql: string, params?: unknown[]) => {
              const t0 = performance.now();
              try { return await target.query(sql, params); } finally {
                const kind = /^\s*SELECT/i.test(sql) ? 'load existing case files' : /rm_case_timeline/.test(sql) ? 'insert timeline'
                  : /DELETE FROM/.test(sql) ? 'delete deadlines' : /rm_case_deadlines/.test(sql) ? 'insert deadlines' : /rm_case_files/.test(sql) ? 'upsert case files' : `other ${++i}`;
                timings.add(`  applyBatch: ${kind}`, performance.now() - t0);
              }
            };
          },
        });
        const t0 = performance.now();
        try { return await apply(events, timedTx); } finally { timings.add('case-files applyBatch (total)', performance.now() - t0, events.length); }
      };
    }
    const bar = new ProgressBar('rebuild', appended, ' events');
    const runner = new ProjectionRunner({
      projection, store: runtime.store, dataSource: runtime.dataSource, checkpoints: runtime.checkpoints, logger,
      onProgress: (_position, n) => bar.update(n),
    });
    const cpu0 = cpuTicks();
    const nodeCpu0 = process.cpuUsage();
    const result = await runner.rebuild();
    const nodeCpu = process.cpuUsage(nodeCpu0);
    const cpu1 = cpuTicks();
    await runner.stop();
    bar.done(result.events);
    const [{ timeline, files }] = (await runtime.pool.query(`SELECT (SELECT count(*) FROM ${s}.rm_case_timeline)::int AS timeline, (SELECT count(*) FROM ${s}.rm_case_files)::int AS files`)).rows;
    return {
      events: result.events, cases, fillSeconds, seconds: result.seconds, eventsPerSecond: result.events / result.seconds,
      timelineRows: timeline, caseFileRows: files, profile: timings.snapshot(),
      cpu: { machineBusy: cpu0 && cpu1 ? (cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total) : null, nodeCpuMs: (nodeCpu.user + nodeCpu.system) / 1000 },
    };
  } finally {
    await closeServiceRuntime(runtime);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  process.env.LOG_LEVEL = 'silent';
  const today = todayInLondon(systemClock);
  const prefix = `bench_${randomUUID().slice(0, 8)}_`;
  let tempDir: string | undefined;
  let embedded: EmbeddedPostgresServer | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    tempDir = mkdtempSync(join(os.tmpdir(), 'ehc-bench-pg-'));
    // PostgreSQL runs as its own user when started by root; it must reach the folder
    chmodSync(tempDir, 0o755);
    const port = await freePort();
    process.stderr.write(`starting an embedded PostgreSQL in ${tempDir} on port ${port}\n`);
    embedded = await startEmbeddedPostgres({ dataDir: join(tempDir, 'postgres'), port });
    databaseUrl = embedded.url;
  }
  const { Pool } = await import('pg');
  const admin = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const settings = (await admin.query(`SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections') ORDER BY name`)).rows
      .map((r: { name: string; setting: string }) => `${r.name}=${r.setting}`).join(', ');
    const others = (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)).rows[0].n;
    const context = [
      `node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      `PostgreSQL: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded, temporary folder'} (${settings}); ${others} other active sessions at start`,
      `schemas: ${prefix}* (dropped at the end${KEEP ? ' — kept: BENCH_KEEP=1' : ''}); today ${today}; seed ${SEED}`,
    ];
    process.stderr.write(context.join('\n') + '\n');

    const httpFigures = PARTS.has('http') ? await benchHttp(databaseUrl, prefix, today) : null;
    const rebuild = PARTS.has('rebuild') ? await benchRebuild(databaseUrl, prefix, today) : null;
    report(context, httpFigures, rebuild);
  } finally {
    if (!KEEP) {
      const schemas = (await admin.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${prefix.replace(/_/g, '\\_')}%`])).rows.map((r: { nspname: string }) => r.nspname);
      for (const schema of schemas) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
    await admin.end();
    await embedded?.stop();
    if (tempDir && !KEEP) rmSync(tempDir, { recursive: true, force: true });
  }
}

function report(context: string[], h: HttpFigures | null, r: RebuildFigures | null) {
  const met = (ok: boolean) => (ok ? '**met**' : '**not met**');
  const lines = ['', '## EHC needs assessment benchmark (embedded mode)', '', ...context.map((c) => `- ${c}`), ''];
  lines.push('| measure | result | target | |', '|---|---:|---:|---|');
  if (h) {
    lines.push(`| commands/s over HTTP (${CLIENTS} clients, ${SECONDS} s after ${WARMUP_SECONDS} s warm-up) | ${fmt(h.commandsPerSecond)} | ≥ ${TARGETS.commandsPerSecond} | ${met(h.commandsPerSecond >= TARGETS.commandsPerSecond)} |`);
    lines.push(`| p50 command → projection visible (client round trip) | ${fmt(h.p50, 1)} ms | | |`);
    lines.push(`| p90 | ${fmt(h.p90, 1)} ms | | |`);
    lines.push(`| p99 command → projection visible | ${fmt(h.p99, 1)} ms | ≤ ${TARGETS.p99Ms} ms | ${met(h.p99 <= TARGETS.p99Ms)} |`);
    lines.push(`| errors / stale answers | ${h.errors} / ${h.mismatches} of ${fmt(h.commands)} | 0 / 0 | ${met(h.errors === 0 && h.mismatches === 0)} |`);
  }
  if (r) {
    lines.push(`| projection rebuild, case files (${fmt(r.events)} events, ${fmt(r.cases)} cases) | ${fmt(r.eventsPerSecond)} events/s (${r.seconds.toFixed(1)} s) | ≥ ${fmt(TARGETS.rebuildEventsPerSecond)} | ${met(r.eventsPerSecond >= TARGETS.rebuildEventsPerSecond)} |`);
  }
  if (h) {
    lines.push('', `HTTP detail: max ${fmt(h.max, 1)} ms; machine CPU busy ${h.cpu.machineBusy === null ? '?' : `${fmt(h.cpu.machineBusy * 100)}%`}; ` +
      `host process CPU ${fmt(h.cpu.hostCpuMs / SECONDS / 10)}% of one core, event loop ${fmt(h.cpu.eventLoopUtilisation * 100)}% busy; client process CPU ${fmt(h.cpu.clientCpuMs / (SECONDS + WARMUP_SECONDS) / 10)}% of one core`);
    if (h.serverRequests.n) lines.push(`server time per request (arrival → response finished): ${fmt(h.serverRequests.ms / h.serverRequests.n, 2)} ms over ${fmt(h.serverRequests.n)} requests`);
    lines.push('', '| command | n | p50 ms | p99 ms |', '|---|---:|---:|---:|', ...h.byCommand.map((c) => `| ${c.command} | ${fmt(c.n)} | ${fmt(c.p50, 1)} | ${fmt(c.p99, 1)} |`));
    if (h.profile.length) {
      lines.push('', 'Server-side profile of the measured window (wall time; concurrent calls overlap):', '', '| operation | calls | avg ms | ms per command | items |', '|---|---:|---:|---:|---:|');
      for (const p of h.profile.sort((a, b) => b.ms - a.ms)) lines.push(`| ${p.name} | ${fmt(p.calls)} | ${fmt(p.ms / p.calls, 2)} | ${fmt(p.ms / Math.max(1, h.commands), 2)} | ${p.items ? fmt(p.items) : ''} |`);
    }
    if (h.examples.length) lines.push('', 'First problems seen:', ...h.examples.map((e) => `- ${e}`));
  }
  if (r) {
    lines.push('', `Rebuild detail: store filled in ${formatSeconds(r.fillSeconds)} (${fmt(r.events / r.fillSeconds)} events/s appended by ${WRITERS} writers, one case per append); ` +
      `after the rebuild rm_case_timeline has ${fmt(r.timelineRows)} rows and rm_case_files ${fmt(r.caseFileRows)}; machine CPU busy ${r.cpu.machineBusy === null ? '?' : `${fmt(r.cpu.machineBusy * 100)}%`}, ` +
      `node ${fmt(r.cpu.nodeCpuMs / 1000 / r.seconds * 100)}% of one core`);
    if (r.profile.length) {
      lines.push('', '| rebuild operation | calls | total s | share of rebuild | avg ms |', '|---|---:|---:|---:|---:|');
      for (const p of r.profile) lines.push(`| ${p.name} | ${fmt(p.calls)} | ${(p.ms / 1000).toFixed(1)} | ${fmt((100 * p.ms) / 1000 / r.seconds)}% | ${fmt(p.ms / p.calls, 1)} |`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

if (!process.argv.includes('--http-clients')) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench:ehcna failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
