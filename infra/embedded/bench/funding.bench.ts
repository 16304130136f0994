// `npm run bench:funding`: a county's high-needs ledger, then finance's three reads of it.
// BENCH_PLANS plans, each with three years of changes (a top-up agreed, band changes some of them
// backdated, funding increases, dual registrations released and ended, top-ups ended), decided by the
// real decider and appended to the store; the ledger read model builds from event zero (timed);
// then GET /funding/schedule?format=csv and ?format=xlsx for a financial year (targets 2 s and 5 s)
// and GET /funding/forecast at varied as-at dates (p99 target 200 ms), over HTTP with a token.
//
//   BENCH_PLANS (20,000)   BENCH_EXPORTS (5) runs of each export   BENCH_QUERIES (200) forecasts
import { randomUUID } from 'node:crypto';
import { addDays, fixedClock, maxDate, minDate, mulberry32, type CalendarDate } from '@ehc/domain-kernel';
import { startEmbedded, type ServiceRuntime } from '@ehc/host';
import { inProcessTokens } from '@ehc/identity';
import type { NewEvent } from '@ehc/event-store';
import { ProgressBar } from '@ehc/tooling';
import { fundingService } from '../../../services/funding/src/service';
import { planFundingDecider, planFundingStream, type Command, type Event } from '../../../services/funding/src/domain/plan-funding/plan-funding';
import { BANDING_MATRIX_STREAM } from '../../../services/funding/src/domain/banding/banding-matrix';
import { runningTopUp } from '../../../services/funding/src/domain/plan-funding/state';
import type { SettingType } from '../../../services/funding/src/domain/plan-funding/events';
import { benchDatabase, benchNumber, percentile } from './bench-kit';

const PLANS = benchNumber('BENCH_PLANS', 20_000);
const EXPORTS = benchNumber('BENCH_EXPORTS', 5);
const QUERIES = benchNumber('BENCH_QUERIES', 200);
const TODAY: CalendarDate = '2026-11-30';
const FY = '2026-27';
const clock = fixedClock(`${TODAY}T12:00:00Z`);

const BANDS: Record<string, { type: SettingType; pounds: number }[]> = {
  A: [{ type: 'mainstream', pounds: 3_000 }], B: [{ type: 'mainstream', pounds: 6_500 }], C: [{ type: 'mainstream', pounds: 12_000 }], D: [{ type: 'mainstream', pounds: 15_500 }],
  R1: [{ type: 'resourced-provision', pounds: 9_000 }], R2: [{ type: 'resourced-provision', pounds: 14_000 }],
  S1: [{ type: 'special', pounds: 11_000 }], S2: [{ type: 'special', pounds: 21_000 }], S3: [{ type: 'special', pounds: 32_000 }],
  E1: [{ type: 'early-years', pounds: 4_000 }], F1: [{ type: 'further-education', pounds: 8_000 }],
};
const BAND_NAMES = Object.keys(BANDS);

/** One plan's three years, decided command by command by the real decider: only what it accepts is kept. */
function planHistory(rnd: () => number, planId: string): Event[] {
  const events: Event[] = [];
  let state = planFundingDecider.initialState();
  const run = (command: Command) => {
    const decided = planFundingDecider.decide(command, state);
    if (!decided.ok) return;
    for (const e of decided.value) { events.push(e); state = planFundingDecider.evolve(state, e); }
  };
  const day = (from: CalendarDate, span: number) => addDays(from, Math.floor(rnd() * span));
  const band = BAND_NAMES[Math.floor(rnd() * BAND_NAMES.length)];
  const { type, pounds } = BANDS[band][0];
  const urn = String(100_000 + Math.floor(rnd() * 400));
  let today = day('2023-12-01', 240);
  run({ type: 'PutInAwaitingFundingTray', data: { planId, childId: randomUUID(), reference: `NA-${planId.slice(0, 8)}`, source: 'final-plan', issuedOn: today, namedSetting: { urn, name: `School ${urn}`, type }, today } });
  const from = day(addDays(today, -20), 40);
  today = maxDate(today, from);
  run({ type: 'AgreeTopUp', data: { on: today, today, topUpId: 'top-up-1', band, settingUrn: urn, settingName: `School ${urn}`, settingType: type, from, rates: { rate: { annualPence: pounds * 100, validFrom: '2023-04-01' }, later: [] } } });
  let segments = 1;
  while (segments < 6) {
    today = day(addDays(today, 60), 240);
    if (today > TODAY) break;
    const r = rnd();
    const running = runningTopUp(state);
    if (!running) break;
    const sameType = BAND_NAMES.filter((b) => BANDS[b][0].type === running.settingType);
    const next = sameType[Math.floor(rnd() * sameType.length)];
    const rate = { annualPence: BANDS[next][0].pounds * 100 + (next === running.band ? 50_000 : 0), validFrom: '2023-04-01' };
    // a change often takes effect from a date already past: backdated up to two months
    const effective = maxDate(running.from, addDays(today, -Math.floor(rnd() * 60)));
    if (r < 0.45) { segments++; run({ type: 'ChangeBand', data: { on: today, today, topUpId: `top-up-${segments}`, band: next, from: effective, rates: { rate, later: [] } } }); }
    else if (r < 0.6) {
      run({ type: 'RequestFundingIncrease', data: { on: today, today, requestId: `increase-request-${segments}`, requestedBand: next, reasonsDocumentId: null } });
      const decidedOn = minDate(TODAY, addDays(today, 14));
      segments++;
      run({ type: 'DecideFundingIncrease', data: { on: decidedOn, today: decidedOn, outcome: 'agreed', reasonsDocumentId: null, change: { topUpId: `top-up-${segments}`, band: next, from: effective, rates: { rate, later: [] } } } });
      today = decidedOn;
    } else if (r < 0.7 && running.settingType === 'special' && !state.dualRegistration) {
      run({ type: 'RecordDualRegistration', data: { on: today, today, dualRegistrationId: 'dual-registration-1', mainstreamUrn: String(120_000 + Math.floor(rnd() * 300)), mainstreamName: null, startOn: addDays(today, 7), split: { specialSessions: 6, mainstreamSessions: 4 } } });
      run({ type: 'ReleaseDualRegistrationFunding', data: { on: today, today, dualRegistrationId: 'dual-registration-1' } });
    } else if (r < 0.75 && state.dualRegistration?.released && !state.dualRegistration.ended) {
      run({ type: 'EndDualRegistrationFunding', data: { on: today, today, dualRegistrationId: 'dual-registration-1', outcome: rnd() < 0.5 ? 'success' : 'failure' } });
    } else if (r < 0.82) {
      run({ type: 'EndTopUp', data: { on: today, today, lastDay: maxDate(addDays(running.from, -1), addDays(today, Math.floor(rnd() * 60) - 30)), reason: rnd() < 0.5 ? 'moved-away' : 'placement-ended' } });
      break;
    }
  }
  return events;
}

