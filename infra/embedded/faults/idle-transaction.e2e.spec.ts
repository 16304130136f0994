import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../../services/needs-assessment/src/service';
import { waitUntil } from './hub-process.spec-helpers';

/**
 * A client that opens a transaction and goes quiet holds every reader of the event log back
 * (PostgreSQL's no-skip bound: an event is read only once no earlier one can still commit). The
 * hub keeps that design and says so: /health is degraded and names the transaction, and a command
 * answers 202 with where to read its result, never the case as it was before the command.
 */
describe('fault: an idle open transaction in the database', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const caseworker = 'cw-ayesha';

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
      HEALTH_OPEN_TRANSACTION_SECONDS: '1',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
  });
  afterAll(() => host.stop());

  const api = () => hub;

  it('health turns degraded naming the transaction, a command answers 202 with Location, and all catches up once it ends', async () => {
    const id = (await api().post('/needs-assessments')
      .send({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker }).expect(201)).body.id;
    await api().post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200);
    expect((await api().get('/health').expect(200)).body.status).toBe('ok');

    const idle = new Client({ connectionString: process.env.DATABASE_URL, application_name: 'forgotten-report' });
    await idle.connect();
    try {
      await idle.query('BEGIN');
      // a transaction id of its own: from here no later commit is readable until it ends
      await idle.query('SELECT pg_current_xact_id()');

      const started = performance.now();
      const answer = await api().post(`/needs-assessments/${id}/request-advice`)
        .send({ on: '2026-02-17', adviceType: 'psychological' });
      const answeredInMs = Math.round(performance.now() - started);
      expect(answer.status).toBe(202);
      expect(answer.headers.location).toBe(`/needs-assessments/${id}`);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.body).toMatchObject({ status: 'accepted', stream: expect.stringContaining(id), revision: expect.any(Number), location: `/needs-assessments/${id}` });
      expect(answer.body.advice).toBeUndefined();

      let health: Record<string, any> = {};
      const degraded = await waitUntil(async () => (health = (await api().get('/health').expect(200)).body).status === 'degraded', 10_000, 100);
      expect([degraded, health.status]).toEqual([true, 'degraded']);
      expect(health.ready).toBe(true);
      expect(health.checks.openTransactions['needs-assessment']).toMatchObject({ state: 'idle in transaction', application: 'forgotten-report' });
      expect(health.warnings.join(' ')).toMatch(/needs-assessment: a transaction has been open for \d+ s \(idle in transaction, application "forgotten-report"\)/);
      console.log(`[fault: idle transaction] command answered 202 in ${answeredInMs} ms; /health degraded with the oldest transaction ${health.checks.openTransactions['needs-assessment'].oldestSeconds} s old`);
    } finally {
      await idle.query('COMMIT').catch(() => undefined);
      await idle.end();
    }

    let caughtUp: Record<string, any> = {};
    expect(await waitUntil(async () => (caughtUp = (await api().get(`/needs-assessments/${id}`).expect(200)).body).advice.length === 1, 10_000, 100)).toBe(true);
    expect(caughtUp.advice[0]).toMatchObject({ adviceType: 'psychological' });
    expect(await waitUntil(async () => (await api().get('/health')).body.status === 'ok', 10_000, 100)).toBe(true);
  });
});
