import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { Clock } from '@ehc/domain-kernel';
import { inProcessTokens, type AccessTokenVerifier, type Caller } from '@ehc/identity';
import type { JWK, KeyLike } from 'jose';

export const TEST_AUDIENCE = 'ehc-hub';
export type TestCaller = Caller;

/**
 * An OpenID provider for tests: its own signing key, tokens for any caller, the verifier a host in
 * this process trusts them with, and its discovery document and JWKS served on 127.0.0.1, so a hub
 * started as a process of its own trusts it through OIDC_ISSUER_URL as it would Keycloak. Tokens
 * are issued by the given clock, so a suite with a fixed date works on any day.
 */
export interface TestAccessTokens {
  /** `http://127.0.0.1:<port>`: set OIDC_ISSUER_URL to it for a hub in another process. */
  issuer: string;
  verifier: AccessTokenVerifier;
  /** A signed access token for the caller; `claims` override any claim (an expired or foreign token). */
  token(caller: TestCaller, claims?: Record<string, unknown>): Promise<string>;
  /** A supertest agent sending the caller's token with every request. */
  as(url: string, caller: TestCaller): Promise<request.Agent>;
  /** The private key, for tokens a test tampers with. */
  signingKey: KeyLike;
  /** The public key the provider publishes. */
  publicJwk: JWK;
  close(): Promise<void>;
}

export async function testAccessTokens(clock: Clock): Promise<TestAccessTokens> {
  const documents: { discovery?: object; jwks?: object } = {};
  const server: Server = createServer((req, res) => {
    const body = req.url === '/.well-known/openid-configuration' ? documents.discovery : req.url === '/jwks' ? documents.jwks : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = await inProcessTokens(clock, issuer, TEST_AUDIENCE);
  // the endpoints a client signing people in is sent to (nothing answers them here: tests read where they point)
  Object.assign(documents, { discovery: { issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` }, jwks: { keys: [tokens.jwk] } });
  return {
    issuer,
    verifier: tokens.verifier,
    token: tokens.token,
    signingKey: tokens.signingKey,
    publicJwk: tokens.jwk,
    async as(url, caller) {
      return request.agent(url).set('Authorization', `Bearer ${await tokens.token(caller)}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Callers the suites use, named as the domain names them. */
export const CALLERS = {
  caseworker: { sub: 'cw-ayesha', roles: ['caseworker'] },
  otherCaseworker: { sub: 'cw-ben', roles: ['caseworker'] },
  teamManager: { sub: 'tm-priya', roles: ['team-manager'] },
  administrator: { sub: 'admin-sam', roles: ['administrator'] },
  tribunalOfficer: { sub: 'to-jo', roles: ['tribunal-officer'] },
  fundingOfficer: { sub: 'fo-sam', roles: ['funding-officer'] },
  fundingManager: { sub: 'fm-kit', roles: ['funding-officer', 'team-manager'] },
  finance: { sub: 'fin-lee', roles: ['finance'] },
  performanceReader: { sub: 'perf-ali', roles: ['performance-reader'] },
  hubService: { sub: 'service-annual-review', roles: ['hub-service'] },
  /** A caseworker who also manages the team and administers the hub: suites about something else than roles. */
  dutyOfficer: { sub: 'cw-ayesha', roles: ['caseworker', 'team-manager', 'administrator'] },
} as const satisfies Record<string, TestCaller>;
