import { createHash, randomBytes } from 'node:crypto';
import { AccessTokenVerifier, remoteSigningKeys } from '@ehc/identity';
import { systemClock } from '@ehc/domain-kernel';
import { AUDIENCE, CookieJar, follow, startProvider, type RunningProvider } from './identity-provider.spec-helpers';
import { base32Decode, totp } from './totp';

/** The provider's clock for codes and locks: a fixed day, moved on by the tests (TOTP steps, the 15-minute lock). */
let offsetMs = 0;
const clock = () => new Date(Date.parse('2026-11-26T12:00:00Z') + offsetMs);
const later = (ms: number) => { offsetMs += ms; };

const actionOf = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
const secretOn = (html: string) => /<code id="totp-secret">([^<]+)<\/code>/.exec(html)?.[1].replace(/\s+/g, '') ?? '';
const titleOf = (html: string) => /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(html)?.[1] ?? '';
const errorSummaryOf = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1].trim() ?? null;

describe('signing in to the embedded provider: authorization code + PKCE over HTTP, with a cookie jar', () => {
  let running: RunningProvider;
  let redirectUri: string;

  beforeAll(async () => {
    running = await startProvider('idp_sign_in', { clock });
    redirectUri = `${running.origin}/workspace/signed-in`;
  });

  afterAll(async () => {
    await running.stop();
    await running.schema.drop();
  });

  /** GET /oidc/auth as the workspace would, following redirects to the first page. */
  async function startSignIn(jar: CookieJar) {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(8).toString('hex');
    const query = new URLSearchParams({
      client_id: 'workspace', response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', state,
    });
    const { response, url } = await follow(jar, await jar.fetch(`${running.issuer}/auth?${query}`), running.issuer, redirectUri);
    return { verifier, state, response, url, html: await response.text() };
  }

  /** POST a form found on a page, following the redirects (to the next page, or back to the workspace). */
  async function submit(jar: CookieJar, html: string, form: Record<string, string>) {
    const action = new URL(actionOf(html), running.origin).href;
    const { response, url } = await follow(jar, await jar.fetch(action, { form }), action, redirectUri);
    const arrived = url.startsWith(redirectUri);
    return { response, url, arrived, html: arrived ? '' : await response.text() };
  }

  async function exchange(code: string, verifier: string) {
    const response = await fetch(`${running.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'workspace', code_verifier: verifier }).toString(),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const verifier = () => new AccessTokenVerifier({ issuer: running.issuer, audience: AUDIENCE, keys: remoteSigningKeys(running.provider.jwksUri), clock: systemClock });

  /** The code the authenticator app shows now, from the secret shown at enrolment. */
  const codeNow = (secret: string) => totp(base32Decode(secret), clock());
  /** A code of a step not used yet: TOTP codes are good once. */
  const nextStepCode = (secret: string) => { later(30_000); return codeNow(secret); };

  it('first sign-in: one-time password, a new password, TOTP enrolment, then a code; the token passes the hub\'s verifier with the account\'s roles', async () => {
    const { account, oneTimePassword } = await running.provider.accounts.create({ username: 'Asha', name: 'Asha Patel', roles: ['caseworker', 'team-manager'] });
    expect(account.username).toBe('asha');
    const jar = new CookieJar();
    const start = await startSignIn(jar);
    expect(start.response.status).toBe(200);
    expect(titleOf(start.html)).toBe('Sign in');
    expect(start.html).toContain('class="govuk-template"');
    expect(start.html).toContain('govuk-button');
    expect(start.html).not.toContain('<script');

    const changePassword = await submit(jar, start.html, { username: 'asha', password: oneTimePassword });
    expect(titleOf(changePassword.html)).toBe('Choose a new password');

    const enrol = await submit(jar, changePassword.html, { password: 'correct horse battery staple', confirm: 'correct horse battery staple' });
    expect(titleOf(enrol.html)).toBe('Set up your authenticator app');
    const secret = secretOn(enrol.html);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.html).toContain(`otpauth://totp/EHC%20Hub:asha?secret&#61;${secret}`);

    const wrong = await submit(jar, enrol.html, { code: String((Number(codeNow(secret)) + 1) % 1_000_000).padStart(6, '0') });
    expect(titleOf(wrong.html)).toBe('Set up your authenticator app');
    expect(errorSummaryOf(wrong.html)).toContain('href="#code"');
    expect(secretOn(wrong.html)).toBe(secret);

    const done = await submit(jar, wrong.html, { code: codeNow(secret) });
    expect(done.arrived).toBe(true);
    const back = new URL(done.url);
    expect(back.searchParams.get('state')).toBe(start.state);
    expect(back.searchParams.get('iss')).toBe(running.issuer);
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const token = await exchange(code, start.verifier);
    expect(token.status).toBe(200);
    const verified = await verifier().verify(token.body.access_token);
    if (!verified.ok) throw new Error(`refused: ${verified.error}`);
    expect(verified.value).toMatchObject({ subject: account.id, roles: ['caseworker', 'team-manager'], clientId: 'workspace', name: 'Asha Patel' });
    expect(token.body.id_token).toBeTruthy();

    // the code is good once, and only with its verifier
    expect((await exchange(code, start.verifier)).status).toBe(400);
  });

  it('refuses a token exchange with another PKCE verifier than the challenge was made from', async () => {
    const { oneTimePassword } = await running.provider.accounts.create({ username: 'pkce', name: 'P K', roles: ['caseworker'] });
    await running.provider.accounts.setPassword('pkce', 'a long enough password');
    const jar = new CookieJar();
    const start = await startSignIn(jar);
    expect(oneTimePassword).not.toBe('a long enough password');
    const enrol = await submit(jar, start.html, { username: 'pkce', password: 'a long enough password' });
    const done = await submit(jar, enrol.html, { code: codeNow(secretOn(enrol.html)) });
    const code = new URL(done.url).searchParams.get('code')!;
    const other = await exchange(code, randomBytes(32).toString('base64url'));
    expect(other).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('asks an enrolled account for its code (not the enrolment again), refusing a code used before', async () => {
    const jar1 = new CookieJar();
    await running.provider.accounts.create({ username: 'ben', name: 'Ben Okafor', roles: ['tribunal-officer'] });
    await running.provider.accounts.setPassword('ben', 'ben has a long password');
    const first = await startSignIn(jar1);
    const enrol = await submit(jar1, first.html, { username: 'ben', password: 'ben has a long password' });
    const secret = secretOn(enrol.html);
    const used = codeNow(secret);
    expect((await submit(jar1, enrol.html, { code: used })).arrived).toBe(true);

    const jar2 = new CookieJar();
    const second = await startSignIn(jar2);
    const ask = await submit(jar2, second.html, { username: 'BEN', password: 'ben has a long password' });
    expect(titleOf(ask.html)).toBe('Enter the code from your authenticator app');
    expect(ask.html).not.toContain('totp-secret');
    const replay = await submit(jar2, ask.html, { code: used });
    expect(errorSummaryOf(replay.html)).toContain('href="#code"');
    const done = await submit(jar2, replay.html, { code: nextStepCode(secret) });
    expect(done.arrived).toBe(true);
    const token = await exchange(new URL(done.url).searchParams.get('code')!, second.verifier);
    const verified = await verifier().verify(token.body.access_token);
    expect(verified.ok && verified.value.roles).toEqual(['tribunal-officer']);
  });

  it('answers a wrong password with the same page and an error summary linking to the field, never saying which was wrong', async () => {
    await running.provider.accounts.create({ username: 'cara', name: 'Cara Jones', roles: ['funding-officer'] });
    await running.provider.accounts.setPassword('cara', 'cara has a long password');
    const jar = new CookieJar();
    const start = await startSignIn(jar);
    const wrongPassword = await submit(jar, start.html, { username: 'cara', password: 'not her password' });
    expect(wrongPassword.response.status).toBe(200);
    expect(titleOf(wrongPassword.html)).toBe('Sign in');
    expect(wrongPassword.html).toContain('<title>Error: Sign in');
    const summary = errorSummaryOf(wrongPassword.html);
    expect(summary).toContain('<a href="#username">Enter a correct username and password');
    expect(wrongPassword.html).toContain('value="cara"');
    expect(wrongPassword.html).not.toContain('not her password');

    const unknownUser = await submit(jar, wrongPassword.html, { username: 'nobody', password: 'cara has a long password' });
    expect(errorSummaryOf(unknownUser.html)).toBe(summary);

    const empty = await submit(jar, unknownUser.html, { username: '', password: '' });
    expect(errorSummaryOf(empty.html)).toContain('href="#password"');
  });

  it('refuses a sign-in form posted from another site: SameSite cookies, and a form bound to its own interaction (CSRF)', async () => {
    await running.provider.accounts.create({ username: 'fiona', name: 'Fiona Lim', roles: ['parent'] });
    await running.provider.accounts.setPassword('fiona', 'fiona has a long password');
    const victim = new CookieJar();
    const start = await startSignIn(victim);
    const setCookies = start.response.headers.getSetCookie();
    const interactionCookies = (await victim.fetch(new URL(actionOf(start.html), running.origin).href)).headers.getSetCookie();
    for (const cookie of [...setCookies, ...interactionCookies]) expect(cookie.toLowerCase()).toMatch(/samesite=lax/);
    // another site's page posting to the victim's form: the browser sends no Lax cookie with a cross-site POST
    const crossSite = await new CookieJar().fetch(new URL(actionOf(start.html), running.origin).href, { form: { username: 'fiona', password: 'fiona has a long password' } });
    expect(crossSite.status).toBe(400);
    expect(titleOf(await crossSite.text())).toBe('Your sign-in has timed out');
    // the attacker's own interaction cookie does not open the victim's form either
    const attacker = new CookieJar();
    await startSignIn(attacker);
    const withOwnCookie = await attacker.fetch(new URL(actionOf(start.html), running.origin).href, { form: { username: 'fiona', password: 'fiona has a long password' } });
    expect(withOwnCookie.status).toBe(400);
    // and the victim's own form still works: a parent signs in with a password alone (two-factor is for staff)
    expect((await submit(victim, start.html, { username: 'fiona', password: 'fiona has a long password' })).arrived).toBe(true);
  });

  it('locks an account for 15 minutes after 5 wrong passwords in a row: the right one is refused alike until then', async () => {
    await running.provider.accounts.create({ username: 'dev', name: 'Dev Shah', roles: ['finance'] });
    await running.provider.accounts.setPassword('dev', 'dev has a long password');
    const jar = new CookieJar();
    let page = (await startSignIn(jar)).html;
    for (let i = 0; i < 5; i++) page = (await submit(jar, page, { username: 'dev', password: `guess ${i}` })).html;
    const whileLocked = await submit(jar, page, { username: 'dev', password: 'dev has a long password' });
    expect(titleOf(whileLocked.html)).toBe('Sign in');
    expect(errorSummaryOf(whileLocked.html)).toContain('Enter a correct username and password');
    expect((await running.provider.accounts.find('dev'))!.lockedUntil).not.toBeNull();

    later(14 * 60_000);
    const stillLocked = await submit(jar, whileLocked.html, { username: 'dev', password: 'dev has a long password' });
    expect(titleOf(stillLocked.html)).toBe('Sign in');

    later(2 * 60_000);
    const unlocked = await submit(jar, stillLocked.html, { username: 'dev', password: 'dev has a long password' });
    expect(titleOf(unlocked.html)).toBe('Set up your authenticator app');
  });

  it('makes a one-time password be changed first: at least 12 characters, not the username, typed twice; then the one-time password is dead', async () => {
    const { oneTimePassword } = await running.provider.accounts.create({ username: 'erin.long-name', name: 'Erin', roles: ['performance-reader'] });
    const jar = new CookieJar();
    const start = await startSignIn(jar);
    const change = await submit(jar, start.html, { username: 'erin.long-name', password: oneTimePassword });
    expect(titleOf(change.html)).toBe('Choose a new password');

    // the authenticator step cannot be reached before the password is changed
    const skipped = await submit(jar, change.html.replace(/\/new-password"/, '/authenticator"'), { code: '123456' });
    expect(titleOf(skipped.html)).toBe('Choose a new password');

    const short = await submit(jar, change.html, { password: 'short', confirm: 'short' });
    expect(errorSummaryOf(short.html)).toContain('12 characters or more');
    const username = await submit(jar, short.html, { password: 'Erin.Long-Name', confirm: 'Erin.Long-Name' });
    expect(errorSummaryOf(username.html)).toContain('must not be your username');
    const mismatch = await submit(jar, username.html, { password: 'a good long password', confirm: 'a good long passwore' });
    expect(errorSummaryOf(mismatch.html)).toContain('href="#confirm"');
    const saved = await submit(jar, mismatch.html, { password: 'a good long password', confirm: 'a good long password' });
    expect(titleOf(saved.html)).toBe('Set up your authenticator app');

    expect(await running.provider.accounts.verifyPassword('erin.long-name', oneTimePassword)).toBe(false);
    expect(await running.provider.accounts.verifyPassword('erin.long-name', 'a good long password')).toBe(true);
  });

  it('serves its pages under a strict Content Security Policy: no script, its stylesheet from its own path', async () => {
    const jar = new CookieJar();
    const start = await startSignIn(jar);
    const csp = start.response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain(`form-action 'self' ${running.origin}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(start.html).not.toMatch(/<script|style=|<style/);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(start.html)![1];
    expect(stylesheet).toBe('/oidc/assets/sign-in.css');
    const css = await fetch(`${running.origin}${stylesheet}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('keeps passwords only as scrypt hashes with their own salt', async () => {
    await running.provider.accounts.create({ username: 'fay', name: 'Fay', roles: ['caseworker'] });
    await running.provider.accounts.create({ username: 'gus', name: 'Gus', roles: ['caseworker'] });
    await running.provider.accounts.setPassword('fay', 'the same long password');
    await running.provider.accounts.setPassword('gus', 'the same long password');
    const { rows } = await running.schema.pool.query(`SELECT username, password_hash, x::text AS row FROM "${running.schema.schema}".accounts x WHERE username IN ('fay', 'gus')`);
    expect(rows.map((r) => r.row).join('\n')).not.toContain('the same long password');
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$32768$8$1$'))).toBe(true);
    expect(rows[0].password_hash).not.toBe(rows[1].password_hash);
  });

  it('refuses a person with a role no person holds (a service\'s), or none', async () => {
    await expect(running.provider.accounts.create({ username: 'svc', name: 'Svc', roles: ['hub-service'] })).rejects.toThrow(/Unknown role hub-service/);
    await expect(running.provider.accounts.create({ username: 'none', name: 'None', roles: [] })).rejects.toThrow(/at least one role/);
  });
});
