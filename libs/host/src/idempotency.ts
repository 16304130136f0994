import { createHash, randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { idempotencyScope, IDEMPOTENCY_WINDOW_HOURS, type IdempotencyClaim, type IdempotencyKeys, type KeyRecord } from '@ehc/commands';
import { problem } from '@ehc/http';
import { callerOf } from '@ehc/identity';

/** Keys are the client's: a UUID is usual; any visible ASCII up to 200 characters is taken. */
const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;
/** How long a claimed key without an answer is taken to belong to a request still running. */
const RUNNING_LEASE_MS = 30_000;

/**
 * `Idempotency-Key` on every POST (commands, creations, imports). The same key and request within
 * 24 hours gets the first answer again, and nothing is appended; the same key with another request
 * is a 422. Repeats in this process wait for the first to finish, so 20 identical requests sent at
 * once have one effect and 20 identical answers; a repeat reaching another instance while the first
 * runs is told so (409, retry). The claim commits with the events (executeCommand), so a request
 * answered 500 after its commit is never carried out twice.
 */
export function idempotency(keys: IdempotencyKeys): RequestHandler {
  const running = new Map<string, Promise<void>>();

  /** One request per key at a time in this process; the next starts when the previous one has answered. */
  async function turn(key: string): Promise<() => void> {
    while (running.has(key)) await running.get(key);
    let release!: () => void;
    running.set(key, new Promise<void>((r) => (release = r)));
    return () => { running.delete(key); release(); };
  }

  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!KEY_SHAPE.test(key)) {
      return next(problem(400, 'MalformedIdempotencyKey', 'The Idempotency-Key header is not a usable key', 'Send 1 to 200 visible ASCII characters, e.g. a UUID.', {
        errors: [{ field: 'header Idempotency-Key', rule: 'MalformedIdempotencyKey', message: 'must be 1 to 200 visible ASCII characters' }],
      }));
    }
    const fingerprint = fingerprintOf(req);
    void (async () => {
      const release = await turn(key);
      let handedOver = false;
      try {
        const record = await keys.find(key);
        if (record) return answerFrom(keys, record, key, fingerprint, res, next);
        const claim: IdempotencyClaim = { key, fingerprint, requestId: randomUUID(), keys };
        const captured = captureBody(res);
        res.once('close', () => {
          const answered = res.statusCode >= 200 && res.statusCode < 300 && res.writableFinished;
          const stored = answered
            ? keys.answer(claim, { status: res.statusCode, contentType: headerOf(res, 'content-type'), location: headerOf(res, 'location'), body: captured() })
            : Promise.resolve();
          // the next repeat is let in once this answer is stored, or known never to be
          stored.catch(() => undefined).finally(release);
        });
        handedOver = true;
        idempotencyScope.run(claim, next);
      } catch (error) {
        next(error);
      } finally {
        if (!handedOver) release();
      }
    })();
  };
}

function answerFrom(keys: IdempotencyKeys, record: KeyRecord, key: string, fingerprint: string, res: Response, next: NextFunction): void {
  if (record.fingerprint !== fingerprint) {
    return next(problem(422, 'IdempotencyKeyReused', 'This Idempotency-Key was used for another request',
      `Idempotency-Key ${key} was first sent with another method, path, caller or body in the last ${IDEMPOTENCY_WINDOW_HOURS} hours; use a new key for a new request.`, {
        errors: [{ field: 'header Idempotency-Key', rule: 'IdempotencyKeyReused', message: 'already used for a different request' }],
      }));
  }
  if (record.answer) {
    const { status, contentType, location, body } = record.answer;
    res.status(status).setHeader('Idempotent-Replayed', 'true');
    if (contentType) res.setHeader('Content-Type', contentType);
    if (location) res.setHeader('Location', location);
    res.end(body);
    return;
  }
  // claimed and committed, with no answer stored: running elsewhere, or its process stopped before answering
  if (keys.claimedWithin(record, RUNNING_LEASE_MS)) {
    res.setHeader('Retry-After', '1');
    return next(problem(409, 'IdempotentRequestInProgress', 'The same request is being carried out',
      `Another request with Idempotency-Key ${key} is being carried out; send it again in a moment for its answer.`, { retryAfterSeconds: 1 }));
  }
  next(problem(409, 'IdempotentRequestCarriedOut', 'This request was carried out, but its answer was lost',
    `The request with Idempotency-Key ${key} was carried out at ${record.createdAt.toISOString()}, and the server stopped before answering it. `
    + 'It will not be carried out again: read the case or plan for its current state.', { carriedOutAt: record.createdAt.toISOString() }));
}

/** The same request: method, path with query, the caller it acts for, and the body (keys in any order). */
function fingerprintOf(req: Request): string {
  const body = typeof req.body === 'string' ? req.body : canonicalJson(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.originalUrl}\n${callerOf(req)?.subject ?? ''}\n${body}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Keeps what the answer's body was, to replay it. */
function captureBody(res: Response): () => string {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? encoding as BufferEncoding : 'utf8'));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => { keep(chunk, rest[0]); return (write as (...a: unknown[]) => boolean)(chunk, ...rest); }) as Response['write'];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => { keep(chunk, rest[0]); return (end as (...a: unknown[]) => Response)(chunk, ...rest); }) as Response['end'];
  return () => Buffer.concat(chunks).toString('utf8');
}

function headerOf(res: Response, name: string): string | null {
  const value = res.getHeader(name);
  return value === undefined ? null : String(value);
}

/** Every POST in the OpenAPI document takes the header, and says what a reused or busy key answers. */
export function describeIdempotency(document: { paths: Record<string, Record<string, any>> }): void {
  for (const operations of Object.values(document.paths)) {
    const post = operations.post;
    if (!post) continue;
    post.parameters = [...(post.parameters ?? []), {
      name: 'Idempotency-Key', in: 'header', required: false,
      description: `Makes a retry safe: the same key with the same request within ${IDEMPOTENCY_WINDOW_HOURS} hours gets the first answer again `
        + '(header `Idempotent-Replayed: true`) and changes nothing. Use a new key, e.g. a UUID, for each new request.',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
    }];
    post.responses ??= {};
    const problemContent = { 'application/problem+json': { schema: { type: 'object' } } };
    const add = (status: string, description: string) => {
      const existing = post.responses[status];
      if (existing) existing.description = `${existing.description ?? ''} ${description}`.trim();
      else post.responses[status] = { description, content: problemContent };
    };
    add('400', 'MalformedIdempotencyKey: the Idempotency-Key header is not 1 to 200 visible ASCII characters.');
    add('409', 'IdempotentRequestInProgress: the same request (same Idempotency-Key) is being carried out; retry after a second. '
      + 'IdempotentRequestCarriedOut: it was carried out, and its answer was lost; it will not be carried out again.');
    add('422', 'IdempotencyKeyReused: the Idempotency-Key was used for a different request in the last 24 hours.');
  }
}
