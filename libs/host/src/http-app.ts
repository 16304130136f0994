import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyDecorators, Controller, Get, HttpCode, Inject, Module, SetMetadata, type DynamicModule, type INestApplication, type Type, Res } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CqrsModule } from '@nestjs/cqrs';
import { DocumentBuilder, SwaggerModule, ApiOperation, ApiResponse, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import { json, Router, text, urlencoded, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { bankHolidayCalendarStatus, systemClock } from '@ehc/domain-kernel';
import { ConfigError, env } from '@ehc/config';
import { correlation, JsonLogger } from '@ehc/http';
import { problem, ProblemFilter } from '@ehc/http';
import type { ServiceRuntime } from './runtime';
import { lagChecks, lagLimitsFromEnv, type LagLimits } from './lag-checks';
import { routesOf } from './routes';
import { ACCESS_DIRECTORY, ACCESS_TOKEN_VERIFIER, AccessGuard, authenticate, PostgresAccessDirectory, Public, type AccessDirectory, type AccessTokenVerifier } from '@ehc/identity';
import { AccessDirectoryController } from './access-directory.controller';
import { type PagePaths, securityHeaders } from './security-headers';
import { rateLimitsFromEnv, signInAttemptLimit, unauthenticatedLimit, type RateLimits } from './rate-limits';
import { describeAccess, finishDocument } from './openapi-document';
import { SUBJECT_ACCESS_RUNTIMES, SubjectAccessController } from './subject-access';
import type { ConnectionDrain } from './connection-drain';
import type { IdempotencyKeys } from '@ehc/commands';
import { describeIdempotency, idempotency } from './idempotency';
import { bodyTextRule, describeInputRules, requestTargetRule, unsupportedMediaType } from './input-rules';
import { multipartForm } from './page-uploads';
import type { MessageBus } from './message-bus';
import type { BankHolidayCalendar } from '@ehc/calendar';
import { BANK_HOLIDAY_CALENDAR, BankHolidaysController } from '@ehc/calendar';
import { AUDIT_LOG, AuditController, AuditInterceptor, type AuditLog } from '@ehc/audit';

export const HEALTH_SOURCES = Symbol('HEALTH_SOURCES');

export interface HealthSources {
  runtimes: ServiceRuntime[];
  bus: MessageBus;
  /** Past these, the answer is `degraded` (still ready): by default from the environment. */
  lagLimits?: LagLimits;
}

@ApiTags('health')
@Public('liveness and readiness for the orchestrator: up or down, no personal data')
@Controller('health')
class HealthController {
  constructor(@Inject(HEALTH_SOURCES) private readonly sources: HealthSources) {}

  /** Liveness and readiness: the store and (in distributed mode) the broker answer. */
  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness and readiness: stores, broker, calendar, open transactions and view lag; degraded (still ready) past their limits' })
  @ApiResponse({ status: 200, description: '`status` ok or degraded (with `warnings` naming the cause): ready to serve' })
  @ApiResponse({ status: 503, description: '`status` unavailable: a store or the broker does not answer' })
  async health(@Res() res: Response) {
    const stores = await Promise.all(this.sources.runtimes.map(async (r) => {
      try {
        await r.store.readAll({ maxCount: 1 });
        await r.pool.query('SELECT 1');
        return [r.service, 'up'] as const;
      } catch {
        return [r.service, 'down'] as const;
      }
    }));
    const broker = await this.sources.bus.brokerHealthy();
    const ready = stores.every(([, s]) => s === 'up') && broker !== false;
    // a warning asks for an administrator, it never makes the service unready
    const calendar = calendarCheck();
    const lag = ready ? await lagChecks(this.sources.runtimes, this.sources.lagLimits ?? lagLimitsFromEnv()).catch(() => null) : null;
    const degraded = !!lag?.warnings.length;
    res.status(ready ? 200 : 503).json({
      status: !ready ? 'unavailable' : degraded ? 'degraded' : 'ok',
      live: true,
      ready,
      checks: {
        stores: Object.fromEntries(stores), broker: broker === 'not-used' ? 'not-used' : broker ? 'up' : 'down', calendar,
        openTransactions: lag?.openTransactions ?? null, projections: lag?.projections ?? null,
      },
      warnings: [...(lag?.warnings ?? []), ...(calendar.warning ? [calendar.warning] : [])],
    });
  }
}

/**
 * How far the bank holidays are confirmed, and whether a working day was computed beyond that: a
 * proclamation for that year could still move a deadline already given to a family.
 */
export function calendarCheck(): { confirmedThrough: number; latestYearComputedBeyondConfirmed: number | null; warning: string | null } {
  const { confirmedThrough, latestYearComputedBeyondConfirmed: beyond } = bankHolidayCalendarStatus();
  const warning = beyond === null ? null
    : `Working days have been computed for ${beyond}, beyond ${confirmedThrough}, the last year whose bank holidays were confirmed: `
      + 'import the published list (POST /calendar/bank-holidays/import) so a new proclamation cannot move a deadline unseen.';
  return { confirmedThrough, latestYearComputedBeyondConfirmed: beyond, warning };
}

export interface HttpAppOptions {
  title: string;
  description: string;
  modules: (Type<unknown> | DynamicModule)[];
  health: HealthSources;
  logger: JsonLogger;
  /** OpenAPI operations a service describes itself (one per command), added to the document. */
  documentPaths?: Record<string, unknown>;
  /** The hub's bank-holiday calendar, served under /calendar/bank-holidays. */
  calendar?: BankHolidayCalendar;
  /** Request body limits; by default from the environment (`IMPORT_MAX_BYTES`), read once here. */
  bodyLimits?: BodyLimits;
  /** Marks every answer given while the host is stopping `Connection: close`. */
  drain?: ConnectionDrain;
  /** Where `Idempotency-Key`s and their first answers are kept; without it the header is ignored. */
  idempotencyKeys?: IdempotencyKeys;
  /** Verifies the callers' access tokens: every route but a public one needs one, with a role it allows. */
  accessTokens: AccessTokenVerifier;
  /**
   * Teams and links: the object-level checks' relationships; the one kept in PostgreSQL also gets the
   * administrator's API to change them (/access).
   */
  accessDirectory?: AccessDirectory;
  /** Handlers served under their path before any body is read (the embedded OpenID provider at /oidc). */
  mounts?: { path: string; handler: (req: IncomingMessage, res: ServerResponse) => void }[];
  /** A web front end's pages: their own security policy (scripts, styles, forms), not the API's. */
  pages?: PagePaths;
  /** Where reads of personal data are recorded (routes marked `@AuditedRead`), searched and verified under /audit. */
  auditLog?: AuditLog;
  /** Sign-in attempts and unauthenticated requests per address; by default from the environment, on the system clock. */
  rateLimits?: RateLimits;
}

/**
 * One way to stand a service (or all five, embedded) up over HTTP: JSON logs with correlation ids,
 * RFC 9457 errors, OpenAPI at /docs, /health, the bank-holiday calendar, graceful shutdown.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  @Module({
    imports: [CqrsModule.forRoot(), ...options.modules],
    controllers: [HealthController, SubjectAccessController, ...(options.calendar ? [BankHolidaysController] : []), ...(options.auditLog ? [AuditController] : []),
      ...(options.accessDirectory instanceof PostgresAccessDirectory ? [AccessDirectoryController] : [])],
    providers: [
      { provide: HEALTH_SOURCES, useValue: options.health },
      { provide: SUBJECT_ACCESS_RUNTIMES, useValue: options.health.runtimes },
      { provide: ACCESS_TOKEN_VERIFIER, useValue: options.accessTokens },
      ...(options.accessDirectory ? [{ provide: ACCESS_DIRECTORY, useValue: options.accessDirectory }] : []),
      // deny by default: a route with no policy answers nobody
      { provide: APP_GUARD, useClass: AccessGuard },
      ...(options.calendar ? [{ provide: BANK_HOLIDAY_CALENDAR, useValue: options.calendar }] : []),
      // after the guard: a read is recorded with the caller it verified
      ...(options.auditLog ? [{ provide: AUDIT_LOG, useValue: options.auditLog }, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }] : []),
    ],
  })
  class AppModule {}

  const limits = options.bodyLimits ?? bodyLimitsFromEnv();
  // the body parsers are ours, with a limit per route (Nest's own would take any route's body up to 100 kB)
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: options.logger, bufferLogs: false, bodyParser: false });
  const imports = importRoutes(app);
  app.disable('x-powered-by');
  if (options.drain) app.use(options.drain.middleware);
  app.use(securityHeaders('/docs', options.pages));
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv(process.env, systemClock);
  for (const mount of options.mounts ?? []) app.use(mount.path, signInAttemptLimit(rateLimits.signIn), mount.handler);
  app.use(bodyParsers(limits, imports, options.pages));
  app.use(withCorrelation);
  app.use(authenticate(options.accessTokens));
  app.use(unauthenticatedLimit(rateLimits.unauthenticated));
  if (options.idempotencyKeys) app.use(idempotency(options.idempotencyKeys));
  app.useGlobalFilters(new ProblemFilter());
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build());
  Object.assign(document.paths, options.documentPaths ?? {});
  describeImportLimit(document, imports, limits.importBytes);
  if (options.idempotencyKeys) describeIdempotency(document as { paths: Record<string, Record<string, any>> });
  describeInputRules(document);
  finishDocument(document as unknown as Record<string, any>);
  describeAccess(document as unknown as Record<string, any>, routesOf(app));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  return app;
}

function withCorrelation(req: Request, res: Response, next: NextFunction): void {
  const header = req.header('x-correlation-id');
  const correlationId = header && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
  res.setHeader('x-correlation-id', correlationId);
  correlation.run({ correlationId }, next);
}

/**
 * A command or any other JSON body. The largest legitimate ones are free texts the services cap at
 * 100,000 characters (a review report, proposed changes, representations, a form): about 100 kB of
 * UTF-8 in English prose, 200 kB even if every character took two bytes. 256 KiB holds one with room
 * for the rest of the command, and stops a body of megabytes before it is read into memory.
 */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;
/** The CSV imports by default (`IMPORT_MAX_BYTES`): a county's plans or the whole GIAS extract with room to spare. */
export const DEFAULT_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** An import body is held in memory while it is read; a larger file goes through the CLI, streamed from disk. */
const IMPORT_MAX_BYTES_CEILING = 1024 * 1024 * 1024;
/** The import routes take CSV as text (or JSON `{"csv": "…"}`). */
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];

export interface BodyLimits {
  /** Commands and every other JSON (or form) body. */
  jsonBytes: number;
  /** Routes marked `@ImportBody()`: a CSV file, or JSON with the file in it. */
  importBytes: number;
}

/** `IMPORT_MAX_BYTES`: a whole number of bytes (default 52428800, 50 MiB); a malformed value stops the start (exit 78). */
export function bodyLimitsFromEnv(source: Record<string, string | undefined> = process.env): BodyLimits {
  const raw = env.optional(source, 'IMPORT_MAX_BYTES');
  const importBytes = raw === undefined ? DEFAULT_IMPORT_MAX_BYTES : Number(raw);
  if (raw !== undefined && (!/^\d+$/.test(raw) || importBytes < 1 || importBytes > IMPORT_MAX_BYTES_CEILING)) {
    throw new ConfigError(`IMPORT_MAX_BYTES must be a whole number of bytes from 1 to ${IMPORT_MAX_BYTES_CEILING} (1 GiB), got "${raw}"`);
  }
  return { jsonBytes: JSON_BODY_LIMIT_BYTES, importBytes };
}

const IMPORT_BODY = 'ehc:import-body';

/**
 * Marks a route that takes an import file: its body (CSV, or JSON with the CSV in it) may be up to
 * the import limit rather than the command limit. Documents the 413 in the OpenAPI.
 */
export function ImportBody(): MethodDecorator {
  return applyDecorators(
    SetMetadata(IMPORT_BODY, true),
    ApiResponse({
      status: 413,
      description: 'PayloadTooLarge: the file is larger than the import limit (IMPORT_MAX_BYTES, default 50 MiB); the problem names the limit (`limitBytes`). Nothing was imported.',
      content: { 'application/problem+json': { schema: {
        type: 'object',
        properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer', example: 413 }, detail: { type: 'string' }, limitBytes: { type: 'integer' } },
        example: {
          type: 'https://ehc-hub.example/problems/PayloadTooLarge', title: 'The request body is larger than this endpoint takes', status: 413,
          detail: 'This endpoint takes a body of at most 50 MiB (52,428,800 bytes); this one is 61,203,440 bytes.', limitBytes: DEFAULT_IMPORT_MAX_BYTES,
        },
      } } },
    }),
  );
}

interface ImportRoute { method: string; path: string }

/** The routes marked `@ImportBody()`, from the controllers Nest has loaded. */
function importRoutes(app: INestApplication): ImportRoute[] {
  return routesOf(app).filter((r) => Reflect.getMetadata(IMPORT_BODY, r.handler)).map(({ method, path }) => ({ method, path }));
}

/**
 * The body parsers, each with its limit: the import routes' files up to the import limit, every
 * other JSON body up to the command limit; any other type of body is a 415 (input-rules). A body over its limit is answered 413 with the
 * limit, before more than the limit is held in memory.
 */
function bodyParsers(limits: BodyLimits, imports: ImportRoute[], pages?: PagePaths): RequestHandler[] {
  const answered = (parse: RequestHandler, limit: number): RequestHandler => (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      // the error comes before the correlation middleware: give its answer the request's id too
      withCorrelation(req, res, () => next(bodyProblem(error, limit)));
    });
  const importParsers = [
    answered(text({ type: CSV_TYPES, limit: limits.importBytes }), limits.importBytes),
    answered(json({ limit: limits.importBytes }), limits.importBytes),
    answered(unsupportedMediaType([...CSV_TYPES, 'application/json']), limits.importBytes),
  ];
  const importRouter = Router();
  for (const { method, path } of imports) {
    importRouter.route(path).all((req, _res, next) => (method === 'ALL' || req.method === method ? next() : next('route')), ...importParsers);
  }
  // a front end's pages take their own forms (each carries the session's CSRF token, checked by the page's guard)
  const pageForms = answered(urlencoded({ extended: false, limit: limits.jsonBytes, parameterLimit: 200 }), limits.jsonBytes);
  // a page that uploads a file (an import) takes a multipart form on its POST, up to the import limit; no other path does
  const pageUploads = answered(multipartForm(limits.importBytes), limits.importBytes);
  const pageRouter: RequestHandler = (req, res, next) => {
    if (!pages?.matches(req.path)) return next();
    if (req.method === 'POST' && pages.uploads?.(req.path)) return pageUploads(req, res, (error?: unknown) => (error === undefined ? pageForms(req, res, next) : next(error)));
    return pageForms(req, res, next);
  };
  // a body the import router has read is not read again: each parser skips a finished request
  // JSON only (issue 18): a form could be posted by a page on any site; the import routes take CSV too
  return [
    answered(requestTargetRule, limits.jsonBytes),
    importRouter,
    pageRouter,
    answered(json({ limit: limits.jsonBytes }), limits.jsonBytes),
    answered(unsupportedMediaType(['application/json']), limits.jsonBytes),
    answered(bodyTextRule, limits.jsonBytes),
  ];
}

