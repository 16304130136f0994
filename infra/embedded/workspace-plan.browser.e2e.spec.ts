import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import { expectAccessible, firstSignIn, screenshot } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const PLANS = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';

/**
 * The plan page in a real chromium (issue 12): the service desk imports a plan made before the hub,
 * allocated to a caseworker; she signs in through the hub's own provider, opens it from My work,
 * records the review meeting and the report with the forms, and a step the rules refuse is shown in
 * the rule's words; a Valuing SEND profile re-rated at the review is drawn as a chart beside its
 * numbers. Every page passes axe-core. The hub runs on the real clock: every date is
 * counted from the hub's own today, never written in.
 */
describe('the plan page in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const reference = `LEG-${randomUUID().slice(0, 6).toUpperCase()}`;
  let hub: WorkspaceHub;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let planId: string;
  const username = 'cw.plans';
  let oneTimePassword: string;

  const daysAgo = (n: number) => addDays(today, -n);
  const [y, m, d] = [(date: string) => date.slice(0, 4), (date: string) => String(Number(date.slice(5, 7))), (date: string) => String(Number(date.slice(8, 10)))];
  const typeDate = async (form: Locator, legend: string, date: string) => {
    const group = form.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(d(date));
    await group.getByLabel('Month').fill(m(date));
    await group.getByLabel('Year').fill(y(date));
  };

  /** Opens a step's form on the plan page, types its effective date (and whatever else `fill` types) and sends it. */
  async function takeStep(title: string, legend: string, date: string, fill: (form: Locator) => Promise<void> = async () => undefined) {
    const details = page.locator('details', { has: page.locator('summary', { hasText: title }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const form = details.locator('form');
    await typeDate(form, legend, date);
    await fill(form);
    await form.getByRole('button').click();
    await page.waitForLoadState();
  }

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    const { administration } = hub;
    const created = await administration.accounts.create({ username, name: 'Dev Plans', roles: ['caseworker'] });
    oneTimePassword = created.oneTimePassword;
    // the service desk imports the settings directory, then a plan made 340 days ago, allocated to Dev (her subject: her account's id)
    const token = await hub.serviceToken('service-desk', ['administrator', 'team-manager']);
    const csv = async (path: string, body: string) => fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body });
    expect((await csv('/settings/import', gias)).status).toBe(200);
    const imported = await csv('/annual-reviews/import', `${PLANS}\n${reference},Amara,Okafor,${addDays(today, -9 * 365)},${daysAgo(340)},,120345,${created.account.id}\n`);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ rowsTaken: 1 });
    const listed = (await (await fetch(`${origin}/annual-reviews?q=${reference}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { planId: string }[] };
    planId = listed.items[0].planId;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('signs the caseworker in, and My work links to the plan', async () => {
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await firstSignIn(page, { origin, username, oneTimePassword, newPassword: 'harbour meadow copper violin' });
    await page.waitForURL(`${origin}/`);
    const row = page.locator('tbody tr', { hasText: reference });
    expect(await row.innerText()).toContain('Amara Okafor');
    await expectAccessible(page, 'My work with a plan');
    await row.getByRole('link', { name: reference }).click();
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}`);
  });

  it('shows the review cycle: the plan issued, the review due with its days left, and what to do next', async () => {
    expect(await page.locator('h1').innerText()).toBe('Amara Okafor');
    const body = await page.locator('main').innerText();
    expect(body).toContain(`EHC plan ${reference}`);
    const cycle = page.locator('table', { has: page.locator('caption', { hasText: 'Review cycle' }) });
    // made 340 days ago: the review is due within the 12 months starting with that day (s.44)
    expect(await cycle.locator('tr', { hasText: 'Annual review' }).innerText()).toMatch(/\d+ days left/);
    expect(await page.locator('summary').allInnerTexts()).toEqual(expect.arrayContaining(['Invite to the review meeting', 'Consider ceasing the plan', 'Add a note']));
    // the meeting comes before its report: the report is not offered yet
    expect(await page.locator('summary', { hasText: 'Record the review report received' }).count()).toBe(0);
    await expectAccessible(page, 'the plan page');
  });

  it('records the review meeting and the report with the forms; a report dated before the meeting is refused in the rule\'s words', async () => {
    await takeStep('Invite to the review meeting', 'When the invitations were sent', daysAgo(20), (form) => typeDate(form, 'Date of the meeting', daysAgo(6)));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Invite to the review meeting');
    await takeStep('Record the review meeting held', 'When the meeting was held', daysAgo(6));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Record the review meeting held');
    const cycle = page.locator('table', { has: page.locator('caption', { hasText: 'Review cycle' }) });
    // reg 20: the report within 2 weeks of the meeting, the decision within 4
    expect(await cycle.locator('tr', { hasText: 'Review report' }).innerText()).toContain('8 days left');
    expect(await cycle.locator('tr', { hasText: 'Decision after the review' }).innerText()).toContain('22 days left');
    await expectAccessible(page, 'the plan page after the meeting');

    await takeStep('Record the review report received', 'When the report was received', daysAgo(10));
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}/receive-report`);
    const refusal = await page.locator('.govuk-error-summary').innerText();
    expect(refusal).toMatch(/before the review meeting/i);
    expect(refusal).not.toMatch(/[{}]|DateBeforeMeeting|stack/);
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#receive-report-on-day');
    await expectAccessible(page, 'a refused step on the plan page');

    await takeStep('Record the review report received', 'When the report was received', daysAgo(1), (form) => form.getByLabel('The report').fill('Good progress towards the outcomes in section E.'));
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Record the review report received');
    expect(await cycle.locator('tr', { hasText: 'Review report' }).innerText()).toContain('Done');
    expect(await page.locator('summary', { hasText: 'Decide after the review' }).count()).toBe(1);
    expect(await page.locator('h2:has-text("Timeline") + ol').innerText()).toMatch(/Review report received/);
    await expectAccessible(page, 'the plan page after the report');
    await screenshot(page, 'workspace-plan');
  });

  it('records a Valuing SEND profile re-rated at the review, and shows it as a chart with its numbers in a table beside it', async () => {
    expect(await page.locator('h2:has-text("Valuing SEND") + p').innerText()).toContain('No profile recorded yet');
    const ratings = { needs: [3, 4, 2, 3, 5], settingReadiness: [3, 3, 2, 4, 2], familyConfidence: [2, 3, 3, 3, 4] };
    await takeStep('Record a Valuing SEND profile', 'When the ratings were made', daysAgo(6), async (form) => {
      await form.getByLabel('At a review').check();
      for (const [line, values] of Object.entries(ratings)) {
        for (const [i, value] of values.entries()) await form.locator(`select[name="${line}-${i}"]`).selectOption(String(value));
      }
    });
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Recorded: Record a Valuing SEND profile');
    expect(new URL(page.url()).pathname).toBe(`/plans/${planId}`);
    const figure = page.locator('figure.ehc-profile');
    const chart = figure.locator('img');
    expect(await chart.getAttribute('src')).toBe(`/plans/${planId}/valuing-send/profile-1`);
    // the image the server drew from the plan has loaded (an SVG of its size), and says where its numbers are
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.evaluate(async (img) => {
      const image = img as unknown as { complete: boolean; naturalWidth: number; decode(): Promise<void> };
      if (!image.complete) await image.decode();
      return image.naturalWidth;
    })).toBe(720);
    expect(await chart.getAttribute('alt')).toMatch(/the same ratings are in the table/);
    expect(await figure.locator('caption').innerText()).toMatch(/\(review\)/i);
    const independence = figure.locator('tr', { hasText: 'Independence' });
    expect((await independence.locator('td').allInnerTexts()).map(Number)).toEqual([5, 2, 4]);
    const cognition = figure.locator('tr', { hasText: 'Cognition and learning' });
    expect((await cognition.locator('td').allInnerTexts()).map(Number)).toEqual([3, 3, 2]);
    // a profile not on this plan is no chart
    expect((await page.request.get(`${origin}/plans/${planId}/valuing-send/profile-9`)).status()).toBe(404);
    expect(await page.locator('h2:has-text("Timeline") + ol').innerText()).toMatch(/Needs profile recorded/);
    await expectAccessible(page, 'the plan page with a Valuing SEND profile');
    await screenshot(page, 'workspace-plan-valuing-send');
  });
});
