// `npm run bench:tribunal`: (a) appeal windows opened from appealable decision letters through the
// tribunal's consumer, embedded delivery (decisions/s); (b) GET /appeals/stats over a ten-year county
// (p50/p99). Each part runs in its own embedded host on a fresh schema prefix, dropped at the end.
//
//   BENCH_DECISIONS (100,000)   letters fed to the consumer in (a), its read model held back
//   BENCH_DECISIONS_WITH_READ_MODEL (20,000)   letters fed while the read model builds
//   BENCH_YEARS (10), BENCH_DECISIONS_PER_YEAR (7,000)   the county of (b)
//   BENCH_QUERIES (400)   stats queries timed in (b)
//   BENCH_PART (a or b)   one part only; BENCH_KEEP=1 keeps the schemas (with DATABASE_URL) to look at the plans
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { addDays, addMonths, daysBetween, fixedClock, mulberry32, workingDayOnOrBefore, type AppealableDecisionType, type CalendarDate } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost, type ServiceRuntime } from '@ehc/host';
import { inProcessTokens } from '@ehc/identity';
import { PostgresCheckpointStore, PostgresEventStore, type NewEvent } from '@ehc/event-store';
import { InProcessDelivery, integrationEvent, type Publication } from '@ehc/messaging';
import { ProgressBar } from '@ehc/tooling';
import { LETTER_SENT_V1 as NA_LETTER_SENT_V1, NEEDS_ASSESSMENT_TOPIC, type LetterSentV1 as NaLetterSentV1 } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC, LETTER_SENT_V1 as AR_LETTER_SENT_V1, type LetterSentV1 as ArLetterSentV1 } from '@ehc/contracts/annual-review';
import { needsAssessmentService } from '../../../services/needs-assessment/src/service';
import { annualReviewService } from '../../../services/annual-review/src/service';
import { tribunalService } from '../../../services/tribunal/src/service';
import { appealableDecisionsConsumer } from '../../../services/tribunal/src/infrastructure/appealable-decisions.consumer';
import { disagreementStream } from '../../../services/tribunal/src/domain/tribunal';
import { SCHEMA_VERSIONS } from '../../../services/tribunal/src/domain/events';
import { replayDisagreement, syntheticDisagreements, type AppealableDecisionOnFile } from '../../../services/tribunal/src/demo/synthetic-appeals';
import { appealsStats, type AppealsStats } from '../../../services/tribunal/src/infrastructure/queries/appeals-stats';
import { benchDatabase, benchNumber, percentile, printBenchTable } from './bench-kit';

const DECISIONS = benchNumber('BENCH_DECISIONS', 100_000);
const YEARS = benchNumber('BENCH_YEARS', 10);
const PER_YEAR = benchNumber('BENCH_DECISIONS_PER_YEAR', 7_000);
const QUERIES = benchNumber('BENCH_QUERIES', 400);
const CONCURRENT_DECISIONS = benchNumber('BENCH_DECISIONS_WITH_READ_MODEL', 20_000);
// a fixed "today", so the county and its figures are the same on every run
const TODAY: CalendarDate = '2026-06-30';
const clock = fixedClock(`${TODAY}T12:00:00Z`);

