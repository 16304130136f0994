import request from 'supertest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startDistributed, type RunningHost } from '@ehc/host';
import { CALLERS, readTopic, startSmtpServer, testAccessTokens, testKafka, type ReadMessage, type TestAccessTokens, type TestSmtpServer, distributedTestEnv, eventually } from '@ehc/testing';
import { SURVEYS_TOPIC, surveysSchemas, type SurveyResponseReceivedV1 } from '@ehc/contracts/surveys';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { surveysService } from '../../services/surveys/src/service';
import { SurveysModule } from '../../services/surveys/src/surveys.module';

jest.setTimeout(180_000);

/**
 * Distributed mode, the real Kafka broker between two services with their own schemas, and a real
 * SMTP server: a refusal to assess recorded in needs assessment reaches the surveys service as its
 * letter, the invitation's e-mail is received, the family answers in the page, the answer is in the
 * results and on the surveys' own topic for the performance pack.
 */
describe('a letter becomes a survey through Kafka: e-mail, answer, result, published', () => {
  let na: RunningHost;
  let surveys: RunningHost;
  let smtp: TestSmtpServer;
  let tokens: TestAccessTokens;
  const run = randomUUID().slice(0, 8);
  const env = distributedTestEnv;

  beforeAll(async () => {
    const clock = fixedClock('2027-03-01T12:00:00Z');
    smtp = await startSmtpServer();
    tokens = await testAccessTokens(clock);
    na = await startDistributed(needsAssessmentService, env(`t_na_${run}`), { clock, accessTokens: tokens.verifier });
    surveys = await startDistributed(surveysService, { ...env(`t_sv_${run}`), SMTP_URL: smtp.url, SURVEY_LINK_BASE_URL: 'https://hub.example', SURVEY_SWEEP_SECONDS: '1', PERSON_DIRECTORY_URL: na.url },
      { clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService) });
  });
  afterAll(async () => {
    await surveys?.stop();
    await na?.stop();
    await smtp?.stop();
  });

  it('refusal letter → invitation → SMTP → answer in the page → result, and surveys.public.v1', async () => {
    const atNa = await tokens.as(na.url, CALLERS.dutyOfficer);
    const atSurveys = await tokens.as(surveys.url, CALLERS.dutyOfficer);
    // the family's address is given with the request; the surveys service asks the person directory for it
    const { body: c } = await atNa.post('/needs-assessments').send({
      child: { givenName: 'Nia', familyName: 'Cole', dateOfBirth: '2016-01-20' }, requestedBy: 'parent', receivedOn: '2027-01-11', contact: { email: 'cole.family@example.org' },
    }).expect(201);
    await atNa.post(`/needs-assessments/${c.id}/refuse-assessment`).send({ on: '2027-02-19', reasons: 'Needs can be met from the setting\'s resources.' }).expect(200);

    const invitation = await eventually('an invitation for the refusal letter', async () =>
      (await atSurveys.get('/surveys/invitations').query({ 'case-id': c.id }).expect(200)).body.items[0]);
    expect(invitation).toMatchObject({ trigger: 'refusal-to-assess', respondentRole: 'parent', status: 'sent' });

    await surveys.app.get(SurveysModule).sweep();
    const [mail] = await smtp.waitForMessages(1, 20_000);
    expect(mail.envelope.to).toEqual(['cole.family@example.org']);
    expect(mail.text).not.toMatch(/Nia|Cole/);
    const token = /https:\/\/hub\.example\/s\/([A-Za-z0-9_.-]+)/.exec(mail.text)![1];
    await request(surveys.url).get(`/s/${token}`).expect(200);
    await request(surveys.url).post(`/s/${token}`).type('form').send({ decisionClarity: '3', keptInformed: '4', comment: 'Nia Cole\'s letter came quickly.' }).expect(200);

    const results = await eventually('the answer in the results', async () => {
      const r = (await atSurveys.get('/surveys/results').query({ from: '2027-02', to: '2027-03' }).expect(200)).body;
      return r.answered === 1 ? r : null;
    });
    // the topic holds other runs' letters too, each invited in this schema: only this one is answered
    expect(results.invited).toBeGreaterThanOrEqual(1);
    expect(results.answered).toBe(1);
    expect(results.comments[0].text).not.toMatch(/Nia|Cole/);

    const ajv = addFormats(new Ajv({ allErrors: true }));
    const ours = (seen: ReadMessage[]) => seen.map((m) => JSON.parse(m.value) as { type: string; data: SurveyResponseReceivedV1 })
      .filter((e) => e.data.invitationId === invitation.invitationId);
    const mine = ours(await readTopic(testKafka(), SURVEYS_TOPIC, (seen) => ours(seen).some((e) => e.type === 'surveys.SurveyResponseReceived.v1')));
    expect(mine.map((e) => e.type).sort()).toEqual(['surveys.SurveyInvitationSent.v1', 'surveys.SurveyResponseReceived.v1']);
    for (const e of mine) expect(ajv.compile(surveysSchemas[e.type])(e.data)).toBe(true);
    expect(mine.find((e) => e.type === 'surveys.SurveyResponseReceived.v1')!.data).toMatchObject({ scores: [{ question: 'decisionClarity', score: 3 }, { question: 'keptInformed', score: 4 }], commented: true });
  });
});
