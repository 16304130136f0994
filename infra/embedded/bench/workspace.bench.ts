/**
 * `npm run bench:workspace`: the caseworker workspace's two busiest pages, as a browser asks for them.
 *
 * A county of BENCH_WORKSPACE_REQUESTS requests a year (default 3,000) over one year, seeded through
 * the real command path (the seed:demo cases), a team of 20 caseworkers in the access directory,
 * and one of them, `cw-bench`, with BENCH_WORKSPACE_OPEN open cases of their own (default 300) at
 * every stage before the final plan. Then, signed in as `cw-bench` (a workspace session holding an
 * access token the hub trusts), BENCH_WORKSPACE_REQUESTS_EACH requests (default 300) of:
 *   - My work (`GET /`): the tray, the hub's two lists called with the user's token, merged, sorted
 *     by next statutory date, the first page rendered;
 *   - a case page (`GET /cases/{id}`), a different case of theirs each time: the case, its timeline,
 *     what it allows next.
 * Times are wall-clock on the client over loopback: the server's time and a little more. Page
 * weight is what a browser fetches for My work with an empty cache: the HTML and every stylesheet,
 * script and icon it links, as sent (gzip where the server sends it so), and uncompressed.
 *
 * Server: DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder (removed at the
 * end). The bench's schemas are dropped at the end. Targets (issue 12): p99 ≤ 150 ms for each page,
 * page weight ≤ 200 KB.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { addDays, systemClock, todayInLondon } from '@ehc/domain-kernel';
import { inProcessTokens, PostgresAccessDirectory } from '@ehc/identity';
import { startEmbedded, type RunningHost } from '@ehc/host';
import type { ProjectionRunner } from '@ehc/messaging';
import { CASE_FILES_RUNNER } from '../../../services/needs-assessment/src/api/needs-assessments.controller';
import { caseIdOf } from '../../../services/needs-assessment/src/domain/needs-assessment';
import { generateCounty, type SyntheticCase } from '../../../services/needs-assessment/src/demo/synthetic-county';
import { Sessions } from '../../../services/workspace/src/sessions';
import { seedCases } from '../demo-cases';
import { benchDatabase, benchNumber, percentile } from './bench-kit';
import { allServices, frontEnds } from '../main';

const REQUESTS_PER_YEAR = benchNumber('BENCH_WORKSPACE_REQUESTS', 3000);
const OPEN = benchNumber('BENCH_WORKSPACE_OPEN', 300);
const EACH = benchNumber('BENCH_WORKSPACE_REQUESTS_EACH', 300);
const SEED = process.env.BENCH_SEED || '1';
const ME = 'cw-bench';
const TEAM = [ME, ...Array.from({ length: 19 }, (_, i) => `cw-${String(i + 1).padStart(2, '0')}`)];
/** The steps that end a request: a case stops before them to stay open. */
const ENDING = ['issue-final-plan', 'refuse-assessment', 'decide-not-to-issue', 'withdraw', 'close'];

