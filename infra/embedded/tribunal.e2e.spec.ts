import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { deliverOnce } from '@ehc/messaging';
import { LETTER_SENT_V1 } from '@ehc/contracts/annual-review';
import { appealableDecisionsConsumer, decisionIdOfLetter } from '../../services/tribunal/src/infrastructure/appealable-decisions.consumer';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';
import { tribunalService } from '../../services/tribunal/src/service';

/** A tribunal officer's work over HTTP, embedded mode, real PostgreSQL: windows open by themselves, mediation, appeal, orders. */
describe('tribunal and mediation over HTTP', () => {
  // "today" for every answer below: the tests give the same result on any day they are run
  const clock = fixedClock('2027-03-01T12:00:00Z');
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let caseworker: request.Agent;
  let officer: request.Agent;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService, tribunalService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    caseworker = await tokens.as(host.url, CALLERS.dutyOfficer);
    officer = await tokens.as(host.url, CALLERS.tribunalOfficer);
  });
  afterAll(() => host.stop());

  const tribunal = () => host.runtimes.find((r) => r.service === 'tribunal')!;
  const eventCount = async () => (await tribunal().store.readAll({ maxCount: 1_000_000 })).events.filter((e) => e.stream.startsWith('disagreement-')).length;
  const refusedCase = async (receivedOn: string, refusedOn: string) => {
    const id = (await caseworker.post('/needs-assessments').send({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn }).expect(201)).body.id as string;
    await caseworker.post(`/needs-assessments/${id}/refuse-assessment`).send({ on: refusedOn, reasons: 'Needs can be met from the setting\'s resources.' }).expect(200);
    return id;
  };
  const windowOf = async (caseId: string) => {
    for (let i = 0; i < 100; i++) {
      const list = (await officer.get('/appeal-windows').query({ 'source-id': caseId }).expect(200)).body;
      if (list.total > 0) return list.items[0];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no window opened for ${caseId}`);
  };

  it('a refusal to assess opens its window by itself, from the letter: contact the adviser within 2 months, appeal by the r.12 deadline', async () => {
    // example 13: letter Mon 2026-10-26 → Sat 12-26 in the Christmas window → Mon 2027-01-04
    const caseId = await refusedCase('2026-09-14', '2026-10-26');
    const item = await windowOf(caseId);
    expect(item).toMatchObject({ source: { service: 'needs-assessment', id: caseId }, decisionType: 'refusal-to-assess', letterOn: '2026-10-26', status: 'closed' });
    const w = (await officer.get(`/appeal-windows/${item.decisionId}`).expect(200)).body;
    expect(w.deadlines.mediationContact).toMatchObject({ due: '2026-12-26', done: null });
    expect(w.deadlines.appeal).toMatchObject({ due: '2027-01-04', done: null, unadjusted: '2026-12-26', adjustment: 'christmas' });
  });

  it('mediation to certificate to appeal to order to compliance, each deadline due and done', async () => {
    // letter Mon 2027-01-04: appeal deadline Thu 03-04, contact by 03-04
    const caseId = await refusedCase('2026-11-23', '2027-01-04');
    const { decisionId } = await windowOf(caseId);
    expect((await officer.get('/appeal-windows').query({ status: 'open', 'closing-within-days': 3 }).expect(200)).body.items.map((i: { decisionId: string }) => i.decisionId)).toContain(decisionId);
    expect((await officer.get('/appeal-windows').query({ status: 'open', 'closing-within-days': 2 }).expect(200)).body.items.map((i: { decisionId: string }) => i.decisionId)).not.toContain(decisionId);

    const m = (await officer.post('/mediations').send({ decisionId, requestedOn: '2027-01-12', wantsMediation: true, issues: ['Whether an assessment is necessary'], healthInvolved: true }).expect(201)).body;
    expect(m).toMatchObject({ id: expect.any(String), status: 'requested', issues: ['Whether an assessment is necessary'] });
    expect(m.deadlines).toMatchObject({ healthNotification: { due: '2027-01-15', done: null }, mediationBy: { due: '2027-02-11', done: null }, certificate: { due: null } });
    expect(m.nextSteps).toEqual(expect.arrayContaining(['notify-health', 'screen', 'arrange', 'withdraw']));
    const mediation = (command: string, body: Record<string, unknown>, status = 200) => officer.post(`/mediations/${m.id}/${command}`).send(body).expect(status);
    await mediation('notify-health', { on: '2027-01-14' });
    await mediation('screen', { on: '2027-01-15', outcome: 'proceed' });
    expect((await mediation('arrange', { on: '2027-01-18', takesPlaceOn: '2027-02-05' })).body).toMatchObject({ status: 'arranged', takesPlaceOn: '2027-02-05' });
    const held = (await mediation('hold', { on: '2027-02-05' })).body;
    expect(held.deadlines.mediationBy).toMatchObject({ due: '2027-02-11', done: '2027-02-05', onTime: true });
    expect(held.deadlines.certificate).toMatchObject({ due: '2027-02-10', done: null });
    const certified = (await mediation('issue-certificate', { on: '2027-02-09' })).body;
    expect(certified.deadlines.certificate).toMatchObject({ done: '2027-02-09', onTime: true });
    // certificate + 1 month (Tue 03-09) is later than letter + 2 months (Thu 03-04)
    expect(certified.appealDeadline).toBe('2027-03-09');
    const w = (await officer.get(`/appeal-windows/${decisionId}`).expect(200)).body;
    expect(w).toMatchObject({ certificateOn: '2027-02-09', deadlines: { mediationContact: { due: '2027-03-04', done: '2027-01-12', onTime: true }, appeal: { due: '2027-03-09', done: null } } });

    const a = (await officer.post('/appeals').send({ decisionId, registeredOn: '2027-02-22', type: 'refusal-to-assess' }).expect(201)).body;
    expect(a).toMatchObject({ stage: 'registered', type: 'refusal-to-assess', deadlines: { laResponse: { due: '2027-04-07', done: null } } });
    const appeal = (command: string, body: Record<string, unknown>, status = 200) => officer.post(`/appeals/${a.id}/${command}`).send(body).expect(status);
    await appeal('send-response', { on: '2027-02-26' });
    await appeal('list-hearing', { on: '2027-02-26', hearingOn: '2027-05-10' });
    const decided = (await appeal('record-outcome', { on: '2027-03-01', outcome: 'allowed' })).body;
    expect(decided.orders).toEqual([expect.objectContaining({
      orderId: 'order-1', kind: 'assess-or-reassess', orderedOn: '2027-03-01', status: 'due',
      deadlines: expect.objectContaining({ notify: expect.objectContaining({ due: '2027-03-15' }), finalPlan: expect.objectContaining({ due: '2027-06-07' }) }),
    })]);
    const window = (await officer.get(`/appeal-windows/${decisionId}`).expect(200)).body;
    expect(window).toMatchObject({ status: 'closed', deadlines: { appeal: { done: '2027-02-22', onTime: true } } });
    const complied = (await appeal('record-compliance', { on: '2027-03-01', orderId: 'order-1', step: 'notify' })).body;
    expect(complied.orders[0].deadlines.notify).toMatchObject({ done: '2027-03-01', onTime: true, completedBy: 'recorded' });
    expect((await officer.get('/appeals').query({ status: 'concluded', type: 'refusal-to-assess' }).expect(200)).body.items.map((i: { id: string }) => i.id)).toContain(a.id);
  });

  it('refuses bad input, unknown ids, the wrong state and broken rules, appending nothing', async () => {
    const caseId = await refusedCase('2026-12-01', '2027-01-11');
    const { decisionId } = await windowOf(caseId);
    const before = await eventCount();
    const malformed = (await officer.post('/mediations').send({ decisionId: 'x', requestedOn: '12/01/2027' }).expect(400)).body;
    expect(malformed.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decisionId', 'requestedOn', 'wantsMediation']);
    await officer.post('/mediations').send({ decisionId: randomUUID(), requestedOn: '2027-01-12', wantsMediation: false }).expect(404);
    expect((await officer.post('/mediations').send({ decisionId, requestedOn: '2027-03-02', wantsMediation: false }).expect(422)).body.errors[0].field).toBe('requestedOn');
    expect((await officer.post('/appeals').send({ decisionId, registeredOn: '2027-02-01', type: 'contents' }).expect(422)).body.errors[0]).toMatchObject({ field: 'type', rule: 'AppealTypeNotForDecision' });
    expect((await officer.post('/appeals').send({ decisionId, registeredOn: '2027-01-10', type: 'refusal-to-assess' }).expect(422)).body.errors[0].rule).toBe('DateBeforeLetter');
    await officer.get(`/mediations/${randomUUID()}`).expect(404);
    await officer.get(`/appeals/${randomUUID()}`).expect(404);
    await officer.post(`/appeals/${randomUUID()}/withdraw`).send({ on: '2027-02-01' }).expect(404);
    expect(await eventCount()).toBe(before);

    const m = (await officer.post('/mediations').send({ decisionId, requestedOn: '2027-01-20', wantsMediation: false }).expect(201)).body;
    const after = await eventCount();
    expect((await officer.post(`/mediations/${m.id}/screen`).send({ on: '2027-01-21', outcome: 'proceed' }).expect(409)).body.type).toMatch(/CertificateOnlyRequested$/);
    await officer.post(`/mediations/${m.id}/no-such-command`).send({ on: '2027-01-21' }).expect(404);
    await officer.post(`/mediations/${m.id}/issue-certificate`).send({ on: '2027-01-22', expectedRevision: 0 }).expect(409);
    expect(await eventCount()).toBe(after);
  });

  it('consumes a decision letter once: a redelivered letter, or the same letter under another event id, opens nothing twice', async () => {
    const planId = `annualReview-${randomUUID()}`;
    const letter = (id: string) => ({
      id, type: LETTER_SENT_V1, subject: planId, occurredAt: '2027-02-01', recordedAt: '2027-02-01T10:00:00.000Z', correlationId: randomUUID(), causationId: null, sourcePosition: 1,
      data: { planId, childId: randomUUID(), letterId: 'letter-4', kind: 'cease-decision', recipient: 'young-person', sentOn: '2027-02-01', appealRights: true },
    });
    const handler = appealableDecisionsConsumer(tribunal());
    const first = letter(randomUUID());
    expect(await deliverOnce(tribunal().dataSource, tribunal().schema, handler, first)).toEqual({ outcome: 'handled' });
    const before = await eventCount();
    expect(await deliverOnce(tribunal().dataSource, tribunal().schema, handler, first)).toEqual({ outcome: 'duplicate' });
    expect(await deliverOnce(tribunal().dataSource, tribunal().schema, handler, letter(randomUUID()))).toEqual({ outcome: 'handled' });
    expect(await eventCount()).toBe(before);
    const decisionId = decisionIdOfLetter(planId, 'letter-4');
    const w = (await officer.get(`/appeal-windows/${decisionId}`).expect(200)).body;
    // a cease decision sent Mon 2027-02-01: the appeal deadline is Thu 2027-04-01
    expect(w).toMatchObject({ source: { service: 'annual-review', id: planId.replace('annualReview-', '') }, decisionType: 'cease', deadlines: { appeal: { due: '2027-04-01' } } });
  });

  it('the letters of the process: mediation arranged, to print', async () => {
    const opened = (await officer.post('/appeal-windows').send({ source: { service: 'before-the-hub', id: 'LEG-2027-0007' }, decisionType: 'decision-not-to-issue', letterOn: '2027-01-20' }).expect(201)).body;
    expect(opened).toMatchObject({ id: expect.any(String), openedBy: 'by-hand', deadlines: { appeal: { due: '2027-03-22' } } });
    const m = (await officer.post('/mediations').send({ decisionId: opened.id, requestedOn: '2027-02-01', wantsMediation: true }).expect(201)).body;
    await officer.post(`/mediations/${m.id}/arrange`).send({ on: '2027-02-02', takesPlaceOn: '2027-02-20' }).expect(200);
    const w = (await officer.get(`/appeal-windows/${opened.id}`).expect(200)).body;
    expect(w.letters).toEqual([expect.objectContaining({ letterId: 'letter-1', kind: 'mediation-arranged', sentOn: '2027-02-02' })]);
    const html = (await officer.get(w.letters[0].href).expect(200).expect('content-type', /text\/html/)).text;
    expect(html).toContain('Saturday, 20 February 2027');
    await officer.post('/appeal-windows').send({ decisionId: opened.id, source: { service: 'before-the-hub', id: 'LEG-2027-0007' }, decisionType: 'decision-not-to-issue', letterOn: '2027-01-20' }).expect(409);
  });

  it('only staff who work disagreements may: a finance officer is refused', async () => {
    const finance = await tokens.as(host.url, CALLERS.finance);
    await finance.get('/appeal-windows').expect(403);
  });
});
