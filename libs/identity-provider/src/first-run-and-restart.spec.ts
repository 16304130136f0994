import { fixedClock } from '@ehc/domain-kernel';
import { createHash, randomBytes } from 'node:crypto';
import { createTestSchema } from '@ehc/testing';
import { CookieJar, follow, startProvider } from './identity-provider.spec-helpers';
import { createIdentityProvider, firstRunBanner } from './identity-provider';
import { base32Decode, totp } from './totp';

/** The provider's clock for codes and locks (its tokens' times are oidc-provider's own): a fixed day. */
const TOTP_CLOCK = fixedClock('2026-11-26T12:00:00Z');

const actionOf = (html: string) => /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
const secretOn = (html: string) => /<code id="totp-secret">([^<]+)<\/code>/.exec(html)?.[1].replace(/\s+/g, '') ?? '';

describe('first run: the administrator', () => {
  it('is created once, when no account exists, with a one-time password returned once; later calls return null', async () => {
    const schema = await createTestSchema('idp_first_run');
    try {
      const options = { pool: schema.pool, schema: schema.schema, issuer: 'http://127.0.0.1:1/oidc', audience: 'ehc-hub' };
      const provider = await createIdentityProvider(options);
      // two hosts starting together on one database: one administrator
      const [a, b] = await Promise.all([provider.firstRun(), provider.firstRun()]);
      const first = a ?? b;
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(first).toEqual({ username: 'admin', oneTimePassword: expect.stringMatching(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/) });
      expect(await provider.firstRun()).toBeNull();

      // a restart: still one administrator, no new password
      const again = await createIdentityProvider(options);
      expect(await again.firstRun()).toBeNull();
      const accounts = await again.accounts.list();
      expect(accounts).toEqual([expect.objectContaining({ username: 'admin', roles: ['administrator'], passwordMustChange: true, totpEnrolled: false })]);
      expect(await again.accounts.verifyPassword('admin', first!.oneTimePassword)).toBe(true);
      const { rows } = await schema.pool.query(`SELECT x::text AS row FROM "${schema.schema}".accounts x`);
      expect(rows[0].row).not.toContain(first!.oneTimePassword);
      expect(firstRunBanner(first!, 'http://127.0.0.1:3000/')).toContain(first!.oneTimePassword);
    } finally {
      await schema.drop();
    }
  });

  it('is not created when an account exists already', async () => {
    const schema = await createTestSchema('idp_first_run_not');
    try {
      const provider = await createIdentityProvider({ pool: schema.pool, schema: schema.schema, issuer: 'http://127.0.0.1:1/oidc', audience: 'ehc-hub' });
      await provider.accounts.create({ username: 'someone', name: 'Someone', roles: ['administrator'] });
      expect(await provider.firstRun()).toBeNull();
      expect((await provider.accounts.list()).map((a) => a.username)).toEqual(['someone']);
    } finally {
      await schema.drop();
    }
  });
});

describe('TOTP secrets at rest', () => {
  it('are sealed with IDENTITY_PROVIDER_SECRET when it is given, and read back', async () => {
    const schema = await createTestSchema('idp_sealed');
    try {
      const provider = await createIdentityProvider({ pool: schema.pool, schema: schema.schema, issuer: 'http://127.0.0.1:1/oidc', audience: 'ehc-hub', secret: 'a secret from the environment', clock: TOTP_CLOCK });
      await provider.accounts.create({ username: 'hana', name: 'Hana', roles: ['caseworker'] });
      const { secret } = await provider.accounts.enrolTotp('hana');
      const { rows } = await schema.pool.query(`SELECT totp_secret FROM "${schema.schema}".accounts WHERE username = 'hana'`);
      expect(rows[0].totp_secret).toMatch(/^v1:/);
      expect(rows[0].totp_secret).not.toContain(secret);
      expect(await provider.accounts.checkTotp('hana', totp(base32Decode(secret), TOTP_CLOCK()))).toBe(true);
      expect((await provider.accounts.find('hana'))!.totpEnrolled).toBe(true);
    } finally {
      await schema.drop();
    }
  });
});

describe('a restart keeps sign-ins (sessions and grants are in PostgreSQL)', () => {
  it('a browser signed in before the restart is sent straight back with a code after it; a password reset ends that', async () => {
    const first = await startProvider('idp_restart', { clock: TOTP_CLOCK });
    const redirectUri = `${first.origin}/workspace/signed-in`;
    const port = Number(new URL(first.origin).port);
    const jar = new CookieJar();
    const authorize = () => {
      const verifier = randomBytes(32).toString('base64url');
      const query = new URLSearchParams({
        client_id: 'workspace', response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
      });
      return `${first.issuer}/auth?${query}`;
    };
    try {
      await first.provider.accounts.create({ username: 'ivy', name: 'Ivy', roles: ['caseworker'] });
      await first.provider.accounts.setPassword('ivy', 'ivy has a long password');
      const signIn = await follow(jar, await jar.fetch(authorize()), first.issuer, redirectUri);
      const page = await signIn.response.text();
      const enrolAt = new URL(actionOf(page), first.origin).href;
      const enrol = await follow(jar, await jar.fetch(enrolAt, { form: { username: 'ivy', password: 'ivy has a long password' } }), enrolAt, redirectUri);
      const enrolPage = await enrol.response.text();
      const codeAt = new URL(actionOf(enrolPage), first.origin).href;
      const done = await follow(jar, await jar.fetch(codeAt, { form: { code: totp(base32Decode(secretOn(enrolPage)), TOTP_CLOCK()) } }), codeAt, redirectUri);
      expect(done.url.startsWith(redirectUri)).toBe(true);
    } finally {
      await first.stop();
    }

    const second = await startProvider('idp_restart', { testSchema: first.schema, port, clock: TOTP_CLOCK });
    try {
      const again = await follow(jar, await jar.fetch(authorize()), second.issuer, redirectUri);
      expect(again.url.startsWith(redirectUri)).toBe(true);
      expect(new URL(again.url).searchParams.get('code')).toBeTruthy();

      // an administrator's password reset signs the account out everywhere
      await second.provider.accounts.resetPassword('ivy');
      const afterReset = await follow(jar, await jar.fetch(authorize()), second.issuer, redirectUri);
      expect(afterReset.url.startsWith(redirectUri)).toBe(false);
      expect(await afterReset.response.text()).toContain('<h1 class="govuk-heading-l">Sign in</h1>');
    } finally {
      await second.stop();
      await second.schema.drop();
    }
  });
});
