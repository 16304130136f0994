// `npm run bench:reviews`: import of 20,000 plans (rows/s), the due-list query over HTTP (p50/p99 over
// 20,000 plans) and the plan projection's rebuild (events/s). Embedded mode, a fresh schema prefix.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, systemClock, todayInLondon } from '@ehc/domain-kernel';
import { inProcessTokens } from '@ehc/identity';
import { ProgressBar } from '@ehc/tooling';
import { startEmbedded } from '@ehc/host';
import { printBenchTable } from './bench-kit';
import { sideTablesOf } from '@ehc/commands';
import { importPlans } from '../../../services/annual-review/src/infrastructure/plan-import';
import { SettingsDirectory } from '../../../services/annual-review/src/infrastructure/settings/settings-directory';
import { allServices } from '../main';

const PLANS = Number(process.env.BENCH_PLANS ?? 20_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);

/** A deterministic county of plans: ages 2 to 24, plans made over six years, some reviewed. */
function plansCsv(n: number, today: string, urns: string[]): string {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const lines = ['reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker'];
  for (let i = 0; i < n; i++) {
    const dob = addDays(today, -Math.floor(365 * (3 + rnd() * 20)));
    const issued = addDays(today, -Math.floor(30 + rnd() * 365 * 5));
    const reviewed = rnd() < 0.7 ? addDays(issued, Math.floor(rnd() * Math.max(1, (Date.parse(today) - Date.parse(issued)) / 86_400_000))) : '';
    lines.push(`BENCH-${i},Given${i},Family${i},${dob < issued ? dob : addDays(issued, -800)},${issued},${reviewed},${urns[i % urns.length]},cw-${String(i % 14).padStart(2, '0')}`);
  }
  return lines.join('\n') + '\n';
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main() {
  const env: Record<string, string | undefined> = { ...process.env, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: `bench_${randomUUID().slice(0, 6)}_` };
  if (!env.DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'ehc-bench-'));
    chmodSync(dir, 0o755);
    env.EHC_DATA_DIR = dir;
    env.EMBEDDED_PG_PORT = String(56000 + Math.floor(Math.random() * 1000));
  }
  // the bench's own issuer: its reads go in as a caseworker would
  const tokens = await inProcessTokens(systemClock);
  const host = await startEmbedded(allServices, env, { accessTokens: tokens.verifier });
  const headers = { authorization: `Bearer ${await tokens.token({ sub: 'bench-reader', roles: ['caseworker'] })}` };
  const runtime = host.runtimes.find((r) => r.service === 'annual-review')!;
  const rows: string[][] = [['measure', 'figure', 'target']];
  try {
    const settings = new SettingsDirectory(runtime.dataSource);
    await settings.importGias(readFileSync(join(__dirname, '../../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8'));
    const urns = ['120345', '120346', '120347', '120348', '130101', '120349', '120350', '120351'];
    const today = todayInLondon(runtime.clock);
    const csv = plansCsv(PLANS, today, urns);

    const bar = new ProgressBar('import', PLANS, ' rows');
    const started = Date.now();
    const report = await importPlans(csv, {
      store: runtime.store, dataSource: runtime.dataSource, schema: runtime.schema, sideTables: sideTablesOf(runtime.pool), settings, today, reviewAnchor: 'review-decision',
      context: { actor: { kind: 'system', id: 'bench' }, correlationId: 'bench' }, concurrency: 16,
      onProgress: (done) => bar.update(done),
    });
    const importSeconds = (Date.now() - started) / 1000;
    bar.done(report.rowsTaken);
    rows.push([`import of ${PLANS.toLocaleString('en-GB')} plans`, `${Math.round(report.rowsTaken / importSeconds).toLocaleString('en-GB')} rows/s (${importSeconds.toFixed(1)} s, ${report.rowsRefused.length} refused)`, '—']);

    const runner = runtime.projections[0];
    const position = await runtime.store.headPosition();
    await runner.waitFor(position, 600_000);

    // the due list as caseworkers ask for it, over HTTP
    const queries = [
      '/annual-reviews?due-within-days=30', '/annual-reviews?due-within-days=60', '/annual-reviews?overdue=true',
      ...Array.from({ length: 14 }, (_, i) => `/annual-reviews?due-within-days=60&caseworker=cw-${String(i).padStart(2, '0')}`),
      ...urns.map((u) => `/annual-reviews?setting=${u}&due-within-days=90`),
    ];
    for (const q of queries) await fetch(host.url + q, { headers }); // warm-up
    const latencies: number[] = [];
    const qbar = new ProgressBar('due-list queries', QUERIES, '');
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      const res = await fetch(host.url + queries[i % queries.length], { headers });
      await res.json();
      latencies.push(performance.now() - t);
      qbar.update(i + 1);
    }
    qbar.done(QUERIES);
    latencies.sort((a, b) => a - b);
    rows.push([`due-list query p50 over ${PLANS.toLocaleString('en-GB')} plans`, `${pct(latencies, 50).toFixed(1)} ms`, '—']);
    rows.push([`due-list query p99 over ${PLANS.toLocaleString('en-GB')} plans`, `${pct(latencies, 99).toFixed(1)} ms`, '≤ 50 ms ' + (pct(latencies, 99) <= 50 ? '(met)' : '(NOT met)')]);

    const rbar = new ProgressBar('projection rebuild', position > 0 ? report.rowsTaken : 0, ' events');
    runner['options'].onProgress = (_p: number, n: number) => rbar.update(n);
    const rebuilt = await runner.rebuild();
    rbar.done(rebuilt.events);
    rows.push(['plan projection rebuild', `${Math.round(rebuilt.events / rebuilt.seconds).toLocaleString('en-GB')} events/s (${rebuilt.events.toLocaleString('en-GB')} events, ${rebuilt.seconds.toFixed(1)} s)`, '—']);
  } finally {
    await host.stop();
  }
  printBenchTable(`bench:reviews (embedded mode)`, rows);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
