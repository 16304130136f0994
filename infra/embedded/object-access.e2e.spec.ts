import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { PostgresAccessDirectory, type Role } from '@ehc/identity';
import { CALLERS, testAccessTokens, type TestAccessTokens, type TestCaller, dropSchemasWithPrefix } from '@ehc/testing';
import { allServices } from './main';

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const PLANS = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';
type Operation = { 'x-roles'?: Role[] };

/**
 * Object-level access (issue 11; OWASP API1): a valid token with a role the route allows is not
 * enough. Every operation on a case or plan is walked as callers related to somebody else's (a
 * parent of another child, another setting, another team's caseworker and manager): each gets the
 * 404 a case that does not exist gets, or the role's 403, never the record. Those related to it get in.
 */
describe('object-level access: nobody sees a case or plan unless their relationship allows it', () => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let caseId: string;
  let childId: string;
  let planId: string;
  let otherPlanId: string;
  let operations: { method: string; path: string; operation: Operation }[];

  const callers = {
    northCaseworker: { sub: 'cw-ayesha', roles: ['caseworker'] },
    northColleague: { sub: 'cw-ben', roles: ['caseworker'] },
    northManager: { sub: 'tm-priya', roles: ['team-manager'] },
    southCaseworker: { sub: 'cw-sol', roles: ['caseworker'] },
    southManager: { sub: 'tm-sade', roles: ['team-manager'] },
    parent: { sub: 'parent-okafor', roles: ['parent'] },
    otherParent: { sub: 'parent-marsh', roles: ['parent'] },
    setting: { sub: 'setting-120345', roles: ['setting'] },
    otherSetting: { sub: 'setting-120347', roles: ['setting'] },
  } satisfies Record<string, TestCaller>;
  const as = async (caller: TestCaller) => tokens.as(host.url, caller);
  const send = async (caller: TestCaller, method: string, url: string) =>
    ((await as(caller)) as unknown as Record<string, (url: string) => request.Test>)[method](url).send({});

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded(allServices, { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent' }, { clock, accessTokens: tokens.verifier });
    const duty = await as(CALLERS.dutyOfficer);
    await duty.post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
    await duty.post('/annual-reviews/import').set('content-type', 'text/csv').send([PLANS,
      `LEG-${tag}-1,Amara,Okafor,2016-03-14,2025-05-20,,120345,cw-ayesha`,
      `LEG-${tag}-2,Leo,Marsh,2015-10-02,2024-02-01,2025-01-15,120347,cw-sol`,
    ].join('\n')).expect(200);
    const plans = (await duty.get('/annual-reviews').query({ q: `LEG-${tag}` }).expect(200)).body.items as { planId: string; reference: string }[];
    planId = plans.find((p) => p.reference === `LEG-${tag}-1`)!.planId;
    otherPlanId = plans.find((p) => p.reference === `LEG-${tag}-2`)!.planId;
    const created = (await (await as(callers.northCaseworker)).post('/needs-assessments').send({
      child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2016-03-14' }, requestedBy: 'parent', receivedOn: '2026-11-02', caseworker: 'cw-ayesha',
    }).expect(201)).body;
    caseId = created.id;
    childId = created.child.id;
    await (await as(callers.northCaseworker)).post(`/needs-assessments/${caseId}/add-note`).send({ on: '2026-11-03', text: 'Mum prefers phone calls.' }).expect(200);
    const planChild = (await duty.get(`/annual-reviews/${planId}`).expect(200)).body.child.id as string;

    const directory = host.runtimes[0].access as PostgresAccessDirectory;
    await directory.saveTeam({ teamId: 'north', name: 'North team', area: 'North' }, 'admin-sam');
    await directory.saveTeam({ teamId: 'south', name: 'South team', area: 'South' }, 'admin-sam');
    for (const s of ['cw-ayesha', 'cw-ben', 'tm-priya']) await directory.addMember('north', s, 'admin-sam');
    for (const s of ['cw-sol', 'tm-sade']) await directory.addMember('south', s, 'admin-sam');
    await directory.link('parent-okafor', 'child', childId, 'admin-sam');
    await directory.link('parent-okafor', 'child', planChild, 'admin-sam');
    await directory.link('parent-marsh', 'child', randomUUID(), 'admin-sam');
    await directory.link('setting-120345', 'setting', '120345', 'admin-sam');
    await directory.link('setting-120347', 'setting', '120347', 'admin-sam');

    const document = (await request(host.url).get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, operation]) => ({ method, path, operation })));
  });
  afterAll(async () => {
    await host?.stop();
    await tokens?.close();
    await dropSchemasWithPrefix(prefix);
  });

  const onObjects = () => operations.filter((o) => /^\/(needs-assessments\/\{id\}|annual-reviews\/\{planId\})/.test(o.path));
  const urlOf = (path: string) => path.replace('{id}', caseId).replace('{planId}', planId).replace(/\{\w+\}/g, () => randomUUID());

  it('walks every operation on a case or plan as someone else\'s parent, setting, caseworker and manager: a 404 like a missing one, or the role\'s 403', async () => {
    expect(onObjects().length).toBeGreaterThan(40);
    const strangers = [callers.otherParent, callers.otherSetting, callers.southCaseworker, callers.southManager];
    let notFound = 0;
    for (const o of onObjects()) {
      for (const stranger of strangers) {
        const res = await send(stranger, o.method, urlOf(o.path));
        const allowed = o.operation['x-roles']!.some((r) => (stranger.roles as readonly string[]).includes(r));
        const expected = allowed ? [404, expect.stringMatching(/(CaseNotFound|PlanNotFound)$/)] : [403, expect.stringMatching(/RoleNotAllowed$/)];
        expect([o.method, o.path, stranger.sub, res.status, res.body.type]).toEqual([o.method, o.path, stranger.sub, ...expected]);
        if (res.status === 404) notFound++;
      }
    }
    expect(notFound).toBeGreaterThan(80);
  });

  it('answers someone else\'s case exactly as a case that does not exist', async () => {
    const missing = randomUUID();
    const theirs = await send(callers.otherParent, 'get', `/needs-assessments/${caseId}`);
    const none = await send(callers.otherParent, 'get', `/needs-assessments/${missing}`);
    expect([theirs.status, theirs.body.type, theirs.body.title]).toEqual([none.status, none.body.type, none.body.title]);
  });

  it('lets the family and the named setting read their own, without the team\'s notes', async () => {
    const seen = (await send(callers.parent, 'get', `/needs-assessments/${caseId}`)).body;
    expect(seen).toMatchObject({ id: caseId });
    expect(seen).not.toHaveProperty('notes');
    expect(seen).not.toHaveProperty('nextSteps');
    const staffView = (await send(callers.northCaseworker, 'get', `/needs-assessments/${caseId}`)).body;
    expect(staffView.notes).toEqual([expect.objectContaining({ text: 'Mum prefers phone calls.' })]);
    expect(staffView.nextSteps).toEqual(expect.arrayContaining(['decide-to-assess', 'refuse-assessment', 'add-note']));
    const planSeen = await send(callers.parent, 'get', `/annual-reviews/${planId}`);
    expect(planSeen.status).toBe(200);
    expect(planSeen.body).not.toHaveProperty('notes');
    expect(planSeen.body).not.toHaveProperty('nextSteps');
    const staffPlan = (await send(callers.northCaseworker, 'get', `/annual-reviews/${planId}`)).body;
    expect(staffPlan.nextSteps).toEqual(expect.arrayContaining(['schedule-meeting', 'propose-cease', 'add-note']));
    expect((await send(callers.setting, 'get', `/annual-reviews/${planId}`)).status).toBe(200);
    expect((await send(callers.setting, 'get', `/annual-reviews/${otherPlanId}`)).status).toBe(404);
    expect((await send(callers.parent, 'get', `/annual-reviews/${otherPlanId}`)).status).toBe(404);
    // the family reads; it does not act through the staff's commands
    expect((await send(callers.parent, 'post', `/needs-assessments/${caseId}/add-note`)).status).toBe(403);
  });

  it('lets a caseworker change their own cases, read their team\'s, and not see another team\'s', async () => {
    const note = { on: '2026-11-04', text: 'EP visit booked.' };
    await (await as(callers.northCaseworker)).post(`/needs-assessments/${caseId}/add-note`).send(note).expect(200);
    await (await as(callers.northColleague)).get(`/needs-assessments/${caseId}`).expect(200);
    const refused = await (await as(callers.northColleague)).post(`/needs-assessments/${caseId}/add-note`).send(note).expect(403);
    expect(refused.body.type).toMatch(/NotAllocatedToYou$/);
    await (await as(callers.southCaseworker)).get(`/needs-assessments/${caseId}`).expect(404);
    await (await as(callers.northManager)).post(`/needs-assessments/${caseId}/add-note`).send(note).expect(200);
  });

  it('lists only the cases and plans of the caller\'s teams', async () => {
    const ids = async (caller: TestCaller, path: string, key: string) =>
      ((await (await as(caller)).get(path).query({ limit: 200 }).expect(200)).body.items as Record<string, string>[]).map((i) => i[key]);
    expect(await ids(callers.northColleague, '/needs-assessments', 'id')).toContain(caseId);
    expect(await ids(callers.southCaseworker, '/needs-assessments', 'id')).not.toContain(caseId);
    expect(await ids(callers.northColleague, '/annual-reviews', 'planId')).toEqual(expect.arrayContaining([planId]));
    expect(await ids(callers.northColleague, '/annual-reviews', 'planId')).not.toContain(otherPlanId);
    expect(await ids(callers.southManager, '/annual-reviews', 'planId')).toContain(otherPlanId);
    const caseload = (await (await as(callers.southManager)).get('/needs-assessments/caseload').expect(200)).body.caseworkers as { caseworker: string }[];
    expect(caseload.map((c) => c.caseworker)).not.toContain('cw-ayesha');
  });

  it('leaves reassignment to the team manager, within their team', async () => {
    const body = (caseworker: string) => ({ on: '2026-11-05', caseworker });
    const byCaseworker = await (await as(callers.northCaseworker)).post(`/needs-assessments/${caseId}/reassign`).send(body('cw-ben')).expect(403);
    expect(byCaseworker.body.type).toMatch(/RoleNotAllowed$/);
    const outside = await (await as(callers.northManager)).post(`/needs-assessments/${caseId}/reassign`).send(body('cw-sol')).expect(422);
    expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'caseworker', rule: 'NotInYourTeam' })]);
    await (await as(callers.northManager)).post(`/needs-assessments/${caseId}/reassign`).send(body('cw-ben')).expect(200);
    // now the colleague's: they change it, the first caseworker only reads it
    await (await as(callers.northColleague)).post(`/needs-assessments/${caseId}/add-note`).send({ on: '2026-11-06', text: 'Took over.' }).expect(200);
    await (await as(callers.northCaseworker)).post(`/needs-assessments/${caseId}/add-note`).send({ on: '2026-11-06', text: 'x' }).expect(403);
    const refusedRecord = await (await as(callers.northCaseworker)).post('/needs-assessments').send({
      child: { givenName: 'Noor', familyName: 'Hale' }, requestedBy: 'parent', receivedOn: '2026-11-02', caseworker: 'cw-sol',
    }).expect(422);
    expect(refusedRecord.body.errors).toEqual([expect.objectContaining({ field: 'caseworker', rule: 'NotInYourTeam' })]);
  });
});
