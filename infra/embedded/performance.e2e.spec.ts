import request from 'supertest';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { addDays, londonDateOf } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { deliverOnce, type IntegrationEvent } from '@ehc/messaging';
import { APPEAL_REGISTERED_V1, APPEAL_WINDOW_OPENED_V1 } from '@ehc/contracts/tribunal';
import { FINAL_PLAN_ISSUED_V1 } from '@ehc/contracts/needs-assessment';
import { CALLERS, eventually, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { performanceService } from '../../services/performance/src/service';
import { factsConsumer } from '../../services/performance/src/infrastructure/facts.consumer';

/**
 * The performance pack over HTTP, embedded mode, real PostgreSQL: requests and decisions recorded
 * through the needs-assessment API reach the pack in-process; the figures, as at an earlier time and
 * restated, suppressed for an aggregate-only reader, and in every format.
 */
describe('the performance pack over HTTP', () => {
  // "today" for the services is fixed; the as-at times are the store's own (when the events were recorded)
  const now = '2027-03-15T12:00:00Z';
  const clock = () => new Date(now);
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let caseworker: request.Agent;
  let reader: request.Agent;
  const cases: string[] = [];

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, performanceService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    caseworker = await tokens.as(host.url, CALLERS.dutyOfficer);
    reader = await tokens.as(host.url, CALLERS.performanceReader);

    // January: six requests; February: five decisions whether to assess, one of them late
    const received = ['2027-01-04', '2027-01-04', '2027-01-04', '2027-01-04', '2027-01-05', '2027-01-06'];
    for (const [i, receivedOn] of received.entries()) {
      const { body } = await caseworker.post('/needs-assessments').send({
        child: { givenName: `Child${i}`, familyName: 'Test', dateOfBirth: '2018-05-01' }, requestedBy: i === 5 ? 'school' : 'parent', receivedOn, caseworker: 'cw-ayesha',
      }).expect(201);
      cases.push(body.id);
    }
    for (const i of [0, 1, 2]) await caseworker.post(`/needs-assessments/${cases[i]}/decide-to-assess`).send({ on: '2027-02-10' }).expect(200);
    await caseworker.post(`/needs-assessments/${cases[3]}/refuse-assessment`).send({ on: '2027-02-20', reasons: 'Needs met from the school\'s resources.' }).expect(200);
    await caseworker.post(`/needs-assessments/${cases[4]}/refuse-assessment`).send({ on: '2027-02-12', reasons: 'Needs met from the school\'s resources.' }).expect(200);
  });
  afterAll(async () => {
    await host?.stop();
  });

  const pack = (agent: request.Agent, query: Record<string, string>) => agent.get('/performance/pack').query(query);
  const february = () => eventually('five decisions in the February pack', async () => {
    const { body } = await pack(caseworker, { month: '2027-02' }).expect(200);
    return body.measures.decisionsToAssessOnTime.denominator >= 5 ? body : null;
  });

  it('computes the month\'s measures from the published events, with definitions, trends and the cases behind them', async () => {
    const body = await february();
    expect(body).toMatchObject({ month: '2027-02', asAt: null });
    expect(body.measures.decisionsToAssessOnTime).toMatchObject({ value: 0.8, numerator: 4, denominator: 5, unit: 'share', status: 'ok' });
    expect(body.measures.refusalRate).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
    expect(body.measures.decisionsToAssessOnTime.definition).toMatch(/42 days/);
    expect(body.measures.refusalRate.trend).toHaveLength(12);
    expect(body.measures.refusalRate.cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual([cases[0], cases[1], cases[2], cases[3], cases[4]].sort());
    const january = (await pack(caseworker, { month: '2027-01' }).expect(200)).body;
    expect(january.measures.requestsReceived).toMatchObject({ value: 6, breakdown: { parent: 5, school: 1 } });
    // at the end of February the sixth request (received 6 January) was past its 42 days, undecided
    expect(body.measures.overdueCases.cases).toEqual([expect.objectContaining({ caseId: cases[5], detail: 'decision due 2027-02-17', daysOverdue: 11 })]);
    for (const name of ['twentyWeekTimelinessInclExceptions', 'twentyWeekTimelinessExclExceptions', 'sixteenWeekNoPlanOnTime', 'annualReviewsOnTime', 'appealRate']) {
      expect(body.measures[name]).toMatchObject({ definition: expect.any(String), trend: expect.any(Array) });
    }
  });

  it('suppresses counts of 1 to 4 for an aggregate-only reader and shows no cases', async () => {
    await february();
    const { body } = await pack(reader, { month: '2027-02' }).expect(200);
    expect(body.measures.decisionsToAssessOnTime).toMatchObject({ value: null, numerator: null, denominator: 5, suppressed: true, cases: [] });
    expect(body.measures.refusalRate).toMatchObject({ value: null, numerator: null, suppressed: true });
    const january = (await pack(reader, { month: '2027-01' }).expect(200)).body;
    expect(january.measures.requestsReceived).toMatchObject({ value: 6, breakdown: { parent: 5, school: null } });
  });

  it('reads the tribunal\'s published appeals: the appeal rate of decisions notified in the month', async () => {
    const performance = host.runtimes.find((r) => r.service === 'performance')!;
    const event = (type: string, data: Record<string, unknown>): IntegrationEvent => ({
      id: randomUUID(), type, subject: String(data.decisionId), occurredAt: now, recordedAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, sourcePosition: 1, data,
    });
    const ref = (decisionId: string) => ({ decisionId, source: { service: 'needs-assessment', id: cases[3] }, childId: null });
    const windows = [randomUUID(), randomUUID()];
    for (const decisionId of windows) {
      const opened = event(APPEAL_WINDOW_OPENED_V1, { ...ref(decisionId), decisionType: 'refusal-to-assess', letterOn: '2026-11-10', mediationContactDueBy: '2027-01-10', appealDueBy: '2027-01-11' });
      await deliverOnce(performance.dataSource, performance.schema, factsConsumer(performance.schema), opened);
      // delivered twice: counted once
      await deliverOnce(performance.dataSource, performance.schema, factsConsumer(performance.schema), opened);
    }
    await deliverOnce(performance.dataSource, performance.schema, factsConsumer(performance.schema), event(APPEAL_REGISTERED_V1, {
      ...ref(windows[0]), appealId: randomUUID(), registeredOn: '2027-01-05', type: 'refusal-to-assess', sections: [], lateAppealAdmitted: false, afterMediation: false, laResponseDueBy: '2027-02-02',
    }));
    const { body } = await pack(caseworker, { month: '2026-11' }).expect(200);
    expect(body.measures.appealRate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, provisional: false });
    expect((await pack(caseworker, { month: '2027-01' }).expect(200)).body.measures.appealsRegistered).toMatchObject({ value: 1, breakdown: { 'refusal-to-assess': 1 } });
  });

  it('gives the pack as a printable page with server-drawn charts, an XLSX workbook read back by a real reader, and CSV', async () => {
    await february();
    const html = await pack(caseworker, { month: '2027-02', format: 'html' }).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('<svg');
    expect(html.text).toContain('40.0%');
    expect(html.text).not.toContain('<script');

    const xlsx = await pack(caseworker, { month: '2027-02', format: 'xlsx' }).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(xlsx.headers['content-disposition']).toMatch(/performance-pack-2027-02\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(10);
    const cells = workbook.worksheets.flatMap((s) => s.getSheetValues().flat()).filter((v) => typeof v === 'number');
    expect(cells).toContain(0.4);

    const csv = await pack(caseworker, { month: '2027-02', format: 'csv', measure: 'refusalRate' }).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split(/\r?\n/).filter(Boolean)).toHaveLength(13);
    expect(csv.text).toMatch(/refusalRate,[^\n]*,2027-02,0\.4,2,5,share,ok/);
  });

  it('gives the SEN2 return from the events, its checks with the case to open, and exports it as XML and CSV', async () => {
    await february();
    const performance = host.runtimes.find((r) => r.service === 'performance')!;
    // a plan published with no decision to assess before it (made before the hub), naming a setting with no URN: two checks fail
    const planCase = randomUUID();
    await deliverOnce(performance.dataSource, performance.schema, factsConsumer(performance.schema), {
      id: randomUUID(), type: FINAL_PLAN_ISSUED_V1, subject: `ehcna-${planCase}`, occurredAt: '2027-02-01', recordedAt: new Date().toISOString(),
      correlationId: randomUUID(), causationId: null, sourcePosition: 1,
      data: {
        caseId: `ehcna-${planCase}`, reference: 'NA-2026-00077', childId: randomUUID(), issuedOn: '2027-02-01', receivedOn: '2026-09-14',
        namedSetting: { urn: null, name: 'Home education support' }, withinStatutoryTime: true, excepted: false, caseworkerId: 'cw-ayesha', cohort: null,
      },
    });
    // person-level, case by case: not for finance
    await (await tokens.as(host.url, CALLERS.finance)).get('/performance/sen2').query({ year: '2028' }).expect(403);
    const manager = await tokens.as(host.url, CALLERS.teamManager);
    const { body: sen2 } = await manager.get('/performance/sen2').query({ year: '2028' }).expect(200);
    expect(sen2).toMatchObject({ year: 2028, censusDate: '2028-01-20', flowsFrom: '2027-01-01', flowsTo: '2027-12-31' });
    expect(sen2.totals.requestsReceived).toBe(6);
    expect(sen2.requests.map((r: { caseId: string }) => r.caseId)).toEqual(expect.arrayContaining(cases.map((c) => `${c}`)));
    expect(sen2.gaps.map((g: { item: string }) => g.item)).toEqual(expect.arrayContaining(['Surname', 'UPN']));

    const { body: checks } = await manager.get('/performance/sen2/validation').query({ year: '2028' }).expect(200);
    const ofPlan = checks.issues.filter((i: { caseId: string }) => i.caseId === planCase);
    expect(ofPlan.map((i: { rule: string }) => i.rule).sort()).toEqual(['missing-urn', 'request-outcome-date-missing']);
    expect(ofPlan[0]).toMatchObject({ reference: 'NA-2026-00077', message: expect.any(String), field: expect.any(String) });

    const xml = await manager.get('/performance/sen2').query({ year: '2028', format: 'xml' }).expect(200);
    expect(xml.headers['content-type']).toMatch(/application\/xml/);
    expect(xml.text).toMatch(/<Collection>SEN2<\/Collection>/);
    expect(xml.text).toMatch(/<ReferenceDate>2028-01-20<\/ReferenceDate>/);
    const csv = await manager.get('/performance/sen2').query({ year: '2028', format: 'csv' }).expect(200);
    expect(csv.text.split(/\r?\n/).filter(Boolean).length).toBeGreaterThan(6);
    await manager.get('/performance/sen2').query({ year: 'next' }).expect(400);
  });

  it('imports the special schools\' places from CSV, all or nothing, and sets them against the plans naming each school', async () => {
    const manager = await tokens.as(host.url, CALLERS.teamManager);
    const bad = await manager.put('/performance/place-planning/capacity').set('content-type', 'text/csv').send('urn,name,academic_year,places\n12,Oak,2026,x\n').expect(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'urn', line: 2 }), expect.objectContaining({ field: 'places', line: 2 })]));
    expect((await manager.get('/performance/place-planning/capacity').expect(200)).body.items).toEqual([]);
    await reader.put('/performance/place-planning/capacity').set('content-type', 'text/csv').send('urn,name,academic_year,places\n').expect(200);
    await manager.put('/performance/place-planning/capacity').set('content-type', 'text/csv').send('urn,name,academic_year,places\n140001,Oakfield Special School,2026/27,120\n').expect(200);
    const { body } = await manager.get('/performance/place-planning').query({ year: '2026' }).expect(200);
    expect(body.schools).toEqual([expect.objectContaining({ urn: '140001', name: 'Oakfield Special School', placesAvailable: 120, placesUsed: 0, shortfall: 0 })]);
    expect(body.waitingList).toMatchObject({ recorded: false });
  });

  it('names the parameter and the rule on bad input', async () => {
    const bad = async (query: Record<string, string>, field: string) => {
      const { body } = await pack(caseworker, query).expect(400);
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    };
    await bad({ month: '2027-13' }, 'month');
    await bad({ month: '2027-02', 'as-at': 'last tuesday' }, 'as-at');
    await bad({ month: '2027-02', format: 'pdf' }, 'format');
    await bad({ month: '2027-02', format: 'csv', measure: 'happiness' }, 'measure');
    const { body } = await caseworker.get('/performance/restatement').query({ month: '2027-02' }).expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'from-as-at' })]);
    await request(host.url).get('/performance/pack').expect(401);
  });

  it('reproduces the pack as at an earlier time, and restates it after a late-recorded decision', async () => {
    await february();
    const published = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // the sixth request's refusal, made on 25 February, recorded only now
    await caseworker.post(`/needs-assessments/${cases[5]}/refuse-assessment`).send({ on: '2027-02-25', reasons: 'Needs met from the school\'s resources.' }).expect(200);
    await eventually('the late refusal in the pack', async () => (await pack(caseworker, { month: '2027-02' }).expect(200)).body.measures.refusalRate.denominator === 6);
    const asAt = (await pack(caseworker, { month: '2027-02', 'as-at': published }).expect(200)).body;
    expect(asAt.asAt).toBe(published);
    expect(asAt.measures.refusalRate).toMatchObject({ value: 0.4, numerator: 2, denominator: 5 });
    const latest = (await pack(caseworker, { month: '2027-02' }).expect(200)).body;
    expect(latest.measures.refusalRate).toMatchObject({ value: 0.5, numerator: 3, denominator: 6 });

    const { body: r } = await caseworker.get('/performance/restatement').query({ month: '2027-02', 'from-as-at': published }).expect(200);
    expect(r.restated).toEqual(expect.arrayContaining(['refusalRate', 'decisionsToAssessOnTime']));
    expect(r.restated).not.toContain('requestsReceived');
    expect(r.measures.refusalRate).toMatchObject({ from: { numerator: 2, denominator: 5 }, to: { numerator: 3, denominator: 6 }, restated: true });
    expect(r.measures.refusalRate.casesAdded.map((c: { caseId: string }) => c.caseId)).toEqual([cases[5]]);

    // as at a day before any of it was recorded: nothing yet
    const dayBefore = addDays(londonDateOf(new Date()), -1);
    const empty = (await pack(caseworker, { month: '2027-01', 'as-at': dayBefore }).expect(200)).body;
    expect(empty.measures.requestsReceived.value).toBe(0);
  });
});
