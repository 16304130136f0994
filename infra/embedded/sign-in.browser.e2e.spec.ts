import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { base32Decode, openIdentityAdministration, totp } from '@ehc/identity-provider';
import { freePort } from '@ehc/tooling';
import { dropSchemasWithPrefix, expectAccessible, launchBrowser, screenshot, tabTo, verifiedAsIssued } from '@ehc/testing';
import { allServices } from './main';

/**
 * A member of staff signs in to the hub's own OpenID provider (embedded mode) in a real chromium,
 * as the workspace will send them: authorization code with PKCE (S256); a one-time password, a
 * new password, an authenticator app set up, and on the next sign-in its code. Every page passes
 * axe-core (WCAG 2.2 AA, nothing serious or critical), and part of the way is keyboard only.
 */
describe('signing in to the embedded provider in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let host: RunningHost;
  let browser: Browser;
  let origin: string;
  let issuer: string;
  let redirectUri: string;
  let discovery: { authorization_endpoint: string; token_endpoint: string; jwks_uri: string };
  const username = 'asha.browser';
  let oneTimePassword: string;
  const newPassword = 'kettle orchard lantern pebble';
  let secret: Buffer;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    // no OIDC_ISSUER_URL and no test verifier: the hub runs its own provider at <PUBLIC_URL>/oidc
    // (process.env has OIDC_ISSUER_URL for the other suites: this hub is given its settings alone)
    host = await startEmbedded(allServices, {
      DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), PUBLIC_URL: origin, EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
    });
    issuer = `${origin}/oidc`;
    redirectUri = `${origin}/workspace/signed-in`;
    discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as typeof discovery;
    const administration = await openIdentityAdministration({ pool: host.runtimes[0].pool, schema: `${prefix}identity` });
    ({ oneTimePassword } = await administration.accounts.create({ username, name: 'Asha Browser', roles: ['caseworker'] }));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await dropSchemasWithPrefix(prefix);
  });

  /** The hub's clock, which the provider's TOTP follows: the Date of its own answer. */
  const hubNow = async () => new Date((await fetch(`${origin}/health`)).headers.get('date')!);
  /** A code of the authenticator app the provider takes now; a code is good once, so never a step used before. */
  let lastStep = 0;
  const authenticatorCode = async () => {
    const step = Math.max(Math.floor((await hubNow()).getTime() / 30_000), lastStep + 1);
    lastStep = step;
    return totp(secret, new Date(step * 30_000));
  };

  const titleOf = (page: Page) => page.locator('h1').innerText();

  /** Opens the provider's authorization URL as the workspace does; the page it shows first. */
  async function startSignIn(context: BrowserContext) {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const page = await context.newPage();
    await page.goto(`${discovery.authorization_endpoint}?${new URLSearchParams({
      client_id: 'workspace', response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', state,
    })}`);
    return { page, verifier, state };
  }

  /** Waits for the provider to send the browser back to the workspace (no page there yet: only its URL is read). */
  async function backAtWorkspace(page: Page, submit: () => Promise<void>) {
    const arrived = page.waitForURL((url) => url.href.startsWith(`${redirectUri}?`));
    await submit();
    await arrived;
    return new URL(page.url()).searchParams;
  }

  /** The code exchanged for tokens with the verifier, and the access token checked as the hub checks it. */
  async function exchangeAndVerify(code: string, verifier: string) {
    const answer = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'workspace', code_verifier: verifier }).toString(),
    });
    expect(answer.status).toBe(200);
    const token = ((await answer.json()) as { access_token: string }).access_token;
    const verified = await verifiedAsIssued(token, { issuer, jwksUri: discovery.jwks_uri });
    if (!verified.ok) throw new Error(`the hub refused the token: ${JSON.stringify(verified.error)}`);
    return verified.value;
  }

  it('first sign-in: a wrong password, the one-time password (keyboard only), a new password, an authenticator app; the token carries the roles', async () => {
    const context = await browser.newContext();
    try {
      const { page, verifier, state } = await startSignIn(context);
      expect(await titleOf(page)).toBe('Sign in');
      await expectAccessible(page, 'the sign-in page');
      await screenshot(page, 'sign-in');

      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password', { exact: true }).fill('not the password at all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^Error: Sign in/);
      const summary = page.locator('.govuk-error-summary');
      expect(await summary.getByRole('heading').innerText()).toBe('There is a problem');
      expect(await summary.getByRole('link').getAttribute('href')).toBe('#username');
      // the username typed is kept; the password is not
      expect(await page.getByLabel('Username').inputValue()).toBe(username);
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      await expectAccessible(page, 'the sign-in page with an error');
      await screenshot(page, 'sign-in-error');

      // keyboard only: Tab to the password, type it, Enter submits the form
      await tabTo(page, '#password');
      await page.keyboard.type(oneTimePassword);
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
      expect(await titleOf(page)).toBe('Choose a new password');
      await expectAccessible(page, 'the new password page');
      await screenshot(page, 'sign-in-new-password');

      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Type your new password again').fill(newPassword);
      await page.getByRole('button', { name: 'Save password and continue' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/new-password'));
      expect(await titleOf(page)).toBe('Set up your authenticator app');
      await expectAccessible(page, 'the authenticator set-up page');
      await screenshot(page, 'sign-in-authenticator');

      // what a person types into their authenticator app: the key shown on the page
      secret = base32Decode((await page.locator('#totp-secret').innerText()).replace(/\s+/g, ''));
      await page.getByLabel('Enter the 6-digit code your app shows').fill(await authenticatorCode());
      const back = await backAtWorkspace(page, () => page.keyboard.press('Enter'));
      expect(back.get('state')).toBe(state);
      expect(back.get('code')).toMatch(/^[\w-]{20,}$/);

      const caller = await exchangeAndVerify(back.get('code')!, verifier);
      expect({ roles: caller.roles, client: caller.clientId, name: caller.name }).toEqual({ roles: ['caseworker'], client: 'workspace', name: 'Asha Browser' });
    } finally {
      await context.close();
    }
  });

  it('next sign-in: the new password, then the authenticator\'s code', async () => {
    const context = await browser.newContext();
    try {
      const { page, verifier, state } = await startSignIn(context);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password', { exact: true }).fill(newPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
      expect(await titleOf(page)).toBe('Enter the code from your authenticator app');
      await expectAccessible(page, 'the authenticator code page');
      await screenshot(page, 'sign-in-code');

      await page.getByLabel('Code', { exact: true }).fill(await authenticatorCode());
      const back = await backAtWorkspace(page, () => page.getByRole('button', { name: 'Continue' }).click());
      expect(back.get('state')).toBe(state);
      const caller = await exchangeAndVerify(back.get('code')!, verifier);
      expect(caller.roles).toEqual(['caseworker']);
    } finally {
      await context.close();
    }
  });
});
