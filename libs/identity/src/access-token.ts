import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { fail, ok, type Clock, type Result } from '@ehc/domain-kernel';

/**
 * Asymmetric algorithms only. An HMAC algorithm would let anyone holding the provider's public key
 * sign a token with it as the "secret" (algorithm confusion), and `none` signs nothing.
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'] as const;

export interface AccessTokenVerifierOptions {
  /** The provider's issuer URL, exactly as it writes `iss` (Keycloak: `…/realms/<realm>`). */
  issuer: string;
  /** This hub's audience: a token minted for another application is refused. */
  audience: string;
  /** The provider's signing keys: `createRemoteJWKSet(jwks_uri)` in a running hub. */
  keys: JWTVerifyGetKey;
  clock: Clock;
  /** Seconds of clock skew tolerated between the provider and the hub. */
  clockToleranceSeconds?: number;
  /**
   * Tokens verified once are remembered by their exact text until they expire, so a caller's next
   * requests with the same token cost a lookup, not a signature check (default 10,000 tokens; 0
   * remembers none). Only tokens that passed every check are kept. A token stays accepted until its
   * `exp` even if its key leaves the provider's JWKS, as it would while the JWKS is cached.
   */
  rememberedTokens?: number;
}

/** The caller, as the provider vouches for them. */
export interface VerifiedCaller {
  /** `sub`: the stable id of the user or service account; events record it as the actor. */
  subject: string;
  roles: string[];
  /** The OAuth client the token was issued to (`azp`, or `client_id` for client credentials). */
  clientId: string | null;
  name: string | null;
  expiresAt: string;
}

export type TokenRefusal =
  | 'TokenMissing' | 'TokenMalformed' | 'TokenExpired' | 'TokenNotYetValid' | 'WrongIssuer'
  | 'WrongAudience' | 'AlgorithmNotAllowed' | 'BadSignature' | 'UnknownSigningKey' | 'NoSubject';

export class AccessTokenVerifier {
  private readonly remembered = new Map<string, { caller: VerifiedCaller; validFromMs: number; validUntilMs: number }>();

  constructor(private readonly options: AccessTokenVerifierOptions) {}

  /** From the `Authorization` header: `Bearer <JWT>`, nothing else. */
  async verifyHeader(authorization: string | undefined): Promise<Result<VerifiedCaller, TokenRefusal>> {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
    if (!authorization) return fail('TokenMissing');
    if (!match) return fail('TokenMalformed');
    return this.verify(match[1]);
  }

  async verify(token: string): Promise<Result<VerifiedCaller, TokenRefusal>> {
    const now = this.options.clock();
    const known = this.remembered.get(token);
    // within the times jose would take it; outside them it is checked afresh (and refused as expired)
    if (known && now.getTime() >= known.validFromMs && now.getTime() < known.validUntilMs) return ok(known.caller);
    if (known) this.remembered.delete(token);
    const tolerance = this.options.clockToleranceSeconds ?? 30;
    try {
      const { payload } = await jwtVerify(token, this.options.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: [...ALLOWED_ALGORITHMS],
        currentDate: now,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) return fail('NoSubject');
      const caller = callerOf(payload);
      this.remember(token, caller, typeof payload.nbf === 'number' ? (payload.nbf - tolerance) * 1000 : -Infinity, (payload.exp! + tolerance) * 1000);
      return ok(caller);
    } catch (error) {
      return fail(refusalOf(error));
    }
  }

  private remember(token: string, caller: VerifiedCaller, validFromMs: number, validUntilMs: number): void {
    const limit = this.options.rememberedTokens ?? 10_000;
    if (limit <= 0) return;
    // the oldest first: a Map keeps the order tokens were verified in
    while (this.remembered.size >= limit) this.remembered.delete(this.remembered.keys().next().value!);
    Object.freeze(caller.roles);
    this.remembered.set(token, { caller: Object.freeze(caller), validFromMs, validUntilMs });
  }
}

/** Verification against the provider's published keys, fetched (and cached) from its JWKS URL. */
export const remoteSigningKeys = (jwksUri: string): JWTVerifyGetKey => createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });

function callerOf(payload: JWTPayload): VerifiedCaller {
  const claims = payload as JWTPayload & { roles?: unknown; realm_access?: { roles?: unknown }; azp?: unknown; client_id?: unknown; name?: unknown; preferred_username?: unknown };
  // a provider puts roles in `roles` (Entra ID, the embedded provider) or `realm_access.roles` (Keycloak)
  const roles = [claims.roles, claims.realm_access?.roles].flatMap((r) => (Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []));
  const text = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    subject: payload.sub!,
    roles: [...new Set(roles)].sort(),
    clientId: text(claims.azp) ?? text(claims.client_id),
    name: text(claims.name) ?? text(claims.preferred_username),
    expiresAt: new Date(payload.exp! * 1000).toISOString(),
  };
}

function refusalOf(error: unknown): TokenRefusal {
  if (error instanceof errors.JWTExpired) return 'TokenExpired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'WrongIssuer';
    if (error.claim === 'aud') return 'WrongAudience';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'TokenNotYetValid';
    return 'TokenMalformed';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'AlgorithmNotAllowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'BadSignature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'UnknownSigningKey';
  return 'TokenMalformed';
}
