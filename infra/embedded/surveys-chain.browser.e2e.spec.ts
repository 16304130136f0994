import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, eventually, expectAccessible, launchBrowser, startSmtpServer, testAccessTokens, type TestAccessTokens, type TestSmtpServer } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { surveysService } from '../../services/surveys/src/service';
import { SurveysModule } from '../../services/surveys/src/surveys.module';

/**
 * The whole chain as a family meets it, embedded: a caseworker refuses an assessment; the refusal
 * letter becomes an invitation; its e-mail is received by a real SMTP server; the family follows the
 * link in a real chromium with no JavaScript, answers by clicking, and the answer is in the team's
 * results, the comment redacted with the child's own name taken out.
 */
describe('letter → invitation → e-mail → answer in the browser → result', () => {
  const clock = fixedClock('2027-03-01T12:00:00Z');
  let smtp: TestSmtpServer;
  let host: RunningHost;
  let browser: Browser;
  let tokens: TestAccessTokens;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, surveysService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent', SMTP_URL: smtp.url, SURVEY_SWEEP_SECONDS: '3600',
    }, { clock, accessTokens: tokens.verifier });
    browser = await launchBrowser();
    const caseworker = await tokens.as(host.url, CALLERS.dutyOfficer);
    const { body: c } = await caseworker.post('/needs-assessments').send({
      child: { givenName: 'Zara', familyName: 'Quill', dateOfBirth: '2018-05-02' }, requestedBy: 'parent', receivedOn: '2027-01-11', contact: { email: 'quill.family@example.org' },
    }).expect(201);
    await caseworker.post(`/needs-assessments/${c.id}/refuse-assessment`).send({ on: '2027-02-22', reasons: 'Needs can be met from the setting\'s resources.' }).expect(200);
    await eventually('the invitation', async () => (await caseworker.get('/surveys/invitations').query({ 'case-id': c.id })).body.items?.[0]);
    await host.app.get(SurveysModule).sweep();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await smtp?.stop();
  });

  it('the family answers from the e-mail\'s link, and the team reads it', async () => {
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.envelope.to).toEqual(['quill.family@example.org']);
    // the link's path, on this host (the links' base is PUBLIC_URL, here the default)
    const path = /\/s\/[A-Za-z0-9_.-]+/.exec(mail.text)![0];
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, javaScriptEnabled: false, isMobile: true });
    try {
      const survey = await context.newPage();
      await survey.goto(`${host.url}${path}`);
      expect(await survey.locator('h1').innerText()).toBe('Tell us about the decision letter you received');
      await survey.getByRole('group', { name: 'How clear was the decision and the reasons for it?' }).getByLabel('Clear', { exact: true }).check();
      await survey.getByRole('group', { name: 'Did you know what happens next?' }).getByLabel('Yes').check();
      await survey.getByLabel('Is there anything else you would like to tell us?').fill('Zara Quill was not asked what she wanted. Call me on 01632 960 001.');
      await survey.getByRole('button', { name: 'Send my answers' }).click();
      expect(await survey.locator('h1').innerText()).toMatch(/Thank you/);
      await survey.goto(`${host.url}${path}`);
      expect(await survey.locator('h1').innerText()).toMatch(/already/i);
    } finally {
      await context.close();
    }
    const reader = await tokens.as(host.url, CALLERS.performanceReader);
    const results = await eventually('the answer in the results', async () => {
      const r = (await reader.get('/surveys/results').query({ from: '2027-02', to: '2027-02' }).expect(200)).body;
      return r.answered === 1 ? r : null;
    });
    expect(results.questions.find((q: { question: string }) => q.question === 'decisionClarity')).toMatchObject({ n: 1, distribution: { 4: 1 } });
    expect(results.comments[0].text).toBe('[name removed] [name removed] was not asked what she wanted. Call me on [phone removed].');
  });

  it('the survey page passes axe-core', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${host.url}/s/not-a-token`);
      await expectAccessible(page, 'the page of an unknown link');
    } finally {
      await page.close();
    }
  });
});
