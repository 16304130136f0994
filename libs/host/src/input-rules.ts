import type { OpenAPIObject } from '@nestjs/swagger';
import type { RequestHandler } from 'express';
import { badRequest, bodyFaults, problem, queryFaults, textFault } from '@ehc/http';

/*
 * The rules every request meets before any route sees it, so that no route can forget them: its
 * path and query string (each parameter once, no NUL), the type of its body (JSON only, or CSV on an
 * import route) and the text in its body (no NUL, no lone surrogate, no number beyond 2^53). A
 * refused request reaches no handler, so it appends nothing.
 */

/** `%00` in the path or a query parameter given twice (`?q=a&q=b`) is a 400 naming it. */
export const requestTargetRule: RequestHandler = (req, _res, next) => {
  let path = req.path;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    // a malformed escape is the router's to answer (its 400), not a fault of ours to name
  }
  const pathFault = textFault('path', path);
  const faults = [...(pathFault ? [pathFault] : []), ...queryFaults(req.query as Record<string, unknown>)];
  next(faults.length ? badRequest(faults) : undefined);
};

/** A parser before this one has read the body (body-parser reads it to its end). */
const bodyRead = (req: { readableEnded: boolean }): boolean => req.readableEnded;

/** Whether the request carries a body at all: a GET, or a POST without one, meets no type rule. */
const hasBody = (headers: Record<string, string | string[] | undefined>): boolean =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/**
 * A body no parser before this one took is of a type the route does not read: 415 naming the types
 * it does. A form (`application/x-www-form-urlencoded`, `multipart/form-data`) is one: a page on
 * another site can post a form without asking, but not JSON.
 */
export function unsupportedMediaType(accepted: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (bodyRead(req) || !hasBody(req.headers)) return next();
    const given = req.headers['content-type'] ? `this body is ${String(req.headers['content-type']).split(';')[0].trim()}` : 'this body has no content-type';
    const detail = `This endpoint takes ${accepted.join(', ')}; ${given}.`;
    next(problem(415, 'UnsupportedMediaType', 'The request body is of a type this endpoint does not take', detail, {
      accepted, errors: [{ field: 'content-type', rule: 'UnsupportedMediaType', message: detail }],
    }));
  };
}

/** Every string in a parsed body without NUL or lone surrogates, every number exact: else a 400 naming each field. */
export const bodyTextRule: RequestHandler = (req, _res, next) => {
  if (!bodyRead(req) || req.body === undefined) return next();
  const faults = bodyFaults(req.body);
  next(faults.length ? badRequest(faults) : undefined);
};

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const PROBLEM_COMPONENT = {
  type: 'object',
  description: 'RFC 9457 problem details: `type` names the rule broken, `errors` each field at fault',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    correlationId: { type: 'string', description: 'the id to find this request in the logs' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'rule', 'message'], properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/**
 * The answers the rules above give, in every operation of the OpenAPI document they apply to: 400
 * for an operation with a body or query parameters, 415 for one with a body. An operation that
 * describes its own keeps it.
 */
export function describeInputRules(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem ??= PROBLEM_COMPONENT;
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const responses = (operation.responses ??= {});
      const takesQuery = (operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
      const takesBody = operation.requestBody !== undefined;
      if ((takesQuery || takesBody || item.parameters?.length || operation.parameters?.length) && !responses['400']) {
        responses['400'] = { description: 'Malformed: the problem names each field or parameter at fault and the rule it breaks (`errors`): a parameter given twice, a number out of range, a NUL character or lone surrogate in any text', content: PROBLEM_CONTENT };
      }
      if (takesBody && !responses['415']) {
        const types = Object.keys((operation.requestBody as { content?: Record<string, unknown> }).content ?? { 'application/json': {} });
        responses['415'] = { description: `UnsupportedMediaType: the body is not ${types.join(' or ')} (a form is refused); the problem names the accepted types (\`accepted\`)`, content: PROBLEM_CONTENT };
      }
    }
  }
}
