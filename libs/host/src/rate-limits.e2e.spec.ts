import { freePort } from '@ehc/tooling';
import type { Request } from 'express';
import { ConfigError } from '@ehc/config';
import type { Clock } from '@ehc/domain-kernel';
import { createIdentityProvider } from '@ehc/identity-provider';
import { createTestSchema, type TestSchema } from '@ehc/testing';
import { clientKey, RateLimiter, rateLimitsFromEnv, type RateLimits } from './rate-limits';
import { Module } from '@nestjs/common';
import { startEmbedded, type RunningHost, type ServiceDefinition } from './service-host';

@Module({})
class NothingModule {}
const nothing = (schema: string): ServiceDefinition => ({ name: 'nothing', schema, defaultPort: 0, entities: [], module: () => ({ module: NothingModule }) });

/** A time source the test moves by hand: the limits' minute passes without waiting for it. */
function movableClock(start = '2026-03-02T10:00:00Z') {
  let now = Date.parse(start);
  const clock: Clock = () => new Date(now);
  return { clock, advance: (ms: number) => { now += ms; } };
}

describe('a fixed window per address', () => {
  it('takes the limit within the minute, refuses the next with the seconds left, and takes again after the minute', () => {
    const time = movableClock();
    const limiter = new RateLimiter(10, 60_000, time.clock);
    for (let i = 0; i < 10; i++) expect(limiter.take('192.0.2.1')).toEqual({ allowed: true });
    expect(limiter.take('192.0.2.1')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    time.advance(45_500);
    expect(limiter.take('192.0.2.1')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    expect(limiter.take('192.0.2.2')).toEqual({ allowed: true });
    time.advance(14_500);
    expect(limiter.take('192.0.2.1')).toEqual({ allowed: true });
  });

  it('check counts nothing; record counts without refusing', () => {
    const limiter = new RateLimiter(2, 60_000, movableClock().clock);
    limiter.check('a'); limiter.check('a'); limiter.check('a');
    expect(limiter.check('a')).toEqual({ allowed: true });
    limiter.record('a'); limiter.record('a');
    expect(limiter.check('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:0:12:aaaa::1', '2001:db8:0:12::/64'],
    ['2001:0db8:0000:0012:bbbb:cccc:dddd:eeee', '2001:db8:0:12::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s as %s (an IPv6 subscriber by their /64)', (ip, key) => {
    expect(clientKey({ ip, socket: {} } as Request)).toBe(key);
  });

  it('reads SIGN_IN_ATTEMPTS_PER_MINUTE (10) and UNAUTHENTICATED_REQUESTS_PER_MINUTE (60), refusing a malformed one by name', () => {
    const clock = movableClock().clock;
    expect(rateLimitsFromEnv({}, clock).signIn.limit).toBe(10);
    expect(rateLimitsFromEnv({}, clock).unauthenticated.limit).toBe(60);
    expect(rateLimitsFromEnv({ SIGN_IN_ATTEMPTS_PER_MINUTE: '5', UNAUTHENTICATED_REQUESTS_PER_MINUTE: '600' }, clock)).toMatchObject({ signIn: { limit: 5 }, unauthenticated: { limit: 600 } });
    expect(() => rateLimitsFromEnv({ SIGN_IN_ATTEMPTS_PER_MINUTE: '0' }, clock)).toThrow(ConfigError);
    expect(() => rateLimitsFromEnv({ UNAUTHENTICATED_REQUESTS_PER_MINUTE: 'lots' }, clock)).toThrow(/^UNAUTHENTICATED_REQUESTS_PER_MINUTE must be a whole number/);
  });
});

describe('rate limits over HTTP (embedded hub, its own OpenID provider)', () => {
  let schema: TestSchema;
  let host: RunningHost;
  let base: string;
  const time = movableClock();
  const limits: RateLimits = { signIn: new RateLimiter(10, 60_000, time.clock), unauthenticated: new RateLimiter(60, 60_000, time.clock) };
  let client: { clientId: string; clientSecret: string };

  const tokenRequest = (id: string, secret: string) => fetch(`${base}/oidc/token`, {
    method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });

  beforeAll(async () => {
    schema = await createTestSchema('rate_limits');
    const port = await freePort();
    const prefix = `${schema.schema}_`;
    host = await startEmbedded([nothing('rate_limits')], { DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent' }, { rateLimits: limits });
    base = host.url;
    const admin = await createIdentityProvider({ pool: schema.pool, schema: `${prefix}identity`, issuer: `${base}/oidc`, audience: 'ehc-hub' });
    client = await admin.clients.createServiceAccount({ name: 'rate-limit-reader', roles: ['caseworker'] });
    await admin.close();
  });

  afterAll(async () => {
    await host?.stop();
    await schema?.drop();
  });

  it('answers the 11th sign-in attempt in a minute from one address 429 with Retry-After, and takes attempts again a minute later', async () => {
    for (let i = 0; i < 5; i++) expect((await tokenRequest(client.clientId, `wrong-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) {
      const page = await fetch(`${base}/oidc/interaction/no-such-sign-in/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=asha&password=guess', redirect: 'manual' });
      expect(page.status).not.toBe(429);
    }
    // reading the provider's documents is not an attempt
    expect((await fetch(`${base}/oidc/.well-known/openid-configuration`)).status).toBe(200);

    const refused = await tokenRequest(client.clientId, client.clientSecret);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ type: 'https://ehc-hub.example/problems/TooManySignInAttempts', status: 429, retryAfterSeconds: 60 });
    const page = await fetch(`${base}/oidc/interaction/no-such-sign-in/authenticator`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=123456' });
    expect(page.status).toBe(429);

    time.advance(60_000);
    expect((await tokenRequest(client.clientId, client.clientSecret)).status).toBe(200);
  });

  it('answers an address past 60 requests answered 401 in a minute 429 with Retry-After, but never a request with a valid token', async () => {
    time.advance(60_000);
    const token = ((await (await tokenRequest(client.clientId, client.clientSecret)).json()) as { access_token: string }).access_token;
    const read = (headers: Record<string, string> = {}) => fetch(`${base}/calendar/bank-holidays?year=2026`, { headers });

    // a valid token's requests are not counted, however many
    for (let i = 0; i < 70; i++) expect((await read({ authorization: `Bearer ${token}` })).status).toBe(200);
    for (let i = 0; i < 60; i++) expect((await read(i % 2 ? {} : { authorization: 'Bearer not.a.token' })).status).toBe(401);

    const refused = await read();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toMatchObject({ type: 'https://ehc-hub.example/problems/TooManyUnauthenticatedRequests', status: 429 });
    expect((await read({ authorization: 'Bearer not.a.token' })).status).toBe(429);
    // the same address with a valid token is served
    expect((await read({ authorization: `Bearer ${token}` })).status).toBe(200);

    time.advance(30_000);
    expect((await read()).headers.get('retry-after')).toBe('30');
    time.advance(30_000);
    expect((await read()).status).toBe(401);
  });
});

