import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import { expectAccessible, firstSignIn, screenshot } from '@ehc/testing';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026-03-02 → 2 March 2026, as the pages write a date. */
const inWords = (date: CalendarDate) => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/**
 * The tribunal pages in a real chromium: a needs assessment refused through the API opens its appeal
 * window by itself; a tribunal officer signs in, finds the windows closing soon, opens a window by
 * hand for a decision made before the hub, and takes it through the pages: mediation requested,
 * arranged (a date the rules refuse shown in the rule's words beside its field), held, its
 * certificate issued; an appeal registered, the authority's response sent, the tribunal's decision
 * recorded with an order, and the order's first reg 44 step recorded done. Every page passes
 * axe-core. The hub runs on the real clock: every date is counted from the hub's own today.
 */
describe('the tribunal pages in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  // an LA's reference as it writes it: found by source-id in any case
  const reference = `LEG-${randomUUID().slice(0, 6).toUpperCase()}`;
  let hub: WorkspaceHub;
  let page: Page;
  let origin: string;
  let today: CalendarDate;
  let caseId: string;
  const username = 'to.appeals';
  let oneTimePassword: string;
  let windowPath: string;
  let mediationPath: string;
  let appealPath: string;

  const daysAgo = (n: number) => addDays(today, -n);
  const typeDate = async (form: Locator, legend: string, date: CalendarDate) => {
    const group = form.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(String(Number(date.slice(8, 10))));
    await group.getByLabel('Month').fill(String(Number(date.slice(5, 7))));
    await group.getByLabel('Year').fill(date.slice(0, 4));
  };
  /** Opens a form under "What to do next", types its date (and whatever else `fill` types) and sends it. */
  async function takeStep(title: string, legend: string, date: CalendarDate, fill: (form: Locator) => Promise<void> = async () => undefined) {
    const details = page.locator('details', { has: page.locator('summary', { hasText: title }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const form = details.locator('form');
    await typeDate(form, legend, date);
    await fill(form);
    await form.getByRole('button').click();
    await page.waitForLoadState();
  }
  const banner = () => page.locator('.govuk-notification-banner').innerText();
  const rowOf = (caption: string, label: string) => page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tr', { hasText: label });

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    const created = await hub.administration.accounts.create({ username, name: 'Jo Appeals', roles: ['tribunal-officer'] });
    oneTimePassword = created.oneTimePassword;
    // the intake team records a request and refuses to assess it 50 days ago: its letter opens an appeal window by itself
    const token = await hub.serviceToken('intake-desk', ['caseworker', 'team-manager']);
    const post = (path: string, body: unknown) => fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const recorded = await post('/needs-assessments', { child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: addDays(today, -7 * 365) }, requestedBy: 'parent', receivedOn: daysAgo(80) });
    expect(recorded.status).toBe(201);
    caseId = ((await recorded.json()) as { id: string }).id;
    expect((await post(`/needs-assessments/${caseId}/refuse-assessment`, { on: daysAgo(50), reasons: 'Needs can be met from the setting\'s resources.' })).status).toBe(200);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('signs the tribunal officer in, and lists the appeal windows closing soon with their deadlines', async () => {
    await page.goto(`${origin}/tribunal/appeal-windows`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await firstSignIn(page, { origin, username, oneTimePassword, newPassword: 'willow canvas ember quartz' });
    await page.waitForURL(`${origin}/tribunal/appeal-windows`);
    expect(await page.locator('h1').innerText()).toBe('Appeal windows closing soon');
    const navigation = await page.locator('.govuk-service-navigation').innerText();
    expect(navigation).toContain('Appeal windows');
    expect(navigation).toContain('Appeals');
    // the first view: closing within 14 days
    expect(await page.getByLabel('Appeal deadline within how many days').inputValue()).toBe('14');
    await expectAccessible(page, 'appeal windows closing soon');

    // the refused request's window opened by itself from its letter (the hub delivers in the background)
    await page.getByLabel('Appeal deadline within how many days').fill('');
    let row = page.locator('tbody tr', { hasText: 'Amara Okafor' });
    for (let i = 0; i < 50 && (await row.count()) === 0; i++) {
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForLoadState();
      row = page.locator('tbody tr', { hasText: 'Amara Okafor' });
      if ((await row.count()) === 0) await new Promise((r) => setTimeout(r, 200));
    }
    const text = await row.innerText();
    expect(text).toContain('Refusal to carry out an EHC needs assessment');
    expect(text).toContain(inWords(daysAgo(50)));
    expect(text).toMatch(/\d+ days? left|the last day is today/);
    expect(await row.getByRole('link', { name: 'case' }).getAttribute('href')).toBe(`/cases/${caseId}`);
    // an unreadable filter is shown beside its field
    await page.getByLabel('Appeal deadline within how many days').fill('a fortnight');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Appeal deadline within how many days must be a whole number from 0 to 366');
    await expectAccessible(page, 'appeal windows with a filter refused');
  });

  it('opens a window by hand for a decision made before the hub; its page explains the appeal deadline', async () => {
    await page.goto(`${origin}/tribunal/appeal-windows`);
    await page.getByRole('button', { name: 'Open an appeal window by hand' }).click();
    expect(await page.locator('h1').innerText()).toBe('Open an appeal window');
    await expectAccessible(page, 'the form to open an appeal window');
    await page.getByLabel('Made before the hub (recorded by hand)').check();
    await page.getByLabel('Reference of the case or plan').fill(reference);
    await page.getByLabel('Refusal to carry out an EHC needs assessment').check();
    await typeDate(page.locator('main form'), 'When the decision letter was sent', daysAgo(30));
    await page.getByRole('button', { name: 'Open the appeal window' }).click();
    await page.waitForLoadState();
    windowPath = new URL(page.url()).pathname;
    expect(windowPath).toMatch(/^\/tribunal\/appeal-windows\/[0-9a-f-]{36}$/);
    expect(await banner()).toContain('Recorded: Open an appeal window');
    expect(await page.locator('h1').innerText()).toBe('Refusal to carry out an EHC needs assessment');
    const body = await page.locator('main').innerText();
    expect(body).toContain(`reference ${reference}`);
    expect(body).toContain(`2 months after the decision letter of ${inWords(daysAgo(30))}`);
    expect(body).toMatch(/so the deadline (stays|moves)/);
    expect(await rowOf('The family\'s deadlines', 'Contact the mediation adviser').innerText()).toMatch(/Open: \d+ days left/);
    expect(body).toContain('No mediation requested.');
    expect(await page.locator('summary').allInnerTexts()).toEqual(['Record a request for mediation', 'Record an appeal registered by the tribunal']);
    await expectAccessible(page, 'an appeal window');

    // the list finds it by its reference
    await page.goto(`${origin}/tribunal/appeal-windows?within=&source=${reference}`);
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').innerText()).toContain('Made before the hub');
    await page.goto(`${origin}/tribunal/appeal-windows?within=`);
    expect(await page.locator('tbody tr').count()).toBe(2);
    await expectAccessible(page, 'every open appeal window');
    await screenshot(page, 'tribunal-appeal-windows');
  });

  it('takes a mediation from the request to its certificate; a date the rules refuse is shown in the rule\'s words', async () => {
    await page.goto(`${origin}${windowPath}`);
    await takeStep('Record a request for mediation', 'When the authority was told', daysAgo(25), async (form) => {
      await form.getByRole('group', { name: 'Does the family want mediation?' }).getByLabel('Yes').check();
      await form.getByRole('group', { name: 'Are health care issues in dispute?' }).getByLabel('No').check();
      await form.getByLabel('The issues the family wants to mediate').fill('Whether an assessment is necessary\nThe evidence from the setting');
    });
    mediationPath = new URL(page.url()).pathname;
    expect(mediationPath).toMatch(/^\/tribunal\/mediations\/[0-9a-f-]{36}$/);
    expect(await banner()).toContain('Recorded: Record a request for mediation');
    expect(await page.locator('h1').innerText()).toBe(`Mediation requested ${inWords(daysAgo(25))}`);
    expect(await page.locator('main').innerText()).toContain('The evidence from the setting');
    // 30 days from the authority being told: 5 days left
    expect(await rowOf('Mediation deadlines', 'Mediation takes place').innerText()).toContain('5 days left');
    expect(await rowOf('Mediation deadlines', 'Tell the health commissioning body').innerText()).toContain('Not needed: no health care issues');
    await expectAccessible(page, 'a mediation requested');

    // a mediation cannot take place before it is arranged: refused, beside the date it is about
    await takeStep('Arrange the mediation', 'When it was arranged', daysAgo(24), (form) => typeDate(form, 'Date of the mediation', daysAgo(30)));
    const refusal = await page.locator('.govuk-error-summary').innerText();
    expect(refusal).toContain('A mediation cannot take place before it is arranged');
    expect(refusal).not.toMatch(/[{}]|TakesPlaceBeforeArranged/);
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#arrange-takesPlaceOn-day');
    expect(await page.locator('details[open] summary').innerText()).toBe('Arrange the mediation');
    await expectAccessible(page, 'a refused step on a mediation');
    await screenshot(page, 'tribunal-refused-step');

    await takeStep('Arrange the mediation', 'When it was arranged', daysAgo(24), (form) => typeDate(form, 'Date of the mediation', daysAgo(10)));
    expect(await banner()).toContain('Recorded: Arrange the mediation');
    await takeStep('Record the mediation held', 'When the mediation took place', daysAgo(10));
    expect(await banner()).toContain('Recorded: Record the mediation held');
    expect(await rowOf('Mediation deadlines', 'Mediation takes place').innerText()).toMatch(/Done .*On time/s);
    await takeStep('Issue the mediation certificate', 'When the certificate was issued', daysAgo(9));
    expect(await banner()).toContain('Recorded: Issue the mediation certificate');
    expect(await page.locator('.govuk-tag').first().innerText()).toMatch(/certificate issued/i);
    expect(await rowOf('Mediation deadlines', 'Mediation certificate').innerText()).toMatch(/Done .*On time/s);
    expect(await page.locator('main').innerText()).toContain('The family can appeal to the First-tier Tribunal (SEND) until');
    await expectAccessible(page, 'a mediation with its certificate issued');
    await screenshot(page, 'tribunal-mediation');

    // the window shows it, and the letter that told the family it was arranged
    await page.getByRole('link', { name: 'Refusal to carry out an EHC needs assessment' }).click();
    expect(new URL(page.url()).pathname).toBe(windowPath);
    expect(await page.locator('main').innerText()).toContain('Certificate issued');
    const letter = page.getByRole('link', { name: /Mediation arranged/ });
    expect((await page.request.get(`${origin}${await letter.getAttribute('href')}`)).status()).toBe(200);
    await expectAccessible(page, 'an appeal window after mediation');
    await screenshot(page, 'tribunal-appeal-window');
  });

  it('registers an appeal, records the tribunal\'s decision with an order, and a step of the order done', async () => {
    await takeStep('Record an appeal registered by the tribunal', 'When the tribunal registered the appeal', daysAgo(8), async (form) => {
      await form.getByLabel('Refusal to assess').check();
    });
    appealPath = new URL(page.url()).pathname;
    expect(appealPath).toMatch(/^\/tribunal\/appeals\/[0-9a-f-]{36}$/);
    expect(await banner()).toContain('Recorded: Record an appeal registered by the tribunal');
    expect(await page.locator('h1').innerText()).toBe('Refusal to assess');
    expect(await page.locator('main').innerText()).toContain('Needed first (s.55): on file');
    expect(await rowOf('deadlines in the appeal', 'response to the appeal').innerText()).toMatch(/\d+ days left/);
    await expectAccessible(page, 'an appeal registered');

    await takeStep('Send the authority\'s response', 'When the response was sent', daysAgo(6));
    expect(await rowOf('deadlines in the appeal', 'response to the appeal').innerText()).toMatch(/Done .*On time/s);
    await takeStep('Record the tribunal\'s decision', 'Date of the decision', daysAgo(4), async (form) => {
      await form.getByLabel('Allowed', { exact: true }).check();
      await form.getByLabel('Carry out an EHC needs assessment or reassessment').check();
      await form.getByLabel('No costs awarded').check();
    });
    expect(await banner()).toContain('Recorded: Record the tribunal\'s decision');
    expect(await page.locator('main').innerText()).toContain(`Allowed, ${inWords(daysAgo(4))}`);
    const order = page.locator('.ehc-order');
    expect(await order.locator('h3').innerText()).toBe('Carry out an EHC needs assessment or reassessment');
    // reg 44(2): tell the family within 2 weeks of the order, a decision not to issue within 10, the final plan within 14
    const notify = order.locator('tr', { hasText: 'Tell the family the assessment will be made' });
    expect(await notify.innerText()).toContain(inWords(addDays(daysAgo(4), 14)));
    expect(await notify.innerText()).toContain('10 days left');
    expect(await order.locator('tr', { hasText: 'Issue the final EHC plan' }).innerText()).toContain(inWords(addDays(daysAgo(4), 98)));
    await expectAccessible(page, 'an appeal with its order');

    await takeStep('Record a step of an order done', 'When it was done', daysAgo(2), async (form) => {
      await form.getByLabel(/Tell the family the assessment will be made/).check();
    });
    expect(await banner()).toContain('Recorded: Record a step of an order done');
    expect(await notify.innerText()).toMatch(new RegExp(`Done ${inWords(daysAgo(2))}.*On time`, 's'));
    await expectAccessible(page, 'an appeal with a step of its order done');
    await screenshot(page, 'tribunal-appeal');
  });

  it('lists the open appeals by stage and next deadline', async () => {
    // the family appeals the refused request too (the tribunal desk records it through the API): an open appeal
    const token = await hub.serviceToken('tribunal-desk', ['tribunal-officer']);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const windows = (await (await fetch(`${origin}/appeal-windows?source-id=${caseId}`, { headers })).json()) as { items: { decisionId: string }[] };
    const registered = await fetch(`${origin}/appeals`, { method: 'POST', headers, body: JSON.stringify({ decisionId: windows.items[0].decisionId, registeredOn: daysAgo(3), type: 'refusal-to-assess' }) });
    expect(registered.status).toBe(201);

    await page.getByRole('link', { name: 'Appeals', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/tribunal/appeals');
    expect(await page.locator('h1').innerText()).toBe('Open appeals');
    // by stage: one registered, none further on
    expect(await page.locator('.ehc-counts').innerText()).toMatch(/1\s+registered\s+0\s+response sent\s+0\s+hearing listed/);
    const open = page.locator('tbody tr');
    expect(await open.count()).toBe(1);
    expect(await open.innerText()).toContain('Registered');
    // the authority's response: 30 working days from the day the tribunal sent the appeal
    expect(await open.innerText()).toMatch(/The authority's response\s+\d+ \w+ \d{4}\s+\d+ days left/);
    expect(await open.getByRole('link', { name: 'The case' }).getAttribute('href')).toBe(`/cases/${caseId}`);
    await expectAccessible(page, 'the open appeals');
    await screenshot(page, 'tribunal-appeals');

    // the one decided is concluded, its order still running
    await page.getByLabel('Appeals', { exact: true }).selectOption('concluded');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(await page.locator('h1').innerText()).toBe('Appeals concluded');
    const row = page.locator('tbody tr', { hasText: 'Refusal to assess' });
    expect(await row.innerText()).toContain('Decided');
    expect(await row.innerText()).toContain('Allowed');
    expect(await row.innerText()).toContain('Order: issue the final EHC plan');
    expect(await row.getByRole('link', { name: 'Refusal to assess' }).getAttribute('href')).toBe(appealPath);
    await expectAccessible(page, 'the appeals concluded');
  });

  it('shows the appeals data for the monthly meeting as tables, the last twelve months first', async () => {
    await page.getByRole('link', { name: 'Appeals data' }).click();
    expect(new URL(page.url()).pathname).toBe('/tribunal/appeals-data');
    expect(await page.locator('h1').innerText()).toBe('Appeals data');
    const thisMonth = inWords(today).replace(/^\d+ /, '');
    expect(await page.locator('h2').first().innerText()).toContain(`to ${thisMonth}`);
    // every month of the range a row, and the two appeals registered this month (or at the end of the last) by type, in words
    expect(await page.locator('main table').first().innerText()).toContain(thisMonth);
    expect(await page.locator('main').innerText()).toContain('Refusal to assess');
    await expectAccessible(page, 'the appeals data');
    await screenshot(page, 'tribunal-appeals-data');
    // a month that does not exist, beside its field
    await page.getByRole('group', { name: 'From' }).getByLabel('Month').fill('13');
    await page.getByRole('button', { name: 'Show the figures' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('From must be a real month, like 4 2026');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#from-month');
    await expectAccessible(page, 'the appeals data with a month refused');
  });
});
