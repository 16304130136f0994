import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startDistributed, type RunningHost } from '@ehc/host';
import { CALLERS, readTopic, testAccessTokens, testKafka, type TestAccessTokens, distributedTestEnv, eventually } from '@ehc/testing';
import { TRIBUNAL_TOPIC } from '@ehc/contracts/tribunal';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';
import { tribunalService } from '../../services/tribunal/src/service';

jest.setTimeout(180_000);

/**
 * Distributed mode, the real Kafka broker between three services: a refusal to assess opens its
 * appeal window in the tribunal service; the appeal is allowed; the tribunal's order reaches needs
 * assessment, which reopens the case on the reg 44 clock; the decision to assess it then makes
 * closes the order's first step back in the tribunal service.
 */
describe('a tribunal order travels to needs assessment and its compliance back, through Kafka', () => {
  let na: RunningHost;
  let ar: RunningHost;
  let tribunal: RunningHost;
  let tokens: TestAccessTokens;
  let atNa: request.Agent;
  let atTribunal: request.Agent;
  const run = randomUUID().slice(0, 8);
  const env = distributedTestEnv;

  beforeAll(async () => {
    const clock = fixedClock('2027-03-01T12:00:00Z');
    tokens = await testAccessTokens(clock);
    na = await startDistributed(needsAssessmentService, env(`t_na_${run}`), { clock, accessTokens: tokens.verifier });
    ar = await startDistributed(annualReviewService, { ...env(`t_ar_${run}`), PERSON_DIRECTORY_URL: na.url }, { clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService) });
    tribunal = await startDistributed(tribunalService, { ...env(`t_tr_${run}`), PERSON_DIRECTORY_URL: na.url }, { clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService) });
    atNa = await tokens.as(na.url, CALLERS.dutyOfficer);
    atTribunal = await tokens.as(tribunal.url, CALLERS.tribunalOfficer);
  });
  afterAll(async () => {
    await tribunal?.stop();
    await ar?.stop();
    await na?.stop();
  });

  it('refusal → window → appeal allowed → order → case reopened on the order\'s clock → decision to assess → step done', async () => {
    const { id } = (await atNa.post('/needs-assessments').send({
      child: { givenName: 'Ivy', familyName: 'Lane', dateOfBirth: '2018-11-03' }, requestedBy: 'parent', receivedOn: '2026-11-23',
    }).expect(201)).body;
    await atNa.post(`/needs-assessments/${id}/refuse-assessment`).send({ on: '2027-01-04' }).expect(200);

    const window = await eventually('the window opens from the refusal letter', async () =>
      (await atTribunal.get('/appeal-windows').query({ 'source-id': id }).expect(200)).body.items[0]);
    expect(window).toMatchObject({ decisionType: 'refusal-to-assess', letterOn: '2027-01-04', child: { givenName: 'Ivy', familyName: 'Lane' }, deadlines: { appeal: { due: '2027-03-04' } } });

    const appeal = (await atTribunal.post('/appeals').send({ decisionId: window.decisionId, registeredOn: '2027-02-01', type: 'refusal-to-assess' }).expect(201)).body;
    const decided = (await atTribunal.post(`/appeals/${appeal.id}/record-outcome`).send({ on: '2027-02-22', outcome: 'allowed' }).expect(200)).body;
    // example 17's periods from Mon 2027-02-22: notify 03-08, no-plan decision 05-03, final plan 05-31
    expect(decided.orders[0].deadlines).toMatchObject({ notify: { due: '2027-03-08' }, decisionNotToIssue: { due: '2027-05-03' }, finalPlan: { due: '2027-05-31' } });

    const order = await readTopic(testKafka(), TRIBUNAL_TOPIC, (seen) => seen.some((m) => m.value.includes('TribunalOrderMade') && m.value.includes(appeal.id)));
    expect(order.some((m) => m.key === `disagreement-${window.decisionId}`)).toBe(true);

    const reopened = await eventually('the case reopens on the order', async () => {
      const c = (await atNa.get(`/needs-assessments/${id}`).expect(200)).body;
      return c.status === 'awaiting-decision' ? c : null;
    });
    expect(reopened.deadlines.decisionToAssess).toMatchObject({ due: '2027-03-08', basis: 'tribunal-order' });

    await atNa.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2027-03-01' }).expect(200);
    const complied = await eventually('the notify step closes in the tribunal service', async () => {
      const a = (await atTribunal.get(`/appeals/${appeal.id}`).expect(200)).body;
      return a.orders[0].deadlines.notify.done ? a : null;
    });
    expect(complied.orders[0].deadlines.notify).toMatchObject({ done: '2027-03-01', onTime: true, completedBy: 'needs-assessment' });
    expect(complied.orders[0].status).toBe('due');
  });
});
