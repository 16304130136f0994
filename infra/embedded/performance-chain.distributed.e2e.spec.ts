import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startDistributed, type RunningHost } from '@ehc/host';
import { CALLERS, distributedTestEnv, eventually, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { performanceService } from '../../services/performance/src/service';

jest.setTimeout(180_000);

/**
 * Distributed mode, the real Kafka broker between two services with their own schemas: a request
 * and its refusal recorded in needs assessment reach the performance service through the topic
 * needs-assessment.public.v1 (never its tables), and are in the month's pack, case by case.
 */
describe('the performance pack reads needs assessment through Kafka', () => {
  let na: RunningHost;
  let performance: RunningHost;
  let tokens: TestAccessTokens;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    const clock = fixedClock('2027-03-01T12:00:00Z');
    tokens = await testAccessTokens(clock);
    na = await startDistributed(needsAssessmentService, distributedTestEnv(`t_na_${run}`), { clock, accessTokens: tokens.verifier });
    performance = await startDistributed(performanceService, distributedTestEnv(`t_pf_${run}`), { clock, accessTokens: tokens.verifier });
  });
  afterAll(async () => {
    await performance?.stop();
    await na?.stop();
  });

  it('a request and its refusal are in the pack of their months, once each', async () => {
    const atNa = await tokens.as(na.url, CALLERS.dutyOfficer);
    const atPerformance = await tokens.as(performance.url, CALLERS.dutyOfficer);
    const { body: c } = await atNa.post('/needs-assessments').send({
      child: { givenName: 'Ola', familyName: 'Reid', dateOfBirth: '2017-06-02' }, requestedBy: 'school', receivedOn: '2027-01-12',
    }).expect(201);
    await atNa.post(`/needs-assessments/${c.id}/refuse-assessment`).send({ on: '2027-02-26', reasons: 'Needs can be met from the setting\'s resources.' }).expect(200);

    // the topic holds other runs' cases too: this case is found among the figure's cases
    const ours = (m: { cases: { caseId: string; inNumerator: boolean }[] }) => m.cases.filter((x) => x.caseId === c.id);
    const february = await eventually('the refusal in the February pack', async () => {
      const { body } = await atPerformance.get('/performance/pack').query({ month: '2027-02' }).expect(200);
      return ours(body.measures.refusalRate).length > 0 ? body : null;
    });
    expect(ours(february.measures.refusalRate)).toEqual([expect.objectContaining({ inNumerator: true })]);
    // 45 days after the request: not within the 42
    expect(ours(february.measures.decisionsToAssessOnTime)).toEqual([expect.objectContaining({ inNumerator: false })]);
    const january = (await atPerformance.get('/performance/pack').query({ month: '2027-01' }).expect(200)).body;
    expect(ours(january.measures.requestsReceived)).toEqual([expect.objectContaining({ detail: 'received 2027-01-12 from school' })]);
  });
});