/** A deterministic stream of numbers in [0, 1). */
const random = mulberry32;
const uuid = (rnd: () => number) => {
  const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8).join('')}-${h.slice(8, 12).join('')}-${h.slice(12, 16).join('')}-${h.slice(16, 20).join('')}-${h.slice(20).join('')}`;
};

/** The position of the last event stored: what a read model must reach to show everything (the store's head can lag behind it while any transaction in the database is open). */
async function lastStored(runtime: ServiceRuntime): Promise<number> {
  return Number((await runtime.pool.query(`SELECT coalesce(max(global_position), 0) AS last FROM "${runtime.schema}".es_events`)).rows[0].last);
}

async function startHost(databaseUrl: string, prefix: string): Promise<{ host: RunningHost; tribunal: ServiceRuntime; headers: Record<string, string> }> {
  const tokens = await inProcessTokens(clock);
  const host = await startEmbedded([needsAssessmentService, annualReviewService, tribunalService], {
    DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: prefix,
  }, { clock, accessTokens: tokens.verifier });
  const headers = { authorization: `Bearer ${await tokens.token({ sub: 'bench-reader', roles: ['performance-reader'] })}` };
  return { host, tribunal: host.runtimes.find((r) => r.service === 'tribunal')!, headers };
}

// ---------------------------------------------------------------------------------------------
// (a) windows opened from letters

const NA_KINDS = ['refusal-to-assess', 'final-plan', 'final-plan', 'decision-not-to-issue'] as const;
const AR_KINDS = ['decision-to-maintain', 'decision-to-maintain', 'amended-plan', 'decision-not-to-amend', 'cease-decision'] as const;

/**
 * The letters, as the needs-assessment and annual-review services publish them, carried by a feed
 * store of their own: each feed event becomes one LetterSent.v1 through a publication, and the
 * tribunal's consumer takes them through InProcessDelivery (inbox, handler, checkpoint in one
 * transaction per batch), as EmbeddedBus wires it: one delivery per topic. `projecting`: the
 * tribunal's read model builds meanwhile (as it would in a catch-up), else it is held back and its
 * catch-up timed after.
 */
async function windowsFromLetters(databaseUrl: string, rows: string[][], decisions: number, projecting: boolean) {
  const prefix = `bench_trw_${randomUUID().slice(0, 6)}_`;
  const { host, tribunal } = await startHost(databaseUrl, prefix);
  const feedPool = new Pool({ connectionString: databaseUrl, max: 8 });
  const mode = projecting ? 'read model building meanwhile' : 'consumer alone';
  let deliveries: InProcessDelivery[] = [];
  try {
    const na = host.runtimes.find((r) => r.service === 'needs-assessment')!;
    const feed = await PostgresEventStore.create({ pool: feedPool, schema: `${prefix}letters` });
    const rnd = random(42);
    // about 1.4 appealable decisions per child, so about half the letters name a child new to the tribunal
    const children = Math.round(decisions * 0.7);
    const childIds = Array.from({ length: children }, () => uuid(rnd));
    // the children are on file with the needs-assessment service: the tribunal asks the directory for their details, as it would
    for (let i = 0; i < children; i += 10_000) {
      const people = childIds.slice(i, i + 10_000).map((id, j) => ({ person_id: id, given_name: `Given${i + j}`, family_name: `Family${i + j}`, date_of_birth: addDays(TODAY, -Math.floor(365 * (3 + rnd() * 18))) }));
      await na.pool.query(`INSERT INTO "${na.schema}".people (person_id, given_name, family_name, date_of_birth)
        SELECT x.person_id, x.given_name, x.family_name, x.date_of_birth FROM jsonb_to_recordset($1::jsonb) AS x(person_id uuid, given_name text, family_name text, date_of_birth date)`, [JSON.stringify(people)]);
    }
    // letters over ten years, 70% from needs assessments, 30% from annual reviews
    const span = daysBetween(addMonths(TODAY, -120), TODAY);
    const letters = { na: [] as NewEvent[], ar: [] as NewEvent[] };
    for (let i = 0; i < decisions; i++) {
      const childId = childIds[Math.floor(rnd() * children)];
      const sentOn = addDays(TODAY, -Math.floor(rnd() * span));
      const fromNa = rnd() < 0.7;
      const data: NaLetterSentV1 | ArLetterSentV1 = fromNa
        ? { caseId: `ehcna-${uuid(rnd)}`, childId, letterId: 'letter-2', kind: NA_KINDS[Math.floor(rnd() * NA_KINDS.length)], recipient: 'parent', sentOn, appealRights: true }
        : { planId: `annualReview-${uuid(rnd)}`, childId, letterId: 'letter-1', kind: AR_KINDS[Math.floor(rnd() * AR_KINDS.length)], recipient: 'parent', sentOn, appealRights: true };
      (fromNa ? letters.na : letters.ar).push({ id: uuid(rnd), type: 'LetterPublished', schemaVersion: 1, data, metadata: { occurredAt: sentOn, actor: { kind: 'system', id: 'bench' }, correlationId: 'bench', causationId: null } });
    }
    for (const [feedStream, events] of [['benchna', letters.na], ['benchar', letters.ar]] as const) {
      for (let i = 0; i < events.length; i += 5_000) await feed.appendToStream(`${feedStream}-${i}`, events.slice(i, i + 5_000), 'no-stream');
    }
    const head = Number((await feedPool.query(`SELECT max(global_position) AS last FROM "${prefix}letters".es_events`)).rows[0].last);

    const publication = (topic: string, prefixOfFeed: string, type: string): Publication => ({
      topic, filter: { streamPrefixes: [prefixOfFeed] }, translate: (e) => [integrationEvent(e, type, e.data)],
    });
    const handler = appealableDecisionsConsumer(tribunal);
    const checkpoints = await PostgresCheckpointStore.create(tribunal.pool, tribunal.schema);
    deliveries = [
      publication(NEEDS_ASSESSMENT_TOPIC, 'benchna-', NA_LETTER_SENT_V1), publication(ANNUAL_REVIEW_TOPIC, 'benchar-', AR_LETTER_SENT_V1),
    ].map((p) => new InProcessDelivery({
      store: feed, dataSource: tribunal.dataSource, schema: tribunal.schema, checkpoints, publications: [p], handler, name: `inproc:bench:${p.topic}`,
      logger: { log: () => undefined, error: (m: string) => { process.stderr.write(`${m}\n`); } },
    }));
    const windows = async () => Number((await tribunal.pool.query(`SELECT count(*) FROM "${tribunal.schema}".es_streams WHERE stream_id LIKE 'disagreement-%'`)).rows[0].count);
    // progress: the letters the inbox has marked
    const handled = async () => Number((await tribunal.pool.query(`SELECT count(*) FROM "${tribunal.schema}".inbox WHERE consumer = $1`, [handler.consumer])).rows[0].count);
    const deliverAll = async (label: string) => {
      const bar = new ProgressBar(label, decisions, ' letters');
      const ticker = setInterval(() => { void handled().then((n) => bar.update(n)); }, 1000);
      const started = performance.now();
      for (const d of deliveries) await d.start();
      await Promise.all(deliveries.map((d) => d.waitFor(head)));
      const seconds = (performance.now() - started) / 1000;
      clearInterval(ticker);
      bar.done(decisions);
      return { started, seconds };
    };

    const runner = tribunal.projections[0];
    if (!projecting) await runner.stop();
    const { started, seconds } = await deliverAll(`windows from letters (${mode})`);
    const opened = await windows();
    const people = Number((await tribunal.pool.query(`SELECT count(*) FROM "${tribunal.schema}".people`)).rows[0].count);
    rows.push([`(a) windows opened from ${decisions.toLocaleString('en-GB')} letters, ${mode}`,
      `${Math.round(opened / seconds).toLocaleString('en-GB')} decisions/s (${opened.toLocaleString('en-GB')} windows, ${people.toLocaleString('en-GB')} children copied, ${seconds.toFixed(1)} s)`,
      '≥ 5,000/s ' + (opened / seconds >= 5_000 ? '(met)' : '(NOT met)')]);
    const caughtUpFrom = performance.now();
    if (!projecting) await runner.start();
    const projected = await runner.waitFor(await lastStored(tribunal), 30 * 60_000);
    const readModel = (performance.now() - (projecting ? started : caughtUpFrom)) / 1000;
    rows.push([`(a) read model of the ${decisions.toLocaleString('en-GB')} windows ${projecting ? 'caught up' : 'built after'}`,
      projected ? `${readModel.toFixed(1)} s ${projecting ? 'after the first letter' : `(${Math.round(opened / readModel).toLocaleString('en-GB')} windows/s)`}` : 'not within 30 min', '—']);
    if (projecting) return;
    // every letter delivered again, the inbox forgotten (a replay): nothing opens twice
    for (const d of deliveries) { await d.stop(); await d.resetToStart(); }
    const replay = await deliverAll('the same letters again');
    const twice = (await windows()) - opened;
    rows.push(['(a) the same letters again, inbox forgotten', `${Math.round(decisions / replay.seconds).toLocaleString('en-GB')} letters/s, ${twice.toLocaleString('en-GB')} windows opened twice`, '0 twice ' + (twice === 0 ? '(met)' : '(NOT met)')]);
  } finally {
    for (const d of deliveries) await d.stop();
    await host.stop();
    await feedPool.end();
  }
}

// ---------------------------------------------------------------------------------------------
// (b) the monthly meeting's figures over ten years

/** A year's appealable decisions in a large county, by kind (needs assessment and annual review letters). */
const DECISION_MIX: readonly [AppealableDecisionType, number][] = [
  ['refusal-to-assess', 0.12], ['decision-not-to-issue', 0.03], ['final-plan', 0.25], ['decision-not-to-amend', 0.4], ['amended-plan', 0.17], ['cease', 0.03],
];

/**
 * Ten years of a county's disagreements, each decided by the tribunal's decider from its window's
 * opening (synthetic-appeals.ts: 2% appealed, with mediations, outcomes and orders) and appended to
 * the store a stream at a time; the read model then builds from them as it would from commands.
 */
async function statsOverTenYears(databaseUrl: string, rows: string[][]) {
  const prefix = `bench_trs_${randomUUID().slice(0, 6)}_`;
  const { host, tribunal, headers } = await startHost(databaseUrl, prefix);
  try {
    const rnd = random(7);
    const first = addMonths(TODAY, -12 * YEARS);
    const span = daysBetween(first, TODAY);
    const decisions: AppealableDecisionOnFile[] = [];
    for (let i = 0; i < YEARS * PER_YEAR; i++) {
      let u = rnd();
      const decisionType = DECISION_MIX.find(([, share]) => (u -= share) < 0)?.[0] ?? 'decision-not-to-amend';
      decisions.push({ decisionId: uuid(rnd), decisionType, letterOn: workingDayOnOrBefore(addDays(first, Math.floor(rnd() * span))) });
    }
    decisions.sort((a, b) => (a.letterOn < b.letterOn ? -1 : a.letterOn > b.letterOn ? 1 : 0));
    const followed = new Map(syntheticDisagreements(decisions, { seed: 7, today: TODAY }).map((d) => [d.decisionId, d.commands]));
    const streams = decisions.map((d) => {
      const source = { service: d.decisionType === 'refusal-to-assess' || d.decisionType === 'decision-not-to-issue' || d.decisionType === 'final-plan' ? 'needs-assessment' as const : 'annual-review' as const, id: uuid(rnd) };
      const { events, refused } = replayDisagreement({
        type: 'OpenAppealWindow',
        data: { decisionId: d.decisionId, source, childId: uuid(rnd), decisionType: d.decisionType, letterOn: d.letterOn, letterId: 'letter-1', recipient: 'parent', openedBy: 'published-decision', certificateOn: null, today: TODAY },
      }, followed.get(d.decisionId) ?? []);
      if (refused.length) throw new Error(`the synthetic disagreement of ${d.decisionId} was refused: ${refused[0].error}`);
      return { stream: disagreementStream(d.decisionId), events: events.map((e): NewEvent => ({
        id: uuid(rnd), type: e.type, schemaVersion: SCHEMA_VERSIONS[e.type], data: e.data,
        metadata: { occurredAt: d.letterOn, actor: { kind: 'system', id: 'bench' }, correlationId: 'bench', causationId: null },
      })) };
    });
    const eventCount = streams.reduce((n, x) => n + x.events.length, 0);
    const bar = new ProgressBar('ten-year county', streams.length, ' disagreements');
    const started = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < streams.length) {
        const { stream, events } = streams[next++];
        await tribunal.store.appendToStream(stream, events, 'no-stream');
        if (next % 1000 === 0) bar.update(next);
      }
    }));
    bar.done(streams.length);
    const appended = (performance.now() - started) / 1000;
    const caughtUp = await tribunal.projections[0].waitFor(await lastStored(tribunal), 30 * 60_000);
    if (!caughtUp) throw new Error('the read model did not catch up within 30 minutes');
    const built = (performance.now() - started) / 1000;
    rows.push([`(b) ten-year county: ${streams.length.toLocaleString('en-GB')} appealable decisions, ${eventCount.toLocaleString('en-GB')} events`,
      `appended in ${appended.toFixed(1)} s, read model built ${built.toFixed(1)} s after the first`, '—']);
    // as autovacuum would after a bulk load: the planner's statistics and the visibility map (index-only scans)
    for (const table of ['rm_disagreements', 'rm_appeals', 'rm_mediations', 'rm_orders']) await tribunal.pool.query(`VACUUM (ANALYZE) "${tribunal.schema}".${table}`);

    const get = async (from: string, to: string) => {
      const res = await fetch(`${host.url}/appeals/stats?from=${from}&to=${to}`, { headers });
      if (res.status !== 200) throw new Error(`GET /appeals/stats?from=${from}&to=${to}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<AppealsStats>;
    };
    const month = (date: CalendarDate) => date.slice(0, 7);
    const whole = await get(month(addMonths(TODAY, -119)), month(TODAY));
    const years = (whole.appealsRegistered.total / YEARS).toFixed(0);
    const c = whole.appealRate.cohort;
    rows.push(['(b) the county over the 120 months', `${whole.appealsRegistered.total.toLocaleString('en-GB')} appeals (${years} a year); cohort rate ${pct(c.rate)} of ${c.counted.toLocaleString('en-GB')} decisions counted (${c.windowsOpen} windows open); flow rate ${pct(whole.appealRate.flow.rate)} (lag ${whole.appealRate.flow.lagMonths}); ${whole.mediation.held.total} mediations held, ${pct(whole.compliance.rate)} of orders complied with on time`, '§12: 1–3%, 50–240 a year']);

    // ranges as the meeting asks: a month, a quarter, a year, the last two years, everything
    const qrnd = random(11);
    const ranges = Array.from({ length: QUERIES }, (_, i) => {
      const length = [1, 3, 12, 24, 120][i % 5];
      const end = addMonths(TODAY, -Math.floor(qrnd() * (121 - length)));
      return [month(addMonths(end, -(length - 1))), month(end)] as const;
    });
    for (const [from, to] of ranges.slice(0, 20)) await get(from, to); // warm-up
    const latencies: number[] = [];
    const qbar = new ProgressBar('stats queries', QUERIES, '');
    for (const [i, [from, to]] of ranges.entries()) {
      const t = performance.now();
      await get(from, to);
      latencies.push(performance.now() - t);
      qbar.update(i + 1);
    }
    qbar.done(QUERIES);
    latencies.sort((a, b) => a - b);
    // the same ranges answered in-process, without HTTP: the statement and its assembly alone
    const direct: number[] = [];
    for (const [from, to] of ranges) {
      const t = performance.now();
      await appealsStats(tribunal.dataSource, tribunal.schema, { from, to, lagMonths: 2 }, TODAY);
      direct.push(performance.now() - t);
    }
    direct.sort((a, b) => a - b);
    rows.push([`(b) GET /appeals/stats p50 over ${QUERIES} ranges (1 to 120 months)`, `${percentile(latencies, 50).toFixed(1)} ms`, '—']);
    rows.push([`(b) GET /appeals/stats p99 over ${QUERIES} ranges (a fifth of them 120 months)`, `${percentile(latencies, 99).toFixed(1)} ms (max ${latencies[latencies.length - 1].toFixed(1)} ms)`, '≤ 100 ms ' + (percentile(latencies, 99) <= 100 ? '(met)' : '(NOT met)')]);
    rows.push(['(b) the same, in-process (the statement and the answer\'s assembly, no HTTP)', `p50 ${percentile(direct, 50).toFixed(1)} ms, p99 ${percentile(direct, 99).toFixed(1)} ms`, '—']);
  } finally {
    await host.stop();
  }
}

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

async function main() {
  const db = await benchDatabase('bench_tr', 'ehc-bench-tribunal-');
  const rows: string[][] = [['measure', 'figure', 'target']];
  try {
    if (process.env.BENCH_PART !== 'b') {
      await windowsFromLetters(db.url, rows, DECISIONS, false);
      await windowsFromLetters(db.url, rows, CONCURRENT_DECISIONS, true);
    }
    if (process.env.BENCH_PART !== 'a') await statsOverTenYears(db.url, rows);
  } finally {
    if (!process.env.BENCH_KEEP) await db.release();
  }
  printBenchTable(`bench:tribunal (embedded mode, PostgreSQL: ${db.described})`, rows);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
