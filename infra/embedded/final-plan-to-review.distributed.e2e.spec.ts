import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startDistributed, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { readTopic, testKafka } from '@ehc/testing';
import { NEEDS_ASSESSMENT_TOPIC } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC } from '@ehc/contracts/annual-review';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';

jest.setTimeout(120_000);

/**
 * Distributed mode: two services, two processes' worth of hosts, their own schemas, and the real
 * Kafka broker between them. A final plan issued in needs assessment enters the annual review cycle;
 * the same message delivered again makes no second plan.
 */
describe('a final plan travels from needs assessment to annual review through Kafka', () => {
  let na: RunningHost;
  let ar: RunningHost;
  let tokens: TestAccessTokens;
  let atNa: request.Agent;
  let atAr: request.Agent;
  const run = randomUUID().slice(0, 8);
  const env = (schema: string) => ({ DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: process.env.KAFKA_BROKERS, PORT: '0', SERVICE_SCHEMA: schema, LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    // both services on the same fixed day, whenever the suite runs
    const clock = fixedClock('2026-11-26T12:00:00Z');
    tokens = await testAccessTokens(clock);
    na = await startDistributed(needsAssessmentService, env(`t_na_${run}`), { clock, accessTokens: tokens.verifier });
    // the annual review asks the needs assessment for the child's details as the service it is
    ar = await startDistributed(annualReviewService, { ...env(`t_ar_${run}`), PERSON_DIRECTORY_URL: na.url }, {
      clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService),
    });
    atNa = await tokens.as(na.url, CALLERS.dutyOfficer);
    atAr = await tokens.as(ar.url, CALLERS.dutyOfficer);
  });
  afterAll(async () => {
    await ar?.stop();
    await na?.stop();
  });

  const plansFor = async (caseworker: string) => (await atAr.get('/annual-reviews').query({ caseworker }).expect(200)).body.items;

  it('enters the plan for review, and a redelivered event makes no duplicate', async () => {
    const caseworker = `cw-${run}`;
    const { id } = (await atNa.post('/needs-assessments').send({
      child: { givenName: 'Ivy', familyName: 'Lane', dateOfBirth: '2018-11-03' }, requestedBy: 'school', receivedOn: '2026-01-12', caseworker,
    }).expect(201)).body;
    await atNa.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-02-20' }).expect(200);
    await atNa.post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: '2026-04-20' }).expect(200);
    await atNa.post(`/needs-assessments/${id}/issue-final-plan`).send({ on: '2026-05-26', namedSetting: { urn: null, name: 'Ivy Lane Nursery' } }).expect(200);

    let plans: { planId: string }[] = [];
    for (let i = 0; i < 200 && plans.length === 0; i++) {
      plans = await plansFor(caseworker);
      if (plans.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(plans).toHaveLength(1);
    const plan = (await atAr.get(`/annual-reviews/${plans[0].planId}`).expect(200)).body;
    expect(plan).toMatchObject({ planIssuedOn: '2026-05-26', source: { kind: 'needs-assessment', caseId: `ehcna-${id}` }, deadlines: { nextReview: { due: '2027-05-25' } } });
    // the child's details came over HTTP from the needs-assessment service's person directory
    expect(plan.child).toMatchObject({ givenName: 'Ivy', familyName: 'Lane' });

    // the broker delivers the same FinalPlanIssued again (as after a consumer crash before its commit)
    const kafka = testKafka();
    const published = (await readTopic(kafka, NEEDS_ASSESSMENT_TOPIC, (seen) => seen.some((m) => m.key === `ehcna-${id}` && m.value.includes('FinalPlanIssued'))))
      .find((m) => m.key === `ehcna-${id}` && m.value.includes('FinalPlanIssued'))!;
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: NEEDS_ASSESSMENT_TOPIC, messages: [{ key: published.key, value: published.value }] });
    await producer.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await plansFor(caseworker)).toHaveLength(1);
    const events = await ar.runtimes[0].store.readStream(`annualReview-${plans[0].planId}`);
    expect(events.map((e) => e.type)).toEqual(['PlanEntered']);

    // a review decided to maintain is published, appealable, for the tribunal service
    const planId = plans[0].planId;
    await atAr.post(`/annual-reviews/${planId}/schedule-meeting`).send({ on: '2026-10-01', meetingOn: '2026-10-20' }).expect(200);
    await atAr.post(`/annual-reviews/${planId}/hold-meeting`).send({ on: '2026-10-20' }).expect(200);
    await atAr.post(`/annual-reviews/${planId}/decide`).send({ on: '2026-11-02', outcome: 'maintain' }).expect(200);
    const ours = (await readTopic(kafka, ANNUAL_REVIEW_TOPIC, (seen) => seen.filter((m) => m.key === `annualReview-${planId}`).length >= 2))
      .filter((m) => m.key === `annualReview-${planId}`).map((m) => JSON.parse(m.value));
    expect(ours.map((e) => e.type)).toEqual(['annual-review.ReviewDecisionMade.v1', 'annual-review.LetterSent.v1']);
    expect(ours[0].data).toMatchObject({ outcome: 'maintain', decidedOn: '2026-11-02', appealable: true, withinStatutoryTime: true });
  });
});
