import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { createHmac } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { AccessTokenVerifier, remoteSigningKeys } from './access-token';

const ISSUER = 'https://id.example-council.gov.uk/realms/ehc-hub';
const AUDIENCE = 'ehc-hub';
const NOW = '2026-03-02T10:00:00Z';
const now = Date.parse(NOW) / 1000;

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

describe('access tokens, verified against the provider\'s published keys', () => {
  let providerKey: { privateKey: KeyLike; publicKey: KeyLike };
  let otherKey: { privateKey: KeyLike; publicKey: KeyLike };
  let publicJwk: JWK;
  let jwks: Server;
  let jwksUrl: string;
  let verifier: AccessTokenVerifier;

  const token = (claims: Record<string, unknown> = {}, o: { key?: KeyLike; kid?: string; alg?: string } = {}) =>
    new SignJWT({
      sub: 'staff-7f3a', realm_access: { roles: ['caseworker'] }, azp: 'workspace', name: 'Asha Patel',
      iss: ISSUER, aud: AUDIENCE, iat: now - 60, exp: now + 300, ...claims,
    })
      .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'provider-1' })
      .sign(o.key ?? providerKey.privateKey);

  beforeAll(async () => {
    providerKey = await generateKeyPair('RS256');
    otherKey = await generateKeyPair('RS256');
    publicJwk = { ...(await exportJWK(providerKey.publicKey)), kid: 'provider-1', alg: 'RS256', use: 'sig' };
    // the provider's JWKS endpoint, over real HTTP, as the hub reads it in production
    jwks = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/realms/ehc-hub/protocol/openid-connect/certs`;
    verifier = new AccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: remoteSigningKeys(jwksUrl), clock: fixedClock(NOW) });
  });

  afterAll(async () => {
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('takes a valid token and says who is calling', async () => {
    const result = await verifier.verifyHeader(`Bearer ${await token({ roles: ['team-manager'] })}`);
    expect(result).toEqual({ ok: true, value: {
      subject: 'staff-7f3a', roles: ['caseworker', 'team-manager'], clientId: 'workspace', name: 'Asha Patel',
      expiresAt: new Date((now + 300) * 1000).toISOString(),
    } });
  });

  it.each([
    ['no header', undefined, 'TokenMissing'],
    ['a Basic header', 'Basic dXNlcjpwYXNz', 'TokenMalformed'],
    ['a bearer that is no JWT', 'Bearer abc', 'TokenMalformed'],
  ])('refuses %s', async (_, header, refusal) => {
    expect(await verifier.verifyHeader(header)).toEqual({ ok: false, error: refusal });
  });

  it('refuses an expired token, and one not valid yet, by the injected clock', async () => {
    expect(await verifier.verify(await token({ exp: now - 31 }))).toEqual({ ok: false, error: 'TokenExpired' });
    expect(await verifier.verify(await token({ nbf: now + 120 }))).toEqual({ ok: false, error: 'TokenNotYetValid' });
    // the same token, read an hour earlier, is not yet expired: the clock is the injected one
    const early = new AccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: remoteSigningKeys(jwksUrl), clock: fixedClock('2026-03-02T09:59:00Z') });
    expect((await early.verify(await token({ exp: now - 31 }))).ok).toBe(true);
  });

  it('refuses a token from another issuer, or for another audience', async () => {
    expect(await verifier.verify(await token({ iss: 'https://evil.example/realms/ehc-hub' }))).toEqual({ ok: false, error: 'WrongIssuer' });
    expect(await verifier.verify(await token({ aud: 'another-app' }))).toEqual({ ok: false, error: 'WrongAudience' });
  });

  it('refuses a tampered token: a role added after signing', async () => {
    const [header, , signature] = (await token()).split('.');
    const forged = b64url({ sub: 'staff-7f3a', realm_access: { roles: ['administrator'] }, iss: ISSUER, aud: AUDIENCE, iat: now - 60, exp: now + 300 });
    expect(await verifier.verify(`${header}.${forged}.${signature}`)).toEqual({ ok: false, error: 'BadSignature' });
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    expect(await verifier.verify(await token({}, { key: otherKey.privateKey }))).toEqual({ ok: false, error: 'BadSignature' });
    expect(await verifier.verify(await token({}, { key: otherKey.privateKey, kid: 'not-published' }))).toEqual({ ok: false, error: 'UnknownSigningKey' });
  });

  it('refuses alg "none"', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'staff-7f3a', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 })}.`;
    expect(await verifier.verify(unsigned)).toEqual({ ok: false, error: 'AlgorithmNotAllowed' });
  });

  it('refuses HS256 signed with the provider\'s public key as the secret (algorithm confusion)', async () => {
    const pem = await exportSPKI(providerKey.publicKey);
    const header = b64url({ alg: 'HS256', typ: 'JWT', kid: 'provider-1' });
    const payload = b64url({ sub: 'staff-7f3a', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300, realm_access: { roles: ['administrator'] } });
    const signature = createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url');
    expect(await verifier.verify(`${header}.${payload}.${signature}`)).toEqual({ ok: false, error: 'AlgorithmNotAllowed' });
    // and with the key given locally, as a symmetric secret would be, it is still refused
    const local = new AccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: createLocalJWKSet({ keys: [publicJwk] }), clock: fixedClock(NOW) });
    expect(await local.verify(`${header}.${payload}.${signature}`)).toEqual({ ok: false, error: 'AlgorithmNotAllowed' });
  });

  it('refuses a token with no subject: an event must name its actor', async () => {
    expect(await verifier.verify(await token({ sub: undefined }))).toEqual({ ok: false, error: 'NoSubject' });
  });
});
