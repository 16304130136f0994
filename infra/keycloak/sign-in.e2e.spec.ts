import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { totp } from '@ehc/identity-provider';
import { KEYCLOAK_TEST_CLIENT, KEYCLOAK_TEST_STAFF, verifiedAsIssued } from '@ehc/testing';

/** A browser's part, by hand: cookies kept, redirects not followed, forms read from the page. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form) : undefined,
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }
}

/** The action of the page's form with this id (HTML entities in it undone). */
function formAction(html: string, id: string): string {
  const match = new RegExp(`<form[^>]*id="${id}"[^>]*action="([^"]+)"`).exec(html) ?? new RegExp(`<form[^>]*action="([^"]+)"[^>]*id="${id}"`).exec(html);
  if (!match) throw new Error(`no form ${id} on the page:\n${html.slice(0, 2000)}`);
  return match[1].replace(/&amp;/g, '&');
}

/**
 * A member of staff signs in to the real Keycloak the test run started (realm file
 * infra/keycloak/ehc-hub-realm.json) as the workspace will send them: authorization code with
 * PKCE (S256), password, then the code of their authenticator app (TOTP); the access token is one
 * the hub accepts, with their roles.
 */
describe('signing in to Keycloak: password, TOTP and PKCE', () => {
  const issuer = () => {
    const url = process.env.OIDC_ISSUER_URL;
    if (!url) throw new Error('OIDC_ISSUER_URL is not set: run the tests with `npm test`, whose global setup starts Keycloak');
    return url;
  };
  const redirectUri = 'http://127.0.0.1:9/workspace/signed-in';
  let discovery: { authorization_endpoint: string; token_endpoint: string; jwks_uri: string };
  const totpSecret = Buffer.from(KEYCLOAK_TEST_STAFF.totpSecret, 'utf8');

  beforeAll(async () => {
    discovery = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as typeof discovery;
  });

  /**
   * Keycloak's own clock: a TOTP code is for the server's time, and a test never reads the system
   * clock. Keycloak sends no Date header, so the time is the `iat` of a token it has just issued.
   */
  const keycloakNow = async () => {
    const res = await fetch(discovery.token_endpoint, {
      method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: KEYCLOAK_TEST_CLIENT.id, client_secret: KEYCLOAK_TEST_CLIENT.secret }),
    });
    return new Date(decodeJwt(((await res.json()) as { access_token: string }).access_token).iat! * 1000);
  };

  /**
   * An authenticator code Keycloak takes now. A code is good once, so a second sign-in within the
   * same 30 s uses the next step's code, which Keycloak's look-ahead window (1 step) accepts.
   */
  let lastStep = 0;
  const authenticatorCode = async () => {
    const now = (await keycloakNow()).getTime();
    const step = Math.max(Math.floor(now / 30_000), lastStep + 1);
    lastStep = step;
    return totp(totpSecret, new Date(step * 30_000));
  };

  const start = async (browser: Browser) => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const state = randomBytes(8).toString('hex');
    const url = `${discovery.authorization_endpoint}?${new URLSearchParams({
      client_id: 'workspace', response_type: 'code', scope: 'openid', redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256',
    })}`;
    const page = await browser.request(url);
    expect(page.status).toBe(200);
    return { verifier, state, page };
  };

  /** Through the sign-in pages to the redirect back to the workspace; the code the provider gives it. */
  const signIn = async (browser: Browser) => {
    const { verifier, state, page } = await start(browser);
    const otpPage = await browser.request(formAction(page.html, 'kc-form-login'), { form: { username: KEYCLOAK_TEST_STAFF.username, password: KEYCLOAK_TEST_STAFF.password, credentialId: '' } });
    // the password alone does not sign in a member of staff: the authenticator's code is asked for
    expect([otpPage.status, otpPage.location]).toEqual([200, null]);
    const signedIn = await browser.request(formAction(otpPage.html, 'kc-otp-login-form'), { form: { otp: await authenticatorCode() } });
    expect(signedIn.status).toBe(302);
    const back = new URL(signedIn.location!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(state);
    return { code: back.searchParams.get('code')!, verifier };
  };
  const exchange = (code: string, verifier: string) => fetch(discovery.token_endpoint, {
    method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'workspace', code, redirect_uri: redirectUri, code_verifier: verifier }),
  });

  it('signs in with password and an authenticator code, and gets a token the hub accepts with the staff member\'s roles', async () => {
    const { code, verifier } = await signIn(new Browser());
    const answer = await exchange(code, verifier);
    expect(answer.status).toBe(200);
    const token = ((await answer.json()) as { access_token: string }).access_token;
    const verified = await verifiedAsIssued(token, { issuer: issuer(), jwksUri: discovery.jwks_uri });
    expect(verified.ok && { roles: verified.value.roles.includes('caseworker'), client: verified.value.clientId, name: verified.value.name }).toEqual({
      roles: true, client: 'workspace', name: 'Sign-in Test',
    });
  });

  it('gives no token for the code without the verifier only the workspace holds (PKCE)', async () => {
    const { code } = await signIn(new Browser());
    const stolen = await exchange(code, randomBytes(32).toString('base64url'));
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('does not sign in with a wrong authenticator code', async () => {
    const browser = new Browser();
    const { page } = await start(browser);
    const otpPage = await browser.request(formAction(page.html, 'kc-form-login'), { form: { username: KEYCLOAK_TEST_STAFF.username, password: KEYCLOAK_TEST_STAFF.password, credentialId: '' } });
    const wrong = String((Number(totp(totpSecret, await keycloakNow())) + 1) % 1_000_000).padStart(6, '0');
    const again = await browser.request(formAction(otpPage.html, 'kc-otp-login-form'), { form: { otp: wrong } });
    expect([again.status, again.location]).toEqual([200, null]);
    expect(again.html).toMatch(/kc-otp-login-form/);
    expect(again.html).toMatch(/Invalid authenticator code/i);
  });
});
