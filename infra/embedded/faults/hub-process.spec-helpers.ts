// The fault suites' tools: a real hub process (`npm start`'s own entry point) on its own data
// folder and ports, a few clients recording what it acknowledged, and the checks on the store.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { systemClock } from '@ehc/domain-kernel';
import { CALLERS, testAccessTokens } from '@ehc/testing';
import { commandLine, freePort, isAlive, livePostmaster, readPostmasterPid, stopPostmaster } from '@ehc/tooling';
export { freePort };
import { caseStream } from '../../../services/needs-assessment/src/domain/needs-assessment';
import { needsAssessmentService } from '../../../services/needs-assessment/src/service';

const root = resolve(__dirname, '..', '..', '..');

/** Resolves true once `condition` holds, false after `timeoutMs`: every wait here is bounded. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, pollMs = 200): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** A port nobody listens on now (the kernel's choice), for the hub or its PostgreSQL. */

export interface HubSite {
  dataDir: string;
  port: number;
  pgPort: number;
  url: string;
  /** The embedded cluster's own folder (EHC_DATA_DIR/postgres). */
  pgDataDir: string;
  databaseUrl: string;
  /** The OpenID provider the hub trusts (a test one, on the real clock the hub runs by). */
  issuer: string;
  /** `Bearer …` for a caseworker, for the requests the test sends. */
  authorization: string;
}

/** A data folder of its own (the postgres user must be able to enter it) and two free ports. */
export async function newSite(): Promise<HubSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ehc-fault-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  let pgPort = await freePort();
  while (pgPort === port) pgPort = await freePort();
  const tokens = await testAccessTokens(systemClock);
  return {
    issuer: tokens.issuer, authorization: `Bearer ${await tokens.token(CALLERS.caseworker)}`,
    dataDir, port, pgPort, url: `http://127.0.0.1:${port}`, pgDataDir: join(dataDir, 'postgres'),
    databaseUrl: `postgres://postgres:ehc@127.0.0.1:${pgPort}/postgres`,
  };
}

export interface HubOptions {
  /** Through `npm start` itself rather than node. */
  viaNpm?: boolean;
  /** Settings besides the ports and the data folder. */
  env?: Record<string, string>;
}

export interface HubProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts the hub as `npm start` does (`node infra/embedded/start.js`), or through npm itself, in
 * a process group of its own. Its own PostgreSQL: no DATABASE_URL is passed on.
 */
export function startHub(site: HubSite, options: HubOptions = {}): HubProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, OIDC_ISSUER_URL: site.issuer, ...options.env, PORT: String(site.port), EMBEDDED_PG_PORT: String(site.pgPort), EHC_DATA_DIR: site.dataDir };
  for (const name of ['DATABASE_URL', 'EHC_SCHEMA_PREFIX', 'LOG_LEVEL', 'NODE_OPTIONS']) delete env[name];
  // jest's own npm variables would make a plain node look as if npm had started it
  for (const name of Object.keys(env)) if (name.startsWith('npm_')) delete env[name];
  const [command, args] = options.viaNpm ? ['npm', ['start', '--silent']] : [process.execPath, ['infra/embedded/start.js']];
  const child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk) => { text += String(chunk); });
  child.stderr!.on('data', (chunk) => { text += String(chunk); });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, output: () => text, exited };
}

