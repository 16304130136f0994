import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { callerOf } from '@ehc/identity';
import { AuditLog, MAX_SUBJECT_IDS, type AuditKind } from './audit-log';

export const AUDIT_LOG = Symbol('AUDIT_LOG');

/** What an audited route shows: one case, one plan, one person, or a list of them. */
export type AuditedSubject = 'case' | 'plan' | 'person' | 'list';

interface AuditMark {
  kind: AuditKind;
  subject: AuditedSubject;
  /** Route parameters written into the endpoint as they were sent (`:command` → `decide-to-assess`). */
  literalParams: string[];
}

const AUDITED = 'ehc:audited';
/** Route parameters that name a case, a plan or a person. */
const SUBJECT_PARAMS = ['id', 'planId', 'personId'];
/** Case, plan and person ids are UUIDs; anything else in their place (a name typed into the path) is not kept. */
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Free-text query parameters (a search by the child's name) are not kept: the log is append-only,
 * so a name in it could never be erased (UK GDPR art. 17). The rows the search showed are kept by id.
 */
const REDACTED_QUERY_PARAMS = ['q'];
const MAX_QUERY_LENGTH = 1_000;
const MAX_USER_AGENT_LENGTH = 200;

/**
 * Marks a route that shows personal data: each answer (2xx), and each 404 (a probe for a record that
 * is not there), is recorded in the audit log before it is sent, with the ids it showed. An answer
 * that cannot be recorded is not sent (500): no read goes unrecorded.
 */
export const AuditedRead = (subject: AuditedSubject, options: { literalParams?: string[] } = {}) =>
  SetMetadata(AUDITED, { kind: 'read', subject, literalParams: options.literalParams ?? [] } satisfies AuditMark);

/** Marks an erasure route: recorded like a read, as kind `erasure`, with the person id it answers. */
export const AuditedErasure = () => SetMetadata(AUDITED, { kind: 'erasure', subject: 'person', literalParams: [] } satisfies AuditMark);

const AUDIT_SUBJECTS = Symbol('ehc:audit-subjects');

/**
 * Ids a handler knows it showed that neither its route nor its answer names (a letter's child):
 * so that "who read this child's record?" finds the read by the child's id too.
 */
export function auditSubjects(req: Request, ...ids: (string | null | undefined)[]): void {
  const holder = req as Request & { [AUDIT_SUBJECTS]?: string[] };
  (holder[AUDIT_SUBJECTS] ??= []).push(...ids.filter((id): id is string => typeof id === 'string' && id.length > 0));
}

/** The ids an answer shows, by the shape every case, plan and list answer has. */
function idsInAnswer(subject: AuditedSubject, kind: AuditKind, body: unknown): unknown[] {
  const b = body as Record<string, any> | null | undefined;
  if (!b || typeof b !== 'object') return [];
  if (kind === 'erasure') return [b.personId];
  const one = (x: Record<string, any> | null | undefined) => (x && typeof x === 'object' ? [x.id, x.planId, x.child?.id] : []);
  if (subject === 'list') return [...(Array.isArray(b.items) ? b.items : []), ...(Array.isArray(b.post16Transfers) ? b.post16Transfers : [])].flatMap(one);
  if (subject === 'person') return [];
  return one(b);
}

function statusOf(error: unknown): number {
  const e = error as { problem?: { status?: unknown }; getStatus?: () => number };
  if (typeof e?.problem?.status === 'number') return e.problem.status;
  if (typeof e?.getStatus === 'function') return e.getStatus();
  return 500;
}

/** `GET /needs-assessments/:id`: the route as declared, not the ids in it. */
function endpointOf(context: ExecutionContext, req: Request, literal: string[]): string {
  const parts = [Reflect.getMetadata(PATH_METADATA, context.getClass()), Reflect.getMetadata(PATH_METADATA, context.getHandler())]
    .flatMap((p) => (typeof p === 'string' ? p.split('/') : []))
    .filter(Boolean)
    .map((part) => {
      const name = part.startsWith(':') ? part.slice(1) : null;
      const value = name && literal.includes(name) ? req.params?.[name] : undefined;
      return typeof value === 'string' && /^[a-z0-9-]{1,60}$/.test(value) ? value : part;
    });
  return `${req.method} /${parts.join('/')}`;
}

const cut = (text: string | undefined, max: number): string | null => (text ? text.slice(0, max) : null);

/** The query string as sent, free text replaced by `redacted`. */
function queryOf(url: string): string | null {
  const at = url.indexOf('?');
  if (at < 0 || at === url.length - 1) return null;
  const raw = url.slice(at + 1);
  const redacted = raw.split('&').map((pair) => {
    const name = pair.split('=')[0];
    let decoded = name;
    try { decoded = decodeURIComponent(name.replace(/\+/g, ' ')); } catch { /* kept as sent */ }
    return REDACTED_QUERY_PARAMS.includes(decoded) ? `${name}=redacted` : pair;
  }).join('&');
  return cut(redacted, MAX_QUERY_LENGTH);
}

/**
 * Records the reads of the routes marked `@AuditedRead` / `@AuditedErasure`, after the access guard
 * let the caller in (a 401 or 403 showed nothing, and names no verified caller).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector, @Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const mark = this.reflector.get<AuditMark | undefined>(AUDITED, context.getHandler());
    if (!mark || context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        await this.record(mark, context, req, res.statusCode, body);
        return body;
      }),
      catchError((error: unknown) => from((async () => {
        // a 404 is someone asking for a record that is not there: worth knowing; other refusals showed nothing
        if (statusOf(error) === 404) await this.record(mark, context, req, 404, undefined);
        throw error;
      })())),
    );
  }

  private async record(mark: AuditMark, context: ExecutionContext, req: Request, status: number, body: unknown): Promise<void> {
    const caller = callerOf(req);
    const fromParams = SUBJECT_PARAMS.map((name) => req.params?.[name]);
    const named = (req as Request & { [AUDIT_SUBJECTS]?: string[] })[AUDIT_SUBJECTS] ?? [];
    const ids = [...new Set([...fromParams, ...idsInAnswer(mark.subject, mark.kind, body), ...named]
      .filter((id): id is string => typeof id === 'string' && ID_SHAPE.test(id))
      .map((id) => id.toLowerCase()))];
    await this.log.record({
      kind: mark.kind,
      actor: caller?.subject ?? 'anonymous',
      actorRoles: caller?.roles ?? [],
      clientId: caller?.clientId ?? null,
      subjectKind: mark.subject,
      subjectIds: ids.slice(0, MAX_SUBJECT_IDS),
      subjectsOmitted: Math.max(ids.length - MAX_SUBJECT_IDS, 0),
      query: queryOf(req.originalUrl),
      // a command is named once it ran (a known name); an unknown one could be any text
      endpoint: endpointOf(context, req, status < 300 ? mark.literalParams : []),
      status,
      source: req.ip ?? req.socket.remoteAddress ?? 'unknown',
      userAgent: cut(req.header('user-agent'), MAX_USER_AGENT_LENGTH),
    });
  }
}
