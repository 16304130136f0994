import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { addDays } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { deliverOnce, type IntegrationEvent } from '@ehc/messaging';
import { CASE_CLOSED_V1, LETTER_SENT_V1 as NA_LETTER_SENT_V1 } from '@ehc/contracts/needs-assessment';
import { LETTER_SENT_V1 as AR_LETTER_SENT_V1 } from '@ehc/contracts/annual-review';
import { CALLERS, eventually, startSmtpServer, testAccessTokens, type TestAccessTokens, type TestSmtpServer } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { surveysService } from '../../services/surveys/src/service';
import { SurveysModule } from '../../services/surveys/src/surveys.module';
import { lettersConsumer } from '../../services/surveys/src/infrastructure/letters.consumer';
import { SURVEY_LINKS, SURVEYS_PARTS, SURVEYS_SETTINGS } from '../../services/surveys/src/api/tokens';
import { invitationIdOfLetter } from '../../services/surveys/src/domain/invitation';

/**
 * The surveys over HTTP, embedded mode, real PostgreSQL and a real SMTP server: a letter becomes an
 * invitation, the e-mail arrives, the family answers in the page, the team reads the result; and
 * every rule that stops an invitation, one answer under concurrent submissions, links that expire,
 * and a reminder sent once across a restart and two instances.
 */