/** What body-parser's errors become: problems (RFC 9457), a JSON syntax error left to the filter (MalformedJson). */
function bodyProblem(error: unknown, limit: number): unknown {
  if (error instanceof SyntaxError) return error;
  const e = error as { type?: unknown; status?: unknown; length?: unknown; message?: unknown };
  if (e.type === 'entity.too.large') {
    const size = typeof e.length === 'number' ? `; this one is ${e.length.toLocaleString('en-GB')} bytes` : '';
    const detail = `This endpoint takes a body of at most ${describeBytes(limit)}${size}.`;
    return problem(413, 'PayloadTooLarge', 'The request body is larger than this endpoint takes', detail, {
      limitBytes: limit, errors: [{ field: 'body', rule: 'PayloadTooLarge', message: detail }],
    });
  }
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return problem(415, 'UnsupportedBodyEncoding', 'The body is in a character set or content encoding this endpoint does not read', String(e.message));
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return problem(e.status, 'UnreadableBody', 'The request body could not be read', String(e.message), {
      errors: [{ field: 'body', rule: 'UnreadableBody', message: String(e.message) }],
    });
  }
  return error;
}

function describeBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-GB')} bytes`;
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB (${exact})`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB (${exact})`;
  return exact;
}

/** The import routes' 413 in the OpenAPI states this server's limit. */
function describeImportLimit(document: OpenAPIObject, imports: ImportRoute[], limit: number): void {
  for (const { method, path } of imports) {
    const response = document.paths[path]?.[method.toLowerCase() as 'post']?.responses?.['413'];
    if (response && 'description' in response) {
      response.description = `PayloadTooLarge: the file is larger than this server's import limit, ${describeBytes(limit)} (IMPORT_MAX_BYTES); the problem names the limit (\`limitBytes\`). Nothing was imported.`;
    }
  }
}
