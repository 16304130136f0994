import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import { type RunningHost } from '@ehc/host';
import type { PostgresAccessDirectory } from '@ehc/identity';
import { expectAccessible, firstSignIn, screenshot, tabTo } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

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
  let hub: WorkspaceHub;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let caseId: string;
  let reference: string;
  let secondReference: string;
  let managerPassword: string;
  const username = 'cw.journey';
  let oneTimePassword: string;

  const daysAgo = (n: number) => addDays(today, -n);
  const [y, m, d] = [(date: string) => date.slice(0, 4), (date: string) => String(Number(date.slice(5, 7))), (date: string) => String(Number(date.slice(8, 10)))];

  /** Opens a step's form on the case page and types its date (and whatever else `fill` types). */
  async function takeStep(title: string, date: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => undefined, on: Page = page) {
    const details = on.locator('details', { has: on.locator('summary', { hasText: title }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const form = details.locator('form');
    await form.getByLabel('Day').fill(d(date));
    await form.getByLabel('Month').fill(m(date));
    await form.getByLabel('Year').fill(y(date));
    await fill(form);
    await form.getByRole('button').click();
    await on.waitForLoadState();
  }

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ host, origin, today, browser, page } = hub);
    const { administration } = hub;
    const created = await administration.accounts.create({ username, name: 'Cara Journey', roles: ['caseworker'] });
    oneTimePassword = created.oneTimePassword;
    // the intake team records the request, allocated to Cara (her subject: her account's id)
    const token = await hub.serviceToken('intake-desk', ['caseworker', 'team-manager']);
    const recorded = await fetch(`${origin}/needs-assessments`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: addDays(today, -7 * 365) }, requestedBy: 'parent', receivedOn: daysAgo(60), caseworker: created.account.id }),
    });
    expect(recorded.status).toBe(201);
    ({ id: caseId, reference } = (await recorded.json()) as { id: string; reference: string });
    // a second request of Cara's, still awaiting the decision: the one her team manager reassigns
    const second = await fetch(`${origin}/needs-assessments`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ child: { givenName: 'Noor', familyName: 'Hale', dateOfBirth: addDays(today, -9 * 365) }, requestedBy: 'parent', receivedOn: daysAgo(10), caseworker: created.account.id }),
    });
    secondReference = ((await second.json()) as { reference: string }).reference;
    const manager = await administration.accounts.create({ username: 'tm.journey', name: 'Tia Manager', roles: ['team-manager'] });
    managerPassword = manager.oneTimePassword;
    const directory = host.runtimes[0].access as PostgresAccessDirectory;
    await directory.saveTeam({ teamId: 'north', name: 'North team' }, 'admin');
    for (const member of [created.account.id, manager.account.id, 'cw-ben']) await directory.addMember('north', member, 'admin');
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('shows nothing before sign-in; signing in (one-time password, new password, authenticator) lands on My work', async () => {
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('h1').innerText()).toBe('Sign in to EHC Hub');
    expect(await page.locator('body').innerText()).not.toContain('Amara');
    await expectAccessible(page, 'the workspace sign-in page');
    await screenshot(page, 'workspace-sign-in');

    await firstSignIn(page, { origin, username, oneTimePassword, newPassword: 'kettle orchard lantern pebble' });
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
    // the request of 10 days ago is on track; the one of 60 days ago is not
    expect(await page.locator('tbody').innerText()).toContain(secondReference);
    expect(await page.locator('tbody').innerText()).not.toContain(reference);
    await page.getByLabel("Child's name or reference").fill('Nobody Atall');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('body').innerText()).toContain('Nothing matches.');
    await page.getByLabel("Child's name or reference").fill('');
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

  it('records a Valuing SEND profile and shows it as a chart, its numbers in a table beside it', async () => {
    const ratings = { needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 1] };
    await takeStep('Record a Valuing SEND profile', today, async (form) => {
      await form.getByLabel('At the request').check();
      for (const [line, values] of Object.entries(ratings)) {
        for (const [i, value] of values.entries()) await form.locator(`select[name="${line}-${i}"]`).selectOption(String(value));
      }
    });
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Record a Valuing SEND profile');
    const figure = page.locator('figure.ehc-profile');
    const chart = figure.locator('img');
    // the image the server drew has loaded (an SVG of its size), and says where its numbers are
    expect(await chart.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(720);
    expect(await chart.getAttribute('alt')).toMatch(/the same ratings are in the table/);
    const independence = figure.locator('tr', { hasText: 'Independence' });
    expect((await independence.locator('td').allInnerTexts()).map(Number)).toEqual([4, 2, 1]);
    await expectAccessible(page, 'the case page with a Valuing SEND profile');
    await figure.scrollIntoViewIfNeeded();
    await screenshot(page, 'workspace-valuing-send');
  });

  it('works from the keyboard alone: the skip link, the tray\'s link to a case, a step\'s form opened, filled and sent', async () => {
    await page.goto(`${origin}/`);
    await page.keyboard.press('Tab');
    expect((await page.locator(':focus').innerText()).trim()).toBe('Skip to main content');
    // the second request: still open, so in the tray (the first has its final plan now)
    await tabTo(page, `a:has-text("${secondReference}")`, 60);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/cases/'));
    await tabTo(page, 'summary:has-text("Add a case note")', 120);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    for (const part of [d(today), m(today), y(today)]) {
      await page.keyboard.type(part);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Phoned the family: all well.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForLoadState();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Add a case note');
    expect(await page.locator('h2:has-text("Notes") + ul').innerText()).toContain('Phoned the family: all well.');
  });

  it('a team manager sees the team\'s work and caseload by name, and reassigns a case within the team', async () => {
    const managerContext = await browser.newContext();
    try {
      const tray = await managerContext.newPage();
      await tray.goto(`${origin}/`);
      await firstSignIn(tray, { origin, username: 'tm.journey', oneTimePassword: managerPassword, newPassword: 'lantern meadow pebble orchard' });
      await tray.waitForURL(`${origin}/`);
      expect(await tray.locator('h1').innerText()).toBe('Team work');
      const row = tray.locator('tbody tr', { hasText: secondReference });
      expect(await row.innerText()).toContain('Cara Journey');
      const caseload = tray.locator('table', { has: tray.locator('caption', { hasText: 'Open items per caseworker' }) });
      expect(await caseload.innerText()).toContain('Cara Journey');
      await expectAccessible(tray, 'Team work');
      await screenshot(tray, 'workspace-team-work');

      await row.getByRole('link', { name: secondReference }).click();
      await takeStep('Reassign the case', today, async (form) => { await form.getByLabel('Caseworker').selectOption('cw-ben'); }, tray);
      expect(await tray.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Reassign the case');
      expect(await tray.locator('.govuk-summary-list').innerText()).toMatch(/Caseworker\s+cw-ben/);
      await expectAccessible(tray, 'the case page after a reassignment');
    } finally {
      await managerContext.close();
    }
  });

  it('signs out: the tray is gone until the next sign-in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
