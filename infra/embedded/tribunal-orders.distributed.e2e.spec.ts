import request from 'supertest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { complianceDeadlines, fixedClock } from '@ehc/domain-kernel';
import type { EventEnvelope } from '@ehc/event-store';
import { startDistributed, waitUntilProcessed, type RunningHost } from '@ehc/host';
import { integrationEvent, type IntegrationEvent } from '@ehc/messaging';
import { CALLERS, readTopic, testAccessTokens, testKafka, type TestAccessTokens } from '@ehc/testing';
import { TRIBUNAL_ORDER_MADE_V1, TRIBUNAL_TOPIC, tribunalOrderMadeV1Schema, type TribunalOrderMadeV1 } from '@ehc/contracts/tribunal';
import { NEEDS_ASSESSMENT_TOPIC, needsAssessmentSchemas, TRIBUNAL_ORDER_STEP_COMPLETED_V1 as CASE_STEP_COMPLETED } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC, annualReviewSchemas, TRIBUNAL_ORDER_STEP_COMPLETED_V1 as PLAN_STEP_COMPLETED } from '@ehc/contracts/annual-review';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';

jest.setTimeout(180_000);

const ajv = addFormats(new Ajv({ allErrors: true }));
const ORDERED_ON = '2026-11-02';

/**
 * Distributed mode: the needs-assessment and annual-review services in their own hosts and schemas,
 * the real Kafka broker between them and the tribunal service. The tribunal service is not started:
 * its order is produced onto tribunal.public.v1 as its relay would send it (the same envelope, key
 * and headers), and the completed steps are read back from the services' public topics as the
 * tribunal service would read them. Worked example 17: an order of Mon 2026-11-02.
 */
