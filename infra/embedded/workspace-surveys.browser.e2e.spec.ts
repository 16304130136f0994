import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { CalendarDate } from '@ehc/domain-kernel';
import { deliverOnce, type IntegrationEvent } from '@ehc/messaging';
import { LETTER_SENT_V1 as NA_LETTER_SENT_V1 } from '@ehc/contracts/needs-assessment';
import { LETTER_SENT_V1 as AR_LETTER_SENT_V1 } from '@ehc/contracts/annual-review';
import { expectAccessible, firstSignIn, screenshot } from '@ehc/testing';
import { lettersConsumer } from '../../services/surveys/src/infrastructure/letters.consumer';
import { SURVEY_LINKS, SURVEYS_PARTS, SURVEYS_SETTINGS } from '../../services/surveys/src/api/tokens';
import { invitationIdOfLetter } from '../../services/surveys/src/domain/invitation';
import { startWorkspaceHub, type WorkspaceHub } from './workspace-hub.spec-helpers';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthWords = (date: CalendarDate) => `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/**
 * The surveys in a real chromium. A family opens its survey on a phone with no JavaScript, sends it
 * empty (the page names the problem), then answers it with a comment that names a child and a phone
 * number; a child answers the plain-language variant after an annual review. A caseworker signs in
 * to the workspace and sees both answers counted in the results, the comment with the phone number
 * removed, the invitations, the messages in the outbox (opened, to send on), and flags a family off
 * surveys (an empty reason refused beside its box) and lifts the flag. Every page passes axe-core.
 * The hub runs on the real clock: the results' default months run to its own today.
 */
describe('the surveys in a browser', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let hub: WorkspaceHub;
  let page: Page;
  let phone: BrowserContext;
  let checker: Page;
  let origin: string;
  let today: CalendarDate;
  const username = 'cw.surveys';
  let oneTimePassword: string;
  const caseUuid = randomUUID();
  const planUuid = randomUUID();

  const surveys = () => hub.host.runtimes.find((r) => r.service === 'surveys')!;
  const consumer = () => lettersConsumer(surveys(), hub.host.app.get(SURVEYS_SETTINGS), hub.host.app.get(SURVEY_LINKS), (hub.host.app.get(SURVEYS_PARTS) as { messages: never }).messages);
  const deliver = (event: IntegrationEvent) => deliverOnce(surveys().dataSource, surveys().schema, consumer(), event);
  const letter = (service: 'needs-assessment' | 'annual-review', uuid: string, kind: string): IntegrationEvent => {
    const recordId = service === 'needs-assessment' ? `ehcna-${uuid}` : `annualReview-${uuid}`;
    return {
      id: randomUUID(), type: service === 'needs-assessment' ? NA_LETTER_SENT_V1 : AR_LETTER_SENT_V1, subject: recordId, occurredAt: today, recordedAt: new Date().toISOString(),
      correlationId: randomUUID(), causationId: null, sourcePosition: 1,
      data: { ...(service === 'needs-assessment' ? { caseId: recordId } : { planId: recordId }), childId: randomUUID(), letterId: 'letter-1', kind, recipient: 'parent', sentOn: today, appealRights: true },
    };
  };
  const linkOf = (service: 'needs-assessment' | 'annual-review', recordId: string) =>
    `${origin}/s/${hub.host.app.get(SURVEY_LINKS).tokenOf(invitationIdOfLetter(service, recordId, 'letter-1'))}`;
  /**
   * axe-core runs on timers, which never fire in a page without JavaScript: the HTML the phone was
   * served is checked in a page that runs scripts, at the same address and on the same viewport.
   */
  const expectAccessibleWithoutScript = async (survey: Page, what: string) => {
    const url = survey.url();
    const html = await survey.content();
    await checker.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await checker.goto(url);
    await checker.unroute(url);
    await expectAccessible(checker, what);
  };
  /** A page of the workspace again until it shows what the hub's read models bring up to date in the background. */
  const reloadUntil = async (done: () => Promise<boolean>) => {
    for (let i = 0; i < 50 && !(await done()); i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
  };

  beforeAll(async () => {
    hub = await startWorkspaceHub(prefix);
    ({ origin, today, page } = hub);
    const created = await hub.administration.accounts.create({ username, name: 'Ayesha Khan', roles: ['caseworker'] });
    oneTimePassword = created.oneTimePassword;
    // a refusal to assess invites the parent; an annual review's decision to maintain, the child or young person
    expect(await deliver(letter('needs-assessment', caseUuid, 'refusal-to-assess'))).toEqual({ outcome: 'handled' });
    expect(await deliver(letter('annual-review', planUuid, 'decision-to-maintain'))).toEqual({ outcome: 'handled' });
    // a phone, with no JavaScript: the survey is a plain form
    phone = await hub.browser.newContext({ viewport: { width: 375, height: 812 }, javaScriptEnabled: false, isMobile: true });
    checker = await (await hub.browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true })).newPage();
  });

  afterAll(async () => {
    await checker?.context().close();
    await phone?.close();
    await hub?.close();
  });

  it('a parent answers the survey on a phone without JavaScript: an empty form names the problem, then the answers are taken', async () => {
    const survey = await phone.newPage();
    const opened = await survey.goto(linkOf('needs-assessment', `ehcna-${caseUuid}`));
    expect(opened!.status()).toBe(200);
    expect(await survey.locator('h1').innerText()).toBe('Tell us about the decision letter you received');
    expect(await survey.locator('main').innerText()).not.toMatch(/ehcna|letter-1/);
    await expectAccessibleWithoutScript(survey, 'the survey page');
    await screenshot(survey, 'survey-page');

    await survey.getByRole('button', { name: 'Send my answers' }).click();
    await survey.waitForLoadState();
    expect(await survey.locator('.govuk-error-summary').innerText()).toContain('Answer at least one question');
    await expectAccessibleWithoutScript(survey, 'the survey page with a problem');

    await survey.getByRole('group', { name: 'How clear was the decision and the reasons for it?' }).getByLabel('Clear', { exact: true }).check();
    await survey.getByRole('group', { name: 'How well did we keep you informed while the decision was being made?' }).getByLabel('Poor', { exact: true }).check();
    await survey.getByRole('group', { name: 'Did you know what happens next?' }).getByLabel('Not sure').check();
    await survey.getByLabel('Is there anything else you would like to tell us?').fill('Amara\'s caseworker never rang back on 07700 900123. The letters were slow.');
    await survey.getByRole('button', { name: 'Send my answers' }).click();
    await survey.waitForLoadState();
    expect(await survey.locator('h1').innerText()).toBe('Thank you');
    await expectAccessibleWithoutScript(survey, 'the thank-you page');
    await screenshot(survey, 'survey-thanks');
    await survey.close();
  });

  it('a child or young person answers the plain-language variant after an annual review', async () => {
    const survey = await phone.newPage();
    await survey.goto(linkOf('annual-review', `annualReview-${planUuid}`));
    expect(await survey.locator('h1').innerText()).toBe('Tell us about your plan');
    await expectAccessibleWithoutScript(survey, 'the survey page for a child or young person');
    await screenshot(survey, 'survey-page-cyp');
    await survey.getByRole('group', { name: 'I helped make my plan.' }).getByLabel('Yes, a lot').check();
    await survey.getByRole('group', { name: 'I was asked what I think.' }).getByLabel('Yes, a bit').check();
    await survey.getByRole('button', { name: 'Send my answers' }).click();
    await survey.waitForLoadState();
    expect(await survey.locator('h1').innerText()).toBe('Thank you');
    await survey.close();
  });

  it('signs the caseworker in to the results: both answers counted, the CYP measure, and the comment with the phone number removed', async () => {
    await page.goto(`${origin}/feedback`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await firstSignIn(page, { origin, username, oneTimePassword, newPassword: 'copper meadow silent lantern' });
    await page.waitForURL(`${origin}/feedback`);
    expect(await page.locator('h1').innerText()).toBe('Survey results');
    expect(await page.locator('.govuk-service-navigation').innerText()).toContain('Surveys');
    // the last 12 months as of the hub's today, by default
    expect(await page.locator('#to option[selected]').innerText()).toBe(monthWords(today));
    const counts = page.locator('.ehc-counts');
    await reloadUntil(async () => /Answered\s+2/.test(await counts.innerText()));
    expect(await counts.innerText()).toMatch(/Invited\s+2\s+Answered\s+2\s+Response rate\s+100\.0%/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('100% agreed');
    expect(main).toMatch(/Refusal to assess\s+1\s+1\s+100\.0%/);
    expect(main).toMatch(/How clear was the decision and the reasons for it\? — mean 4\.00 out of 5, from 1 answer/);
    const comment = await page.locator('.ehc-comment').first().innerText();
    expect(comment).toContain('never rang back');
    expect(comment).toContain('[phone removed]');
    // (a child's name is removed when the hub knows the child: these letters name a child it has no record of)
    expect(comment).not.toContain('07700');
    const chart = await page.request.get(`${origin}${await page.locator('img.ehc-profile__chart').getAttribute('src')}`);
    expect(chart.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await chart.text()).toContain('<svg');
    const csv = await page.request.get(`${origin}${await page.getByRole('link', { name: /as CSV/ }).getAttribute('href')}`);
    expect(await csv.text()).toMatch(new RegExp(`^month,invited,answered,response_rate_percent,[\\s\\S]*\\r\\n${today.slice(0, 7)},2,2,100,`));
    await expectAccessible(page, 'the survey results');
    await screenshot(page, 'workspace-surveys-results');
  });

  it('lists the invitations, filtered by status', async () => {
    await page.locator('.ehc-trays').getByRole('link', { name: 'Invitations' }).click();
    expect(await page.locator('h1').innerText()).toBe('Survey invitations');
    await page.getByLabel('Status').selectOption('answered');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await page.locator('main').innerText()).toMatch(/Refusal to assess[\s\S]*Parent[\s\S]*Answered/);
    expect(await page.locator(`a[href="/cases/${caseUuid}"]`).count()).toBe(1);
    await expectAccessible(page, 'the survey invitations');
  });

  it('opens a message in the outbox, to send it on', async () => {
    await page.locator('.ehc-trays').getByRole('link', { name: 'Outbox' }).click();
    expect(await page.locator('h1').innerText()).toBe('Survey outbox');
    await reloadUntil(async () => (await page.locator('.ehc-message').count()) >= 2);
    const message = page.locator('.ehc-message').first();
    expect(await message.innerText()).toContain('In the outbox: send it on');
    await message.locator('summary', { hasText: 'Open the message' }).click();
    expect(await message.locator('.ehc-message__body').innerText()).toContain(`${origin}/s/`);
    await expectAccessible(page, 'the survey outbox');
    await screenshot(page, 'workspace-surveys-outbox');
    // sent on from the caseworker's own e-mail: recorded, so a colleague does not send it again
    const subject = await message.locator('h3').innerText();
    await message.getByRole('button', { name: /I have sent it on/ }).click();
    const sent = page.locator('.ehc-message', { hasText: subject }).filter({ hasText: 'Sent on by hand' });
    expect(await sent.count()).toBeGreaterThanOrEqual(1);
    expect(await sent.first().innerText()).toMatch(/Sent on by \S+/);
  });

  it('flags a family off surveys (an empty reason refused beside its box) and lifts the flag', async () => {
    const childId = randomUUID();
    await page.locator('.ehc-trays').getByRole('link', { name: 'Families sent no surveys' }).click();
    expect(await page.locator('h1').innerText()).toBe('Families sent no surveys');
    await page.getByLabel('Child or young person\'s id', { exact: true }).fill(childId);
    await page.getByRole('button', { name: 'Flag the family off surveys' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the reason the family is not to be sent surveys');
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#reason');
    expect(await page.getByLabel('Child or young person\'s id', { exact: true }).inputValue()).toBe(childId);
    await expectAccessible(page, 'the suppressions form with an empty reason');

    await page.getByLabel('Reason', { exact: true }).fill('safeguarding');
    await page.getByRole('button', { name: 'Flag the family off surveys' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The family will not be sent surveys until the flag is lifted');
    const row = page.locator('tbody tr', { hasText: childId });
    expect(await row.innerText()).toContain('Flagged off by staff: safeguarding');
    await expectAccessible(page, 'the families sent no surveys');
    await screenshot(page, 'workspace-surveys-suppressions');

    await row.getByRole('button', { name: /Lift the flag/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The flag is lifted');
    expect(await page.locator('tbody tr', { hasText: childId }).count()).toBe(0);
    await expectAccessible(page, 'the families sent no surveys after a flag is lifted');
  });

  it('records where a family\'s surveys go (a malformed address refused beside its box)', async () => {
    const childId = randomUUID();
    await page.getByLabel('The id of the child or young person whose family it is').fill(childId);
    await page.getByLabel('The family\'s e-mail address').fill('not an address');
    await page.getByRole('button', { name: 'Save the e-mail address' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#email');
    await expectAccessible(page, 'the e-mail form with a malformed address');
    await page.getByLabel('The family\'s e-mail address').fill('family@example.org');
    await page.getByRole('button', { name: 'Save the e-mail address' }).click();
    await page.waitForLoadState();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The family\'s e-mail address is saved');
    const { rows } = await surveys().pool.query(`SELECT contact->>'email' AS email FROM "${surveys().schema}".people WHERE person_id = $1`, [childId]);
    expect(rows).toEqual([{ email: 'family@example.org' }]);
  });
});
