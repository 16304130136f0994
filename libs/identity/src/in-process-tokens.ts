import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { Clock } from '@ehc/domain-kernel';
import { AccessTokenVerifier } from './access-token';
import type { Role } from './policy';

export interface Caller {
  /** `sub`: what events record as the actor. */
  sub: string;
  roles: readonly Role[];
  name?: string;
}

/**
 * A signing key that lives and dies with this process, and the verifier that trusts it: for tools
 * that drive a hub they started themselves (benchmarks, the tests). Nobody outside the process can
 * hold the key, so nobody outside can present such a token.
 */
export interface InProcessTokens {
  issuer: string;
  verifier: AccessTokenVerifier;
  /** The public key, as a JWKS serves it. */
  jwk: JWK;
  signingKey: KeyLike;
  /** The private key as a JWK: another process of the same tool signs with it (a benchmark's clients). */
  privateJwk: JWK;
  /** A token for the caller, issued by the clock (valid for an hour); `claims` override any claim. */
  token(caller: Caller, claims?: Record<string, unknown>): Promise<string>;
}

export async function inProcessTokens(clock: Clock, issuer = 'urn:ehc-hub:in-process', audience = 'ehc-hub', privateJwk?: JWK): Promise<InProcessTokens> {
  const pair = privateJwk
    ? { privateKey: (await importJWK(privateJwk, 'ES256')) as KeyLike, publicKey: (await importJWK({ ...privateJwk, d: undefined }, 'ES256')) as KeyLike }
    : await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'in-process-1', alg: 'ES256', use: 'sig' };
  return {
    issuer,
    jwk,
    signingKey: pair.privateKey,
    privateJwk: await exportJWK(pair.privateKey),
    verifier: new AccessTokenVerifier({ issuer, audience, keys: createLocalJWKSet({ keys: [jwk] }), clock }),
    token(caller, claims = {}) {
      const now = Math.floor(clock().getTime() / 1000);
      return new SignJWT({
        sub: caller.sub, roles: [...caller.roles], name: caller.name ?? caller.sub, azp: 'in-process',
        iss: issuer, aud: audience, iat: now - 60, exp: now + 3600, ...claims,
      }).setProtectedHeader({ alg: 'ES256', kid: jwk.kid! }).sign(pair.privateKey);
    },
  };
}

/** For a host a tool starts only to reach its stores (an import, the demo seeding): no token opens its routes. */
export function noCallers(clock: Clock): AccessTokenVerifier {
  return new AccessTokenVerifier({ issuer: 'urn:ehc-hub:no-callers', audience: 'ehc-hub', keys: createLocalJWKSet({ keys: [] }), clock });
}
