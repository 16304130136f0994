import { decodeJwt } from 'jose';
import { fixedClock } from '@ehc/domain-kernel';
import { AccessTokenVerifier, remoteSigningKeys } from '@ehc/identity';

/**
 * A provider's access token checked as the hub checks it (its published keys, issuer, audience),
 * on the hub's clock at the moment the token was issued: a test passes on any day it runs.
 */
export function verifiedAsIssued(token: string, provider: { issuer: string; jwksUri: string }, audience = 'ehc-hub') {
  const hub = new AccessTokenVerifier({
    issuer: provider.issuer, audience, keys: remoteSigningKeys(provider.jwksUri), clock: fixedClock(new Date((decodeJwt(token).iat! + 1) * 1000)),
  });
  return hub.verifyHeader(`Bearer ${token}`);
}
