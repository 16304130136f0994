import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { CalendarDate } from '@ehc/domain-kernel';
import { expectAccessible, firstSignIn, screenshot, tabTo } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** YYYY-MM moved by `n` months. */
const addMonths = (month: string, n: number) => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const monthWords = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/**
 * The monthly meeting's pages in a real chromium. Five requests received two months ago and four
 * decisions whether to assess last month (one late) are recorded through the needs-assessment API;
 * a team manager signs in, opens last month's pack (a figure, its chart, the cases behind it, the
 * CSV and the spreadsheet, the printable page), sees a decision recorded after the pack was
 * published restate two figures (the case that came in linked to its page), reads the SEN2 return's
 * totals and checks, and imports the special schools' places (a bad file refused in words, then the
 * table). Every page passes axe-core; the hub runs on the real clock.
 */
describe('the monthly meeting\'s pages in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let hub: WorkspaceHub;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let lastMonth: string;
  const cases: string[] = [];
  let post: (path: string, body: unknown) => Promise<Response>;

  /** A page again until it shows what the hub's read models bring up to date in the background. */
  const reloadUntil = async (done: () => Promise<boolean>) => {
    for (let i = 0; i < 75 && !(await done()); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
  };

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    lastMonth = addMonths(today.slice(0, 7), -1);
    const received = addMonths(today.slice(0, 7), -2);
    const token = await hub.serviceToken('intake-desk', ['caseworker', 'team-manager']);
    post = (path, body) => fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    for (const [i, day] of ['01', '01', '02', '02', '03'].entries()) {
      const answer = await post('/needs-assessments', {
        child: { givenName: `Child${i}`, familyName: 'Meeting', dateOfBirth: '2018-05-01' }, requestedBy: 'parent', receivedOn: `${received}-${day}`, caseworker: 'cw-ayesha',
      });
      expect(answer.status).toBe(201);
      cases.push(((await answer.json()) as { id: string }).id);
    }
    // three decisions to assess within the six weeks, one refusal after them
    for (const i of [0, 1, 2]) expect((await post(`/needs-assessments/${cases[i]}/decide-to-assess`, { on: `${lastMonth}-05` })).status).toBe(200);
    expect((await post(`/needs-assessments/${cases[3]}/refuse-assessment`, { on: `${lastMonth}-28`, reasons: 'Needs met from the school\'s resources.' })).status).toBe(200);
    const created = await hub.administration.accounts.create({ username: 'tm.meeting', name: 'Priya Shah', roles: ['team-manager'] });
    await page.goto(`${origin}/meeting`);
    await firstSignIn(page, { origin, username: 'tm.meeting', oneTimePassword: created.oneTimePassword, newPassword: 'amber harbour quiet meadow' });
    await page.waitForURL(`${origin}/meeting`);
  });

  afterAll(async () => {
    await hub?.close();
  });

  const onTime = () => page.locator('.ehc-pack-summary tr', { hasText: 'Decisions whether to assess within 6 weeks' });

  it('shows last month\'s pack: a figure, its chart, the cases behind it and the downloads', async () => {
    expect(await page.locator('h1').innerText()).toBe('Monthly performance pack');
    expect(await page.locator('.govuk-service-navigation').innerText()).toContain('Monthly pack');
    expect(await page.locator('#month option[selected]').innerText()).toBe(monthWords(lastMonth));
    await reloadUntil(async () => (await onTime().innerText().catch(() => '')).includes('75.0%'));
    const refusals = page.locator('section.ehc-pack-measure', { has: page.getByRole('heading', { name: 'Requests refused', exact: true }) });
    expect(await refusals.locator('.govuk-body-l').innerText()).toMatch(/^25\.0%/);
    expect(await refusals.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/^Line chart of /);
    // the drill-down: the cases behind the figure, each linked to its page
    await refusals.locator('summary', { hasText: 'cases behind this figure' }).click();
    expect(await refusals.locator(`.ehc-pack-cases a[href="/cases/${cases[3]}"]`).count()).toBe(1);
    // the charts and the month-by-month tables fit the page: nothing scrolls sideways
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await expectAccessible(page, 'the monthly pack');
    await screenshot(page, 'workspace-performance-pack');

    const csv = await page.request.get(`${origin}${await page.getByRole('link', { name: 'Download every measure month by month as CSV' }).getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers()['content-disposition']).toContain(`performance-pack-${lastMonth}`);
    expect(await csv.text()).toMatch(new RegExp(`refusalRate,[^\\n]*,${lastMonth},0\\.25,1,4,share,ok`));
    const xlsx = await page.request.get(`${origin}${await page.getByRole('link', { name: /as a spreadsheet/ }).getAttribute('href')}`);
    expect(xlsx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('link', { name: 'Open the printable page' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe(`SEND performance pack: ${monthWords(lastMonth)}`);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the printable pack');
    await page.goBack();
  });

  it('refuses an as-at date that does not exist beside its box', async () => {
    await page.getByRole('group', { name: 'As at (optional)' }).getByLabel('Day').fill('31');
    await page.getByRole('group', { name: 'As at (optional)' }).getByLabel('Month').fill('2');
    await page.getByRole('group', { name: 'As at (optional)' }).getByLabel('Year').fill(today.slice(0, 4));
    await page.getByRole('button', { name: 'Show the pack' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('must be a real date');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#as-at-day');
    expect(await page.locator('#as-at-error').innerText()).toContain('must be a real date');
    await expectAccessible(page, 'the monthly pack with a date that does not exist');
  });

  it('shows what changed after a decision was recorded late: before, after and the case that came in', async () => {
    const published = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    expect((await post(`/needs-assessments/${cases[4]}/refuse-assessment`, { on: `${lastMonth}-20`, reasons: 'Needs met from the school\'s resources.' })).status).toBe(200);
    await page.goto(`${origin}/meeting?month=${lastMonth}`);
    await reloadUntil(async () => (await onTime().innerText().catch(() => '')).includes('60.0%'));
    // the pack as it was published, then what has changed since
    await page.goto(`${origin}/meeting?month=${lastMonth}&as-at=${encodeURIComponent(published)}`);
    expect(await onTime().innerText()).toContain('75.0%');
    await page.getByRole('link', { name: 'See what has changed in these figures since' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('What changed in a month\'s figures');
    const refusals = page.locator('section.ehc-pack-measure', { has: page.getByRole('heading', { name: 'Requests refused', exact: true }) });
    expect(await refusals.locator('table').first().innerText()).toMatch(/Figure\s+25\.0%\s+40\.0%[\s\S]*Numerator\s+1\s+2[\s\S]*Denominator\s+4\s+5/);
    expect(await refusals.locator(`a[href="/cases/${cases[4]}"]`).count()).toBe(1);
    expect(await page.locator('main').innerText()).not.toContain('Requests for an assessment received');
    await expectAccessible(page, 'the restatement');
  });

  it('shows the SEN2 return: its totals, its checks, what it leaves out and its downloads', async () => {
    await page.getByRole('link', { name: 'SEN2 return' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('SEN2 return');
    // the collection year whose flows (the calendar year before it) hold the requests
    const flowsYear = Number(addMonths(today.slice(0, 7), -2).slice(0, 4));
    await page.getByLabel('Collection year').selectOption(String(flowsYear + 1));
    await page.getByRole('button', { name: 'Show the return' }).click();
    await page.waitForLoadState();
    const totals = await page.locator('.ehc-sen2-totals').innerText();
    expect(totals).toMatch(new RegExp(`Requests for an EHC needs assessment received in ${flowsYear}\\s+5`));
    expect(totals).toMatch(/Of them, outcome Y: assessed\s+3/);
    expect(await page.locator('#checks').count()).toBe(1);
    expect(await page.locator('.ehc-sen2-gaps tbody tr').count()).toBeGreaterThan(0);
    const xml = await page.request.get(`${origin}${await page.getByRole('link', { name: /as XML/ }).getAttribute('href')}`);
    expect(xml.headers()['content-type']).toMatch(/^application\/xml/);
    expect(xml.headers()['content-disposition']).toContain(`sen2-${flowsYear + 1}.xml`);
    const csv = await page.request.get(`${origin}${await page.getByRole('link', { name: /as CSV/ }).getAttribute('href')}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    await expectAccessible(page, 'the SEN2 return');
    await screenshot(page, 'workspace-performance-sen2');
  });

  it('imports the special schools\' places (a bad file refused in words) and shows the places table', async () => {
    await page.getByRole('link', { name: 'Special school places' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').innerText()).toBe('Special school places');
    expect(await page.locator('.ehc-waiting-list').innerText()).toMatch(/^Not recorded\./);
    const year = await page.locator('#year option[selected]').getAttribute('value');
    const yearWords = `${year}/${String((Number(year) + 1) % 100).padStart(2, '0')}`;
    const upload = async (csv: string) => {
      await page.getByLabel('Upload a CSV file').setInputFiles({ name: 'places.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Import the places' }).click();
      await page.waitForLoadState();
    };
    await upload(`urn,name,academic_year,places\n120345,Oakfield Special School,${yearWords},lots\n`);
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('"lots" is not a whole number of places');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#file');
    await expectAccessible(page, 'the places page with a refused file');

    await upload(`urn,name,academic_year,places\n120345,Oakfield Special School,${yearWords},140\n120346,Riverside School,${yearWords},60\n`);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Places imported: 2');
    const oakfield = page.locator('.ehc-places tbody tr', { hasText: 'Oakfield Special School' });
    expect(await oakfield.innerText()).toMatch(/Oakfield Special School \(URN 120345\)\s+140\s+0\s+0\s+0\s+0/);
    expect(await page.locator('.ehc-places tfoot').innerText()).toMatch(/Every school\s+200/);
    await expectAccessible(page, 'the places page');
    await screenshot(page, 'workspace-performance-places');
  });

  it('is reachable by keyboard: the navigation entry and the pack\'s month choice', async () => {
    await page.goto(`${origin}/meeting/places`);
    await tabTo(page, '.govuk-service-navigation a[href="/meeting"]', 40);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/meeting`);
    await page.locator('#month').focus();
    await page.keyboard.press('Tab');
    expect(await page.locator('#as-at-day:focus').count()).toBe(1);
  });
});
