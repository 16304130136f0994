import type { Clock } from '@ehc/domain-kernel';
import { AccessTokenVerifier, remoteSigningKeys } from './access-token';

/** How long a starting service waits for its provider (Keycloak takes half a minute to come up). */
const DISCOVERY_PATIENCE_MS = 60_000;

/**
 * The verifier for tokens of the provider at `issuer` (OIDC_ISSUER_URL): its signing keys from the
 * `jwks_uri` its discovery document names. The document must name the same issuer, or a token's
 * `iss` could never match.
 */
export async function discoverVerifier(options: { issuer: string; audience: string; clock: Clock; log?: (line: string) => void }): Promise<AccessTokenVerifier> {
  const issuer = options.issuer.replace(/\/$/, '');
  const url = `${issuer}/.well-known/openid-configuration`;
  const deadline = performance.now() + DISCOVERY_PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const discovery = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (discovery.issuer !== issuer) throw new DiscoveryError(`${url} names the issuer ${JSON.stringify(discovery.issuer)}, not ${issuer}: set OIDC_ISSUER_URL to the provider's issuer exactly`);
      if (typeof discovery.jwks_uri !== 'string') throw new DiscoveryError(`${url} names no jwks_uri`);
      return new AccessTokenVerifier({ issuer, audience: options.audience, keys: remoteSigningKeys(discovery.jwks_uri), clock: options.clock });
    } catch (error) {
      if (error instanceof DiscoveryError) throw error;
      if (performance.now() > deadline) {
        throw new DiscoveryError(`The OpenID provider at ${issuer} did not answer ${url} within ${DISCOVERY_PATIENCE_MS / 1000} s (${(error as Error).message})`);
      }
      if (attempt === 1) options.log?.(`waiting for the OpenID provider at ${issuer} (${(error as Error).message})`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

export class DiscoveryError extends Error {}
