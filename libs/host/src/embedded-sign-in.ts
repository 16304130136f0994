import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import type { Clock } from '@ehc/domain-kernel';
import { AccessTokenVerifier, remoteSigningKeys } from '@ehc/identity';
import { createIdentityProvider, firstRunBanner } from '@ehc/identity-provider';
import type { JsonLogger } from '@ehc/http';

/** Where a host's callers are told who they are, and how their tokens are checked. */
export interface SignIn {
  accessTokens: AccessTokenVerifier;
  /** A handler the host serves under `path` before anything reads a body (the embedded provider). */
  mount?: { path: string; handler: (req: IncomingMessage, res: ServerResponse) => void };
  close(): Promise<void>;
}

/**
 * Embedded mode's own OpenID provider, at `<public URL>/oidc` on the hub's port. The services check
 * its tokens exactly as they check Keycloak's (a verifier reading the provider's published keys);
 * only the issuer differs. On the first start it creates the administrator and prints the one-time
 * password, once.
 */
export async function embeddedSignIn(options: { pool: Pool; schema: string; publicUrl: string; port: number; clock: Clock; logger: JsonLogger }): Promise<SignIn> {
  const issuer = `${options.publicUrl.replace(/\/+$/, '')}/oidc`;
  const provider = await createIdentityProvider({
    pool: options.pool, schema: options.schema, issuer, audience: 'ehc-hub', clock: options.clock, log: (line) => options.logger.log(line),
  });
  const first = await provider.firstRun();
  // the only time this password is shown: it is kept hashed, and must be changed at the first sign-in
  if (first) process.stdout.write(`\n${firstRunBanner(first, options.publicUrl)}\n\n`);
  // the keys are read over HTTP from the provider's own JWKS, on the address the hub listens on
  const jwks = new URL(provider.jwksUri);
  const local = `http://127.0.0.1:${options.port}${jwks.pathname}`;
  return {
    accessTokens: new AccessTokenVerifier({ issuer: provider.issuer, audience: 'ehc-hub', keys: remoteSigningKeys(local), clock: options.clock }),
    mount: { path: new URL(provider.issuer).pathname, handler: provider.handler },
    close: () => provider.close(),
  };
}
