import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens, dropSchemasWithPrefix } from '@ehc/testing';
import { allServices } from './main';

/**
 * UK GDPR art. 15: the administrator exports everything the hub holds about one child, as one
 * file — and nothing about another child, even one recorded the same day by the same caseworker.
 */
describe('subject access: everything about one person, nothing about another', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let caseworker: request.Agent;
  let administrator: request.Agent;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const prefix = `t${randomUUID().slice(0, 8)}_`;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded(allServices, { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent' }, { clock, accessTokens: tokens.verifier });
    caseworker = await tokens.as(host.url, CALLERS.caseworker);
    administrator = await tokens.as(host.url, CALLERS.administrator);
  });
  afterAll(async () => {
    await host?.stop();
    await dropSchemasWithPrefix(prefix);
  });

  const open = async (givenName: string, familyName: string, note: string) => {
    const created = (await caseworker.post('/needs-assessments').send({
      child: { givenName, familyName, dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker: 'cw-ayesha',
    }).expect(201)).body;
    await caseworker.post(`/needs-assessments/${created.id}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200);
    await caseworker.post(`/needs-assessments/${created.id}/add-note`).send({ on: '2026-02-17', text: note }).expect(200);
    return { caseId: created.id as string, personId: created.child.id as string, reference: created.reference as string };
  };

  it('exports the child\'s details, their case with every event and its documents, and nothing of another child', async () => {
    const amara = await open('Amara', 'Okafor', 'Mum says Amara sleeps badly since the move.');
    const leo = await open('Leo', 'Marsh', 'Leo\'s school asked for speech and language advice.');

    const res = await administrator.get(`/people/${amara.personId}/subject-access`).expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="subject-access-${amara.personId}-2026-11-26.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const file = res.body;
    expect(file).toMatchObject({ personId: amara.personId, exportedAt: '2026-11-26T12:00:00.000Z', exportedBy: CALLERS.administrator.sub });
    const na = file.services['needs-assessment'];
    expect(na.details).toEqual([expect.objectContaining({ person_id: amara.personId, given_name: 'Amara', family_name: 'Okafor' })]);
    expect(na.streams.map((s: { stream: string }) => s.stream)).toEqual([`ehcna-${amara.caseId}`]);
    const [caseStream] = na.streams;
    expect(caseStream.events.map((e: { type: string }) => e.type)).toEqual(['NeedsAssessmentRequested', expect.any(String), ...caseStream.events.slice(2).map((e: { type: string }) => e.type)]);
    expect(caseStream.events[0]).toMatchObject({ data: expect.objectContaining({ reference: amara.reference, childId: amara.personId }), metadata: expect.objectContaining({ actor: { kind: 'user', id: CALLERS.caseworker.sub } }) });
    expect(caseStream.documents).toEqual([expect.objectContaining({ kind: expect.any(String), content: expect.objectContaining({ text: 'Mum says Amara sleeps badly since the move.' }) })]);

    // the export is itself a read of the child's data, and is in the audit log as one
    const audit = (await administrator.get('/audit/reads').query({ subject: amara.personId }).expect(200)).body as { items: Record<string, unknown>[] };
    expect(audit.items).toContainEqual(expect.objectContaining({ endpoint: 'GET /people/:personId/subject-access', status: 200, subjectIds: [amara.personId] }));

    const text = JSON.stringify(file);
    for (const other of [leo.personId, leo.caseId, leo.reference, 'Marsh', 'speech and language']) expect([other, text.includes(other)]).toEqual([other, false]);
  });

  it('is the administrator\'s to make (403 for a caseworker), and a 404 for an id no service holds anything about', async () => {
    const { personId } = await open('Ada', 'Brook', 'A note.');
    expect((await caseworker.get(`/people/${personId}/subject-access`).expect(403)).body.type).toMatch(/RoleNotAllowed$/);
    expect((await administrator.get(`/people/${randomUUID()}/subject-access`).expect(404)).body.type).toMatch(/PersonNotFound$/);
    await administrator.get('/people/not-an-id/subject-access').expect(404);
  });

  it('shows an erased child as erased: no details, the erasure, the events that never held them', async () => {
    const { personId, caseId } = await open('Nell', 'Older', 'To be erased.');
    await administrator.post(`/needs-assessments/${caseId}/erase-personal-data`).expect(200);
    const file = (await administrator.get(`/people/${personId}/subject-access`).expect(200)).body;
    const na = file.services['needs-assessment'];
    expect(na.details).toEqual([expect.objectContaining({ person_id: personId, given_name: null, family_name: null, erased_at: expect.any(String) })]);
    expect(JSON.stringify(file)).not.toMatch(/Nell|Older|To be erased/);
    expect(na.streams.map((s: { stream: string }) => s.stream)).toEqual(expect.arrayContaining([`ehcna-${caseId}`]));
  });
});
