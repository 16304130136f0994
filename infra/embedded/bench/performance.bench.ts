// `npm run bench:performance`: the performance pack over a synthetic county's ten years of published
// events (./performance-county.ts: ~1,000,000 events from the five contracts the pack reads).
// (a) the facts rebuilt from event zero: the performance schema made by its migration, every event
// through `ingestEvents` (the batch path, facts inserted with unnest) in batches, events/s; (b) the
// pack (PackReader.pack) for random months of the last five years, p50/p95/p99; (c) the same as at a
// later date; (d) SEN2: the whole history to the census date, and the return and its XML when the
// SEN2 module is there. The pack is timed through PackReader directly (no HTTP) unless BENCH_HTTP=1,
// which also starts the embedded host and times GET /performance/pack.
//
//   BENCH_YEARS (10), BENCH_REQUESTS_PER_YEAR (3,000)   the county
//   BENCH_BATCH (5,000)   events per ingestEvents call
//   BENCH_QUERIES (100)   packs timed in (b) and in (c)
//   BENCH_HTTP=1   the schema made by the embedded host, and GET /performance/pack timed too
//   BENCH_KEEP=1   keeps the schema (with DATABASE_URL) to look at the plans
//   BENCH_PROFILE=1   (b) also splits a few packs into the query, the index and each measure
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { addDays, daysBetween, fixedClock, hash32, mulberry32, type CalendarDate } from '@ehc/domain-kernel';
import { startEmbedded } from '@ehc/host';
import { inProcessTokens } from '@ehc/identity';
import { ProgressBar } from '@ehc/tooling';
import { rebuildFacts } from '../../../services/performance/src/infrastructure/facts.consumer';
import { PerformanceTables1764979200600 } from '../../../services/performance/src/infrastructure/tables';
import { PackReader } from '../../../services/performance/src/application/pack-reader';
import { loadFacts, loadSurveyMonths } from '../../../services/performance/src/infrastructure/fact-store';
import { CaseIndex } from '../../../services/performance/src/domain/case-index';
import { computePack, DEFAULT_PACK_SETTINGS, MEASURES, type Pack } from '../../../services/performance/src/domain/measures';
import { addMonthsTo, censusDateOf, firstDayOf, lastDayOf, monthOf, monthsEndingWith, type Month } from '../../../services/performance/src/domain/months';
import type { Fact } from '../../../services/performance/src/domain/facts';
import { SEN2_FACT_KINDS, sen2Return } from '../../../services/performance/src/domain/sen2';
import { sen2Xml } from '../../../services/performance/src/infrastructure/sen2-export';
import { performanceService } from '../../../services/performance/src/service';
import { countyEvents, type CountyTally } from './performance-county';
import { benchDatabase, benchNumber, percentile, printBenchTable } from './bench-kit';

const YEARS = benchNumber('BENCH_YEARS', 10);
const REQUESTS_PER_YEAR = benchNumber('BENCH_REQUESTS_PER_YEAR', 3_000);
const BATCH = benchNumber('BENCH_BATCH', 5_000);
const QUERIES = benchNumber('BENCH_QUERIES', 100);
// a fixed "today", so the county and its figures are the same on every run
const TODAY: CalendarDate = '2026-06-30';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const count = (n: number) => n.toLocaleString('en-GB');
const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const met = (ok: boolean) => (ok ? 'yes' : 'NO');

type Row = [measure: string, figure: string, target: string, met: string];

/** The performance schema made by the service's own migration, through a TypeORM data source in that schema (the host is not started). */
async function migrate(url: string, schema: string): Promise<void> {
  const admin = new Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await admin.end();
  const dataSource = new DataSource({ type: 'postgres', url, schema, logging: false });
  await dataSource.initialize();
  const queryRunner = dataSource.createQueryRunner();
  try {
    await new PerformanceTables1764979200600().up(queryRunner);
  } finally {
    await queryRunner.release();
    await dataSource.destroy();
  }
}

