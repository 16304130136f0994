import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, londonDateOf, type CalendarDate } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { base32Decode, openIdentityAdministration, totp } from '@ehc/identity-provider';
import { freePort } from '@ehc/tooling';
import { dropSchemasWithPrefix, expectAccessible, firstSignIn, hubNow, launchBrowser, screenshot } from '@ehc/testing';
import { allServices, frontEnds } from './main';

/**
 * The caseworker workspace in a real chromium, as a caseworker uses it (issue 12): sign in through
 * the hub's own provider, find a new request in their tray, open it, take it through its steps
 * with the forms — a date that does not exist and a refused step shown in words — see late advice
 * marked late, issue the draft and the final plan, open the printed letter, sign out. Every page
 * passes axe-core. The hub runs on the real clock (the browser's cookies and the authenticator's
 * codes follow it): every date here is counted from the hub's own today, never written in.
 */
describe('the caseworker workspace in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let host: RunningHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let caseId: string;
  let reference: string;
  const username = 'cw.journey';
  let oneTimePassword: string;
  const daysAgo = (n: number) => addDays(today, -n);
  const [y, m, d] = [(date: string) => date.slice(0, 4), (date: string) => String(Number(date.slice(5, 7))), (date: string) => String(Number(date.slice(8, 10)))];

  /** Opens a step's form on the case page and types its date (and whatever else `fill` types). */
  async function takeStep(title: string, date: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => undefined) {
    const details = page.locator('details', { has: page.locator('summary', { hasText: title }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const form = details.locator('form');
    await form.getByLabel('Day').fill(d(date));
    await form.getByLabel('Month').fill(m(date));
    await form.getByLabel('Year').fill(y(date));
    await fill(form);
    await form.getByRole('button').click();
    await page.waitForLoadState();
  }

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    host = await startEmbedded(allServices, {
      DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), PUBLIC_URL: origin, EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
    }, { frontEnds });
    today = londonDateOf(await hubNow(origin));
    const administration = await openIdentityAdministration({ pool: host.runtimes[0].pool, schema: `${prefix}identity` });
    const created = await administration.accounts.create({ username, name: 'Cara Journey', roles: ['caseworker'] });
    oneTimePassword = created.oneTimePassword;
    // the intake team records the request, allocated to Cara (her subject: her account's id)
    const intake = await administration.clients.createServiceAccount({ name: 'intake-desk', roles: ['caseworker', 'team-manager'] });
    const token = ((await (await fetch(`${origin}/oidc/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${intake.clientId}:${intake.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    })).json()) as { access_token: string }).access_token;
    const recorded = await fetch(`${origin}/needs-assessments`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: addDays(today, -7 * 365) }, requestedBy: 'parent', receivedOn: daysAgo(60), caseworker: created.account.id }),
    });
    expect(recorded.status).toBe(201);
    ({ id: caseId, reference } = (await recorded.json()) as { id: string; reference: string });
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.stop();
    await dropSchemasWithPrefix(prefix);
  });

  it('shows nothing before sign-in; signing in (one-time password, new password, authenticator) lands on My work', async () => {
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('h1').innerText()).toBe('Sign in to EHC Hub');
    expect(await page.locator('body').innerText()).not.toContain('Amara');
    await expectAccessible(page, 'the workspace sign-in page');
    await screenshot(page, 'workspace-sign-in');

    await firstSignIn(page, origin, { username, oneTimePassword, newPassword: 'kettle orchard lantern pebble' }, (secret, at) => totp(base32Decode(secret), at));
    await page.waitForURL(`${origin}/`);

    expect(await page.locator('h1').innerText()).toBe('My work');
    expect(await page.locator('.ehc-user').innerText()).toContain('Cara Journey');
    expect(await page.locator('.ehc-user').innerText()).toContain('caseworker');
    const row = page.locator('tbody tr', { hasText: reference });
    expect(await row.innerText()).toContain('Amara Okafor');
    // received 60 days ago, no decision: the 6-week decision is 18 days late
    expect(await row.innerText()).toContain('18 days late');
    expect(await row.locator('.govuk-tag').innerText()).toBe('Overdue');
    await expectAccessible(page, 'My work');
    await screenshot(page, 'workspace-my-work');
  });

  it('sorts the tray by a column and filters it by status, keeping the other choices', async () => {
    await page.getByRole('link', { name: /^Reference/ }).click();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('reference');
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toContain('Reference');
    await page.getByRole('link', { name: /^Reference/ }).click();
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Reference');
    await page.getByLabel('Status').selectOption('on-track');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('body').innerText()).toContain('Nothing matches.');
    await page.getByLabel('Status').selectOption('overdue');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel("Child's name or reference").fill('Okafor');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('tbody tr', { hasText: reference }).count()).toBe(1);
  });

  it('opens the case and takes it through its steps; a date that does not exist and a refused step are said in words', async () => {
    await page.getByRole('link', { name: reference }).click();
    expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
    expect(await page.locator('h1').innerText()).toBe('Amara Okafor');
    await expectAccessible(page, 'the case page');
    await screenshot(page, 'workspace-case');

    // a date that does not exist: the form's own error, linked to the day box
    await takeStep('Decide to assess', '2026-02-30'.replace('2026', y(today)));
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('must be a real date');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#decide-to-assess-on-day');
    await expectAccessible(page, 'a step with a date error');

    // a date before the request: the API's rule, in its words
    await takeStep('Decide to assess', daysAgo(70));
    expect(page.url()).toContain(`/cases/${caseId}`);
    const refusal = await page.locator('.govuk-error-summary').innerText();
    expect(refusal).toMatch(/before the request/i);
    expect(refusal).not.toMatch(/[{}]|DateBeforeRequest"|stack/);
    await expectAccessible(page, 'a refused step');
    await screenshot(page, 'workspace-refused-step');

    await takeStep('Decide to assess', daysAgo(55));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Decide to assess');

    await takeStep('Request advice', daysAgo(50), async (form) => { await form.getByLabel('Educational').check(); });
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Request advice');
    // 6 weeks from the request for advice: due 8 days ago, recorded today, so late
    await takeStep('Record advice received', today, async (form) => { await form.getByLabel('Educational').check(); });
    const advice = page.locator('table', { has: page.locator('caption', { hasText: 'Advice requested' }) });
    expect(await advice.locator('.govuk-tag').innerText()).toBe('Late');

    await takeStep('Issue the draft plan', daysAgo(20));
    await takeStep('Issue the final plan', today, async (form) => { await form.getByLabel('Setting named in section I').fill('Lincoln Castle Academy'); });
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Issue the final plan');
    expect(await page.locator('.govuk-tag').first().innerText()).toMatch(/plan issued/i);
    await expectAccessible(page, 'the case page after the final plan');
  });

  it('opens a letter to print', async () => {
    const letters = page.locator('h2:has-text("Letters") + ul a');
    expect(await letters.count()).toBeGreaterThanOrEqual(3);
    await letters.last().click();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/cases/${caseId}/letters/`));
    expect(await page.locator('body').innerText()).toContain('Amara');
    await screenshot(page, 'workspace-letter');
    await page.goBack();
  });

  it('signs out: the tray is gone until the next sign-in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
