import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, startFrontEnd, type RunningHost } from '@ehc/host';
import { CALLERS, dropSchemasWithPrefix, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { Sessions } from '../../services/workspace/src/sessions';
import { workspaceFrontEnd } from '../../services/workspace/src/workspace.module';
import { allServices } from './main';

/**
 * Distributed mode's workspace: its own process (here its own host on its own port and pool),
 * people signed in at OIDC_ISSUER_URL, the pages' data from the services at NEEDS_ASSESSMENT_URL
 * and ANNUAL_REVIEW_URL, called with the user's own token.
 */
describe('the workspace as its own process (distributed mode)', () => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let tokens: TestAccessTokens;
  let hub: RunningHost;
  let workspace: Awaited<ReturnType<typeof startFrontEnd>>;
  let reference: string;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    hub = await startEmbedded(allServices, { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent' }, { clock, accessTokens: tokens.verifier });
    const intake = await tokens.as(hub.url, CALLERS.teamManager);
    reference = (await intake.post('/needs-assessments')
      .send({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-11-02', caseworker: 'cw-ayesha' }).expect(201)).body.reference;
    workspace = await startFrontEnd(workspaceFrontEnd, {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', HOST: '127.0.0.1', PUBLIC_URL: 'https://workspace.example-council.gov.uk', LOG_LEVEL: 'silent',
      WORKSPACE_SCHEMA: `${prefix}workspace`, OIDC_ISSUER_URL: tokens.issuer, NEEDS_ASSESSMENT_URL: hub.url, ANNUAL_REVIEW_URL: hub.url, TRIBUNAL_URL: hub.url, FUNDING_URL: hub.url, SURVEYS_URL: hub.url, PERFORMANCE_URL: hub.url,
    }, { clock });
  });
  afterAll(async () => {
    await workspace?.stop();
    await hub?.stop();
    await tokens?.close();
    await dropSchemasWithPrefix(prefix);
  });

  it('sends a browser to the provider it discovered, with PKCE, to come back to its public address', async () => {
    const start = await fetch(`${workspace.url}/sign-in/start?return=%2F`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const to = new URL(start.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${tokens.issuer}/auth`);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: 'workspace', response_type: 'code', code_challenge_method: 'S256', redirect_uri: 'https://workspace.example-council.gov.uk/workspace/signed-in',
    });
    // behind https, the session cookie is Secure (none is set before sign-in)
    expect(start.headers.get('set-cookie')).toBeNull();
  });

  it('shows a signed-in caseworker their work from the needs-assessment service, with their own token', async () => {
    const sessions = await Sessions.open(hub.runtimes[0].pool, `${prefix}workspace`, clock);
    const accessToken = await tokens.token({ sub: 'cw-ayesha', roles: ['caseworker'], name: 'Ayesha Khan' });
    const id = await sessions.create({ subject: 'cw-ayesha', name: 'Ayesha Khan', roles: ['caseworker'], accessToken, accessTokenExpiresAt: new Date(clock().getTime() + 3_600_000), refreshToken: null });
    const page = await fetch(`${workspace.url}/`, { headers: { cookie: `ehc_session=${id}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(reference);
    expect(html).toContain('Amara Okafor');
    expect(html).toContain('Ayesha Khan');
    expect((await fetch(`${workspace.url}/health`)).status).toBe(200);
  });

  it('shows the survey results from the surveys service at SURVEYS_URL', async () => {
    const sessions = await Sessions.open(hub.runtimes[0].pool, `${prefix}workspace`, clock);
    const accessToken = await tokens.token({ sub: 'pr-morgan', roles: ['performance-reader'], name: 'Morgan Reed' });
    const id = await sessions.create({ subject: 'pr-morgan', name: 'Morgan Reed', roles: ['performance-reader'], accessToken, accessTokenExpiresAt: new Date(clock().getTime() + 3_600_000), refreshToken: null });
    const page = await fetch(`${workspace.url}/feedback`, { headers: { cookie: `ehc_session=${id}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    // the last 12 months as of the workspace's clock (26 November 2026)
    expect(html).toContain('December 2025 to November 2026');
    expect(html).toMatch(/Response rate<\/dt>\s*<dd class="ehc-count__number">No invitations/);
  });
});