/** (a) Every event of the county through ingestEvents, the next batch drawn while the last is written. */
async function rebuild(pool: Pool, schema: string, rows: Row[]): Promise<void> {
  const tally: CountyTally = { events: 0, byType: {}, requests: 0, plans: 0, lateRecorded: 0 };
  // the county is about 32 events a request (measured at the defaults): the bar's total until it is known
  const bar = new ProgressBar('facts from event zero', YEARS * REQUESTS_PER_YEAR * 32, ' events');
  const batches = countyEvents({ today: TODAY, years: YEARS, requestsPerYear: REQUESTS_PER_YEAR, batch: BATCH }, tally);
  const started = performance.now();
  const facts = await rebuildFacts(pool, schema, batches, (events, stored) => bar.update(events, `${count(stored)} facts`));
  const seconds = (performance.now() - started) / 1000;
  bar.setTotal(tally.events);
  bar.done(tally.events, `${count(facts)} facts`);
  const stored = Number((await pool.query(`SELECT count(*) FROM "${schema}".pf_facts`)).rows[0].count);
  const size = (await pool.query(`SELECT pg_size_pretty(pg_total_relation_size($1)) AS size`, [`"${schema}".pf_facts`])).rows[0].size as string;
  const rate = tally.events / seconds;
  const byType = Object.entries(tally.byType).sort((a, b) => b[1] - a[1]).map(([type, n]) => `${type.split('.').slice(1, 2).join('')} ${count(n)}`).join(', ');
  process.stdout.write(`\nthe county: ${count(tally.events)} published events (${count(tally.requests)} requests, ${count(tally.plans)} plans, ${count(tally.lateRecorded)} recorded late): ${byType}\n`);
  rows.push([`(a) rebuild from zero: ${count(tally.events)} events (${YEARS} years, ${count(tally.requests)} requests, ${count(tally.plans)} plans) through rebuildFacts, batches of ${count(BATCH)}`,
    `${count(Math.round(rate))} events/s (${seconds.toFixed(1)} s, the county drawn in the same thread while the last batch is written, the indexes made at the end); ${count(stored)} facts stored (${size})`,
    '≥ 25,000 events/s', met(rate >= 25_000)]);
  // as autovacuum would after a bulk load: the visibility map (rebuildFacts has analysed)
  await pool.query(`VACUUM "${schema}".pf_facts`);
}

/** The months of the last five years (to last month), and the queries' draws. */
function draws(seed: string) {
  const rnd = mulberry32(hash32(seed));
  const last = addMonthsTo(monthOf(TODAY), -1);
  const months = monthsEndingWith(last, 60);
  return { rnd, month: (): Month => months[Math.floor(rnd() * months.length)] };
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await run();
  return [result, performance.now() - t];
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
};

/** Where one pack's time goes: the facts' query, the index, each measure's twelve months. */
async function profilePack(pool: Pool, schema: string, month: Month): Promise<string> {
  const from = firstDayOf(addMonthsTo(month, -11));
  const [facts, query] = await timed(() => loadFacts(pool, schema, { lookbackFrom: firstDayOf(addMonthsTo(month, -19)), from, to: lastDayOf(month) }, null));
  const [surveys, counted] = await timed(() => loadSurveyMonths(pool, schema, { from, to: lastDayOf(month) }, null));
  const t = performance.now();
  const index = new CaseIndex(facts);
  const indexing = performance.now() - t;
  const ctx = { index, surveys, latest: TODAY, settings: DEFAULT_PACK_SETTINGS };
  const measures = MEASURES.map((spec) => {
    const s = performance.now();
    for (const m of monthsEndingWith(month, 12)) spec.figure({ ...ctx, detail: m === month }, m);
    return [spec.name, performance.now() - s] as const;
  }).sort((a, b) => b[1] - a[1]);
  const s = performance.now();
  computePack(ctx, month, null);
  const whole = performance.now() - s;
  return `  ${month}: ${count(facts.length)} facts loaded in ${ms(query)} (the surveys counted in ${ms(counted)}, at the same time in the service), indexed in ${ms(indexing)}, computePack ${ms(whole)}; slowest measures: ` +
    measures.slice(0, 6).map(([name, took]) => `${name} ${ms(took)}`).join(', ');
}

/** (b) and (c): packs for random months, as recorded now and as at a later date. */
async function packs(pool: Pool, schema: string, rows: Row[]): Promise<void> {
  const reader = new PackReader(pool, schema, DEFAULT_PACK_SETTINGS, clock);
  const { rnd, month } = draws('bench:performance:packs');
  for (let i = 0; i < 3; i++) await reader.pack(month(), null); // warm-up
  const latencies: number[] = [];
  let sample: Pack | null = null;
  const bar = new ProgressBar('packs', QUERIES, '');
  for (let i = 0; i < QUERIES; i++) {
    const [pack, took] = await timed(() => reader.pack(month(), null));
    latencies.push(took);
    sample ??= pack;
    bar.update(i + 1);
  }
  bar.done(QUERIES);
  const b = summary(latencies);
  rows.push([`(b) pack for a random month of the last 5 years, ${QUERIES} packs (PackReader.pack, no HTTP)`,
    `p50 ${ms(b.p50)}, p95 ${ms(b.p95)}, p99 ${ms(b.p99)} (max ${ms(b.max)})`, 'p99 ≤ 300 ms', met(b.p99 <= 300)]);
  if (sample) {
    const m = sample.measures;
    process.stdout.write(`\na pack (${sample.month}): requests ${m.requestsReceived.value}, decisions on time ${fmt(m.decisionsToAssessOnTime.value)}, 20 weeks incl. exceptions ${fmt(m.twentyWeekTimelinessInclExceptions.value)}, ` +
      `reviews on time ${fmt(m.annualReviewsOnTime.value)} of ${m.annualReviewsOnTime.denominator}, overdue ${m.overdueCases.value}, caseload ${fmt(m.caseloadPerCaseworker.value)}, ` +
      `appeal rate ${fmt(m.appealRate.value)}, funding committed £${count(Math.round((m.fundingCommitted.value ?? 0) / 100))}, survey response ${fmt(m.surveyResponseRate.value)}\n`);
  }
  if (process.env.BENCH_PROFILE) {
    process.stdout.write('\nwhere a pack\'s time goes:\n');
    for (let i = 0; i < 3; i++) process.stdout.write(`${await profilePack(pool, schema, month())}\n`);
  }

  const asAt: number[] = [];
  const cbar = new ProgressBar('packs as at a later date', QUERIES, '');
  for (let i = 0; i < QUERIES; i++) {
    const m = month();
    const after = lastDayOf(m);
    const date = addDays(after, 1 + Math.floor(rnd() * daysBetween(after, TODAY)));
    const [, took] = await timed(() => reader.pack(m, { date }));
    asAt.push(took);
    cbar.update(i + 1);
  }
  cbar.done(QUERIES);
  const c = summary(asAt);
  rows.push([`(c) the same, as at a random later date (${QUERIES} packs)`, `p50 ${ms(c.p50)}, p99 ${ms(c.p99)} (max ${ms(c.max)})`, 'p99 ≤ 2 s', met(c.p99 <= 2_000)]);
}

