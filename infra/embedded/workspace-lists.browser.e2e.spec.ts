import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import { expectAccessible, firstSignIn, screenshot } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'));
const HEADER = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * The workspace's lists and imports in a real chromium (issue 12), as a team manager uses them:
 * import the settings directory and then plans made before the hub (one row refused, its number
 * and reason on the report), see the reviews due and overdue, the phase transfers of the coming
 * September, and find a setting by name. Every page passes axe-core. Every date is counted from
 * the hub's own today, never written in.
 */
describe('the workspace lists and imports in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const ref = (n: number) => `LST-${tag}-${n}`;
  let hub: WorkspaceHub;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let transferYear: number;
  let oneTimePassword: string;
  const username = 'tm.lists';

  const heading = () => page.locator('h1').innerText();
  const path = () => new URL(page.url()).pathname;

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    // the September move after the current school year (a school year starts in September)
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    transferYear = (month >= 9 ? year : year - 1) + 1;
    const { administration } = hub;
    ({ oneTimePassword } = await administration.accounts.create({ username, name: 'Priya Lists', roles: ['team-manager'] }));
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('signs a team manager in and shows the imports page', async () => {
    await page.goto(`${origin}/imports`);
    expect(path()).toBe('/sign-in');
    await firstSignIn(page, { origin, username, oneTimePassword, newPassword: 'granite harbour willow teapot' });
    await page.waitForURL(`${origin}/imports`);
    expect(await heading()).toBe('Imports');
    expect(await page.locator('.govuk-service-navigation').innerText()).toMatch(/Reviews due[\s\S]*Phase transfers[\s\S]*Settings[\s\S]*Imports/);
    await expectAccessible(page, 'the imports page');
    await screenshot(page, 'workspace-imports');
  });

  it('says what is missing when the form is sent without a file', async () => {
    await page.getByLabel('Settings directory (GIAS extract)').check();
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select a CSV file');
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#file');
    await expectAccessible(page, 'the imports page with an error');
  });

  it('refuses an upload without the session\'s form token before the file goes anywhere, and a file on any other page', async () => {
    const file = { name: 'gias.csv', mimeType: 'text/csv', buffer: gias };
    const forged = await page.request.post(`${origin}/imports`, { multipart: { csrf: 'not-the-token', kind: 'settings', file }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('This form has expired');
    // the settings directory is still empty: nothing was sent on
    expect(await (await page.request.get(`${origin}/settings-directory?q=Castle`)).text()).toContain('No setting matches.');
    const elsewhere = await page.request.post(`${origin}/reviews`, { multipart: { csrf: 'x', file }, maxRedirects: 0 });
    expect(elsewhere.status()).toBe(415);
  });

  it('imports the settings directory from a GIAS extract, then plans with one bad row, and shows the row and why', async () => {
    await page.goto(`${origin}/imports`);
    await page.getByLabel('Settings directory (GIAS extract)').check();
    await page.locator('#file').setInputFiles({ name: 'gias-sample.csv', mimeType: 'text/csv', buffer: gias });
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForURL(new RegExp(`/imports/settings/${UUID}$`));
    expect(await heading()).toBe('Import report');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Finished');
    await expectAccessible(page, 'the settings import report');

    const csv = [HEADER,
      // review due a year after the plan: more than a month late
      `${ref(1)},Amara,Okafor,${addDays(today, -9 * 365)},${addDays(today, -400)},,120345,cw-lists`,
      // in Year 6 now (born in December): moves to secondary school next September
      `${ref(2)},Leo,Marsh,${transferYear - 12}-12-01,${addDays(today, -200)},,120345,cw-lists`,
      `${ref(3)},Ada,Brook,2012-13-40,${addDays(today, -200)},,120345,cw-lists`,
    ].join('\n') + '\n';
    await page.getByRole('link', { name: 'Import another file' }).click();
    await page.getByLabel('Plans made before the hub').check();
    await page.locator('#file').setInputFiles({ name: 'plans.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import the file' }).click();
    await page.waitForURL(new RegExp(`/imports/plans/${UUID}$`));
    expect(await heading()).toBe('Import report');
    const counts = await page.locator('.ehc-counts').innerText();
    expect(counts).toMatch(/Rows read\s*3/);
    expect(counts).toMatch(/Taken\s*2/);
    expect(counts).toMatch(/Refused\s*1/);
    const refused = page.locator('table', { has: page.locator('caption', { hasText: 'Rows refused' }) }).locator('tbody tr');
    expect(await refused.count()).toBe(1);
    const cells = await refused.locator('td').allInnerTexts();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe(ref(3));
    expect(cells[2]).toMatch(/^bad date: date_of_birth/);
    await expectAccessible(page, 'the plans import report');
    await screenshot(page, 'workspace-import-report');
  });

  it('shows the reviews due and overdue, filtered by the API', async () => {
    await page.getByRole('link', { name: 'Reviews due' }).click();
    expect(await heading()).toBe('Reviews due and overdue');
    const late = page.locator('tbody tr', { hasText: ref(1) });
    expect(await late.innerText()).toContain('Amara Okafor');
    expect(await late.innerText()).toContain('Castle Hill Primary School');
    expect(await late.innerText()).toMatch(/\d+ days late/);
    expect(await late.locator('.govuk-tag').first().innerText()).toBe('Overdue');
    expect(await page.locator('tbody tr', { hasText: ref(2) }).count()).toBe(1);
    await expectAccessible(page, 'reviews due');
    await screenshot(page, 'workspace-reviews');

    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(new URL(page.url()).searchParams.get('overdue')).toBe('yes');
    expect(await page.locator('tbody tr', { hasText: ref(1) }).count()).toBe(1);
    expect(await page.locator('tbody tr', { hasText: ref(2) }).count()).toBe(0);

    // a URN that is not one: said beside the field, nothing asked of the API
    await page.getByLabel('Setting URN').fill('Castle');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Setting URN must be');
    await expectAccessible(page, 'reviews due with a filter error');

    await page.getByLabel('Setting URN').fill('120345');
    await page.getByLabel('Overdue only').uncheck();
    await page.getByLabel("Child's name or plan reference").fill(ref(2));
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: ref(2) }).waitFor();
    expect(await page.getByRole('link', { name: ref(2) }).getAttribute('href')).toMatch(new RegExp(`^/plans/${UUID}$`));
  });

  it('shows the phase transfers of the coming September with the last lawful day in the rule\'s words, and another year', async () => {
    await page.getByRole('link', { name: 'Phase transfers' }).click();
    expect(await heading()).toBe(`Phase transfers, September ${transferYear}`);
    const row = page.locator('tbody tr', { hasText: ref(2) });
    const text = await row.innerText();
    expect(text).toContain('Leo Marsh');
    expect(text).toContain('Primary to secondary');
    expect(text).toContain('Year 6 to Year 7');
    expect(text).toContain(`14 February ${transferYear}`);
    expect(text).toContain('before 15 February (reg 18(1))');
    expect(text).toMatch(/Amendment notice by .+\s+Review meeting by /);
    await expectAccessible(page, 'phase transfers');
    await screenshot(page, 'workspace-transfers');

    await page.getByLabel('Year of the September move').fill(String(transferYear + 1));
    await page.getByRole('button', { name: 'Show this year' }).click();
    expect(await heading()).toBe(`Phase transfers, September ${transferYear + 1}`);
    expect(await page.locator('tbody tr', { hasText: ref(2) }).count()).toBe(0);
    await page.getByLabel('Year of the September move').fill('next year');
    await page.getByRole('button', { name: 'Show this year' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Year must be a year');
    await expectAccessible(page, 'phase transfers with a year error');
  });

  it('finds a setting by name and opens it', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    expect(await heading()).toBe('Settings');
    await page.getByLabel('Name of the setting').fill('castle hill');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await expectAccessible(page, 'the settings directory');
    await screenshot(page, 'workspace-settings');
    await page.getByRole('link', { name: 'Castle Hill Primary School' }).click();
    expect(path()).toBe('/settings-directory/120345');
    expect(await heading()).toBe('Castle Hill Primary School');
    expect(await page.locator('.govuk-summary-list').innerText()).toMatch(/Statutory ages\s*4 to 11/);
    await expectAccessible(page, 'a setting');
    await page.getByRole('link', { name: "Reviews due for this setting's pupils" }).click();
    expect(new URL(page.url()).searchParams.get('setting')).toBe('120345');
    expect(await page.locator('tbody tr', { hasText: ref(1) }).count()).toBe(1);
  });
});