/** The body's bytes as the server sends them (fetch would undo a gzip before counting). */
function bytesOnTheWire(url: string, acceptEncoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let n = 0;
      res.on('data', (chunk: Buffer) => { n += chunk.length; });
      res.on('end', () => resolve(n));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const pct = percentile;

/** `cw-bench`'s open cases: another county's requests, theirs from the start, stopped before any ending. */
function openCasesFor(me: string, count: number, today: string): SyntheticCase[] {
  const county = generateCounty({ seed: `${SEED}-open`, requestsPerYear: count * 4, years: 1, today });
  return county.cases.slice(-count * 2).filter((c) => !c.steps.some((s) => s.command === 'reassign')).slice(0, count).map((c) => {
    const end = c.steps.findIndex((s) => ENDING.includes(s.command));
    return { ...c, request: { ...c.request, caseworker: me }, steps: (end < 0 ? c.steps : c.steps.slice(0, end)).map((s) => ({ ...s, actor: me })) };
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const prefix = `bw${randomUUID().slice(0, 6)}_`;
  const database = await benchDatabase(prefix, 'ehc-bench-workspace-');
  const databaseUrl = database.url;
  const tokens = await inProcessTokens(systemClock);
  const today = todayInLondon(systemClock);
  let host: RunningHost | undefined;
  const lines: string[] = [];
  try {
    host = await startEmbedded(allServices, { DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: prefix, PUBLIC_URL: 'http://127.0.0.1' },
      { accessTokens: tokens.verifier, frontEnds });
    const county = generateCounty({ seed: SEED, requestsPerYear: REQUESTS_PER_YEAR, years: 1, today: addDays(today, -1) });
    const mine = openCasesFor(ME, OPEN, today);
    process.stderr.write(`seeding ${county.cases.length.toLocaleString('en-GB')} county cases and ${mine.length} open cases of ${ME}…\n`);
    const seeded = await seedCases(host, [...county.cases, ...mine], { realToday: today, concurrency: 16, correlationPrefix: 'bench-workspace' });
    if (seeded.failures.length) process.stderr.write(`${seeded.failures.length} commands refused (first: ${JSON.stringify(seeded.failures[0])})\n`);
    if (!(await host.app.get<ProjectionRunner>(CASE_FILES_RUNNER).waitFor(seeded.lastPosition, 30 * 60_000))) throw new Error('the case files did not catch up');

    const directory = host.runtimes[0].access as PostgresAccessDirectory;
    await directory.saveTeam({ teamId: 'north', name: 'North team' }, 'bench');
    for (const member of TEAM) await directory.addMember('north', member, 'bench');

    // signed in as the workspace would have them: a session holding a token the hub trusts
    const sessions = await Sessions.open(host.runtimes[0].pool, `${prefix}workspace`, systemClock);
    const accessToken = await tokens.token({ sub: ME, roles: ['caseworker'], name: 'Bench Caseworker' });
    const sessionId = await sessions.create({ subject: ME, name: 'Bench Caseworker', roles: ['caseworker'], accessToken, accessTokenExpiresAt: new Date(Date.now() + 3_600_000), refreshToken: null });
    const cookie = `ehc_session=${sessionId}`;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const t = performance.now();
      const response = await fetch(`${host!.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });
      const body = Buffer.from(await response.arrayBuffer());
      return { ms: performance.now() - t, status: response.status, body, encoding: response.headers.get('content-encoding') };
    };

    const { rows } = await host.runtimes[0].pool.query<{ stream_id: string }>(
      `SELECT stream_id FROM "${prefix}needs_assessment".rm_case_files WHERE caseworker_id = $1 AND status IN ('awaiting-decision', 'assessing', 'draft-issued')`, [ME]);
    const myCases = rows.map((r) => caseIdOf(r.stream_id));
    const tray = await get('/');
    if (tray.status !== 200) throw new Error(`My work answered ${tray.status}`);
    const shown = /(\d+) items?, by next statutory date/.exec(tray.body.toString())?.[1];

    // warm-up, then the measured requests, the two pages taking turns
    for (let i = 0; i < 20; i++) { await get('/'); await get(`/cases/${myCases[i % myCases.length]}`); }
    const times = { tray: [] as number[], case: [] as number[], cases: [] as number[], reviews: [] as number[], teams: [] as number[] };
    // where My work's time goes: the API calls it makes, each alone, with the same token
    const api = async (path: string) => {
      const t = performance.now();
      const response = await fetch(`${host!.url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < EACH; i++) {
      const a = await get('/');
      const b = await get(`/cases/${myCases[i % myCases.length]}`);
      if (a.status !== 200 || b.status !== 200) throw new Error(`a page answered ${a.status}/${b.status}`);
      times.tray.push(a.ms);
      times.case.push(b.ms);
      if (i % 3 === 0) {
        times.cases.push(await api(`/needs-assessments?status=open&caseworker=${ME}&limit=1000`));
        times.reviews.push(await api(`/annual-reviews?status=active&caseworker=${ME}&limit=1000`));
        times.teams.push(await api('/access/my-teams'));
      }
    }

    // what a browser fetches for My work with an empty cache
    const html = tray.body.toString();
    const linked = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    let sent = tray.body.length;
    let plain = tray.body.length;
    for (const asset of [...new Set(linked)]) {
      sent += await bytesOnTheWire(`${host.url}${asset}`, 'gzip, deflate, br');
      plain += await bytesOnTheWire(`${host.url}${asset}`, 'identity');
    }

    const row = (name: string, ms: number[]) => {
      const s = [...ms].sort((x, y) => x - y);
      return `| ${name} | ${s.length} | ${pct(s, 50).toFixed(1)} | ${pct(s, 90).toFixed(1)} | ${pct(s, 99).toFixed(1)} | ${s[s.length - 1].toFixed(1)} | ${pct(s, 99) <= 150 ? 'met' : 'NOT met'} |`;
    };
    lines.push('', '## bench:workspace', '',
      `PostgreSQL: ${database.described}; node ${process.version}, ${os.cpus().length} CPU; `
      + `county: ${county.cases.length.toLocaleString('en-GB')} requests over a year (${seeded.commandsDone.toLocaleString('en-GB')} commands), a team of ${TEAM.length}; `
      + `${ME}: ${myCases.length} open cases (My work shows ${shown} items); ${EACH} requests of each page after 20 warm-up`, '',
      '| page | requests | p50 ms | p90 ms | p99 ms | max ms | p99 ≤ 150 ms |', '|---|---:|---:|---:|---:|---:|---|',
      row('My work (GET /)', times.tray), row('case page (GET /cases/{id})', times.case),
      row('  of which: API GET /needs-assessments (their open cases)', times.cases), row('  of which: API GET /annual-reviews (their plans)', times.reviews),
      row('  of which: API GET /access/my-teams', times.teams), '',
      `Page weight of My work, empty cache: ${(sent / 1024).toFixed(1)} KB as sent (HTML ${(tray.body.length / 1024).toFixed(1)} KB; ${linked.length} linked assets, gzip), `
      + `${(plain / 1024).toFixed(1)} KB uncompressed (target ≤ 200 KB: ${sent <= 200 * 1024 ? 'met' : 'NOT met'})`,
      `Elapsed ${((performance.now() - started) / 1000).toFixed(0)} s`, '');
    process.stdout.write(lines.join('\n'));
  } finally {
    await host?.stop().catch(() => undefined);
    // BENCH_KEEP_DATA=1 leaves the county in place (its schema prefix printed) to look into a query
    if (process.env.BENCH_KEEP_DATA === '1') process.stderr.write(`kept: schemas ${prefix}* in ${database.described}\n`);
    else await database.release();
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