describe('tribunal orders reach the services that comply, and their completed steps come back, through Kafka', () => {
  let na: RunningHost;
  let ar: RunningHost;
  let tokens: TestAccessTokens;
  let atNa: request.Agent;
  let atAr: request.Agent;
  const run = randomUUID().slice(0, 8);
  const env = (schema: string) => ({ DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: process.env.KAFKA_BROKERS, PORT: '0', SERVICE_SCHEMA: schema, LOG_LEVEL: 'silent' });
  const kafka = testKafka();

  beforeAll(async () => {
    // both services on the same fixed day, late enough for the order's last date (2027-02-08)
    const clock = fixedClock('2027-03-01T12:00:00Z');
    tokens = await testAccessTokens(clock);
    na = await startDistributed(needsAssessmentService, env(`t_tona_${run}`), { clock, accessTokens: tokens.verifier });
    ar = await startDistributed(annualReviewService, { ...env(`t_toar_${run}`), PERSON_DIRECTORY_URL: na.url }, {
      clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService),
    });
    atNa = await tokens.as(na.url, CALLERS.dutyOfficer);
    atAr = await tokens.as(ar.url, CALLERS.dutyOfficer);
  });
  afterAll(async () => {
    await ar?.stop();
    await na?.stop();
  });

  /** A TribunalOrderMade.v1 in the envelope the tribunal service's relay publishes: a stored event of its own translated into the contract. */
  function tribunalOrder(data: Omit<TribunalOrderMadeV1, 'appealId' | 'orderId' | 'concession' | 'amendmentOrdered' | 'childId'>): IntegrationEvent<TribunalOrderMadeV1> {
    const order: TribunalOrderMadeV1 = { childId: null, appealId: randomUUID(), orderId: 'order-1', concession: false, amendmentOrdered: false, ...data };
    const stored: EventEnvelope = {
      id: randomUUID(), type: 'TribunalOrderMade', schemaVersion: 1, data: {}, stream: `disagreement-${order.decisionId}`, revision: 4, globalPosition: 1005,
      recordedAt: '2026-11-02T10:02:11.000Z', metadata: { occurredAt: ORDERED_ON, actor: { kind: 'user', id: 'to-jo' }, correlationId: randomUUID(), causationId: null },
    };
    const event = integrationEvent(stored, TRIBUNAL_ORDER_MADE_V1, order);
    // it is the contract the tribunal service publishes, or the test proves nothing
    expect(ajv.validate(tribunalOrderMadeV1Schema, event.data) || ajv.errors).toBe(true);
    return event;
  }
  async function publish(event: IntegrationEvent): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TRIBUNAL_TOPIC, acks: -1, messages: [{ key: event.subject, value: JSON.stringify(event), headers: { 'event-id': event.id, 'event-type': event.type } }] });
    await producer.disconnect();
  }
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  const stepsOn = async (topic: string, key: string, type: string, count: number) =>
    (await readTopic(kafka, topic, (seen) => seen.filter((m) => m.key === key && m.value.includes(type)).length >= count))
      .filter((m) => m.key === key && m.value.includes(type)).map((m) => JSON.parse(m.value) as IntegrationEvent<Record<string, unknown>>);

  it('reopens a refused case on the order\'s 2, 10 and 14 weeks, and publishes the notice and the final plan as the order\'s steps', async () => {
    const { id } = (await atNa.post('/needs-assessments').send({
      child: { givenName: 'Nell', familyName: 'Quarry', dateOfBirth: '2017-09-14' }, requestedBy: 'parent', receivedOn: '2026-06-01', caseworker: `cw-${run}`,
    }).expect(201)).body;
    await atNa.post(`/needs-assessments/${id}/refuse-assessment`).send({ on: '2026-07-10', reasons: 'Needs can be met from ordinarily available provision.' }).expect(200);

    // the family appealed; the tribunal ordered the assessment on 2026-11-02 (reg 44(2)(a))
    const due = complianceDeadlines('assess-or-reassess', ORDERED_ON);
    const order = tribunalOrder({
      decisionId: randomUUID(), source: { service: 'needs-assessment', id }, kind: 'assess-or-reassess', orderedOn: ORDERED_ON,
      steps: [{ step: 'notify', dueBy: due.notifyBy }, { step: 'decision-not-to-issue', dueBy: due.decisionNotToIssueBy }, { step: 'final-plan', dueBy: due.finalPlanBy }],
    });
    await publish(order);
    expect(await waitUntilProcessed(na.runtimes[0], 'needs-assessment.tribunal-orders', order.id, 60_000)).toBe(true);

    const reopened = await eventually(async () => (await atNa.get(`/needs-assessments/${id}`).expect(200)).body, (c) => c.status === 'awaiting-decision', 'the case to reopen');
    const fromOrder = { basis: 'tribunal-order', orderId: 'order-1' };
    expect(reopened.deadlines).toMatchObject({
      decisionToAssess: { due: '2026-11-16', done: null, ...fromOrder },
      decisionNotToIssue: { due: '2027-01-11', done: null, ...fromOrder },
      finalPlan: { due: '2027-02-08', done: null, ...fromOrder },
    });
    expect(reopened.tribunalOrders).toEqual([expect.objectContaining({ orderId: 'order-1', decisionId: order.data.decisionId, kind: 'assess-or-reassess', orderedOn: ORDERED_ON })]);
    expect(reopened.nextSteps[0]).toBe('decide-to-assess');
    expect(reopened.nextSteps).not.toContain('refuse-assessment');

    // the broker delivers the same order again (as after a consumer crash before its commit): nothing more happens
    await publish(order);
    await new Promise((r) => setTimeout(r, 1500));
    const events = (await na.runtimes[0].store.readStream(`ehcna-${id}`)).map((e) => e.type);
    expect(events.filter((t) => t === 'TribunalOrderReceived')).toHaveLength(1);

    // the LA complies: the notice on 11-12, a draft on 12-14, the final plan on 2027-02-01
    const notified = (await atNa.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-11-12' }).expect(200)).body;
    expect(notified.deadlines.decisionToAssess).toMatchObject({ due: '2026-11-16', done: '2026-11-12', onTime: true, outcome: 'assess', ...fromOrder });
    await atNa.post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: '2026-12-14' }).expect(200);
    const issued = (await atNa.post(`/needs-assessments/${id}/issue-final-plan`).send({ on: '2027-02-01', namedSetting: { urn: null, name: 'Quarry Lane Primary' } }).expect(200)).body;
    expect(issued.deadlines.finalPlan).toMatchObject({ due: '2027-02-08', done: '2027-02-01', onTime: true, ...fromOrder });

    const steps = await stepsOn(NEEDS_ASSESSMENT_TOPIC, `ehcna-${id}`, CASE_STEP_COMPLETED, 2);
    expect(steps.map((s) => s.data)).toEqual([
      { caseId: `ehcna-${id}`, childId: expect.any(String), decisionId: order.data.decisionId, orderId: 'order-1', step: 'notify', completedOn: '2026-11-12' },
      { caseId: `ehcna-${id}`, childId: expect.any(String), decisionId: order.data.decisionId, orderId: 'order-1', step: 'final-plan', completedOn: '2027-02-01' },
    ]);
    for (const s of steps) expect(ajv.validate(needsAssessmentSchemas[CASE_STEP_COMPLETED], s.data) || ajv.errors).toBe(true);
  });

  it('opens a plan\'s ordered amendment on the order\'s 2 weeks, and publishes the amended plan as the order\'s step', async () => {
    // a plan from an assessment: it enters the annual review through Kafka, keeping the case's id
    const { id } = (await atNa.post('/needs-assessments').send({
      child: { givenName: 'Osian', familyName: 'Reed', dateOfBirth: '2016-02-03' }, requestedBy: 'parent', receivedOn: '2026-05-04', caseworker: `cw-${run}`,
    }).expect(201)).body;
    await atNa.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-06-01' }).expect(200);
    await atNa.post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: '2026-08-03' }).expect(200);
    await atNa.post(`/needs-assessments/${id}/issue-final-plan`).send({ on: '2026-09-14', namedSetting: { urn: null, name: 'Reed Street Primary' } }).expect(200);
    const planId = id;
    await eventually(async () => (await atAr.get(`/annual-reviews/${planId}`)).status, (s) => s === 200, 'the plan to enter the review cycle');

    // the family appealed the named setting after a review decision; the tribunal ordered section I amended (reg 44(2)): 2 weeks
    const order = tribunalOrder({
      decisionId: randomUUID(), source: { service: 'annual-review', id: planId }, kind: 'amend-section-i-only', orderedOn: ORDERED_ON,
      steps: [{ step: 'amended-plan', dueBy: complianceDeadlines('amend-section-i-only', ORDERED_ON).amendedPlanBy }],
    });
    await publish(order);
    expect(await waitUntilProcessed(ar.runtimes[0], 'annual-review.tribunal-orders', order.id, 60_000)).toBe(true);
    const ordered = await eventually(async () => (await atAr.get(`/annual-reviews/${planId}`).expect(200)).body, (p) => p.deadlines.amendedPlan.basis === 'tribunal-order', 'the ordered amendment');
    expect(ordered.status).toBe('amendment-in-progress');
    expect(ordered.deadlines.amendedPlan).toMatchObject({ due: '2026-11-16', done: null, orderId: 'order-1' });
    expect(ordered.nextSteps).toContain('issue-amended-plan');
    expect(ordered.nextSteps).not.toContain('decide-not-to-amend');
    // not the needs assessment's to act on: the case is as it was
    expect(await waitUntilProcessed(na.runtimes[0], 'needs-assessment.tribunal-orders', order.id, 60_000)).toBe(true);
    expect((await na.runtimes[0].store.readStream(`ehcna-${id}`)).map((e) => e.type)).not.toContain('TribunalOrderReceived');

    // no amendment notice and no 15 days: the amended plan is issued within the order's period
    const amended = (await atAr.post(`/annual-reviews/${planId}/issue-amended-plan`).send({ on: '2026-11-13', namedSetting: { urn: null, name: 'Reed Street Academy' } }).expect(200)).body;
    expect(amended.deadlines.amendedPlan).toMatchObject({ due: '2026-11-16', done: '2026-11-13', onTime: true, outcome: 'amended', basis: 'tribunal-order' });

    const [step] = await stepsOn(ANNUAL_REVIEW_TOPIC, `annualReview-${planId}`, PLAN_STEP_COMPLETED, 1);
    expect(step.data).toEqual({
      planId: `annualReview-${planId}`, childId: expect.any(String), decisionId: order.data.decisionId, orderId: 'order-1', step: 'amended-plan', completedOn: '2026-11-13',
    });
    expect(ajv.validate(annualReviewSchemas[PLAN_STEP_COMPLETED], step.data) || ajv.errors).toBe(true);
    const [plan] = await stepsOn(ANNUAL_REVIEW_TOPIC, `annualReview-${planId}`, 'annual-review.AmendedPlanIssued.v1', 1);
    expect(plan.data).toMatchObject({ issuedOn: '2026-11-13', withinStatutoryTime: true, appealable: true });
  });
});
