import type { DynamicModule } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Clock } from '@ehc/domain-kernel';
import type { JsonLogger } from '@ehc/http';
import type { AccessTokenVerifier } from '@ehc/identity';
import type { PagePaths } from './security-headers';

/**
 * What a host gives a web front end (the workspace, later the portal): it owns no domain data, so
 * it gets no event store, only a place for its sessions, the provider to sign people in with, and
 * the hub's API to call with their tokens.
 */
export interface FrontEndContext {
  /** For the front end's own tables (sessions), in `schema`. */
  pool: Pool;
  schema: string;
  clock: Clock;
  logger: JsonLogger;
  /** Reads the signed-in user's access token: who they are, their roles. */
  accessTokens: AccessTokenVerifier;
  /** The OpenID provider: `issuer` as browsers reach it; `serverIssuer()` as this server does (the same, or loopback). */
  oidc: { issuer: string; serverIssuer: () => string; clientId: string };
  /** Where people reach the hub (PUBLIC_URL): the sign-in callback is under it. */
  publicUrl: string;
  /**
   * Where this server calls the hub's API for a path (`/needs-assessments/…`): embedded, its own
   * port on loopback, known once it listens; distributed, the service that owns the path.
   */
  apiUrl: (path: string) => string;
}

export interface FrontEnd {
  name: string;
  /** Its pages' paths: they get the pages' security policy, not the API's. */
  pages: (context: { oidcIssuer: string }) => PagePaths;
  module(context: FrontEndContext): DynamicModule;
}
