import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { NEEDS_ASSESSMENT_REQUESTED_V1, NEEDS_ASSESSMENT_TOPIC } from '@ehc/contracts/needs-assessment';
import { ConfigError } from '@ehc/config';
import { startDistributed, waitUntilProcessed, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { readTopic, testKafka } from '@ehc/testing';
import { needsAssessmentService } from './service';

jest.setTimeout(120_000);

/**
 * Distributed mode end to end: the command appends to the PostgreSQL store, the relay publishes to
 * the real Kafka broker, the consumer applies it to the projection, and the case is served from it.
 */
describe('the first slice, distributed through Kafka', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const schema = `t_dist_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const clock = fixedClock('2026-11-26T12:00:00Z');
    tokens = await testAccessTokens(clock);
    host = await startDistributed(needsAssessmentService, {
      DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: process.env.KAFKA_BROKERS, PORT: '0', SERVICE_SCHEMA: schema, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('relays the request to the topic and projects it from there', async () => {
    const created = await hub.post('/needs-assessments').send({
      child: { givenName: 'Leo', familyName: 'Marsh', dateOfBirth: '2018-06-01' }, requestedBy: 'school', receivedOn: '2026-07-27',
    }).expect(201);
    const caseId = `ehcna-${created.body.id}`;
    const { body } = await hub.get(`/needs-assessments/${created.body.id}`).expect(200);
    expect(body.deadlines.decisionToAssess.due).toBe('2026-09-07');

    const messages = await readTopic(testKafka(), NEEDS_ASSESSMENT_TOPIC, (seen) => seen.some((m) => m.key === caseId));
    const published = messages.find((m) => m.key === caseId)!;
    const event = JSON.parse(published.value);
    expect(event).toMatchObject({ type: NEEDS_ASSESSMENT_REQUESTED_V1, subject: caseId, data: { caseId, requestedBy: 'school', receivedOn: '2026-07-27', decisionToAssessDueBy: '2026-09-07' } });
    expect(published.value).not.toMatch(/Leo|Marsh/);

    // the consumer took it from the topic into assessment_requests, through its inbox
    expect(await waitUntilProcessed(host.runtimes[0], 'needs-assessment.assessment-requests', event.id, 30_000)).toBe(true);
    const { rows } = await host.runtimes[0].pool.query(`SELECT status, received_on::text AS received_on FROM "${schema}".assessment_requests WHERE case_id = $1`, [caseId]);
    expect(rows).toEqual([{ status: 'awaiting-decision', received_on: '2026-07-27' }]);
  });

  it('publishes the decisions, the final plan with its named setting, and every letter', async () => {
    const school = { urn: '120345', name: 'Lincoln Castle Academy' };
    const api = () => hub;
    const { id } = (await api().post('/needs-assessments').send({
      child: { givenName: 'Ada', familyName: 'Brook' }, requestedBy: 'parent', receivedOn: '2026-03-02', caseworker: 'cw-1',
    }).expect(201)).body;
    await api().post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-04-10' }).expect(200);
    await api().post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: '2026-06-01' }).expect(200);
    await api().post(`/needs-assessments/${id}/record-parent-response`).send({ on: '2026-06-05', preferredSetting: school, final: true }).expect(200);
    await api().post(`/needs-assessments/${id}/issue-final-plan`).send({ on: '2026-06-08', namedSetting: school }).expect(200);
    const caseId = `ehcna-${id}`;
    const mine = (await readTopic(testKafka(), NEEDS_ASSESSMENT_TOPIC, (seen) => seen.filter((m) => m.key === caseId).length >= 6))
      .filter((m) => m.key === caseId).map((m) => JSON.parse(m.value));
    expect(mine.map((e) => e.type)).toEqual([
      'needs-assessment.NeedsAssessmentRequested.v1', 'needs-assessment.DecidedToAssess.v1', 'needs-assessment.LetterSent.v1',
      'needs-assessment.LetterSent.v1', 'needs-assessment.FinalPlanIssued.v1', 'needs-assessment.LetterSent.v1',
    ]);
    expect(mine[4].data).toMatchObject({ caseId, issuedOn: '2026-06-08', receivedOn: '2026-03-02', namedSetting: school, withinStatutoryTime: true, caseworkerId: 'cw-1' });
    expect(mine[5].data).toMatchObject({ kind: 'final-plan', appealRights: true, sentOn: '2026-06-08' });
    // the consumer brought the published outcome into assessment_requests
    for (let i = 0; i < 100; i++) {
      const { rows } = await host.runtimes[0].pool.query(`SELECT status, outcome_on::text FROM "${schema}".assessment_requests WHERE case_id = $1`, [caseId]);
      if (rows[0]?.status === 'plan-issued') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const { rows } = await host.runtimes[0].pool.query(`SELECT status, outcome_on::text AS outcome_on FROM "${schema}".assessment_requests WHERE case_id = $1`, [caseId]);
    expect(rows).toEqual([{ status: 'plan-issued', outcome_on: '2026-06-08' }]);
  });

  it('reports the broker in /health', async () => {
    const health = await hub.get('/health').expect(200);
    expect(health.body.checks.broker).toBe('up');
  });

  it('refuses to start on a malformed environment variable, naming it', async () => {
    await expect(startDistributed(needsAssessmentService, { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'localhost:9092' })).rejects.toThrow(/DATABASE_URL/);
    await expect(startDistributed(needsAssessmentService, { DATABASE_URL: process.env.DATABASE_URL })).rejects.toThrow(/KAFKA_BROKERS is required/);
    await expect(startDistributed(needsAssessmentService, { DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: 'nohost' })).rejects.toThrow(/KAFKA_BROKERS/);
    await expect(startDistributed(needsAssessmentService, { DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: 'a:1', EVENT_STORE: 'mongo' })).rejects.toThrow(/EVENT_STORE/);
  });

  it('refuses to start on a malformed local policy, naming it, before it touches the database or the broker', async () => {
    // an unreachable database and broker: a policy error must come first, as a ConfigError (exit 78)
    const base = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', KAFKA_BROKERS: '127.0.0.1:1' };
    for (const [name, value] of [['EXCEPTION_EXPECTED_EXTENSION_DAYS', 'abc'], ['EXCEPTION_EXPECTED_EXTENSION_DAYS', '-3'], ['EXCEPTION_EXPECTED_EXTENSION_DAYS', '3.5'], ['EARLY_FINALISATION', 'sometimes']]) {
      const start = startDistributed(needsAssessmentService, { ...base, [name]: value });
      await expect(start).rejects.toBeInstanceOf(ConfigError);
      await expect(start).rejects.toThrow(new RegExp(name));
    }
  });
});
