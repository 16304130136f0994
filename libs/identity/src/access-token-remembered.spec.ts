import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey, type KeyLike } from 'jose';
import type { Clock } from '@ehc/domain-kernel';
import { AccessTokenVerifier } from './access-token';

const ISSUER = 'https://id.example-council.gov.uk/realms/ehc-hub';
const START = Date.parse('2026-03-02T10:00:00Z');

describe('a token verified once is remembered until it expires', () => {
  let key: KeyLike;
  let keys: JWTVerifyGetKey;
  let now: number;
  let lookups: number;
  const clock: Clock = () => new Date(now);
  const counted: JWTVerifyGetKey = (header, token) => { lookups++; return keys(header, token); };
  const token = (claims: Record<string, unknown> = {}) => new SignJWT({
    sub: 'staff-7f3a', roles: ['caseworker'], iss: ISSUER, aud: 'ehc-hub', iat: START / 1000 - 60, exp: START / 1000 + 300, ...claims,
  }).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).sign(key);
  const verifier = (rememberedTokens?: number) => new AccessTokenVerifier({ issuer: ISSUER, audience: 'ehc-hub', keys: counted, clock, rememberedTokens });

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
  });
  beforeEach(() => { now = START; lookups = 0; });

  it('checks the signature once, then answers the same caller', async () => {
    const v = verifier();
    const t = await token();
    const first = await v.verify(t);
    const again = await v.verify(t);
    expect(first).toEqual({ ok: true, value: expect.objectContaining({ subject: 'staff-7f3a', roles: ['caseworker'] }) });
    expect(again).toEqual(first);
    expect(lookups).toBe(1);
  });

  it('refuses it as expired once its exp (and the 30 s skew) has passed, as the first check would', async () => {
    const v = verifier();
    const t = await token();
    await v.verify(t);
    now = START + 329_000;
    expect((await v.verify(t)).ok).toBe(true);
    now = START + 330_000;
    expect(await v.verify(t)).toEqual({ ok: false, error: 'TokenExpired' });
  });

  it('checks afresh a token not yet valid at the clock (a clock set back)', async () => {
    const v = verifier();
    const t = await token({ nbf: START / 1000 });
    await v.verify(t);
    now = START - 31_000;
    expect(await v.verify(t)).toEqual({ ok: false, error: 'TokenNotYetValid' });
  });

  it('remembers no refused token, and nothing with rememberedTokens 0', async () => {
    const v = verifier();
    const foreign = await token({ iss: 'https://elsewhere.example' });
    await v.verify(foreign);
    expect(await v.verify(foreign)).toEqual({ ok: false, error: 'WrongIssuer' });
    expect(lookups).toBe(2);
    const none = verifier(0);
    const t = await token();
    await none.verify(t);
    await none.verify(t);
    expect(lookups).toBe(4);
  });

  it('keeps at most rememberedTokens, forgetting the oldest', async () => {
    const v = verifier(2);
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((sub) => token({ sub })));
    for (const t of [a, b, c]) await v.verify(t);
    lookups = 0;
    await v.verify(c);
    await v.verify(b);
    expect(lookups).toBe(0);
    await v.verify(a);
    expect(lookups).toBe(1);
  });
});