const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** (d) SEN2: the whole history to the census date, the return and its XML. */
async function sen2(pool: Pool, schema: string, rows: Row[]): Promise<void> {
  const reader = new PackReader(pool, schema, DEFAULT_PACK_SETTINGS, clock);
  const year = Number(TODAY.slice(0, 4));
  const census = censusDateOf(year);
  const started = performance.now();
  const history: Fact[] = await reader.history(census, null, SEN2_FACT_KINDS);
  const loaded = performance.now() - started;
  const r = performance.now();
  const ret = sen2Return(history, year);
  const returned = performance.now() - r;
  const x = performance.now();
  const xml = sen2Xml(ret, '925');
  const written = performance.now() - x;
  const total = performance.now() - started;
  rows.push([`(d) SEN2 ${year}: history to ${census}, sen2Return, sen2Xml`,
    `${ms(total)} (history ${ms(loaded)} for ${count(history.length)} facts, return ${ms(returned)}, XML ${ms(written)}, ${count(xml.length)} characters)`, '≤ 10 s', met(total <= 10_000)]);
}

/** BENCH_HTTP=1: GET /performance/pack through the embedded host. */
async function overHttp(url: string, prefix: string, rows: Row[]): Promise<void> {
  const tokens = await inProcessTokens(clock);
  const host = await startEmbedded([performanceService], { DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: prefix }, { clock, accessTokens: tokens.verifier });
  try {
    const headers = { authorization: `Bearer ${await tokens.token({ sub: 'bench-reader', roles: ['performance-reader'] })}` };
    const { month } = draws('bench:performance:http');
    const get = async (m: Month) => {
      const res = await fetch(`${host.url}/performance/pack?month=${m}`, { headers });
      if (res.status !== 200) throw new Error(`GET /performance/pack?month=${m}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    for (let i = 0; i < 3; i++) await get(month());
    const latencies: number[] = [];
    for (let i = 0; i < QUERIES; i++) latencies.push((await timed(() => get(month())))[1]);
    const h = summary(latencies);
    rows.push([`(b) GET /performance/pack over HTTP (aggregates, suppressed), ${QUERIES} packs`, `p50 ${ms(h.p50)}, p95 ${ms(h.p95)}, p99 ${ms(h.p99)}`, 'p99 ≤ 300 ms', met(h.p99 <= 300)]);
  } finally {
    await host.stop();
  }
}

async function main() {
  const db = await benchDatabase('bench_pf', 'ehc-bench-performance-');
  const prefix = `bench_pf_${randomUUID().slice(0, 6)}_`;
  const schema = `${prefix}performance`;
  const rows: Row[] = [['measure', 'figure', 'target', 'met?']];
  const pool = new Pool({ connectionString: db.url, max: 4 });
  try {
    await migrate(db.url, schema);
    await rebuild(pool, schema, rows);
    await packs(pool, schema, rows);
    await sen2(pool, schema, rows);
    // the host's migration finds the table there (IF NOT EXISTS) and serves the facts just loaded
    if (process.env.BENCH_HTTP === '1') await overHttp(db.url, prefix, rows);
  } finally {
    await pool.end();
    if (process.env.BENCH_KEEP) process.stdout.write(`\nkept: schema ${schema}\n`);
    else await db.release();
  }
  printBenchTable(`bench:performance (PostgreSQL: ${db.described}; ${YEARS} years of ${count(REQUESTS_PER_YEAR)} requests, today ${TODAY})`, rows);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});