export async function healthy(site: HubSite): Promise<boolean> {
  try {
    const res = await fetch(`${site.url}/health`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Starts a hub and waits for /health to be ok; the milliseconds it took. */
export async function startHealthyHub(site: HubSite, options: HubOptions = {}): Promise<{ hub: HubProcess; ms: number }> {
  const started = performance.now();
  const hub = startHub(site, options);
  let exitedEarly = false;
  void hub.exited.then(() => { exitedEarly = true; });
  const ok = await waitUntil(async () => exitedEarly || (await healthy(site)), 60_000);
  if (!ok || exitedEarly) throw new Error(`the hub did not become healthy:\n${hub.output().slice(-3000)}`);
  return { hub, ms: Math.round(performance.now() - started) };
}

/** The watchdog process the hub started for this data folder, if it runs. */
export function watchdogPid(site: HubSite): number | undefined {
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const cmd = commandLine(Number(name));
    if (cmd?.includes('postgres-watchdog.js') && cmd.includes(site.pgDataDir)) return Number(name);
  }
  return undefined;
}

export const postmasterPid = (site: HubSite) => readPostmasterPid(site.pgDataDir)?.pid;

/**
 * A few clients recording requests for an EHC needs assessment as fast as the hub answers.
 * Only a 201 with the case's id counts as acknowledged; anything else (refused, 5xx, a connection
 * cut by a kill) is counted apart and never retried, so each acknowledged case was asked for once.
 */
export function recordRequests(site: HubSite, clients = 4) {
  const acknowledged: string[] = [];
  let failed = 0;
  let stopped = false;
  const body = JSON.stringify({
    child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker: 'cw-ayesha',
  });
  const client = async () => {
    while (!stopped) {
      try {
        const res = await fetch(`${site.url}/needs-assessments`, {
          method: 'POST', body, headers: { 'content-type': 'application/json', authorization: site.authorization }, signal: AbortSignal.timeout(15_000),
        });
        const answer = (await res.json().catch(() => ({}))) as { id?: string };
        if (res.status === 201 && answer.id) {
          acknowledged.push(answer.id);
          continue;
        }
      } catch {
        // refused or cut: counted below
      }
      failed++;
      // a hub without its database, or gone, answers at once: do not spin
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const running = Array.from({ length: clients }, client);
  return {
    acknowledged,
    failed: () => failed,
    stop: async () => { stopped = true; await Promise.all(running); },
  };
}

/** How many NeedsAssessmentRequested events the store holds for each case (straight from its table). */
export async function requestsStored(site: HubSite, caseIds: string[]): Promise<Map<string, number>> {
  const pool = new Pool({ connectionString: site.databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ stream_id: string; n: number }>(
      `SELECT stream_id, count(*)::int AS n FROM "${needsAssessmentService.schema}".es_events
        WHERE type = 'NeedsAssessmentRequested' AND stream_id = ANY($1) GROUP BY stream_id`,
      [caseIds.map(caseStream)],
    );
    const byStream = new Map(rows.map((r) => [r.stream_id, r.n]));
    return new Map(caseIds.map((id) => [id, byStream.get(caseStream(id)) ?? 0]));
  } finally {
    await pool.end();
  }
}

/** The cases the hub's own read model answers for (GET /needs-assessments/{id} is 200). */
export async function casesReadable(site: HubSite, caseIds: string[]): Promise<number> {
  let found = 0;
  for (const id of caseIds) {
    const res = await fetch(`${site.url}/needs-assessments/${id}`, { headers: { authorization: site.authorization }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    if (res?.status === 200) found++;
  }
  return found;
}

/** Stops what a test left running (hub, watchdog, PostgreSQL) and removes its data folder. */
export async function cleanUp(site: HubSite, hubs: HubProcess[]): Promise<void> {
  for (const hub of hubs) {
    if (hub.child.exitCode === null && hub.child.signalCode === null && hub.child.pid && isAlive(hub.child.pid)) {
      process.kill(hub.child.pid, 'SIGTERM');
      let exited = false;
      void hub.exited.then(() => { exited = true; });
      if (!(await waitUntil(() => exited, 20_000))) process.kill(hub.child.pid, 'SIGKILL');
    }
  }
  const orphan = livePostmaster(site.pgDataDir);
  if (orphan) await stopPostmaster(orphan.pid).catch(() => undefined);
  const watchdog = watchdogPid(site);
  if (watchdog) process.kill(watchdog, 'SIGTERM');
  rmSync(site.dataDir, { recursive: true, force: true });
}
