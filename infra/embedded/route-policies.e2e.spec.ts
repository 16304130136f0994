import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { routesOf, startEmbedded, type RunningHost } from '@ehc/host';
import { testAccessTokens, type TestAccessTokens, dropSchemasWithPrefix } from '@ehc/testing';
import { objectScopeOf, policyOf } from '@ehc/identity';
import { allServices, frontEnds } from './main';

/**
 * Deny by default (issue 11): every route of every service declares who may call it. A route added
 * without `@Allow(…)` or `@Public(…)` fails here, before it can answer anyone.
 */
describe('every route declares its access policy', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let host: RunningHost;
  let tokens: TestAccessTokens;

  beforeAll(async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    tokens = await testAccessTokens(clock);
    host = await startEmbedded(allServices, { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' }, { clock, accessTokens: tokens.verifier, frontEnds });
  });

  afterAll(async () => {
    await host?.stop();
    await dropSchemasWithPrefix(prefix);
  });

  it('finds the routes of all five services and the platform', () => {
    const routes = routesOf(host.app).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining([
      'GET /health', 'POST /needs-assessments', 'POST /needs-assessments/:id/:command', 'GET /people/:personId',
      'GET /annual-reviews/:planId', 'POST /settings/import', 'POST /calendar/bank-holidays/import',
    ]));
  });

  it('has no route without a policy', () => {
    const missing = routesOf(host.app).filter((r) => !policyOf(r.handler, r.controller)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('has no id in a path without an object-level check, or a stated reason it needs none', () => {
    const undeclared = routesOf(host.app)
      // a page's ids are the API's to check: it calls the API with the user's own token
      .filter((r) => r.path.includes('/:') && !objectScopeOf(r.handler, r.controller) && policyOf(r.handler, r.controller)?.kind !== 'page')
      .map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('checks the caller\'s relationship on every route of a case or a plan', () => {
    const unscoped = routesOf(host.app)
      .filter((r) => /^\/(needs-assessments\/:id|annual-reviews\/:planId)/.test(r.path) && objectScopeOf(r.handler, r.controller)?.kind !== 'scoped')
      .map((r) => `${r.method} ${r.path}`);
    expect(unscoped).toEqual([]);
  });

  it('serves the workspace\'s pages as pages: their own policy, never public, never an API route', () => {
    const pages = routesOf(host.app).filter((r) => policyOf(r.handler, r.controller)?.kind === 'page').map((r) => `${r.method} ${r.path}`);
    expect(pages).toEqual(expect.arrayContaining(['GET /', 'GET /sign-in', 'GET /cases/:id', 'POST /cases/:id/:step', 'GET /plans/:id', 'GET /imports']));
    expect(pages.filter((p) => /^(GET|POST) \/(needs-assessments|annual-reviews|settings|people|access|audit|calendar)(\/|$)/.test(p))).toEqual([]);
  });

  it('makes public only what holds no personal data', () => {
    const open = routesOf(host.app).filter((r) => policyOf(r.handler, r.controller)?.kind === 'public').map((r) => `${r.method} ${r.path}`);
    // a survey link's page: the token is its key, and it shows questions, never the child or the case
    expect(open.sort()).toEqual(['GET /health', 'GET /s/:token', 'GET /s/assets/survey.css', 'POST /s/:token', 'POST /surveys/opt-out/:token']);
  });

  it('keeps erasure, rebuilds and the calendar\'s changes to the administrator', () => {
    const rolesOf = (method: string, path: string) => {
      const route = routesOf(host.app).find((r) => r.method === method && r.path === path)!;
      const policy = policyOf(route.handler, route.controller)!;
      return policy.kind === 'roles' ? [...policy.roles] : [];
    };
    for (const path of ['/needs-assessments/:id/erase-personal-data', '/annual-reviews/:planId/erase-personal-data', '/needs-assessments/projections/rebuild', '/calendar/bank-holidays/import', '/calendar/bank-holidays']) {
      expect([path, rolesOf('POST', path)]).toEqual([path, ['administrator']]);
    }
    expect(rolesOf('GET', '/needs-assessments/:id')).not.toContain('finance');
    expect(rolesOf('GET', '/needs-assessments/:id')).not.toContain('performance-reader');
  });
});
