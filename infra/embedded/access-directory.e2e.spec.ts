import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, dropSchemasWithPrefix, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';

/**
 * Issue 11, the administrator's API to the access directory (embedded, over HTTP, real PostgreSQL):
 * teams and their members, outside parties' links; only the administrator may change them; a bad
 * request names the field and changes nothing; and a link is what lets a parent see their child's
 * case (and only theirs).
 */
describe('the access directory over HTTP (embedded)', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let admin: request.Agent;
  let caseworker: request.Agent;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const parent = { sub: 'parent-okafor', roles: ['parent'] } as const;
  const otherParent = { sub: 'parent-cole', roles: ['parent'] } as const;
  let caseId: string;
  let childId: string;
  let otherChildId: string;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    admin = await tokens.as(host.url, CALLERS.administrator);
    caseworker = await tokens.as(host.url, CALLERS.caseworker);
    const record = async (givenName: string, familyName: string) => (await caseworker.post('/needs-assessments')
      .send({ child: { givenName, familyName, dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker: 'cw-ayesha' })
      .expect(201)).body;
    const recorded = await record('Amara', 'Okafor');
    caseId = recorded.id;
    childId = recorded.child.id;
    otherChildId = (await record('Nia', 'Cole')).child.id;
  });
  afterAll(async () => {
    await host?.stop();
    await tokens?.close();
    await dropSchemasWithPrefix(prefix);
  });

  it('lets the administrator create and rename a team and add and remove its members, idempotently', async () => {
    const created = await admin.put('/access/teams/north').send({ name: 'North team', area: 'North' }).expect(200);
    expect(created.body).toEqual({ teamId: 'north', name: 'North team', area: 'North', members: [] });
    expect((await admin.put('/access/teams/north/members/cw-ayesha').expect(200)).body).toEqual({ teamId: 'north', subject: 'cw-ayesha', added: true });
    expect((await admin.put('/access/teams/north/members/cw-ayesha').expect(200)).body).toEqual({ teamId: 'north', subject: 'cw-ayesha', added: false });
    await admin.put('/access/teams/north/members/tm-priya').expect(200);
    expect((await admin.put('/access/teams/north').send({ name: 'North and coast', area: null }).expect(200)).body)
      .toEqual({ teamId: 'north', name: 'North and coast', area: null, members: ['cw-ayesha', 'tm-priya'] });
    expect((await admin.delete('/access/teams/north/members/tm-priya').expect(200)).body).toEqual({ teamId: 'north', subject: 'tm-priya', removed: true });
    expect((await admin.delete('/access/teams/north/members/tm-priya').expect(200)).body).toEqual({ teamId: 'north', subject: 'tm-priya', removed: false });
    expect((await admin.get('/access/teams').expect(200)).body).toEqual({ items: [{ teamId: 'north', name: 'North and coast', area: null, members: ['cw-ayesha'] }] });
    expect((await admin.get('/access/people/cw-ayesha/links').expect(200)).body).toEqual({ subject: 'cw-ayesha', teams: ['north'], links: [] });
  });

  it('answers a bad request 400 naming the field and rule, an unknown team 404, and changes nothing', async () => {
    const before = (await admin.get('/access/teams').expect(200)).body;
    const badTeam = await admin.put('/access/teams/North%20Team').send({ area: 'North' }).expect(400);
    expect(badTeam.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(badTeam.body.errors).toEqual([
      expect.objectContaining({ field: 'teamId', rule: 'InvalidTeamId' }),
      expect.objectContaining({ field: 'name', rule: 'Required' }),
    ]);
    expect((await admin.put('/access/teams/south').send({ name: 'South', area: 'x'.repeat(201) }).expect(400)).body.errors)
      .toEqual([expect.objectContaining({ field: 'area', rule: 'TooLong' })]);
    expect((await admin.put('/access/teams/south').send(['South']).expect(400)).body.errors[0]).toMatchObject({ field: 'body', rule: 'JsonObjectRequired' });
    expect((await admin.put('/access/teams/west/members/cw-ben').expect(404)).body).toMatchObject({ type: expect.stringMatching(/TeamNotFound$/), status: 404 });
    expect((await admin.delete('/access/teams/Bad_Id/members/cw-ben').expect(400)).body.errors[0]).toMatchObject({ field: 'teamId', rule: 'InvalidTeamId' });
    expect((await admin.put('/access/people/parent-okafor/links/setting/12345').expect(400)).body.errors)
      .toEqual([{ field: 'target', rule: 'InvalidLinkTarget', message: expect.stringContaining('URN (6 or 7 digits)') }]);
    expect((await admin.put('/access/people/parent-okafor/links/child/not-a-person').expect(400)).body.errors[0]).toMatchObject({ field: 'target', message: expect.stringContaining('UUID') });
    expect((await admin.put(`/access/people/parent-okafor/links/sibling/${childId}`).expect(400)).body.errors[0]).toMatchObject({ field: 'kind', rule: 'NotAllowedValue' });
    expect((await admin.put(`/access/people/parent%20okafor/links/child/${childId}`).expect(400)).body.errors[0]).toMatchObject({ field: 'subject', rule: 'InvalidSubject' });
    expect((await admin.get('/access/teams').expect(200)).body).toEqual(before);
    expect((await admin.get('/access/people/parent-okafor/links').expect(200)).body).toEqual({ subject: 'parent-okafor', teams: [], links: [] });
  });

  it('refuses anyone but the administrator (403), a caseworker included', async () => {
    for (const [method, path] of [['get', '/access/teams'], ['put', '/access/teams/north'], ['put', '/access/teams/north/members/cw-ben'],
      ['delete', '/access/teams/north/members/cw-ayesha'], ['get', '/access/people/cw-ben/links'], ['put', `/access/people/cw-ben/links/child/${childId}`]] as const) {
      const res = await caseworker[method](path).send({ name: 'Mine now' });
      expect([method, path, res.status, res.body.type]).toEqual([method, path, 403, expect.stringMatching(/RoleNotAllowed$/)]);
    }
    const asParent = await tokens.as(host.url, parent);
    await asParent.put(`/access/people/parent-okafor/links/child/${childId}`).expect(403);
    expect((await admin.get('/access/teams').expect(200)).body.items[0]).toMatchObject({ teamId: 'north', members: ['cw-ayesha'] });
  });

  it('links a parent to their child: they then see that child\'s case (200), a parent linked to another child does not (404), and unlinking takes it away', async () => {
    const asParent = await tokens.as(host.url, parent);
    const asOtherParent = await tokens.as(host.url, otherParent);
    await asParent.get(`/needs-assessments/${caseId}`).expect(404);

    const linked = await admin.put(`/access/people/parent-okafor/links/child/${childId.toUpperCase()}`).expect(200);
    expect(linked.body).toEqual({ subject: 'parent-okafor', kind: 'child', target: childId, added: true });
    expect((await admin.put(`/access/people/parent-okafor/links/child/${childId}`).expect(200)).body.added).toBe(false);
    await admin.put(`/access/people/parent-cole/links/child/${otherChildId}`).expect(200);
    expect((await admin.get('/access/people/parent-okafor/links').expect(200)).body).toEqual({
      subject: 'parent-okafor', teams: [], links: [{ kind: 'child', target: childId, linkedBy: CALLERS.administrator.sub, linkedAt: expect.any(String) }],
    });

    const seen = await asParent.get(`/needs-assessments/${caseId}`).expect(200);
    expect(seen.body).toMatchObject({ id: caseId, child: { id: childId } });
    await asOtherParent.get(`/needs-assessments/${caseId}`).expect(404);

    expect((await admin.delete(`/access/people/parent-okafor/links/child/${childId}`).expect(200)).body).toEqual({ subject: 'parent-okafor', kind: 'child', target: childId, removed: true });
    expect((await admin.delete(`/access/people/parent-okafor/links/child/${childId}`).expect(200)).body.removed).toBe(false);
    await asParent.get(`/needs-assessments/${caseId}`).expect(404);
  });

  it('documents every operation under the access tag with its path parameters described', async () => {
    const document = (await admin.get('/docs/json').expect(200)).body as { paths: Record<string, Record<string, any>> };
    const operations = Object.entries(document.paths).filter(([path]) => path.startsWith('/access/'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual([
      'delete /access/people/{subject}/links/{kind}/{target}', 'delete /access/teams/{teamId}/members/{subject}', 'get /access/my-teams',
      'get /access/people/{subject}/links', 'get /access/teams', 'put /access/me', 'put /access/people/{subject}/links/{kind}/{target}', 'put /access/teams/{teamId}', 'put /access/teams/{teamId}/members/{subject}',
    ]);
    for (const { path, op } of operations.filter((o) => !['/access/me', '/access/my-teams'].includes(o.path))) {
      expect([path, op.tags, op['x-roles']]).toEqual([path, ['access'], ['administrator']]);
      for (const p of op.parameters ?? []) expect([path, p.name, typeof p.description]).toEqual([path, p.name, 'string']);
    }
  });

  it('learns a member of staff\'s name from their own token, and shows their own teams with names (not to outside parties)', async () => {
    await admin.put('/access/teams/south').send({ name: 'South team', area: 'South' }).expect(200);
    for (const member of ['cw-ayesha', 'cw-ben']) await admin.put(`/access/teams/south/members/${member}`).expect(200);
    const ayesha = await tokens.as(host.url, { sub: 'cw-ayesha', roles: ['caseworker'], name: 'Ayesha Khan' });
    // nothing is taken from a body: the name is the token's
    expect((await ayesha.put('/access/me').send({ name: 'Somebody Else', subject: 'cw-ben' }).expect(200)).body).toEqual({ subject: 'cw-ayesha', name: 'Ayesha Khan' });
    const teams = (await ayesha.get('/access/my-teams').expect(200)).body.teams as { teamId: string; members: { subject: string; name: string | null }[] }[];
    expect(teams.find((t) => t.teamId === 'south')?.members).toEqual([{ subject: 'cw-ayesha', name: 'Ayesha Khan' }, { subject: 'cw-ben', name: null }]);
    expect((await (await tokens.as(host.url, CALLERS.tribunalOfficer)).get('/access/my-teams').expect(200)).body).toEqual({ teams: [] });
    await (await tokens.as(host.url, parent)).get('/access/my-teams').expect(403);
    await (await tokens.as(host.url, parent)).put('/access/me').expect(403);
  });
});
