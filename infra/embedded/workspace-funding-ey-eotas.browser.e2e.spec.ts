import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import { formatPounds } from '@ehc/money';
import { expectAccessible, firstSignIn, screenshot } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026-03-02 → 2 March 2026, as the pages write a date. */
const inWords = (date: CalendarDate) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\£]/g, '\\$&');

const RATES = ['level,hourly_pounds,valid_from', 'targeted,12.50,2020-04-01', 'enhanced,18,2020-04-01'].join('\n');
const CHECKS_LEFT = ['Safeguarding policy', 'Premises risk assessment', 'Staff qualifications', 'References'];

/**
 * Early years inclusion funding and EOTAS packages in a real chromium. A funding officer imports the
 * rates table, enters a setting's application (a form missing a line of the needs profile refused
 * first), triages and approves it (the amount checked against the rate × hours × weeks worked out by
 * hand) and records a payment; then proposes an EOTAS package with an unregulated provider, which a
 * team manager (a second user, in a second browser context) cannot sign off while checks are
 * outstanding, records the checks, and the manager signs it off. Every page passes axe-core. The hub
 * runs on the real clock: every date is counted from its own today.
 */
describe('early years inclusion funding and EOTAS packages in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let hub: WorkspaceHub;
  let page: Page;
  let manager: Page;
  let origin: string;
  let today: CalendarDate;
  let applicationId: string;
  let packageId: string;
  const officer = { username: 'fo.early', oneTimePassword: '' };
  const teamManager = { username: 'tm.eotas', oneTimePassword: '' };

  const daysAgo = (n: number) => addDays(today, -n);
  const typeDate = async (form: Locator, legend: string, date: CalendarDate) => {
    const group = form.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(String(Number(date.slice(8, 10))));
    await group.getByLabel('Month').fill(String(Number(date.slice(5, 7))));
    await group.getByLabel('Year').fill(date.slice(0, 4));
  };
  const formOf = async (on: Page, title: string) => {
    const details = on.locator('details', { has: on.locator('summary', { hasText: title }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details.locator('form');
  };
  const send = async (on: Page, form: Locator) => {
    await form.getByRole('button').click();
    await on.waitForLoadState();
  };
  const rate = async (line: string, ratings: number[]) => {
    for (const [i, r] of ratings.entries()) await page.locator(`input[name="${line}-${i}"][value="${r}"]`).check();
  };

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    officer.oneTimePassword = (await hub.administration.accounts.create({ username: officer.username, name: 'Sam Early', roles: ['funding-officer'] })).oneTimePassword;
    teamManager.oneTimePassword = (await hub.administration.accounts.create({ username: teamManager.username, name: 'Kit Manager', roles: ['team-manager'] })).oneTimePassword;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('signs the funding officer in and imports the early years inclusion rates', async () => {
    await page.goto(`${origin}/high-needs/early-years/rates`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await firstSignIn(page, { origin, username: officer.username, oneTimePassword: officer.oneTimePassword, newPassword: 'meadow copper lantern quiet' });
    await page.waitForURL(`${origin}/high-needs/early-years/rates`);
    expect(await page.locator('h1').innerText()).toBe('Early years inclusion rates');
    const navigation = await page.locator('.govuk-service-navigation').innerText();
    expect(navigation).toContain('Early years inclusion');
    expect(navigation).toContain('EOTAS packages');
    expect(await page.locator('main').innerText()).toContain('No rates yet. Import the rates table below.');

    await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from('level,hourly_pounds,valid_from\ntargeted,12.555,2020-04-01\n') });
    await page.getByRole('button', { name: 'Import the rates table' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Row 1, hourly_pounds');
    await expectAccessible(page, 'the rates table with a file refused');

    await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(RATES) });
    await page.getByRole('button', { name: 'Import the rates table' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Rates imported: 2 rates added, 0 already there');
    expect(await page.locator('tbody tr', { hasText: 'targeted' }).innerText()).toMatch(/targeted\s+1 April 2020\s+No end\s+£12.50/);
    await expectAccessible(page, 'the rates table');
    await screenshot(page, 'funding-ey-rates');
  });

  it('enters a setting\'s application: a needs profile missing a line is refused beside it, then the application is recorded', async () => {
    await page.getByRole('link', { name: 'Early years inclusion' }).click();
    expect(await page.locator('h1').innerText()).toBe('Early years inclusion funding');
    await page.getByRole('link', { name: 'Enter an application' }).click();
    expect(new URL(page.url()).pathname).toBe('/high-needs/early-years/new');
    const form = page.locator('main form');
    await form.getByLabel('Child\'s id').fill(randomUUID());
    await form.getByLabel('Setting URN').fill('EY123456');
    await typeDate(form, 'When the application was received', daysAgo(10));
    await form.getByLabel('Hours of extra support a week').fill('7.5');
    await form.getByLabel('Weeks it is needed for').fill('38');
    await form.getByLabel('The support the funding will buy').fill('A key person one to one: visual timetable and help at transitions');
    await rate('needs', [3, 4, 2, 3, 3]);
    await rate('settingReadiness', [2, 2, 3, 2, 3]);
    await expectAccessible(page, 'the application form');
    await form.getByRole('button', { name: 'Enter the application' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select a family confidence rating for every domain');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#apply-familyConfidence-0');
    // what was typed is kept
    expect(await page.locator('input[name="needs-1"][value="4"]').isChecked()).toBe(true);
    await expectAccessible(page, 'the application form refused');
    await screenshot(page, 'funding-ey-new');

    await rate('familyConfidence', [3, 2, 3, 3, 2]);
    await page.locator('main form').getByRole('button', { name: 'Enter the application' }).click();
    await page.waitForLoadState();
    applicationId = /\/high-needs\/early-years\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)![1];
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Enter an application for early years inclusion funding');
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/Extra support asked for\s+7.5 hours a week for 38 weeks/);
    expect(main).toMatch(/Communication and interaction\s+4\s+2\s+2/);
    expect(await page.locator('table', { has: page.locator('caption', { hasText: 'When the decision is due' }) }).innerText()).toMatch(/\d+ days? left|Due today/);
    await expectAccessible(page, 'an application');
  });

  it('triages and approves the application: the amount is the rate × hours a week × weeks; a payment is recorded', async () => {
    const triage = await formOf(page, 'Triage the application');
    await typeDate(triage, 'When it was triaged', today);
    await send(page, triage);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Triage the application');

    const approve = await formOf(page, 'Approve the funding');
    await approve.getByLabel('Level', { exact: true }).selectOption('targeted');
    await typeDate(approve, 'When it was approved', today);
    await typeDate(approve, 'First day funded', daysAgo(10));
    await typeDate(approve, 'Last day funded', addDays(today, 200));
    await send(page, approve);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Approve the funding');
    // £12.50 an hour × 7.5 hours × 38 weeks, worked out by hand: 1,250p × 7.5 × 38 = 356,250p
    const amount = formatPounds(1_250 * 7.5 * 38);
    expect(amount).toBe('£3,562.50');
    const main = await page.locator('main').innerText();
    expect(main).toMatch(new RegExp(`Amount\\s+${escaped(amount)}`));
    expect(main).toContain(`£12.50 an hour × 7.5 hours a week × 38 weeks = ${amount}`);
    expect(main).toMatch(/Outcome\s+Approved .*, in time/);

    const payments = page.locator('table', { has: page.locator('caption', { hasText: 'termly payments' }) });
    const rows = payments.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().innerText()).toContain('Unpaid');
    const pay = await formOf(page, 'Record a payment to the setting');
    await pay.getByRole('radio').first().check();
    await typeDate(pay, 'When it was paid', today);
    await send(page, pay);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Record a payment to the setting');
    expect(await rows.first().innerText()).toMatch(new RegExp(`Paid\\s+${inWords(today)}`));
    await expectAccessible(page, 'an approved application with a payment');
    await screenshot(page, 'funding-ey-application');

    await page.getByRole('link', { name: 'Back to the applications' }).click();
    const row = page.locator('tbody tr', { has: page.locator(`a[href="/high-needs/early-years/${applicationId}"]`) });
    expect(await row.innerText()).toMatch(/Approved[\s\S]*Decided in time/);
    await expectAccessible(page, 'the applications');
    await screenshot(page, 'funding-ey-applications');
  });

  it('proposes an EOTAS package with an unregulated provider: the checks outstanding are listed and no sign-off is offered', async () => {
    await page.getByRole('link', { name: 'EOTAS packages' }).click();
    expect(await page.locator('h1').innerText()).toBe('EOTAS packages');
    await page.getByRole('link', { name: 'Propose a package' }).click();
    const form = page.locator('main form');
    await form.getByLabel('EHC plan id').fill(randomUUID());
    await form.getByLabel('Child or young person\'s id').fill(randomUUID());
    await typeDate(form, 'When it was proposed', daysAgo(5));
    await form.getByLabel('Provider\'s name').fill('Wolds Learning Partnership CIC');
    await form.getByRole('group', { name: 'Is the provider unregulated?' }).getByLabel('Yes').check();
    await form.getByLabel('DBS checks of the staff').check();
    await form.getByLabel('Insurance').check();
    await form.getByLabel('Weekly cost').fill('425.50');
    await typeDate(form, 'When it starts', addDays(today, 7));
    await typeDate(form, 'When it is to be reviewed', addDays(today, 90));
    await expectAccessible(page, 'the proposal form');
    await form.getByRole('button', { name: 'Propose the package' }).click();
    await page.waitForLoadState();
    packageId = /\/high-needs\/eotas\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)![1];
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Propose an EOTAS package');
    const main = await page.locator('main').innerText();
    expect(main).toMatch(/Weekly cost\s+£425.50 \(proposed\)/);
    expect(main).toContain('4 checks are outstanding: the package cannot be signed off until they are done.');
    expect(main).toContain('A team manager other than the officer who proposed the package (Sam Early) must sign it off');
    const checks = page.locator('table', { has: page.locator('caption', { hasText: 'commissioning check' }) });
    expect(await checks.locator('tr', { hasText: 'Insurance' }).innerText()).toContain('Done');
    expect(await checks.locator('tr', { hasText: 'References' }).innerText()).toContain('Outstanding');
    const offered = await page.locator('summary').allInnerTexts();
    expect(offered).toContain('Record a commissioning check');
    expect(offered).not.toContain('Sign off the package');
    await expectAccessible(page, 'a proposed package');
    await screenshot(page, 'funding-eotas-proposed');
  });

  it('a team manager cannot sign off while checks are outstanding; once the officer records them, the manager signs it off', async () => {
    const managerContext = await hub.browser.newContext();
    try {
      manager = await managerContext.newPage();
      await manager.goto(`${origin}/high-needs/eotas/${packageId}`);
      await firstSignIn(manager, { origin, username: teamManager.username, oneTimePassword: teamManager.oneTimePassword, newPassword: 'orchard pebble willow ember' });
      await manager.waitForURL(`${origin}/high-needs/eotas/${packageId}`);
      expect(await manager.locator('summary').allInnerTexts()).not.toContain('Sign off the package');
      expect(await manager.locator('main').innerText()).toContain('cannot be signed off until they are done');
      await expectAccessible(manager, 'a proposed package, to a team manager');

      for (const [n, check] of CHECKS_LEFT.entries()) {
        const form = await formOf(page, 'Record a commissioning check');
        // only the checks still outstanding are offered
        expect(await form.getByRole('radio').count()).toBe(CHECKS_LEFT.length - n);
        await form.getByLabel(check).check();
        await typeDate(form, 'When the check was done', today);
        await send(page, form);
        expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Record a commissioning check');
      }
      expect(await page.locator('main').innerText()).not.toContain('outstanding:');
      // the officer proposed it: no sign-off for them
      expect(await page.locator('summary').allInnerTexts()).not.toContain('Sign off the package');

      await manager.reload();
      const signOff = await formOf(manager, 'Sign off the package');
      expect(await manager.locator('main').innerText()).toContain('someone other than the officer who proposed it must sign it off');
      await typeDate(signOff, 'When it was signed off', today);
      await typeDate(signOff, 'When the weekly panel considered it', today);
      await send(manager, signOff);
      expect(await manager.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Sign off the package');
      const main = await manager.locator('main').innerText();
      expect(main).toMatch(new RegExp(`Signed off\\s+${inWords(today)} by Kit Manager`));
      expect(main).toMatch(new RegExp(`Due by ${inWords(addDays(today, 90))}\\s?: 90 days left`));
      expect(await manager.locator('table', { has: manager.locator('caption', { hasText: 'weekly cost' }) }).locator('tbody tr').innerText())
        .toMatch(new RegExp(`${inWords(addDays(today, 7))}\\s+Continuing\\s+£425.50`));
      expect(await manager.locator('summary').allInnerTexts()).toEqual(expect.arrayContaining(['Review the package', 'End the package']));
      await expectAccessible(manager, 'an approved package');
      await screenshot(manager, 'funding-eotas-package');

      await manager.getByRole('link', { name: 'EOTAS packages' }).first().click();
      const row = manager.locator('tbody tr', { has: manager.locator(`a[href="/high-needs/eotas/${packageId}"]`) });
      expect(await row.innerText()).toMatch(new RegExp(`Approved\\s+£425.50\\s+${inWords(addDays(today, 90))}\\s+90 days left`));
      await expectAccessible(manager, 'the EOTAS packages');
      await screenshot(manager, 'funding-eotas-packages');
    } finally {
      await managerContext.close();
    }
  });
});