describe('surveys over HTTP', () => {
  // "today" moves only when a test moves it: the results are the same on any day the tests run
  let now = '2027-03-01T12:00:00Z';
  const clock = () => new Date(now);
  const today = () => now.slice(0, 10);
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let smtp: TestSmtpServer;
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let caseworker: request.Agent;
  let reader: request.Agent;

  const start = () => startEmbedded([needsAssessmentService, surveysService], {
    DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
    SMTP_URL: smtp.url, SURVEY_LINK_BASE_URL: 'https://hub.example', SURVEY_SWEEP_SECONDS: '3600',
  }, { clock, accessTokens: tokens.verifier });
  const signIn = async () => {
    caseworker = await tokens.as(host.url, CALLERS.dutyOfficer);
    reader = await tokens.as(host.url, CALLERS.performanceReader);
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    tokens = await testAccessTokens(clock);
    host = await start();
    await signIn();
  });
  afterAll(async () => {
    await host?.stop();
    await smtp?.stop();
  });

  const surveys = () => host.runtimes.find((r) => r.service === 'surveys')!;
  const sweep = () => host.app.get(SurveysModule).sweep();
  const consumer = () => lettersConsumer(surveys(), host.app.get(SURVEYS_SETTINGS), host.app.get(SURVEY_LINKS), (host.app.get(SURVEYS_PARTS) as { messages: never }).messages);
  const naLetter = (caseUuid: string, childId: string, letterId: string, kind = 'refusal-to-assess', sentOn = today()): IntegrationEvent => ({
    id: randomUUID(), type: NA_LETTER_SENT_V1, subject: `ehcna-${caseUuid}`, occurredAt: sentOn, recordedAt: now, correlationId: randomUUID(), causationId: null, sourcePosition: 1,
    data: { caseId: `ehcna-${caseUuid}`, childId, letterId, kind, recipient: 'parent', sentOn, appealRights: kind !== 'decision-to-assess' },
  });
  const deliver = (event: IntegrationEvent) => deliverOnce(surveys().dataSource, surveys().schema, consumer(), event);
  const invitationOf = (query: Record<string, string>) => eventually(`an invitation for ${JSON.stringify(query)}`, async () =>
    (await reader.get('/surveys/invitations').query(query).expect(200)).body.items[0]);
  const tokenIn = (text: string) => /https:\/\/hub\.example\/s\/([A-Za-z0-9_.-]+)/.exec(text)![1];
  const page = (token: string) => request(host.url).get(`/s/${token}`);
  const answer = (token: string, form: Record<string, string>) => request(host.url).post(`/s/${token}`).type('form').send(form);

  it('a refusal letter invites the parent; the e-mail arrives by SMTP with the stage and the link only; the answer is recorded once and shows in the results', async () => {
    // the case's caseworker is in the north team: the results are by team
    await caseworker.put('/access/teams/north').send({ name: 'North team', area: 'North' }).expect(200);
    await caseworker.put('/access/teams/north/members/cw-ayesha').expect(200);
    const { body: c } = await caseworker.post('/needs-assessments').send({
      child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2027-01-18', caseworker: 'cw-ayesha',
      // the family's address, given with the request: the invitation goes there
      contact: { email: 'okafor.family@example.org' },
    }).expect(201);
    await caseworker.post(`/needs-assessments/${c.id}/refuse-assessment`).send({ on: '2027-02-26', reasons: 'Needs can be met from the setting\'s resources.' }).expect(200);

    const invitation = await invitationOf({ 'case-id': c.id });
    expect(invitation).toMatchObject({ trigger: 'refusal-to-assess', respondentRole: 'parent', status: 'sent', sentOn: today(), expiresOn: addDays(today(), 28), team: 'north' });
    expect((await reader.get('/surveys/invitations').query({ 'letter-id': invitation.letterId, 'case-id': c.id }).expect(200)).body.total).toBe(1);
    // caseworkers see the link (to give the family another way); a performance reader does not
    expect(invitation.link).toBeUndefined();
    const [withLink] = (await caseworker.get('/surveys/invitations').query({ 'case-id': c.id }).expect(200)).body.items;
    expect(withLink.link).toMatch(/^https:\/\/hub\.example\/s\//);

    await sweep();
    const [mail] = await smtp.waitForMessages(1);
    expect(mail.envelope.to).toEqual(['okafor.family@example.org']);
    expect(mail.subject).toBe('Tell us what you think about the decision about an EHC needs assessment');
    expect(mail.text).toContain('https://hub.example/s/');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/Amara|Okafor|2019|NA-\d/);
    const token = tokenIn(mail.text);

    const opened = await page(token).expect(200);
    expect(opened.headers['content-type']).toMatch(/text\/html/);
    expect(opened.text).toContain('the decision about an EHC needs assessment');
    expect(opened.text).not.toContain('Amara');

    // an answer with a problem: the page again, naming the question, nothing recorded
    const wrong = await answer(token, { decisionClarity: '9' }).expect(422);
    expect(wrong.text).toContain('govuk-error-summary');

    const thanks = await answer(token, {
      decisionClarity: '4', keptInformed: '2', comment: 'Amara\'s caseworker never rang back on 07700 900123, email me at mum@example.org. The letters were slow.',
    }).expect(200);
    expect(thanks.text).toMatch(/Thank you/);
    const again = await answer(token, { decisionClarity: '5' }).expect(409);
    expect(again.text).not.toMatch(/stack|Error:/);

    expect(await invitationOf({ 'case-id': c.id, status: 'answered' })).toMatchObject({ answeredOn: today() });
    // counted in the month of the letter (sent 2027-02-26), whenever it was answered
    const month = '2027-02';
    const results = (await reader.get('/surveys/results').query({ from: month, to: month }).expect(200)).body;
    // with no range: the twelve months to this one
    expect((await reader.get('/surveys/results').expect(200)).body).toMatchObject({ to: today().slice(0, 7), answered: 1 });
    expect((await reader.get('/surveys/results').query({ from: '2027-13' }).expect(400)).body.errors[0]).toMatchObject({ field: 'from' });
    expect(results).toMatchObject({ invited: 1, answered: 1, responseRate: 100 });
    expect(results.byTrigger).toEqual([expect.objectContaining({ trigger: 'refusal-to-assess', invited: 1, answered: 1 })]);
    expect(results.byTeam).toEqual([expect.objectContaining({ team: 'north', invited: 1, answered: 1, responseRate: 100 })]);
    expect((await reader.get('/surveys/results').query({ from: month, to: month, team: 'south' }).expect(200)).body).toMatchObject({ invited: 0, responseRate: null });
    expect(results.questions).toEqual(expect.arrayContaining([expect.objectContaining({ question: 'decisionClarity', n: 1, mean: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } })]));
    const comment = results.comments[0].text as string;
    expect(comment).not.toMatch(/Amara|07700|mum@example/);
    expect(comment).toContain('[phone removed]');
    expect(results.themes.map((t: { theme: string }) => t.theme)).toEqual(expect.arrayContaining(['communication']));
  });

  it('an unknown, a tampered and a made-up token each get the same clear page, never a stack trace', async () => {
    const childId = randomUUID();
    const caseUuid = randomUUID();
    await deliver(naLetter(caseUuid, childId, 'letter-1'));
    await sweep();
    const { items } = (await caseworker.get('/surveys/outbox').expect(200)).body;
    expect(items.length).toBeGreaterThan(0);
    const invitation = await invitationOf({ 'case-id': caseUuid });
    const message = items.find((m: { invitationId: string }) => m.invitationId === invitation.invitationId);
    // no address on file for this family: the message waits, visible to caseworkers
    expect(message).toMatchObject({ status: 'no-address', to: null });
    // sent on by a caseworker another way: recorded once, then refused as already sent
    expect((await caseworker.post(`/surveys/outbox/${message.messageId}/sent-by-hand`).expect(200)).body).toMatchObject({ status: 'sent-by-hand', sentBy: 'cw-ayesha' });
    expect((await caseworker.post(`/surveys/outbox/${message.messageId}/sent-by-hand`).expect(409)).body.type).toMatch(/MessageAlreadySent$/);
    await reader.post(`/surveys/outbox/${message.messageId}/sent-by-hand`).expect(403);
    const token = tokenIn(message.body);
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const unknown = await page(tampered).expect(404);
    const madeUp = await page('not-a-token').expect(404);
    expect(unknown.text).toBe(madeUp.text);
    expect(unknown.text).toContain('This link is not recognised');
    await answer(tampered, { decisionClarity: '3' }).expect(404);
    // a NUL in the comment is refused as bad input, never a 500
    const nul = await answer(token, { decisionClarity: '3', comment: 'a\u0000b' });
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    expect(nul.text).not.toMatch(/stack|at .*\.ts:/);
  });

  it('one answer per invitation under concurrent submissions', async () => {
    const caseUuid = randomUUID();
    await deliver(naLetter(caseUuid, randomUUID(), 'letter-1'));
    const { invitationId } = await invitationOf({ 'case-id': caseUuid });
    const token = host.app.get(SURVEY_LINKS).tokenOf(invitationId);
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => answer(token, { decisionClarity: String((i % 5) + 1) })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const events = await surveys().store.readStream(`surveyInvitation-${invitationId}`);
    expect(events.filter((e) => e.type === 'SurveyResponseReceived')).toHaveLength(1);
  });

  describe('suppression', () => {
    it('a safeguarding flag stops invitations until it is lifted; the list says why', async () => {
      const childId = randomUUID();
      const flagged0 = await caseworker.post('/surveys/suppressions').send({ personId: childId, reason: 'safeguarding' }).expect(201);
      expect(flagged0.headers.location).toBe(`/surveys/suppressions/${childId}`);
      // the same flag again changes nothing
      await caseworker.post('/surveys/suppressions').send({ personId: childId, reason: 'safeguarding' }).expect(200);
      expect((await caseworker.get(`/surveys/suppressions/${childId}`).expect(200)).body).toMatchObject({ suppressed: true, flag: { reason: 'safeguarding' } });
      const flagged = randomUUID();
      await deliver(naLetter(flagged, childId, 'letter-1'));
      expect(await invitationOf({ 'case-id': flagged })).toMatchObject({ status: 'suppressed', suppressedReason: 'safeguarding', sentOn: null });
      await caseworker.delete(`/surveys/suppressions/${childId}`).expect(200);
      await caseworker.delete(`/surveys/suppressions/${childId}`).expect(404);
      const lifted = randomUUID();
      await deliver(naLetter(lifted, childId, 'letter-1'));
      expect(await invitationOf({ 'case-id': lifted })).toMatchObject({ status: 'sent' });
    });

    it('a bad suppression is a 400 naming the field, and appends nothing', async () => {
      const { body } = await caseworker.post('/surveys/suppressions').send({ personId: 'someone', reason: '' }).expect(400);
      expect(JSON.stringify(body)).toMatch(/personId/);
      expect(JSON.stringify(body)).toMatch(/reason/);
      await reader.post('/surveys/suppressions').send({ personId: randomUUID(), reason: 'safeguarding' }).expect(403);
    });

    it('after an opt-out from the survey page, no more invitations for that family', async () => {
      const childId = randomUUID();
      const first = randomUUID();
      await deliver(naLetter(first, childId, 'letter-1'));
      const { invitationId } = await invitationOf({ 'case-id': first });
      const token = host.app.get(SURVEY_LINKS).tokenOf(invitationId);
      expect((await request(host.url).post(`/surveys/opt-out/${token}`).type('form').send({}).expect(200)).text).toContain('You will not be sent more surveys');
      const later = randomUUID();
      await deliver(naLetter(later, childId, 'letter-1'));
      expect(await invitationOf({ 'case-id': later })).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out' });
    });

    it('after a death closure, never again', async () => {
      const childId = randomUUID();
      const caseUuid = randomUUID();
      await deliver({
        id: randomUUID(), type: CASE_CLOSED_V1, subject: `ehcna-${caseUuid}`, occurredAt: today(), recordedAt: now, correlationId: randomUUID(), causationId: null, sourcePosition: 1,
        data: { caseId: `ehcna-${caseUuid}`, childId, closedOn: today(), reason: 'died' },
      });
      const other = randomUUID();
      await deliver(naLetter(other, childId, 'letter-1'));
      expect(await invitationOf({ 'case-id': other })).toMatchObject({ status: 'suppressed', suppressedReason: 'died' });
    });

    it('a second letter on the same case within the quiet period is not surveyed; the same letter again opens nothing', async () => {
      const childId = randomUUID();
      const caseUuid = randomUUID();
      const letter = naLetter(caseUuid, childId, 'letter-1', 'decision-to-assess');
      await deliver(letter);
      expect(await deliver({ ...letter, id: randomUUID() })).toEqual({ outcome: 'handled' });
      await deliver(naLetter(caseUuid, childId, 'letter-2', 'final-plan'));
      await invitationOf({ 'case-id': caseUuid, status: 'suppressed' });
      const { items } = (await reader.get('/surveys/invitations').query({ 'case-id': caseUuid }).expect(200)).body;
      expect(items.map((i: { letterId: string; status: string; suppressedReason: string | null }) => [i.letterId, i.status, i.suppressedReason]).sort())
        .toEqual([['letter-1', 'sent', null], ['letter-2', 'suppressed', 'quiet-period']]);
    });

    it('a letter that reaches the service more than 28 days after it was sent invites nobody (a late start or a replay e-mails no family about old news)', async () => {
      const old = randomUUID();
      await deliver(naLetter(old, randomUUID(), 'letter-1', 'refusal-to-assess', addDays(today(), -29)));
      const recent = randomUUID();
      await deliver(naLetter(recent, randomUUID(), 'letter-1', 'refusal-to-assess', addDays(today(), -28)));
      await invitationOf({ 'case-id': recent });
      expect((await reader.get('/surveys/invitations').query({ 'case-id': old }).expect(200)).body.total).toBe(0);
    });

    it('the quiet period is counted between the letters\' dates: a letter 91 days after the last invited one is invited again', async () => {
      const childId = randomUUID();
      const caseUuid = randomUUID();
      await deliver(naLetter(caseUuid, childId, 'letter-1', 'decision-to-assess', addDays(today(), -5)));
      await invitationOf({ 'case-id': caseUuid, status: 'sent' });
      const before = now;
      now = `${addDays(today(), 86)}T12:00:00Z`;
      try {
        await signIn();
        await deliver(naLetter(caseUuid, childId, 'letter-2', 'final-plan', today()));
        expect(await invitationOf({ 'case-id': caseUuid, 'letter-id': 'letter-2' })).toMatchObject({ status: 'sent' });
      } finally {
        now = before;
        await signIn();
      }
    });

    it('a letter kind the trigger table does not name invites nobody', async () => {
      const caseUuid = randomUUID();
      await deliver(naLetter(caseUuid, randomUUID(), 'letter-1', 'draft-plan'));
      await new Promise((r) => setTimeout(r, 300));
      expect((await reader.get('/surveys/invitations').query({ 'case-id': caseUuid }).expect(200)).body.total).toBe(0);
    });
  });

  it('an annual review\'s decision to maintain invites the child or young person, with the plain-language page', async () => {
    const planUuid = randomUUID();
    await deliver({
      id: randomUUID(), type: AR_LETTER_SENT_V1, subject: `annualReview-${planUuid}`, occurredAt: today(), recordedAt: now, correlationId: randomUUID(), causationId: null, sourcePosition: 1,
      data: { planId: `annualReview-${planUuid}`, childId: randomUUID(), letterId: 'letter-1', kind: 'decision-to-maintain', recipient: 'parent', sentOn: today(), appealRights: true },
    });
    const invitation = await invitationOf({ 'case-id': `annualReview-${planUuid}` });
    expect(invitation).toMatchObject({ trigger: 'review-decision', respondentRole: 'child-or-young-person', questionSet: 'cyp-review' });
    const opened = await page(host.app.get(SURVEY_LINKS).tokenOf(invitation.invitationId)).expect(200);
    expect(opened.text).toContain('involvedInShapingPlan');
  });

  it('a link works through its last day and not after; a reminder goes once, after 14 days, across a restart and with two instances running', async () => {
    const caseUuid = randomUUID();
    const childId = randomUUID();
    await caseworker.put(`/surveys/contacts/${childId}`).send({ email: 'reminded@example.org' }).expect(200);
    await deliver(naLetter(caseUuid, childId, 'letter-1'));
    const { invitationId, sentOn } = await invitationOf({ 'case-id': caseUuid });
    const token = host.app.get(SURVEY_LINKS).tokenOf(invitationId);
    await sweep();
    await host.stop();

    now = `${addDays(sentOn, 14)}T09:00:00Z`;
    host = await start();
    const second = await start();
    try {
      await signIn();
      const before = smtp.messages.filter((m) => m.envelope.to.includes('reminded@example.org')).length;
      await Promise.all([sweep(), second.app.get(SurveysModule).sweep(), sweep()]);
      await second.app.get(SurveysModule).sweep();
      const events = await surveys().store.readStream(`surveyInvitation-${invitationId}`);
      expect(events.filter((e) => e.type === 'SurveyReminderSent')).toHaveLength(1);
      const to = smtp.messages.filter((m) => m.envelope.to.includes('reminded@example.org'));
      expect(to).toHaveLength(before + 1);
      expect(to[to.length - 1].subject).toMatch(/^Reminder:/);
      expect(await invitationOf({ 'case-id': caseUuid, status: 'reminded' })).toMatchObject({ remindedOn: today() });
    } finally {
      await second.stop();
    }

    now = `${addDays(sentOn, 28)}T22:30:00Z`;
    await signIn();
    await page(token).expect(200);
    // 23:30 in London on the last day is still the last day; the next day the link has expired
    now = `${addDays(sentOn, 29)}T00:30:00Z`;
    const expired = await page(token).expect(410);
    expect(expired.text).toMatch(/expired/);
    await answer(token, { decisionClarity: '3' }).expect(410);
    await signIn();
    expect(await invitationOf({ 'case-id': caseUuid, status: 'expired' })).toMatchObject({ invitationId });
    expect(invitationIdOfLetter('needs-assessment', `ehcna-${caseUuid}`, 'letter-1')).toBe(invitationId);
  });
});
