import { createHash, randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { decodeJwt } from 'jose';
import { base32Decode, totp } from '@ehc/identity-provider';
import { freePort } from '@ehc/tooling';
import { KEYCLOAK_TEST_CLIENT, KEYCLOAK_TEST_USER_ADMIN, launchBrowser, screenshot, verifiedAsIssued } from '@ehc/testing';

/**
 * A new member of staff signs in to the real Keycloak the test run started (realm file
 * infra/keycloak/ehc-hub-realm.json) in chromium, through Keycloak's own pages, as the workspace
 * will send them: authorization code with PKCE (S256), their password, then the authenticator app
 * the realm makes every new account set up (CONFIGURE_TOTP), and its code. The access token is one
 * the hub accepts, with their roles. (Keycloak's pages are not ours: no axe-core check on them.)
 */
describe('signing in to Keycloak in a browser: password, authenticator set-up, PKCE', () => {
  const issuer = () => {
    const url = process.env.OIDC_ISSUER_URL;
    if (!url) throw new Error('OIDC_ISSUER_URL is not set: run the tests with `npm test`, whose global setup starts Keycloak');
    return url;
  };
  const username = `cw-browser-${randomBytes(4).toString('hex')}`;
  const password = `local-test-only-${randomBytes(8).toString('hex')}`;
  let discovery: { authorization_endpoint: string; token_endpoint: string; jwks_uri: string };
  let adminBase: string;
  let adminToken: string;
  let userId: string | undefined;
  let browser: Browser;

  /** A call of Keycloak's admin API as the realm's tests-only user administrator. */
  const admin = (path: string, init: { method?: string; json?: unknown } = {}) => fetch(`${adminBase}${path}`, {
    method: init.method ?? (init.json ? 'POST' : 'GET'),
    headers: { authorization: `Bearer ${adminToken}`, ...(init.json ? { 'content-type': 'application/json' } : {}) },
    body: init.json ? JSON.stringify(init.json) : undefined,
  });
  const tokenFor = async (client: { id: string; secret: string }) => {
    const res = await fetch(discovery.token_endpoint, {
      method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.id, client_secret: client.secret }),
    });
    if (res.status !== 200) throw new Error(`Keycloak gave ${client.id} no token (${res.status}): ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };

  beforeAll(async () => {
    discovery = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as typeof discovery;
    adminBase = issuer().replace('/realms/', '/admin/realms/');
    adminToken = await tokenFor(KEYCLOAK_TEST_USER_ADMIN);
    // a new caseworker each run: a password, and no authenticator yet (the realm requires one)
    const created = await admin('/users', { json: {
      username, enabled: true, firstName: 'Browser', lastName: 'Test', email: `${username}@ehc-hub.invalid`, emailVerified: true,
      credentials: [{ type: 'password', value: password, temporary: false }], requiredActions: ['CONFIGURE_TOTP'],
    } });
    if (created.status !== 201) throw new Error(`Keycloak did not create ${username} (${created.status}): ${await created.text()}`);
    userId = created.headers.get('location')!.split('/').pop();
    const role = await (await admin('/roles/caseworker')).json();
    const mapped = await admin(`/users/${userId}/role-mappings/realm`, { json: [role] });
    if (mapped.status !== 204) throw new Error(`Keycloak did not give ${username} the caseworker role (${mapped.status}): ${await mapped.text()}`);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (userId) await admin(`/users/${userId}`, { method: 'DELETE' });
  });

  /** Keycloak's clock, which its TOTP follows: Keycloak sends no Date header, so the `iat` of a token it has just issued. */
  const keycloakNow = async () => new Date(decodeJwt(await tokenFor(KEYCLOAK_TEST_CLIENT)).iat! * 1000);

  it('signs in with a password, sets up the authenticator from the key shown as text, and gets a token the hub accepts', async () => {
    // the redirect URI's port: nothing listens there; the browser's arrival is all that is read
    const redirectUri = `http://127.0.0.1:${await freePort()}/workspace/signed-in`;
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${discovery.authorization_endpoint}?${new URLSearchParams({
        client_id: 'workspace', response_type: 'code', scope: 'openid', redirect_uri: redirectUri, state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
      })}`);
      await screenshot(page, 'keycloak-sign-in');
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(password);
      await page.locator('#password').press('Enter');

      // a new account must set up an authenticator: the key as text, behind "Unable to scan?"
      await page.locator('#kc-totp-secret-qr-code, #mode-manual').first().waitFor();
      await page.locator('#mode-manual').click();
      const key = (await page.locator('#kc-totp-secret-key').innerText()).replace(/\s+/g, '');
      expect(key).toMatch(/^[A-Z2-7]+=*$/);
      const code = totp(base32Decode(key), await keycloakNow());
      await page.locator('#totp').fill(code);
      const userLabel = page.locator('#userLabel');
      if (await userLabel.count()) await userLabel.fill('chromium');

      // sent back to the workspace with the code and the state; nothing listens there, so the page fails to load
      const arrived = page.waitForRequest((request) => request.url().startsWith(`${redirectUri}?`));
      await page.locator('#saveTOTPBtn').click();
      const back = new URL((await arrived).url()).searchParams;
      expect(back.get('state')).toBe(state);
      expect(back.get('code')).toBeTruthy();

      const answer = await fetch(discovery.token_endpoint, {
        method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'workspace', code: back.get('code')!, redirect_uri: redirectUri, code_verifier: verifier }),
      });
      expect(answer.status).toBe(200);
      const token = ((await answer.json()) as { access_token: string }).access_token;
      const verified = await verifiedAsIssued(token, { issuer: issuer(), jwksUri: discovery.jwks_uri });
      if (!verified.ok) throw new Error(`the hub refused Keycloak's token: ${JSON.stringify(verified.error)}`);
      expect({ caseworker: verified.value.roles.includes('caseworker'), client: verified.value.clientId, name: verified.value.name }).toEqual({
        caseworker: true, client: 'workspace', name: 'Browser Test',
      });
    } finally {
      await context.close();
    }
  });
});
