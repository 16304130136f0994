import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearEnd, financialYearOf, formatPounds, prorate } from '@ehc/money';
import { expectAccessible, firstSignIn, screenshot } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026-03-02 → 2 March 2026, as the pages write a date. */
const inWords = (date: CalendarDate) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

const MATRIX = [
  'band,setting_type,annual_pounds,valid_from',
  'C,mainstream,12000,2020-04-01',
  'D,mainstream,15500,2020-04-01',
  'S2,special,21000.50,2020-04-01',
].join('\n');

/**
 * The funding pages in a real chromium: a funding officer signs in, imports the banding matrix (a
 * file with bad rows refused first, each fault listed), sees a plan arrive in the awaiting-funding
 * tray once a final plan naming a school is issued through the needs-assessment API, and agrees its
 * top-up through the form: a date that does not exist refused beside its field, then a date the API
 * refuses shown in the rule's words, then agreed, the year's commitment shown to the penny. Every
 * page passes axe-core. The hub runs on the real clock: every date is counted from its own today.
 */
describe('the funding pages in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let hub: WorkspaceHub;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let planId: string;
  const username = 'fo.banding';
  let oneTimePassword: string;

  const daysAgo = (n: number) => addDays(today, -n);
  const typeDate = async (form: Locator, legend: string, date: CalendarDate | { day: string; month: string; year: string }) => {
    const parts = typeof date === 'string' ? { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) } : date;
    const group = form.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(parts.day);
    await group.getByLabel('Month').fill(parts.month);
    await group.getByLabel('Year').fill(parts.year);
  };
  const formOf = async (title: string) => {
    const details = page.locator('details', { has: page.locator('summary', { hasText: title }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details.locator('form');
  };
  const send = async (form: Locator) => {
    await form.getByRole('button').click();
    await page.waitForLoadState();
  };
  const upload = async (csv: string) => {
    await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'banding-matrix.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import the banding matrix' }).click();
    await page.waitForLoadState();
  };

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    const created = await hub.administration.accounts.create({ username, name: 'Sam Banding', roles: ['funding-officer'] });
    oneTimePassword = created.oneTimePassword;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('signs the funding officer in and imports the banding matrix; a file with bad rows is refused, each fault listed', async () => {
    await page.goto(`${origin}/high-needs/bands`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await firstSignIn(page, { origin, username, oneTimePassword, newPassword: 'amber lantern quiet harbour' });
    await page.waitForURL(`${origin}/high-needs/bands`);
    expect(await page.locator('h1').innerText()).toBe('Banding matrix');
    const navigation = await page.locator('.govuk-service-navigation').innerText();
    expect(navigation).toContain('Awaiting funding');
    expect(navigation).toContain('Banding matrix');
    expect(await page.locator('main').innerText()).toContain('No bands yet. Import the banding matrix below.');
    await expectAccessible(page, 'the empty banding matrix');

    await upload('band,setting_type,annual_pounds,valid_from\nC,mainstream,12000.555,2020-04-01\nC,spaceship,1,2020-13-01\n');
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('nothing was imported');
    expect(summary).toContain('Row 1, annual_pounds: an amount in pounds');
    expect(summary).toContain('Row 2, setting_type: the setting type must be one of');
    expect(summary).toContain('Row 2, valid_from: a date YYYY-MM-DD');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#file');
    await expectAccessible(page, 'the banding matrix with a file refused');

    await upload(MATRIX);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Banding matrix imported: 3 rates added, 0 already there');
    const mainstream = page.locator('table', { has: page.locator('caption', { hasText: 'Mainstream school' }) });
    expect(await mainstream.locator('tr', { hasText: 'C' }).first().innerText()).toMatch(/C\s+1 April 2020\s+No end\s+£12,000.00/);
    const special = page.locator('table', { has: page.locator('caption', { hasText: 'Special school' }) });
    expect(await special.locator('tbody tr').innerText()).toContain('£21,000.50');
    await expectAccessible(page, 'the banding matrix');
    await screenshot(page, 'funding-bands');
  });

  it('shows a plan in the awaiting-funding tray once a final plan names a school, with how long it has waited', async () => {
    // the intake team takes a request to a final plan naming a school, 20 days ago, through the needs-assessment API
    const token = await hub.serviceToken('intake-desk', ['caseworker', 'team-manager']);
    const post = (path: string, body: unknown) => fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const recorded = await post('/needs-assessments', { child: { givenName: 'Nia', familyName: 'Cole', dateOfBirth: addDays(today, -7 * 365) }, requestedBy: 'parent', receivedOn: daysAgo(140) });
    expect(recorded.status).toBe(201);
    const caseId = ((await recorded.json()) as { id: string }).id;
    expect((await post(`/needs-assessments/${caseId}/decide-to-assess`, { on: daysAgo(130) })).status).toBe(200);
    expect((await post(`/needs-assessments/${caseId}/issue-draft-plan`, { on: daysAgo(50) })).status).toBe(200);
    expect((await post(`/needs-assessments/${caseId}/issue-final-plan`, { on: daysAgo(20), namedSetting: { urn: '120345', name: 'Lincoln Castle Academy' } })).status).toBe(200);
    planId = caseId.replace(/^ehcna-/, '');

    await page.getByRole('link', { name: 'Awaiting funding' }).click();
    expect(new URL(page.url()).pathname).toBe('/high-needs/plans');
    expect(await page.locator('h1').innerText()).toBe('Plans awaiting funding');
    // the hub delivers the final plan to the funding service in the background
    let row = page.locator('tbody tr', { has: page.locator(`a[href="/high-needs/plans/${planId}"]`) });
    for (let i = 0; i < 50 && (await row.count()) === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
      row = page.locator('tbody tr', { has: page.locator(`a[href="/high-needs/plans/${planId}"]`) });
    }
    const text = await row.innerText();
    expect(text).toContain('Final plan issued');
    expect(text).toContain('Lincoln Castle Academy');
    expect(text).toContain('URN 120345');
    expect(text).toMatch(new RegExp(`${inWords(daysAgo(20))}\\s+20$`));
    expect(await page.locator('.ehc-trays [aria-current="page"]').innerText()).toBe('Awaiting funding');
    await expectAccessible(page, 'the awaiting-funding tray');
    await screenshot(page, 'funding-awaiting');
  });

  it('agrees the top-up through the form: a date that does not exist and one the rules refuse are shown beside their fields; the commitment is shown to the penny', async () => {
    await page.locator(`a[href="/high-needs/plans/${planId}"]`).click();
    expect(new URL(page.url()).pathname).toBe(`/high-needs/plans/${planId}`);
    expect(await page.locator('h1').innerText()).toBe('Funding');
    const body = await page.locator('main').innerText();
    expect(body).toContain('Lincoln Castle Academy (URN 120345)');
    expect(body).toContain(`Since ${inWords(daysAgo(20))} (final plan issued): waiting 20 days`);
    expect(body).toContain('Nothing committed: no top-up has been agreed.');
    expect(await page.locator('summary').allInnerTexts()).toEqual(expect.arrayContaining(['Agree the top-up', 'Record that no top-up is needed']));
    await expectAccessible(page, 'a plan awaiting funding');

    // 31 February: refused by the form itself, beside the day box
    let form = await formOf('Agree the top-up');
    expect(await form.getByLabel('Setting URN').inputValue()).toBe('120345');
    await form.getByLabel('Band', { exact: true }).selectOption('C');
    await typeDate(form, 'When the top-up was agreed', today);
    await typeDate(form, 'First day funded', { day: '31', month: '2', year: today.slice(0, 4) });
    await send(form);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('First day funded must be a real date');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#agree-top-up-from-day');
    expect(await page.locator('details[open] summary').innerText()).toBe('Agree the top-up');
    expect(await page.locator('#agree-top-up-band').inputValue()).toBe('C');
    await expectAccessible(page, 'the top-up form with a date refused');
    await screenshot(page, 'funding-refused-step');

    // agreed tomorrow: the API refuses a date in the future, in the rule's words beside the date
    form = await formOf('Agree the top-up');
    const from = daysAgo(10);
    await typeDate(form, 'When the top-up was agreed', addDays(today, 1));
    await typeDate(form, 'First day funded', from);
    await send(form);
    const refusal = await page.locator('.govuk-error-summary').innerText();
    expect(refusal).toMatch(/future/);
    expect(refusal).not.toMatch(/[{}]|DateInFuture/);
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#agree-top-up-on-day');
    await expectAccessible(page, 'the top-up form refused by the API');

    form = await formOf('Agree the top-up');
    await typeDate(form, 'When the top-up was agreed', today);
    await send(form);
    expect(new URL(page.url()).pathname).toBe(`/high-needs/plans/${planId}`);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Agree the top-up');
    const funded = await page.locator('main').innerText();
    expect(funded).toMatch(/Band\s+C/);
    expect(funded).toContain(`£12,000.00 a year, from ${inWords(from)}`);
    // £12,000 a year from the first day funded to the end of this financial year, by the day, to the penny
    const fy = financialYearOf(today);
    const committed = prorate(1_200_000, from, financialYearEnd(fy)).filter((p) => p.fy === fy).reduce((sum, p) => sum + p.pence, 0);
    const year = `${fy.slice(0, 4)} to ${Number(fy.slice(0, 4)) + 1}`;
    const commitments = page.locator('table', { has: page.locator('caption', { hasText: 'in each financial year' }) });
    expect(await commitments.locator('tbody tr', { hasText: year }).innerText()).toMatch(new RegExp(`${year}\\s+${formatPounds(committed).replace(/[£.]/g, '\\$&')}`));
    expect(await page.locator('table', { has: page.locator('caption', { hasText: 'Each band' }) }).locator('tbody tr').innerText()).toMatch(/C\s+Lincoln Castle Academy \(URN 120345\)[\s\S]*Running\s+£12,000.00/);
    expect(funded).toMatch(/Paid to\s+Lincoln Castle Academy \(URN 120345\), mainstream school/);
    expect(await page.locator('summary').allInnerTexts()).toEqual(expect.arrayContaining(['Change the band', 'End the top-up']));
    await expectAccessible(page, 'a funded plan');
    await screenshot(page, 'funding-plan');
  });

  it('moves the plan from the awaiting-funding tray to the funded one', async () => {
    await page.getByRole('link', { name: 'Awaiting funding' }).click();
    expect(await page.locator(`a[href="/high-needs/plans/${planId}"]`).count()).toBe(0);
    await page.locator('.ehc-trays').getByRole('link', { name: 'Funded' }).click();
    expect(await page.locator('h1').innerText()).toBe('Plans with a top-up');
    const row = page.locator('tbody tr', { has: page.locator(`a[href="/high-needs/plans/${planId}"]`) });
    expect(await row.innerText()).toMatch(/C\s+£12,000.00$/);
    await expectAccessible(page, 'the funded tray');
  });

  it('shows the year\'s payment schedule by setting type and by setting, and hands on its CSV and workbook', async () => {
    const token = await hub.serviceToken('finance-desk', ['finance']);
    const fy = financialYearOf(today);
    await page.getByRole('link', { name: 'Payment schedule' }).click();
    expect(new URL(page.url()).pathname).toBe('/high-needs/schedule');
    expect(await page.locator('h1').innerText()).toBe('Payment schedule');
    // the ledger is a read model the hub brings up to date in the background
    let api = { totals: { pence: 0 } };
    for (let i = 0; i < 50 && api.totals.pence === 0; i++) {
      api = (await (await fetch(`${origin}/funding/schedule?fy=${fy}`, { headers: { authorization: `Bearer ${token}` } })).json()) as typeof api;
      if (api.totals.pence === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(api.totals.pence).toBeGreaterThan(0);
    await page.reload();
    const totals = page.locator('table', { has: page.locator('caption', { hasText: 'Totals by setting type' }) });
    expect(await totals.locator('tr', { hasText: 'Mainstream school' }).innerText()).toContain(formatPounds(api.totals.pence));
    expect(await totals.locator('tr', { hasText: 'Total' }).innerText()).toContain(formatPounds(api.totals.pence));
    const bySetting = page.locator('table', { has: page.locator('caption', { hasText: 'By setting, largest first' }) });
    expect(await bySetting.locator('tbody tr').innerText()).toMatch(/URN 120345, mainstream school\s+1\s+£/);
    await expectAccessible(page, 'the payment schedule');
    await screenshot(page, 'funding-schedule');

    const csv = await page.request.get(`${origin}${await page.getByRole('link', { name: /as CSV/ }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers()['content-disposition']).toContain(`high-needs-schedule-${fy}.csv`);
    expect(await csv.text()).toContain('120345');
    const xlsx = await page.request.get(`${origin}${await page.getByRole('link', { name: /spreadsheet \(XLSX\)/ }).getAttribute('href')}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // a workbook is a zip file
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  });

  it('shows the forecast against the budget: a date that does not exist refused, then the overspend in words once a budget is entered', async () => {
    const fy = financialYearOf(today);
    const year = `${fy.slice(0, 4)} to ${Number(fy.slice(0, 4)) + 1}`;
    await page.getByRole('link', { name: 'Forecast' }).click();
    expect(new URL(page.url()).pathname).toBe('/high-needs/forecast');
    expect(await page.locator('h1').innerText()).toBe('High-needs forecast');
    expect(await page.locator('main').innerText()).toContain(`No budget has been entered for ${year}`);
    expect(await page.locator('main table').innerText()).toMatch(/Mainstream school: band C\s+1\s+£/);
    await expectAccessible(page, 'the forecast without a budget');

    await typeDate(page.locator('main form').first(), 'As at', { day: '32', month: '1', year: today.slice(0, 4) });
    await page.getByRole('button', { name: 'Show the forecast' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The date to forecast as at must be a real date');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#as-at-day');
    await expectAccessible(page, 'the forecast with a date refused');

    await page.goto(`${origin}/high-needs/forecast`);
    await page.getByLabel('High-needs budget for the year').fill('a lot');
    await page.getByRole('button', { name: 'Save the budget' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Budget must be an amount in pounds and pence');
    await page.getByLabel('High-needs budget for the year').fill('1,000.00');
    await page.getByRole('button', { name: 'Save the budget' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(`Budget entered for ${year}`);
    const token = await hub.serviceToken('finance-reader', ['finance']);
    const api = (await (await fetch(`${origin}/funding/forecast?fy=${fy}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { totals: { forecastPence: number; variancePence: number } };
    expect(api.totals.variancePence).toBe(api.totals.forecastPence - 100_000);
    const main = await page.locator('main').innerText();
    expect(main).toContain(`Forecast overspend of ${formatPounds(api.totals.variancePence)} against the budget for ${year}.`);
    expect(await page.locator('.ehc-variance .govuk-tag').innerText()).toMatch(/overspend/i);
    expect(main).toMatch(new RegExp(`Forecast against the budget\\s+Over by ${formatPounds(api.totals.variancePence).replace(/[£.]/g, '\\$&')}`));
    expect(await page.getByLabel('High-needs budget for the year').inputValue()).toBe('1000.00');
    await expectAccessible(page, 'the forecast against the budget');
    await screenshot(page, 'funding-forecast');
  });
});
