import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';

/**
 * `Idempotency-Key` on commands and creations: a client that retries (its answer was lost, the
 * server answered 500 after the commit, a double click) gets the first answer again, and the case
 * gets the command once.
 */
describe('Idempotency-Key over HTTP (embedded)', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const caseworker = 'cw-ayesha';

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
  });
  afterAll(() => host.stop());

  const api = () => hub;
  const runtime = () => host.runtimes[0];
  const storeEvents = async () =>
    (await runtime().pool.query(`SELECT count(*)::int AS n FROM "${runtime().schema}".es_events`)).rows[0].n as number;
  const child = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' };
  const recordRequest = (key: string, body: object = { child, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker }) =>
    api().post('/needs-assessments').set('Idempotency-Key', key).send(body);
  const openCase = async () => (await recordRequest(randomUUID()).expect(201)).body.id as string;
  const assessing = async () => {
    const id = await openCase();
    await api().post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200);
    return id;
  };

  it('records a request once however often it is sent with the same key, answering the first answer each time', async () => {
    const key = randomUUID();
    const first = await recordRequest(key).expect(201);
    const afterFirst = await storeEvents();
    const again = await recordRequest(key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await storeEvents()).toBe(afterFirst);
    const cases = (await api().get('/needs-assessments').query({ q: first.body.reference }).expect(200)).body.items;
    expect(cases).toHaveLength(1);
  });

  it('20 identical commands sent at once with one key: one advice request, 20 identical answers', async () => {
    const id = await assessing();
    const before = await storeEvents();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () =>
      api().post(`/needs-assessments/${id}/request-advice`).set('Idempotency-Key', key)
        .send({ on: '2026-02-17', adviceType: 'psychological' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(answers[0].body.advice).toHaveLength(1);
    expect(await storeEvents()).toBe(before + 1);
  });

  it('without a key, five identical commands are five requests for advice (the key is what makes a retry safe)', async () => {
    const id = await assessing();
    const answers = await Promise.all(Array.from({ length: 5 }, () =>
      api().post(`/needs-assessments/${id}/request-advice`).send({ on: '2026-02-17', adviceType: 'medical' })));
    expect(answers.map((a) => a.status)).toEqual(Array(5).fill(200));
    const view = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    expect(view.advice).toHaveLength(5);
  });

  it('refuses the same key with another body (422), appending nothing', async () => {
    const id = await assessing();
    const key = randomUUID();
    const send = (body: object) => api().post(`/needs-assessments/${id}/request-advice`).set('Idempotency-Key', key).send(body);
    await send({ on: '2026-02-17', adviceType: 'psychological' }).expect(200);
    const before = await storeEvents();
    const reused = await send({ on: '2026-02-17', adviceType: 'medical' }).expect(422);
    expect(reused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(reused.body).toMatchObject({ type: expect.stringMatching(/IdempotencyKeyReused$/), errors: [expect.objectContaining({ field: 'header Idempotency-Key' })] });
    // the same fields in another order are the same request
    await send({ adviceType: 'psychological', on: '2026-02-17' }).expect(200);
    expect(await storeEvents()).toBe(before);
  });

  it('does not store a refusal: the same key may be sent again once the case allows the command', async () => {
    const id = await openCase();
    const key = randomUUID();
    const send = () => api().post(`/needs-assessments/${id}/request-advice`).set('Idempotency-Key', key).send({ on: '2026-02-17', adviceType: 'medical' });
    expect((await send().expect(409)).body.type).toMatch(/NotAssessing$/);
    await api().post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200);
    expect((await send().expect(200)).body.advice).toHaveLength(1);
  });

  it('a request committed whose answer was lost is never carried out again: 409 while it may still be running, then "carried out"', async () => {
    const id = await assessing();
    const key = randomUUID();
    const send = () => api().post(`/needs-assessments/${id}/request-advice`).set('Idempotency-Key', key).send({ on: '2026-02-17', adviceType: 'medical' });
    await send().expect(200);
    const table = `"${runtime().schema}".idempotency_keys`;
    // the answer is stored once it has been sent: wait for it, so the erasure below is not undone by it
    for (let i = 0; i < 100; i++) {
      const { rows } = await runtime().pool.query(`SELECT status FROM ${table} WHERE key = $1`, [key]);
      if (rows[0]?.status !== null && rows[0]?.status !== undefined) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // as if the process had stopped between the commit and the answer
    await runtime().pool.query(`UPDATE ${table} SET status = NULL, body = NULL WHERE key = $1`, [key]);
    const before = await storeEvents();
    const running = await send().expect(409);
    expect(running.body.type).toMatch(/IdempotentRequestInProgress$/);
    expect(running.headers['retry-after']).toBe('1');
    await runtime().pool.query(`UPDATE ${table} SET created_at = created_at - interval '1 minute' WHERE key = $1`, [key]);
    expect((await send().expect(409)).body.type).toMatch(/IdempotentRequestCarriedOut$/);
    expect(await storeEvents()).toBe(before);
    expect((await api().get(`/needs-assessments/${id}`).expect(200)).body.advice).toHaveLength(1);
  });

  it('refuses a malformed key with a 400 naming the header', async () => {
    const res = await recordRequest('not a key with spaces').expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'header Idempotency-Key', rule: 'MalformedIdempotencyKey' });
  });

  it('documents the header on every POST of the OpenAPI document, with the answers it can bring', async () => {
    const doc = (await api().get('/docs/json').expect(200)).body;
    const posts = Object.entries(doc.paths as Record<string, { post?: any }>).filter(([, ops]) => ops.post);
    expect(posts.length).toBeGreaterThan(10);
    for (const [path, { post }] of posts) {
      expect([path, post.parameters.some((p: { name: string; in: string }) => p.name === 'Idempotency-Key' && p.in === 'header')]).toEqual([path, true]);
      expect([path, post.responses['422']?.description]).toEqual([path, expect.stringMatching(/IdempotencyKeyReused/)]);
    }
  });
});