const stored = (e: { type: string; data: unknown }): NewEvent => ({
  id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data,
  metadata: { occurredAt: TODAY, actor: { kind: 'system', id: 'bench' }, correlationId: 'bench', causationId: null },
});

async function lastStored(runtime: ServiceRuntime): Promise<number> {
  return Number((await runtime.pool.query(`SELECT coalesce(max(global_position), 0) AS last FROM "${runtime.schema}".es_events`)).rows[0].last);
}

async function main() {
  const prefix = `bench_fund_${randomUUID().slice(0, 6)}_`;
  const db = await benchDatabase(prefix, 'ehc-bench-funding-');
  const tokens = await inProcessTokens(clock);
  const host = await startEmbedded([fundingService], { DATABASE_URL: db.url, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: prefix }, { clock, accessTokens: tokens.verifier });
  const headers = { authorization: `Bearer ${await tokens.token({ sub: 'bench-finance', roles: ['finance'] })}` };
  try {
    const funding = host.runtimes.find((r) => r.service === 'funding')!;
    console.log(`EHC Hub funding bench: ${PLANS.toLocaleString('en-GB')} plans, three years of changes; database: ${db.described}; today ${TODAY}`);
    await funding.store.appendToStream(BANDING_MATRIX_STREAM, [stored({ type: 'BandRatesImported', data: {
      importId: randomUUID(), importedOn: '2023-03-01', unchanged: 0,
      rates: BAND_NAMES.map((b) => ({ band: b, settingType: BANDS[b][0].type, annualPence: BANDS[b][0].pounds * 100, validFrom: '2023-04-01' })),
    } })], 'no-stream');

    const rnd = mulberry32(2026);
    const bar = new ProgressBar('plans decided and stored', PLANS, ' plans');
    let events = 0;
    const started = performance.now();
    for (let i = 0; i < PLANS; i += 64) {
      await Promise.all(Array.from({ length: Math.min(64, PLANS - i) }, () => {
        const planId = randomUUID();
        const history = planHistory(rnd, planId);
        events += history.length;
        return funding.store.appendToStream(planFundingStream(planId), history.map(stored), 'no-stream');
      }));
      bar.update(Math.min(PLANS, i + 64));
    }
    bar.done(PLANS);
    console.log(`  ${events.toLocaleString('en-GB')} events stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const catchUp = performance.now();
    const head = await lastStored(funding);
    for (const runner of funding.projections) await runner.waitFor(head, 60 * 60_000);
    const lines = Number((await funding.pool.query(`SELECT count(*) FROM "${funding.schema}".rm_funding_lines`)).rows[0].count);
    console.log(`  read models (plans, ledger) built from event zero in ${((performance.now() - catchUp) / 1000).toFixed(1)} s: ${lines.toLocaleString('en-GB')} ledger lines`);

    const time = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${host.url}${path}`, { headers });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.toString().slice(0, 300)}`);
      return { ms: performance.now() - t0, bytes: body.length };
    };
    const report = async (label: string, path: string, targetMs: number) => {
      const runs: { ms: number; bytes: number }[] = [];
      for (let i = 0; i < EXPORTS; i++) runs.push(await time(path));
      const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
      const worst = ms[ms.length - 1];
      console.log(`  ${label.padEnd(34)} median ${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(2)} s, worst ${(worst / 1000).toFixed(2)} s (${(runs[0].bytes / 1e6).toFixed(1)} MB)   target ≤ ${targetMs / 1000} s: ${worst <= targetMs ? 'met' : 'NOT MET'}`);
    };
    await report(`schedule ${FY} as CSV`, `/funding/schedule?fy=${FY}&format=csv`, 2_000);
    await report(`schedule ${FY} as XLSX`, `/funding/schedule?fy=${FY}&format=xlsx`, 5_000);

    const samples: number[] = [];
    const asAt = (i: number) => addDays('2026-04-01', Math.floor((i * 364) / QUERIES));
    for (let i = 0; i < 10; i++) await time(`/funding/forecast?fy=${FY}&as-at=${asAt(i)}`);
    for (let i = 0; i < QUERIES; i++) samples.push((await time(`/funding/forecast?fy=${FY}&as-at=${asAt(i)}`)).ms);
    samples.sort((a, b) => a - b);
    const p99 = percentile(samples, 99);
    console.log(`  forecast ${FY} (${QUERIES} as-at dates)      p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms   target p99 ≤ 200 ms: ${p99 <= 200 ? 'met' : 'NOT MET'}`);
  } finally {
    await host.stop();
    await db.release();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
