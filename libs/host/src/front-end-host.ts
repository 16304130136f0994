import { Pool } from 'pg';
import { systemClock } from '@ehc/domain-kernel';
import { discoverVerifier } from '@ehc/identity';
import { ConfigError, env, type Env } from '@ehc/config';
import { JsonLogger } from '@ehc/http';
import { bodyLimitsFromEnv, createHttpApp } from './http-app';
import { ConnectionDrain, shutdownGraceFromEnv } from './connection-drain';
import { refuseDevelopmentSecrets } from './development-secrets';
import { EmbeddedBus } from './message-bus';
import { rateLimitsFromEnv } from './rate-limits';
import type { FrontEnd } from './front-end';
import type { HostOptions, RunningHost } from './service-host';

/** Which service answers which paths of the API, by its address in the environment. */
const API_OWNERS: { prefix: string; variable: string }[] = [
  { prefix: '/needs-assessments', variable: 'NEEDS_ASSESSMENT_URL' },
  { prefix: '/people', variable: 'NEEDS_ASSESSMENT_URL' },
  { prefix: '/access', variable: 'NEEDS_ASSESSMENT_URL' },
  { prefix: '/annual-reviews', variable: 'ANNUAL_REVIEW_URL' },
  { prefix: '/settings', variable: 'ANNUAL_REVIEW_URL' },
  { prefix: '/appeal-windows', variable: 'TRIBUNAL_URL' },
  { prefix: '/mediations', variable: 'TRIBUNAL_URL' },
  { prefix: '/appeals', variable: 'TRIBUNAL_URL' },
  { prefix: '/funding', variable: 'FUNDING_URL' },
  { prefix: '/surveys', variable: 'SURVEYS_URL' },
  { prefix: '/performance', variable: 'PERFORMANCE_URL' },
];

/**
 * Distributed mode's web front end (the workspace) in its own process: no event store, no broker,
 * its sessions in DATABASE_URL's `WORKSPACE_SCHEMA` (default `workspace`), people signed in at
 * OIDC_ISSUER_URL, the API called at each service's own address (NEEDS_ASSESSMENT_URL,
 * ANNUAL_REVIEW_URL, TRIBUNAL_URL, FUNDING_URL, SURVEYS_URL, PERFORMANCE_URL) with the user's token. PUBLIC_URL is where people reach it.
 */
export async function startFrontEnd(frontEnd: FrontEnd, source: Env = process.env, options: HostOptions = {}): Promise<Pick<RunningHost, 'app' | 'url' | 'stop' | 'shutdownGraceMs'>> {
  const logger = new JsonLogger(frontEnd.name, source.LOG_LEVEL === 'silent');
  refuseDevelopmentSecrets(source);
  const port = env.port(source, 'PORT', 3000);
  const publicUrl = env.url(source, 'PUBLIC_URL', ['http', 'https']).replace(/\/+$/, '');
  const databaseUrl = env.url(source, 'DATABASE_URL', ['postgres', 'postgresql']);
  const schema = env.schemaName(source, 'WORKSPACE_SCHEMA', 'workspace');
  if (!env.optional(source, 'OIDC_ISSUER_URL')) throw new ConfigError('OIDC_ISSUER_URL is not set: name the OpenID provider people sign in with');
  const issuer = env.url(source, 'OIDC_ISSUER_URL', ['http', 'https']).replace(/\/+$/, '');
  const owners = new Map(API_OWNERS.map((o) => [o.variable, env.url(source, o.variable, ['http', 'https']).replace(/\/+$/, '')]));
  const apiUrl = (path: string) => owners.get((API_OWNERS.find((o) => path.startsWith(o.prefix)) ?? API_OWNERS[0]).variable)!;
  const clock = options.clock ?? systemClock;
  const accessTokens = options.accessTokens ?? await discoverVerifier({ issuer, audience: env.string(source, 'OIDC_AUDIENCE', 'ehc-hub'), clock, log: (line) => logger.log(line) });
  const shutdownGraceMs = shutdownGraceFromEnv(source);
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const pages = frontEnd.pages({ oidcIssuer: issuer });
  const drain = new ConnectionDrain();
  try {
    const app = await createHttpApp({
      title: `EHC Hub: ${frontEnd.name}`, description: 'The caseworker workspace: pages, not an API.',
      modules: [frontEnd.module({ pool, schema, clock, logger, accessTokens, oidc: { issuer, serverIssuer: () => issuer, clientId: env.string(source, 'OIDC_WORKSPACE_CLIENT_ID', 'workspace') }, publicUrl, apiUrl })],
      // nothing of its own to report but that it answers: the services report their stores
      health: { runtimes: [], bus: new EmbeddedBus(logger) },
      logger, drain, accessTokens, pages, bodyLimits: bodyLimitsFromEnv(source), rateLimits: options.rateLimits ?? rateLimitsFromEnv(source, clock),
    });
    await app.listen(port, source.HOST ?? '0.0.0.0');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    logger.log(`${frontEnd.name} listening on ${url} (people reach it at ${publicUrl})`);
    return {
      app, url, shutdownGraceMs,
      stop: async () => {
        await drain.drain(app.getHttpServer(), shutdownGraceMs);
        await app.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
