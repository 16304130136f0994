import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { EntitySchema, MixedList } from 'typeorm';
import { systemClock, type BankHoliday, type Clock } from '@ehc/domain-kernel';
import { clientCredentials, discoverVerifier, PostgresAccessDirectory, type AccessTokenVerifier } from '@ehc/identity';
import type { Upcaster } from '@ehc/event-store';
import { BankHolidayCalendar } from '@ehc/calendar';
import { bankHolidaysFileFromEnv } from '@ehc/calendar';
import { ConfigError, env, type Env } from '@ehc/config';
import { DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS, errorText, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@ehc/tooling';
import { bodyLimitsFromEnv, createHttpApp, type BodyLimits } from './http-app';
import { ConnectionDrain, shutdownGraceFromEnv } from './connection-drain';
import { embeddedSignIn, type SignIn } from './embedded-sign-in';
import { lagLimitsFromEnv, type LagLimits } from './lag-checks';
import { IdempotencyKeys } from '@ehc/commands';
import { AuditLog } from '@ehc/audit';
import { JsonLogger } from '@ehc/http';
import { EmbeddedBus, KafkaBus, type MessageBus } from './message-bus';
import { closeServiceRuntime, createServiceRuntime, type ServiceRuntime, type StoreKind } from './runtime';
import { httpDirectory, inProcessDirectory, type PersonDirectory } from './person-directory';
import { watchLauncher } from './parent-watch';
import { startFailure } from './start-failure';
import { refuseDevelopmentSecrets } from './development-secrets';
import { rateLimitsFromEnv, type RateLimits } from './rate-limits';
import type { FrontEnd } from './front-end';
import type { PagePaths } from './security-headers';

/** What each service hands the composition root. */
export interface ServiceDefinition<C = unknown> {
  name: string;
  /** Its PostgreSQL schema. */
  schema: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** Brings the service's stored events of older schema versions to the current one on every read. */
  upcasters?: Upcaster[];
  /** OpenAPI operations it describes itself: one per command, each with its own body schema. */
  openApiPaths?: Record<string, unknown>;
  /** Migrations of its tables that no event can rebuild, run at start-up (read models follow their entities). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /**
   * Reads and validates the service's settings from the host's environment, once, before anything
   * starts: a missing or malformed one is a ConfigError naming it (exit 78).
   */
  configure?(source: Env): C;
  module(runtime: ServiceRuntime, config: C): DynamicModule;
  /** Public pages the service serves itself (a survey link's page): the pages' security policy and forms, not the API's. */
  pages?: PagePaths;
  /** Connections its pool may hold (default 20): a read side that answers a few queries at a time needs fewer. */
  poolSize?: number;
}

export interface RunningHost {
  app: INestApplication;
  url: string;
  runtimes: ServiceRuntime[];
  bus: MessageBus;
  /** The bank-holiday calendar this process's working-day rules follow (kept in the first service's schema). */
  calendar: BankHolidayCalendar;
  /** How long a stop lets requests in flight finish before it cuts them. */
  shutdownGraceMs: number;
  stop(): Promise<void>;
}


async function host(options: {
  title: string;
  services: ServiceDefinition[];
  /** Each service's settings, read and validated before anything started (ServiceDefinition.configure). */
  configs: unknown[];
  /** Request body limits, from the host's environment (IMPORT_MAX_BYTES). */
  bodyLimits: BodyLimits;
  /** SIGN_IN_ATTEMPTS_PER_MINUTE, UNAUTHENTICATED_REQUESTS_PER_MINUTE (or the caller's own limiters). */
  rateLimits: RateLimits;
  /** How long a stop lets requests in flight finish (SHUTDOWN_GRACE_SECONDS). */
  shutdownGraceMs: number;
  /** When /health says degraded (HEALTH_OPEN_TRANSACTION_SECONDS, HEALTH_PROJECTION_LAG_SECONDS). */
  lagLimits: LagLimits;
  /** The provider whose access tokens the hub trusts: made once the runtimes exist (the embedded one keeps its accounts there). */
  signIn: (runtimes: ServiceRuntime[]) => Promise<SignIn>;
  databaseUrl: string;
  /** The schema of the access directory (teams, outside parties' links): one for every service of the database. */
  accessSchema: string;
  storeKind: StoreKind;
  kurrentDbUrl?: string;
  bus: MessageBus;
  port: number;
  logger: JsonLogger;
  /** Called first when the host begins to stop (the embedded PostgreSQL is no longer restarted). */
  onStopping?: () => Promise<void>;
  onStop?: () => Promise<void>;
  directory?: (runtimes: ServiceRuntime[]) => PersonDirectory;
  /** Web front ends served by this host (embedded: the workspace at /), with their schema and provider. */
  frontEnds?: { definitions: FrontEnd[]; schema: string; oidcIssuer: string; embeddedProvider: boolean; publicUrl: string };
  clock?: Clock;
  /** BANK_HOLIDAYS_FILE, read and validated before anything started. */
  bankHolidaysFile?: { path: string; holidays: BankHoliday[] };
}): Promise<RunningHost> {
  const runtimes: ServiceRuntime[] = [];
  let signIn: SignIn | undefined;
  try {
    for (const service of options.services) {
      runtimes.push(await createServiceRuntime({
        service: service.name, schema: service.schema, databaseUrl: options.databaseUrl, storeKind: options.storeKind,
        kurrentDbUrl: options.kurrentDbUrl, bus: options.bus, entities: service.entities, clock: options.clock, upcasters: service.upcasters, migrations: service.migrations,
        poolSize: service.poolSize,
      }));
    }
    if (options.directory) {
      const directory = options.directory(runtimes);
      for (const r of runtimes) r.directory = directory;
    }
    const accessDirectory = await PostgresAccessDirectory.open(runtimes[0].pool, options.accessSchema);
    for (const r of runtimes) r.access = accessDirectory;
    // One kernel calendar a process, so one table: the first service's schema. Loaded before
    // anything (a projection, a request) can count a working day.
    const calendar = await BankHolidayCalendar.open(runtimes[0].pool, runtimes[0].schema, runtimes[0].clock);
    if (options.bankHolidaysFile) {
      const { path, holidays } = options.bankHolidaysFile;
      const report = await calendar.importPublished(holidays, 'system', `BANK_HOLIDAYS_FILE (${path})`);
      options.logger.log(`bank holidays from ${path}: ${report.yearsConfirmed.join(', ')} confirmed; confirmed through ${report.confirmedThrough}`);
    } else {
      await calendar.load();
    }
    signIn = await options.signIn(runtimes);
    const drain = new ConnectionDrain();
    const idempotencyKeys = await IdempotencyKeys.open(runtimes[0].pool, runtimes[0].schema, runtimes[0].clock);
    // like the keys: one log a host, in its first service's schema (in distributed mode, each service's own)
    const auditLog = await AuditLog.open(runtimes[0].pool, runtimes[0].schema, runtimes[0].clock);
    // the front ends call the hub's API on the address it listens on, known once it does
    const listening = { url: '' };
    const frontEnds = options.frontEnds;
    const frontEndModules = (frontEnds?.definitions ?? []).map((f) => f.module({
      pool: runtimes[0].pool, schema: frontEnds!.schema, clock: runtimes[0].clock, logger: options.logger, accessTokens: signIn!.accessTokens,
      oidc: { issuer: frontEnds!.oidcIssuer, serverIssuer: () => (frontEnds!.embeddedProvider ? `${listening.url}/oidc` : frontEnds!.oidcIssuer), clientId: 'workspace' },
      publicUrl: frontEnds!.publicUrl, apiUrl: () => listening.url,
    }));
    const pages = [
      ...(frontEnds?.definitions.map((f) => f.pages({ oidcIssuer: frontEnds.oidcIssuer })) ?? []),
      ...options.services.flatMap((s) => (s.pages ? [s.pages] : [])),
    ];
    const app = await createHttpApp({
      pages: pages.length ? {
        matches: (path) => pages.some((p) => p.matches(path)), formTargets: pages.flatMap((p) => p.formTargets),
        uploads: (path) => pages.some((p) => p.matches(path) && !!p.uploads?.(path)),
      } : undefined,
      drain, idempotencyKeys, auditLog, accessDirectory, accessTokens: signIn.accessTokens, mounts: signIn.mount ? [signIn.mount] : [],
      title: options.title,
      description: 'EHC Hub: the event-sourced system a local authority SEND service runs on. Dates are Europe/London calendar dates (YYYY-MM-DD).',
      modules: [...options.services.map((s, i) => s.module(runtimes[i], options.configs[i])), ...frontEndModules],
      health: { runtimes, bus: options.bus, lagLimits: options.lagLimits },
      logger: options.logger,
      calendar,
      bodyLimits: options.bodyLimits,
      rateLimits: options.rateLimits,
      documentPaths: Object.assign({}, ...options.services.map((s) => s.openApiPaths ?? {})),
    });
    await app.init();
    await options.bus.start();
    for (const r of runtimes) for (const p of r.projections) await p.start();
    await app.listen(options.port, process.env.HOST ?? '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    listening.url = url;
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= (async () => {
      await options.onStopping?.();
      // stop taking requests and let those in flight finish (within the grace), then the bus, then the stores
      const drained = await drain.drain(app.getHttpServer(), options.shutdownGraceMs);
      options.logger.log(drained.cut
        ? `HTTP drained in ${drained.elapsedMs} ms: requests still running after the ${options.shutdownGraceMs} ms grace were cut`
        : `HTTP drained in ${drained.elapsedMs} ms`);
      await app.close();
      await options.bus.stop();
      for (const r of runtimes) for (const p of r.projections) await p.stop();
      await signIn?.close();
      for (const r of runtimes) await closeServiceRuntime(r);
      await options.onStop?.();
    })());
    return { app, url, runtimes, bus: options.bus, calendar, shutdownGraceMs: options.shutdownGraceMs, stop };
  } catch (error) {
    await options.bus.stop().catch(() => undefined);
    for (const r of runtimes) for (const p of r.projections) await p.stop().catch(() => undefined);
    await signIn?.close().catch(() => undefined);
    for (const r of runtimes) await closeServiceRuntime(r).catch(() => undefined);
    await options.onStop?.().catch(() => undefined);
    throw error;
  }
}

/** What a host takes besides the environment: the clock (tests and replays fix it; production omits it). */
export interface HostOptions {
  clock?: Clock;
  /** The access tokens to trust instead of OIDC_ISSUER_URL's (tests, with their own signing key). */
  accessTokens?: AccessTokenVerifier;
  /** This service's own token for calls to another service, instead of OIDC_CLIENT_ID's client credentials. */
  serviceToken?: () => Promise<string>;
  /** Rate limiters instead of the environment's on the host's clock (tests, with a time source of their own). */
  rateLimits?: RateLimits;
  /** Web front ends to serve beside the API (embedded mode: the workspace). */
  frontEnds?: FrontEnd[];
}

/**
 * The token a distributed service sends to another (the person directory): client credentials of
 * OIDC_CLIENT_ID / OIDC_CLIENT_SECRET at the provider's token endpoint. Both are required when the
 * service calls another; neither has a default (a secret only ever comes from the environment).
 */
async function serviceTokenFor(source: Env, options: HostOptions): Promise<() => Promise<string>> {
  if (options.serviceToken) return options.serviceToken;
  const issuer = env.url(source, 'OIDC_ISSUER_URL', ['http', 'https']).replace(/\/$/, '');
  const clientId = env.optional(source, 'OIDC_CLIENT_ID');
  const clientSecret = env.optional(source, 'OIDC_CLIENT_SECRET');
  if (!clientId || !clientSecret) {
    throw new ConfigError('PERSON_DIRECTORY_URL is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be too: the service account (role hub-service) this service calls the directory as');
  }
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { token_endpoint?: unknown };
  if (typeof discovery.token_endpoint !== 'string') throw new ConfigError(`the OpenID provider at ${issuer} names no token_endpoint`);
  return clientCredentials({ tokenEndpoint: discovery.token_endpoint, clientId, clientSecret });
}

/** OIDC_ISSUER_URL's provider (OIDC_AUDIENCE, default `ehc-hub`), unless the caller brought its own verifier. */
async function accessTokensFor(source: Env, options: HostOptions, logger: JsonLogger): Promise<AccessTokenVerifier> {
  if (options.accessTokens) return options.accessTokens;
  if (!env.optional(source, 'OIDC_ISSUER_URL')) throw new ConfigError('OIDC_ISSUER_URL is not set: name the OpenID provider whose access tokens the hub trusts (e.g. http://127.0.0.1:18080/realms/ehc-hub)');
  const issuer = env.url(source, 'OIDC_ISSUER_URL', ['http', 'https']);
  const audience = env.string(source, 'OIDC_AUDIENCE', 'ehc-hub');
  return discoverVerifier({ issuer, audience, clock: options.clock ?? systemClock, log: (line) => logger.log(line) });
}

/**
 * The address people reach the hub at (`PUBLIC_URL`, default `http://localhost:<PORT>`): the
 * embedded provider's issuer, in every token and every sign-in redirect. It must be known before
 * the hub listens, so PORT=0 needs it.
 */
function publicUrlOf(source: Env, port: number): string {
  const given = env.optional(source, 'PUBLIC_URL');
  if (given) return env.url(source, 'PUBLIC_URL', ['http', 'https']).replace(/\/+$/, '');
  if (port === 0) throw new ConfigError('PUBLIC_URL is needed with PORT=0 for the embedded sign-in (its address is in every token); or set OIDC_ISSUER_URL to use another provider');
  return `http://localhost:${port}`;
}

/** Embedded mode: every service in this process, one HTTP port, events delivered in-process. */
export async function startEmbedded(services: ServiceDefinition[], source: Env = process.env, options: HostOptions = {}): Promise<RunningHost> {
  const logger = new JsonLogger('ehc-hub', source.LOG_LEVEL === 'silent');
  const port = env.port(source, 'PORT', 3000);
  const configs = services.map((s) => s.configure?.(source));
  const bodyLimits = bodyLimitsFromEnv(source);
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv(source, options.clock ?? systemClock);
  const shutdownGraceMs = shutdownGraceFromEnv(source);
  const lagLimits = lagLimitsFromEnv(source);
  const bankHolidaysFile = bankHolidaysFileFromEnv(source);
  // a provider named by OIDC_ISSUER_URL (or the tests' own); otherwise the hub's own, embedded
  const external = options.accessTokens || env.optional(source, 'OIDC_ISSUER_URL') ? await accessTokensFor(source, options, logger) : undefined;
  const publicUrl = external ? '' : publicUrlOf(source, port);
  let databaseUrl = env.optional(source, 'DATABASE_URL');
  let embedded: EmbeddedPostgresServer | undefined;
  if (databaseUrl) {
    env.url(source, 'DATABASE_URL', ['postgres', 'postgresql']);
  } else {
    embedded = await startSupervisedPostgres(source, logger);
    databaseUrl = embedded.url;
  }
  // a prefix keeps several embedded hosts apart on one database (tests)
  const prefix = env.optional(source, 'EHC_SCHEMA_PREFIX') ?? '';
  const signIn = external
    ? async () => ({ accessTokens: external, close: async () => undefined })
    : (runtimes: ServiceRuntime[]) => embeddedSignIn({ pool: runtimes[0].pool, schema: env.schemaName({ s: prefix + 'identity' }, 's', 'identity'), publicUrl, port, clock: options.clock ?? systemClock, logger });
  const running = await host({ signIn,
    title: 'EHC Hub (embedded)', services: services.map((s) => ({ ...s, schema: env.schemaName({ s: prefix + s.schema }, 's', s.schema) })), configs, bodyLimits, rateLimits, shutdownGraceMs, lagLimits,
    databaseUrl, accessSchema: env.schemaName({ s: prefix + 'access' }, 's', 'access'), storeKind: 'postgres', bus: new EmbeddedBus(logger), port, logger,
    onStopping: async () => { await embedded?.stopSupervising(); },
    onStop: async () => { await embedded?.stop(); },
    directory: inProcessDirectory, clock: options.clock, bankHolidaysFile,
    frontEnds: options.frontEnds?.length ? {
      definitions: options.frontEnds, schema: env.schemaName({ s: prefix + 'workspace' }, 's', 'workspace'),
      oidcIssuer: external ? env.optional(source, 'OIDC_ISSUER_URL') ?? '' : `${publicUrl}/oidc`, embeddedProvider: !external, publicUrl: external ? publicUrlOf(source, port) : publicUrl,
    } : undefined,
  });
  logger.log(`EHC Hub (embedded) listening on ${running.url} — OpenAPI at ${running.url}/docs`);
  return running;
}

/**
 * Embedded mode's own PostgreSQL: one left running by a hub that died is stopped first, a port held
 * by anything else is a clear refusal (exit 69), and while the hub runs it is restarted if it dies.
 */
async function startSupervisedPostgres(source: Env, logger: JsonLogger): Promise<EmbeddedPostgresServer> {
  const dataDir = env.string(source, 'EHC_DATA_DIR', 'data');
  const pgPort = env.port(source, 'EMBEDDED_PG_PORT', 54329);
  const idleInTransactionTimeoutSeconds = env.wholeNumber(source, 'EMBEDDED_PG_IDLE_IN_TRANSACTION_TIMEOUT', DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS, { min: 0, max: 86_400 });
  logger.log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort}, data in ${dataDir}/postgres`);
  return startEmbeddedPostgres({
    dataDir: `${dataDir}/postgres`, port: pgPort, supervise: true, idleInTransactionTimeoutSeconds,
    settings: { port: 'EMBEDDED_PG_PORT', dataDir: 'EHC_DATA_DIR' },
    log: (line) => logger.log(line), logError: (line) => logger.error(line),
  });
}

/** Distributed mode: one service in this process, Kafka between services; all settings from the environment. */
export async function startDistributed(service: ServiceDefinition, source: Env = process.env, options: HostOptions = {}): Promise<RunningHost> {
  const logger = new JsonLogger(service.name, source.LOG_LEVEL === 'silent');
  refuseDevelopmentSecrets(source);
  const port = env.port(source, 'PORT', service.defaultPort);
  const config = service.configure?.(source);
  const bodyLimits = bodyLimitsFromEnv(source);
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv(source, options.clock ?? systemClock);
  const shutdownGraceMs = shutdownGraceFromEnv(source);
  const lagLimits = lagLimitsFromEnv(source);
  const databaseUrl = env.url(source, 'DATABASE_URL', ['postgres', 'postgresql']);
  const storeKind = env.oneOf(source, 'EVENT_STORE', ['postgres', 'kurrentdb'] as const, 'postgres');
  const kurrentDbUrl = storeKind === 'kurrentdb' ? env.url(source, 'KURRENTDB_URL', ['kurrentdb', 'esdb', 'kurrentdb+discover', 'esdb+discover']) : undefined;
  const brokers = env.brokers(source, 'KAFKA_BROKERS');
  const schema = env.schemaName(source, 'SERVICE_SCHEMA', service.schema);
  const directoryUrl = env.optional(source, 'PERSON_DIRECTORY_URL');
  if (directoryUrl) env.url(source, 'PERSON_DIRECTORY_URL', ['http', 'https']);
  const serviceToken = directoryUrl ? await serviceTokenFor(source, options) : undefined;
  // each service process keeps its own calendar in its own schema: the same file brings every one up to date
  const bankHolidaysFile = bankHolidaysFileFromEnv(source);
  const accessTokens = await accessTokensFor(source, options, logger);
  const running = await host({ signIn: async () => ({ accessTokens, close: async () => undefined }),
    title: `EHC Hub: ${service.name}`, services: [{ ...service, schema }], configs: [config], bodyLimits, rateLimits, shutdownGraceMs, lagLimits, databaseUrl, storeKind, kurrentDbUrl,
    accessSchema: env.schemaName(source, 'ACCESS_SCHEMA', 'access'),
    bus: new KafkaBus(brokers, service.name, logger), port, logger,
    directory: directoryUrl && serviceToken ? () => httpDirectory(directoryUrl, serviceToken) : undefined, clock: options.clock, bankHolidaysFile,
  });
  logger.log(`${service.name} (distributed, ${storeKind} store) listening on ${running.url}`);
  return running;
}

/** main.ts of a service: start, stop gracefully on SIGTERM/SIGINT, exit non-zero on bad config. */
export async function runDistributedService(service: ServiceDefinition): Promise<void> {
  await runUntilSignalled(() => startDistributed(service), service.name);
}

export async function runUntilSignalled(start: () => Promise<Pick<RunningHost, 'stop' | 'shutdownGraceMs'>>, name: string): Promise<void> {
  const logger = new JsonLogger(name);
  let running: Pick<RunningHost, 'stop' | 'shutdownGraceMs'>;
  try {
    running = await start();
  } catch (error) {
    const { message, exitCode } = startFailure(error);
    logger.error(message);
    process.exit(exitCode);
  }
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) {
      logger.error(`${reason} again: stopping at once`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${reason}: finishing in-flight work (up to ${running.shutdownGraceMs} ms) and stopping`);
    // the grace bounds the HTTP drain; the bus and the stores get a little more, and then the
    // process goes whatever is still pending, so a stop always ends
    setTimeout(() => {
      logger.error(`still stopping ${running.shutdownGraceMs + STOP_BACKSTOP_MS} ms after ${reason}: exiting now`);
      process.exit(1);
    }, running.shutdownGraceMs + STOP_BACKSTOP_MS).unref();
    await running.stop().catch((e: unknown) => logger.error(`error while stopping: ${errorText(e)}`));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM received'));
  process.on('SIGINT', () => void shutdown('SIGINT received'));
  // `npm start`: npm killed alone leaves node running with nothing to stop it; a hub started any other
  // way (a process manager, `node … &`) keeps running whatever its parent does
  if (process.env.npm_lifecycle_event) watchLauncher(() => void shutdown('npm, which started this process, has exited'));
}

/** What stopping the bus, projections and stores may take after the HTTP drain, before the process exits anyway. */
const STOP_BACKSTOP_MS = 10_000;
