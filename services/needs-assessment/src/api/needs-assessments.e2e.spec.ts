import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../service';

/** The first slice over HTTP, embedded mode: real PostgreSQL, events delivered in-process. */
describe('POST /needs-assessments, GET /needs-assessments/:id (embedded)', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  // "today" is 26 November 2026 (Europe/London) whenever the suite runs
  const clock = fixedClock('2026-11-26T12:00:00Z');

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
  });
  afterAll(async () => {
    await host.stop();
  });

  const eventCount = async () => (await host.runtimes[0].store.readAll({ maxCount: 10_000 })).events.length;
  const valid = {
    child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' },
    requestedBy: 'parent',
    receivedOn: '2026-01-05',
    caseworker: 'cw-ayesha',
  };

  it('records the request and shows the case with its decision deadline six weeks on', async () => {
    const created = await hub.post('/needs-assessments').send(valid).expect(201);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const { body } = await hub.get(`/needs-assessments/${created.body.id}`).expect(200);
    expect(body).toMatchObject({
      id: created.body.id,
      receivedOn: '2026-01-05',
      status: 'awaiting-decision',
      requestedBy: 'parent',
      caseworker: 'cw-ayesha',
      child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' },
      deadlines: {
        decisionToAssess: { due: '2026-02-16', done: null },
        decisionNotToIssue: { due: '2026-04-27', done: null },
        finalPlan: { due: '2026-05-25', done: null, target: '2026-05-22' },
      },
    });
    expect(body.reference).toMatch(/^NA-2026-\d{5}$/);
  });

  it.each([
    ['2026-11-16', '2026-12-28'],
    ['2026-03-07', '2026-04-18'],
  ])('a request received %s is due a decision by %s', async (receivedOn, due) => {
    const created = await hub.post('/needs-assessments').send({ ...valid, receivedOn }).expect(201);
    expect(created.body.deadlines.decisionToAssess.due).toBe(due);
  });

  it('answers malformed input with a 400 naming each field and rule, and appends nothing', async () => {
    const before = await eventCount();
    const res = await hub.post('/needs-assessments')
      .send({ child: { givenName: 'Amara' }, requestedBy: 'aunt', receivedOn: '05/01/2026' }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'child.familyName', rule: 'Required' }),
      expect.objectContaining({ field: 'requestedBy', rule: 'NotAllowedValue' }),
      expect.objectContaining({ field: 'receivedOn', rule: 'InvalidDate' }),
    ]));
    await hub.post('/needs-assessments').send({ ...valid, receivedOn: '2026-02-30' }).expect(400);
    await hub.post('/needs-assessments').set('content-type', 'application/json').send('{"child":').expect(400);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a received date after today (Europe/London) with a 422, appending nothing', async () => {
    await hub.post('/needs-assessments').send({ ...valid, receivedOn: '2026-11-26' }).expect(201);
    const res = await hub.post('/needs-assessments').send({ ...valid, receivedOn: '2026-11-27' }).expect(422);
    expect(res.body.type).toMatch(/DateInFuture$/);
    expect(res.body.errors[0].field).toBe('receivedOn');
    const before = await eventCount();
    await hub.post('/needs-assessments').send({ ...valid, receivedOn: '2026-11-27' }).expect(422);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a child of compulsory school age requesting for themselves, appending nothing (Act s.36(1))', async () => {
    const before = await eventCount();
    const res = await hub.post('/needs-assessments')
      .send({ ...valid, requestedBy: 'young-person', child: { ...valid.child, dateOfBirth: '2015-01-01' } }).expect(422);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/NotAYoungPerson$/), errors: [expect.objectContaining({ field: 'requestedBy' })] });
    expect(await eventCount()).toBe(before);
  });

  it('takes the request of a young person past compulsory school age, though not yet 16 (born 2010-08-31, received 2026-07-01)', async () => {
    const created = await hub.post('/needs-assessments')
      .send({ ...valid, requestedBy: 'young-person', receivedOn: '2026-07-01', child: { ...valid.child, dateOfBirth: '2010-08-31' } }).expect(201);
    expect(created.body).toMatchObject({ requestedBy: 'young-person', receivedOn: '2026-07-01' });
  });

  it('answers 404 for a case that does not exist', async () => {
    await hub.get(`/needs-assessments/${randomUUID()}`).expect(404);
    await hub.get('/needs-assessments/not-a-case').expect(404);
  });

  it('keeps personal details out of the events', async () => {
    const { events } = await host.runtimes[0].store.readAll({ maxCount: 10_000 });
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(JSON.stringify(e)).not.toMatch(/Amara|Okafor|2019-03-14/);
      expect(e.metadata).toMatchObject({ actor: { kind: 'user' }, correlationId: expect.any(String) });
    }
  });

  it('serves /health and the OpenAPI document', async () => {
    const health = await hub.get('/health').expect(200);
    expect(health.body).toMatchObject({ ready: true, checks: { broker: 'not-used' } });
    const docs = await hub.get('/docs/json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/needs-assessments', '/needs-assessments/{id}', '/health']));
  });

  it('documents one operation and one body schema per command, with its example and every 4xx', async () => {
    const { paths } = (await hub.get('/docs/json').expect(200)).body;
    expect(paths['/needs-assessments/{id}/{command}']).toBeUndefined();
    const commands = Object.keys(paths).filter((p) => /^\/needs-assessments\/\{id\}\/[a-z-]+$/.test(p) && paths[p].post && !['timeline'].includes(p.split('/').pop()!));
    expect(commands.map((p) => p.split('/').pop()).sort()).toEqual(expect.arrayContaining(['decide-to-assess', 'record-exception', 'issue-final-plan', 'hold-draft-plan-meeting', 'erase-personal-data']));
    const exception = paths['/needs-assessments/{id}/record-exception'].post;
    expect(exception.operationId).toBe('needs-assessments.record-exception');
    const schema = exception.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['on', 'limb']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['on', 'expectedRevision', 'limb', 'to', 'closedFrom', 'reopensOn', 'evidence']));
    expect(schema.properties.on).toMatchObject({ type: 'string', format: 'date' });
    expect(exception.requestBody.content['application/json'].example).toMatchObject({ limb: 'exceptional-personal-circumstances' });
    expect(Object.keys(exception.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '413', '422']));
    expect(exception.description).toMatch(/`kind` \(use `limb`\)/);
    const final = paths['/needs-assessments/{id}/issue-final-plan'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(final.properties)).toEqual(expect.arrayContaining(['namedSetting', 'sections']));
  });

  it('still takes a field by its old name for one release, with a warning naming it', async () => {
    const { id } = (await hub.post('/needs-assessments').send({ ...valid, receivedOn: '2026-02-02' }).expect(201)).body;
    await hub.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-03-02' }).expect(200);
    const old = await hub.post(`/needs-assessments/${id}/request-advice`).send({ on: '2026-03-03', type: 'medical' }).expect(200);
    expect(old.headers.warning).toMatch(/deprecated field name\(s\): type \(use adviceType\)/);
    expect(old.body.advice[0]).toMatchObject({ adviceType: 'medical' });
    const current = await hub.post(`/needs-assessments/${id}/request-advice`).send({ on: '2026-03-03', adviceType: 'psychological' }).expect(200);
    expect(current.headers.warning).toBeUndefined();
  });

  it('names every field at fault in one 400, from the command\'s schema, and appends nothing', async () => {
    const { id } = (await hub.post('/needs-assessments').send({ ...valid, receivedOn: '2026-02-02' }).expect(201)).body;
    const before = await eventCount();
    const res = await hub.post(`/needs-assessments/${id}/record-exception`)
      .send({ on: '2026-13-01', limb: 'holiday', closedFrom: '2026-07-23', evidence: 'x'.repeat(20_001) }).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'on', rule: 'InvalidDate' }),
      expect.objectContaining({ field: 'limb', rule: 'NotAllowedValue' }),
      expect.objectContaining({ field: 'reopensOn', rule: 'Required' }),
      expect.objectContaining({ field: 'evidence', rule: 'TooLong' }),
    ]));
    expect((await hub.post(`/needs-assessments/${id}/record-needs-profile`).send({ on: '2026-02-03', needs: [1, 2, 3], settingReadiness: [1, 2, 3, 4, 9], familyConfidence: 'high' }).expect(400)).body.errors)
      .toEqual(expect.arrayContaining([
        expect.objectContaining({ field: 'needs', rule: 'WrongNumberOfItems' }),
        expect.objectContaining({ field: 'settingReadiness.4', rule: 'OutOfRange' }),
        expect.objectContaining({ field: 'familyConfidence', rule: 'MustBeArray' }),
      ]));
    expect(await eventCount()).toBe(before);
  });
});
