import { Pool } from 'pg';
import { systemClock, type Clock } from '@ehc/domain-kernel';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import {
  KurrentDbEventStore, PostgresCheckpointStore, PostgresEventStore, Upcasters, withUpcasting, type CheckpointStore, type EventStore,
  type Upcaster,
} from '@ehc/event-store';
import { ensureInbox, ProjectionRunner, type Projection } from '@ehc/messaging';
import { JsonLogger } from '@ehc/http';
import { errorText } from '@ehc/tooling';
import { EMPTY_DIRECTORY, type AccessDirectory } from '@ehc/identity';
import { noDirectory, type PersonDirectory } from './person-directory';
import type { MessageBus } from './message-bus';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Entities = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Migrations = MixedList<Function | string>;

export type StoreKind = 'postgres' | 'kurrentdb';

/** Everything a service needs at run time, built once by the composition root. */
export interface ServiceRuntime {
  service: string;
  /** The service's PostgreSQL schema: read models, inbox, checkpoints (and its events on PostgreSQL). */
  schema: string;
  store: EventStore;
  storeKind: StoreKind;
  pool: Pool;
  dataSource: DataSource;
  checkpoints: CheckpointStore;
  bus: MessageBus;
  /** Read models kept from this service's own store, started and stopped with the host. */
  projections: ProjectionRunner[];
  /** Where to ask for the details of a person another service published the id of. */
  directory: PersonDirectory;
  /** Teams and outside parties' links: whose cases a caller may see (issue 11). */
  access: AccessDirectory;
  /** The only source of "now" for the service: the system clock in production, a fixed one in tests. */
  clock: Clock;
}

export interface RuntimeOptions {
  service: string;
  schema: string;
  databaseUrl: string;
  storeKind: StoreKind;
  kurrentDbUrl?: string;
  bus: MessageBus;
  entities: Entities;
  /** Connections for the event store and checkpoints. */
  poolSize?: number;
  clock?: Clock;
  /** The service's upcasters: every read of its store brings old schema versions to the current one. */
  upcasters?: Upcaster[];
  /** Migrations of the tables no event can rebuild (their entities say `synchronize: false`). */
  migrations?: Migrations;
}

export async function createServiceRuntime(options: RuntimeOptions): Promise<ServiceRuntime> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
  // an idle connection dropped by the server must not take the process down; the next query reconnects
  pool.on('error', () => undefined);
  // nor one dropped while checked out between two statements (the database restarting): the work on
  // it fails, and the pool discards the client when it comes back unqueryable
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
  } catch (error) {
    await pool.end();
    throw new Error(`PostgreSQL at DATABASE_URL is not reachable for ${options.service}: ${errorText(error)}`);
  }
  const stored: EventStore =
    options.storeKind === 'kurrentdb'
      ? await KurrentDbEventStore.create({ connectionString: options.kurrentDbUrl! })
      : await PostgresEventStore.create({ pool, schema: options.schema });
  // deciders, projections and relays only ever see the current shape of an event
  const store = options.upcasters?.length ? withUpcasting(stored, new Upcasters(options.upcasters)) : stored;
  const checkpoints = await PostgresCheckpointStore.create(pool, options.schema);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    // Read models are disposable and rebuilt from the events, so their tables follow the entities.
    // What no event can rebuild (people, documents, counters, the settings directory) is excluded
    // from that (`synchronize: false` on the entity) and changes only by migration, run here.
    synchronize: true,
    migrations: options.migrations ?? [],
    migrationsRun: true,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    extra: { max: Math.min(10, options.poolSize ?? 10) },
  });
  await dataSource.initialize();
  await ensureInbox(dataSource, options.schema);
  return { service: options.service, schema: options.schema, store, storeKind: options.storeKind, pool, dataSource, checkpoints, bus: options.bus, projections: [], directory: noDirectory, access: EMPTY_DIRECTORY, clock: options.clock ?? systemClock };
}

export async function closeServiceRuntime(runtime: ServiceRuntime): Promise<void> {
  await runtime.store.close();
  await runtime.dataSource.destroy().catch(() => undefined);
  await runtime.pool.end().catch(() => undefined);
}

/** Waits until a consumer has processed an event (read-your-writes for a command's response). */
export async function waitUntilProcessed(runtime: ServiceRuntime, consumer: string, eventId: string, timeoutMs = 5_000): Promise<boolean> {
  // a duration, not a date: the monotonic clock, which no change of the system's time moves
  const deadline = performance.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 25)) {
    const { rowCount } = await runtime.pool.query(`SELECT 1 FROM "${runtime.schema}".inbox WHERE consumer = $1 AND event_id = $2`, [consumer, eventId]);
    if (rowCount) return true;
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** A projection of the service's own events, run by the host in either mode. */
export function addProjection(runtime: ServiceRuntime, projection: Projection): ProjectionRunner {
  const runner = new ProjectionRunner({
    projection, store: runtime.store, dataSource: runtime.dataSource, checkpoints: runtime.checkpoints,
    logger: new JsonLogger(runtime.service),
  });
  runtime.projections.push(runner);
  return runner;
}
