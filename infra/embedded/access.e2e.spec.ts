import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { exportSPKI, importJWK, SignJWT, type KeyLike } from 'jose';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { ALL_ROLES, type Role } from '@ehc/identity';
import { CALLERS, testAccessTokens, type TestAccessTokens, dropSchemasWithPrefix } from '@ehc/testing';
import { allServices } from './main';

type Operation = { security?: { bearer?: string[] }[]; 'x-roles'?: Role[] };
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Every operation of the OpenAPI document of all five services, walked as callers who should not
 * get in: no token, tokens the hub must refuse, and tokens without a role the operation allows. A
 * route added without a policy answers nobody (route-policies.e2e.spec.ts), and one whose document
 * says roles the guard does not enforce fails here.
 */
describe('access: every route refuses callers without a valid token and a role it allows', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let operations: { method: string; path: string; url: string; operation: Operation }[];
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const now = Math.floor(clock().getTime() / 1000);
  const prefix = `t${randomUUID().slice(0, 8)}_`;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    // every operation answered 401 many times over from one address: the limit of those is rate-limits.e2e.spec.ts's to test
    host = await startEmbedded(allServices, { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent', UNAUTHENTICATED_REQUESTS_PER_MINUTE: '1000000' }, { clock, accessTokens: tokens.verifier });
    const document = (await request(host.url).get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, operation]) => ({
      method, path, operation, url: path.replace(/\{(\w+)\}/g, () => randomUUID()),
    })));
  });
  afterAll(async () => {
    await host?.stop();
    await tokens?.close();
    await dropSchemasWithPrefix(prefix);
  });

  const guarded = () => operations.filter((o) => o.operation.security?.length);
  const send = (o: { method: string; url: string }, authorization?: string) => {
    const req = (request(host.url) as unknown as Record<string, (url: string) => request.Test>)[o.method](o.url);
    return authorization ? req.set('Authorization', authorization) : req;
  };

  it('declares every operation but /health as needing a bearer token with named roles', () => {
    expect(operations.length).toBeGreaterThan(40);
    const open = operations.filter((o) => !o.operation.security?.length).map((o) => `${o.method} ${o.path}`);
    expect(open).toEqual(['get /health']);
    for (const o of guarded()) expect([o.path, o.operation['x-roles']?.length]).toEqual([o.path, expect.any(Number)]);
  });

  it('answers 401 with WWW-Authenticate to a request without a token, on every guarded operation', async () => {
    for (const o of guarded()) {
      const res = await send(o);
      expect([o.method, o.path, res.status, res.headers['www-authenticate']]).toEqual([o.method, o.path, 401, 'Bearer']);
      expect(res.body.type).toMatch(/TokenMissing$/);
    }
  });

  it('answers 401 naming the fault to an expired, altered, foreign, misdirected, unsigned or HMAC-signed token', async () => {
    const caller = CALLERS.dutyOfficer;
    const good = await tokens.token(caller);
    const [header, payload] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    // algorithm confusion: the provider's public key, as PEM, used as an HMAC secret
    const publicPem = await exportSPKI((await importJWK(tokens.publicJwk, 'ES256')) as KeyLike);
    const bad: [string, string][] = [
      ['TokenExpired', await tokens.token(caller, { iat: now - 7200, exp: now - 3600 })],
      ['BadSignature', `${header}.${base64url({ ...claims, roles: ['administrator'] })}.${good.split('.')[2]}`],
      ['WrongIssuer', await tokens.token(caller, { iss: 'https://someone-else.example/realms/ehc-hub' })],
      ['WrongAudience', await tokens.token(caller, { aud: 'another-application' })],
      ['AlgorithmNotAllowed', `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`],
      ['AlgorithmNotAllowed', await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'tests-1' }).sign(new TextEncoder().encode(publicPem))],
    ];
    for (const o of guarded()) {
      for (const [refusal, token] of bad) {
        const res = await send(o, `Bearer ${token}`);
        expect([o.method, o.path, refusal, res.status]).toEqual([o.method, o.path, refusal, 401]);
        expect([o.path, res.body.type]).toEqual([o.path, expect.stringMatching(new RegExp(`${refusal}$`))]);
        expect(res.headers['www-authenticate']).toMatch(new RegExp(`error="invalid_token", error_description="${refusal}"`));
      }
    }
  });

  it('answers 403 to a valid token without a role the operation allows, and lets a role it allows through the guard', async () => {
    for (const o of guarded()) {
      const allowed = o.operation['x-roles']!;
      const outsiders = ALL_ROLES.filter((r) => !allowed.includes(r));
      for (const roles of [[], ...outsiders.map((r) => [r])]) {
        const res = await send(o, `Bearer ${await tokens.token({ sub: 'someone', roles })}`);
        expect([o.method, o.path, roles, res.status, res.body.type]).toEqual([o.method, o.path, roles, 403, expect.stringMatching(/RoleNotAllowed$/)]);
      }
      const insider = await send(o, `Bearer ${await tokens.token({ sub: 'someone', roles: [allowed[0]] })}`);
      expect([o.method, o.path, [401, 403].includes(insider.status)]).toEqual([o.method, o.path, false]);
    }
  });
});
