import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, tablesHolding, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const PLANS_HEADER = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';

/**
 * Issue 11, the audit log of reads over HTTP (embedded, both services, real PostgreSQL): every read
 * of a child's case, plan, details or a list that names them is recorded with who, whose, when, from
 * where and through which endpoint; the administrator searches and verifies it; nobody else can.
 */
describe('the audit log of reads of personal data (embedded, over HTTP)', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let manager: request.Agent;
  let caseworker: request.Agent;
  let admin: request.Agent;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const USER_AGENT = 'audit-e2e/1.0 (caseworker workstation)';
  let caseId: string;
  let reference: string;
  let childId: string;
  let planId: string;
  let planChildId: string;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    manager = await tokens.as(host.url, CALLERS.teamManager);
    caseworker = await tokens.as(host.url, CALLERS.caseworker);
    admin = await tokens.as(host.url, CALLERS.administrator);
    const recorded = (await manager.post('/needs-assessments')
      .send({ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker: 'cw-ayesha' })
      .expect(201)).body;
    ({ id: caseId, reference } = recorded);
    childId = recorded.child.id;
    await admin.post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
    await admin.post('/annual-reviews/import').set('content-type', 'text/csv')
      .send(`${PLANS_HEADER}\nAUD-${tag},Kwame,Mensah,2015-09-01,2025-05-20,,120345,cw-ayesha\n`).expect(200);
    const plans = (await manager.get('/annual-reviews').query({ q: `AUD-${tag}` }).expect(200)).body.items;
    expect(plans).toHaveLength(1);
    ({ planId } = plans[0]);
    planChildId = plans[0].child.id;
  });
  afterAll(() => host?.stop());

  const reads = async (query: Record<string, string>) => (await admin.get('/audit/reads').query(query).expect(200)).body as { total: number; items: Record<string, any>[] };

  it('records a caseworker\'s reads of a case, a plan, a person and a list, and a 404, with who, whose, where from and which endpoint', async () => {
    const missing = randomUUID();
    await caseworker.get(`/needs-assessments/${caseId}`).set('user-agent', USER_AGENT).expect(200);
    await caseworker.get(`/annual-reviews/${planId}`).set('user-agent', USER_AGENT).expect(200);
    await caseworker.get(`/people/${childId}`).set('user-agent', USER_AGENT).expect(200);
    await caseworker.get('/needs-assessments').query({ q: reference }).set('user-agent', USER_AGENT).expect(200);
    await caseworker.get(`/needs-assessments/${missing}`).set('user-agent', USER_AGENT).expect(404);

    const found = await reads({ actor: 'cw-ayesha' });
    expect(found.total).toBe(5);
    const common = {
      kind: 'read', actor: 'cw-ayesha', actorRoles: ['caseworker'], recordedAt: '2026-11-26T12:00:00.000Z',
      source: expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/), userAgent: USER_AGENT, subjectsOmitted: 0,
    };
    // newest first
    expect(found.items).toEqual([
      expect.objectContaining({ ...common, endpoint: 'GET /needs-assessments/:id', status: 404, subjectKind: 'case', subjectIds: [missing], query: null }),
      expect.objectContaining({ ...common, endpoint: 'GET /needs-assessments', status: 200, subjectKind: 'list', subjectIds: [caseId, childId], query: 'q=redacted' }),
      expect.objectContaining({ ...common, endpoint: 'GET /people/:personId', status: 200, subjectKind: 'person', subjectIds: [childId] }),
      expect.objectContaining({ ...common, endpoint: 'GET /annual-reviews/:planId', status: 200, subjectKind: 'plan', subjectIds: [planId, planChildId] }),
      expect.objectContaining({ ...common, endpoint: 'GET /needs-assessments/:id', status: 200, subjectKind: 'case', subjectIds: [caseId, childId] }),
    ]);

    // "who read this child's record?": by the child's id, every read that showed them
    const ofChild = await reads({ subject: childId, actor: 'cw-ayesha' });
    expect(ofChild.items.map((e) => e.endpoint)).toEqual(['GET /needs-assessments', 'GET /people/:personId', 'GET /needs-assessments/:id']);
    // the team manager's request showed the case too (its answer is the case)
    expect((await reads({ subject: childId, actor: 'tm-priya' })).items.map((e) => e.endpoint)).toEqual(['POST /needs-assessments']);
    expect((await reads({ subject: planId })).items.map((e) => [e.actor, e.endpoint])).toEqual([
      ['cw-ayesha', 'GET /annual-reviews/:planId'], ['tm-priya', 'GET /annual-reviews'],
    ]);
    // paging, and a time window that ends before the reads
    expect((await reads({ actor: 'cw-ayesha', limit: '2', offset: '1' })).items.map((e) => e.endpoint)).toEqual(['GET /needs-assessments', 'GET /people/:personId']);
    expect(await reads({ actor: 'cw-ayesha', to: '2026-11-26T11:59:59Z' })).toEqual({ total: 0, items: [] });
    expect((await reads({ actor: 'cw-ayesha', from: '2026-11-26T12:00:00+00:00' })).total).toBe(5);
  });

  it('keeps no name typed into a search or into a path: the log cannot be erased, so it holds ids only', async () => {
    await caseworker.get('/needs-assessments').query({ q: 'Quennell', status: 'open' }).expect(200);
    await caseworker.get('/needs-assessments/Quennell').expect(404);
    const [probe, search] = (await reads({ actor: 'cw-ayesha', limit: '2' })).items;
    expect(search).toMatchObject({ endpoint: 'GET /needs-assessments', query: 'q=redacted&status=open', subjectIds: [] });
    expect(probe).toMatchObject({ endpoint: 'GET /needs-assessments/:id', status: 404, subjectIds: [] });
    expect(await tablesHolding(host.runtimes[0].pool, [host.runtimes[0].schema], 'Quennell')).toEqual([]);
  });

  it('records a timeline read and a command\'s answer (it shows the case) with the child\'s id', async () => {
    const other = await tokens.as(host.url, CALLERS.otherCaseworker);
    // the case is Ayesha's: Ben changes it once the team manager has handed it to him
    await manager.post(`/needs-assessments/${caseId}/reassign`).send({ on: '2026-02-16', caseworker: 'cw-ben' }).expect(200);
    await other.get(`/needs-assessments/${caseId}/timeline`).expect(200);
    await other.post(`/needs-assessments/${caseId}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200);
    await other.get(`/annual-reviews/${planId}/timeline`).expect(200);
    expect((await reads({ actor: 'cw-ben' })).items.map((e) => [e.endpoint, e.subjectIds])).toEqual([
      ['GET /annual-reviews/:planId/timeline', [planId, planChildId]],
      ['POST /needs-assessments/:id/decide-to-assess', [caseId, childId]],
      ['GET /needs-assessments/:id/timeline', [caseId, childId]],
    ]);
  });

  it('records both erasures with the person erased', async () => {
    await admin.post(`/needs-assessments/${caseId}/erase-personal-data`).expect(200);
    await admin.post(`/annual-reviews/${planId}/erase-personal-data`).expect(200);
    const erasures = (await reads({ actor: 'admin-sam' })).items.filter((e) => e.kind === 'erasure');
    expect(erasures).toEqual([
      expect.objectContaining({ endpoint: 'POST /annual-reviews/:planId/erase-personal-data', subjectKind: 'person', subjectIds: [planId, planChildId], status: 200 }),
      expect.objectContaining({ endpoint: 'POST /needs-assessments/:id/erase-personal-data', subjectKind: 'person', subjectIds: [caseId, childId], status: 200 }),
    ]);
    expect((await reads({ subject: childId })).items[0]).toMatchObject({ kind: 'erasure', actor: 'admin-sam' });
  });

  it('answers only an administrator', async () => {
    for (const caller of [CALLERS.caseworker, CALLERS.teamManager, CALLERS.tribunalOfficer]) {
      const agent = await tokens.as(host.url, caller);
      await agent.get('/audit/reads').expect(403);
      await agent.post('/audit/verify').expect(403);
    }
    await request(host.url).get('/audit/reads').expect(401);
  });

  it('refuses a malformed filter, naming the field', async () => {
    const { body } = await admin.get('/audit/reads').query({ from: '2026-11-26', limit: '0' }).expect(400);
    expect(body.errors.map((e: { field: string; rule: string }) => `${e.field} ${e.rule}`).sort()).toEqual(['from MustBeInstant', 'limit OutOfRange']);
    await admin.get('/audit/reads').query({ from: '2026-11-27T00:00:00Z', to: '2026-11-26T00:00:00Z' }).expect(400);
  });

  it('verifies the chain, and finds an entry changed behind its back', async () => {
    const intact = (await admin.post('/audit/verify').expect(200)).body;
    expect(intact).toMatchObject({ ok: true, entries: expect.any(Number) });
    const [personRead] = (await reads({ actor: 'cw-ayesha', subject: childId })).items.filter((e) => e.endpoint === 'GET /people/:personId');
    const { pool, schema } = host.runtimes[0];
    // as the table's owner could: the append-only triggers turned off, one entry's reader changed
    await pool.query(`ALTER TABLE "${schema}".audit_log DISABLE TRIGGER audit_log_append_only`);
    await pool.query(`UPDATE "${schema}".audit_log SET actor = 'someone-else' WHERE seq = $1`, [personRead.seq]);
    await pool.query(`ALTER TABLE "${schema}".audit_log ENABLE TRIGGER audit_log_append_only`);
    const broken = (await admin.post('/audit/verify').expect(200)).body;
    expect(broken).toMatchObject({ ok: false, brokenAt: personRead.seq, finding: 'changed', entries: personRead.seq - 1, entry: { seq: personRead.seq, actor: 'someone-else' } });
  });
});
