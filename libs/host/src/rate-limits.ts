import { isIPv4 } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '@ehc/domain-kernel';
import { env, type Env } from '@ehc/config';
import { problem } from '@ehc/http';
import type { AuthenticatedRequest } from '@ehc/identity';

/** Sign-in attempts a minute from one address by default (`SIGN_IN_ATTEMPTS_PER_MINUTE`). */
export const DEFAULT_SIGN_IN_ATTEMPTS_PER_MINUTE = 10;
/** Requests answered 401 a minute from one address by default (`UNAUTHENTICATED_REQUESTS_PER_MINUTE`). */
export const DEFAULT_UNAUTHENTICATED_REQUESTS_PER_MINUTE = 60;
const MINUTE_MS = 60_000;
/** Addresses remembered at once: past this the oldest windows are forgotten (a flood of addresses cannot fill the memory). */
const MAX_ADDRESSES = 100_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed window per key (a caller's address), from its first counted request: at most `limit` in
 * `windowMs`. Kept in this process's memory: each process of a distributed deployment counts on
 * its own, and a restart forgets every count.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedMs: number; count: number }>();
  private sweptMs = 0;

  constructor(readonly limit: number, readonly windowMs: number, private readonly clock: Clock) {}

  /** Is the key within its limit? Counts nothing. */
  check(key: string): RateDecision {
    const now = this.clock().getTime();
    const window = this.current(key, now);
    if (!window || window.count < this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.startedMs + this.windowMs - now) / 1000)) };
  }

  /** Counts one request for the key. */
  record(key: string): void {
    const now = this.clock().getTime();
    this.sweep(now);
    const window = this.current(key, now);
    if (window) window.count++;
    else {
      if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, { startedMs: now, count: 1 });
    }
  }

  /** Counts the request if the key is within its limit; a refused one is not counted. */
  take(key: string): RateDecision {
    const decision = this.check(key);
    if (decision.allowed) this.record(key);
    return decision;
  }

  private current(key: string, now: number) {
    const window = this.windows.get(key);
    if (!window) return undefined;
    if (now - window.startedMs >= this.windowMs || now < window.startedMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(now: number): void {
    if (now - this.sweptMs < this.windowMs) return;
    this.sweptMs = now;
    for (const [key, window] of this.windows) if (now - window.startedMs >= this.windowMs) this.windows.delete(key);
  }
}

export interface RateLimits {
  /** POSTs to the embedded provider's sign-in pages and token endpoint. */
  signIn: RateLimiter;
  /** Requests answered 401 (no token, or a token refused). */
  unauthenticated: RateLimiter;
}

/**
 * `SIGN_IN_ATTEMPTS_PER_MINUTE` (default 10) and `UNAUTHENTICATED_REQUESTS_PER_MINUTE` (default
 * 60), per address; a malformed value stops the start (exit 78).
 */
export function rateLimitsFromEnv(source: Env, clock: Clock): RateLimits {
  return {
    signIn: new RateLimiter(env.wholeNumber(source, 'SIGN_IN_ATTEMPTS_PER_MINUTE', DEFAULT_SIGN_IN_ATTEMPTS_PER_MINUTE, { min: 1, max: 100_000 }), MINUTE_MS, clock),
    unauthenticated: new RateLimiter(env.wholeNumber(source, 'UNAUTHENTICATED_REQUESTS_PER_MINUTE', DEFAULT_UNAUTHENTICATED_REQUESTS_PER_MINUTE, { min: 1, max: 1_000_000 }), MINUTE_MS, clock),
  };
}

/**
 * Whom a limit counts: the address the request came from (Express's `req.ip`: the socket's peer
 * unless `trust proxy` is set). An IPv6 address counts by its /64, the block one subscriber gets.
 */
export function clientKey(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The embedded provider's paths (below its mount) where a secret is tried: a password, a one-time code, a client secret. */
const SIGN_IN_ATTEMPT = /^\/(token|interaction\/[^/]+\/(sign-in|new-password|authenticator))\/?$/;

/**
 * Served before the embedded OpenID provider: each POST of a password, a code or a client secret
 * counts; past the limit the answer is 429 without asking the provider. (The account's own lock,
 * five wrong answers in a row, still holds: this one stops one address trying many accounts.)
 */
export function signInAttemptLimit(limiter: RateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !SIGN_IN_ATTEMPT.test(req.path)) return next();
    const decision = limiter.take(clientKey(req));
    if (decision.allowed) return next();
    tooManyRequests(res, decision.retryAfterSeconds, 'TooManySignInAttempts', 'Too many sign-in attempts from this address',
      `At most ${limiter.limit} sign-in attempts a minute are taken from one address. Try again in ${decision.retryAfterSeconds} s.`);
  };
}

/**
 * Served after the access token is read: a request with a verified token passes untouched. From an
 * address whose requests were answered 401 more than the limit this minute, anything without one
 * is refused 429 before it reaches a route (guessing tokens, or scanning for routes).
 */
export function unauthenticatedLimit(limiter: RateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req as AuthenticatedRequest).caller) return next();
    const key = clientKey(req);
    const decision = limiter.check(key);
    if (!decision.allowed) {
      return tooManyRequests(res, decision.retryAfterSeconds, 'TooManyUnauthenticatedRequests', 'Too many requests without a valid access token from this address',
        `At most ${limiter.limit} requests a minute without a valid access token are answered from one address. Try again in ${decision.retryAfterSeconds} s, with a token.`);
    }
    res.on('finish', () => { if (res.statusCode === 401) limiter.record(key); });
    next();
  };
}

function tooManyRequests(res: Response, retryAfterSeconds: number, rule: string, title: string, detail: string): void {
  const body = problem(429, rule, title, detail, { retryAfterSeconds }).problem;
  const correlationId = res.getHeader('x-correlation-id');
  res.status(429).setHeader('Retry-After', String(retryAfterSeconds));
  res.type('application/problem+json').json(correlationId ? { ...body, correlationId } : body);
}
