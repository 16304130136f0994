import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { tablesHolding } from '@ehc/testing';
import { needsAssessmentService } from '../service';

/** A caseworker's whole EHC needs assessment over HTTP, embedded mode, real PostgreSQL. */
describe('EHC needs assessment over HTTP', () => {
  // "today" for every answer below: the tests give the same result on any day they are run
  const clock = fixedClock('2026-11-26T12:00:00Z');
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const caseworker = `cw-${randomUUID().slice(0, 6)}`;
  const school = { urn: '120345', name: 'Lincoln Castle Academy' };

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, { ...CALLERS.dutyOfficer, sub: caseworker });
  });
  afterAll(() => host.stop());

  const api = () => hub;
  const open = async (receivedOn: string, givenName = 'Amara', familyName = 'Okafor') =>
    (await api().post('/needs-assessments').send({ child: { givenName, familyName, dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn, caseworker }).expect(201)).body.id as string;
  const run = (id: string, command: string, body: Record<string, unknown>, status = 200) =>
    api().post(`/needs-assessments/${id}/${command}`).send(body).expect(status);
  const events = async () => (await host.runtimes[0].store.readAll({ maxCount: 100_000 })).events.length;

  it('runs a case from request to final plan, every statutory date due and done', async () => {
    const id = await open('2026-01-05');
    await run(id, 'record-needs-profile', { on: '2026-01-05', context: 'request', needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 2] });
    let c = (await run(id, 'decide-to-assess', { on: '2026-02-16' })).body;
    expect(c.status).toBe('assessing');
    expect(c.deadlines.decisionToAssess).toMatchObject({ due: '2026-02-16', done: '2026-02-16', onTime: true, outcome: 'assess' });

    c = (await run(id, 'request-advice', { on: '2026-02-16', adviceType: 'psychological', adviser: 'EP service' })).body;
    expect(c.advice[0]).toMatchObject({ adviceId: 'advice-1', due: '2026-03-30', done: null });
    await run(id, 'request-advice', { on: '2026-02-16', adviceType: 'medical' });
    c = (await run(id, 'record-advice', { on: '2026-03-31', adviceId: 'advice-1' })).body;
    expect(c.advice[0]).toMatchObject({ done: '2026-03-31', late: true, daysLate: 1, onTime: false });
    c = (await run(id, 'record-advice', { on: '2026-03-20', adviceType: 'medical' })).body;
    expect(c.advice[1]).toMatchObject({ done: '2026-03-20', late: false, onTime: true });

    c = (await run(id, 'issue-draft-plan', { on: '2026-04-17', sections: { A: 'Amara loves drawing.', B: 'Speech and language needs', F: '1:1 SALT weekly' } })).body;
    expect(c.status).toBe('draft-issued');
    expect(c.deadlines.draftPlanResponse).toMatchObject({ due: '2026-05-01', done: null });
    expect(c.deadlines.decisionNotToIssue).toMatchObject({ due: '2026-04-27', done: '2026-04-17', outcome: 'issue' });
    c = (await run(id, 'consult-setting', { on: '2026-04-17', setting: school })).body;
    expect(c.consultations[0]).toMatchObject({ consultationId: 'consultation-1', due: '2026-05-02' });
    expect(c.drafts[0]).toMatchObject({ servedOn: '2026-04-17', representationsEndOn: '2026-05-01', finalisableFrom: '2026-05-02', meetingHeldOn: null });
    expect((await run(id, 'issue-final-plan', { on: '2026-04-30', namedSetting: school }, 422)).body.type).toMatch(/RepresentationsWindowOpen$/);
    c = (await run(id, 'record-parent-response', { on: '2026-04-30', meetingRequested: true, preferredSetting: school, representations: 'We agree with section F.' })).body;
    expect(c.deadlines.draftPlanResponse).toMatchObject({ done: '2026-04-30', onTime: true });
    expect(c.parentResponses[0]).toMatchObject({ meetingRequested: true, final: false });
    await run(id, 'record-setting-response', { on: '2026-05-01', settingUrn: '120345', canMeetNeeds: true });
    // the family asked for a meeting: no final plan until it has been held, however late
    const beforeMeeting = await events();
    const refused = (await run(id, 'issue-final-plan', { on: '2026-05-05', namedSetting: school }, 422)).body;
    expect(refused).toMatchObject({ type: expect.stringMatching(/RequestedMeetingNotHeld$/), title: expect.stringMatching(/reg 13\(1\)/) });
    expect(await events()).toBe(beforeMeeting);
    c = (await run(id, 'hold-draft-plan-meeting', { on: '2026-05-04' })).body;
    expect(c.drafts[0]).toMatchObject({ meetingHeldOn: '2026-05-04' });
    c = (await run(id, 'issue-final-plan', { on: '2026-05-05', namedSetting: school })).body;
    expect(c).toMatchObject({ status: 'plan-issued', finalPlan: { issuedOn: '2026-05-05', namedSetting: school, withinStatutoryTime: true } });
    expect(c.deadlines.finalPlan).toMatchObject({ due: '2026-05-25', done: '2026-05-05', onTime: true, target: '2026-05-22' });
    expect(c.letters.map((l: { kind: string }) => l.kind)).toEqual(['decision-to-assess', 'draft-plan', 'final-plan']);
    expect(c.needsProfiles).toHaveLength(1);

    const letter = await api().get(c.letters[2].href).expect(200);
    expect(letter.headers['content-type']).toMatch(/text\/html/);
    expect(letter.text).toMatch(/Lincoln Castle Academy/);
    expect(letter.text).toMatch(/First-tier Tribunal/);
    expect(letter.text).toMatch(/Amara Okafor/);

    const timeline = (await api().get(`/needs-assessments/${id}/timeline`).expect(200)).body;
    expect(timeline[0]).toMatchObject({ revision: 0, type: 'NeedsAssessmentRequested', occurredAt: '2026-01-05' });
    expect(timeline.map((e: { type: string }) => e.type)).toContain('FinalPlanIssued');
    expect(timeline.find((e: { type: string }) => e.type === 'DecidedToAssess').actor).toEqual({ kind: 'user', id: caseworker });
    expect(JSON.stringify(timeline)).not.toMatch(/SALT|agree with section F/);
  });

  it('refuses what the state does not allow with 409, and bad dates with 422, appending nothing', async () => {
    const id = await open('2026-03-02');
    const before = await events();
    const tomorrow = '2026-11-27';
    expect((await run(id, 'issue-final-plan', { on: '2026-03-10', namedSetting: school }, 409)).body.type).toMatch(/NoDraftPlan$/);
    expect((await run(id, 'request-advice', { on: '2026-03-10', adviceType: 'medical' }, 409)).body.type).toMatch(/NotAssessing$/);
    expect((await run(id, 'decide-to-assess', { on: tomorrow }, 422)).body.type).toMatch(/DateInFuture$/);
    expect((await run(id, 'decide-to-assess', { on: '2026-03-01' }, 422)).body.type).toMatch(/DateBeforeRequest$/);
    const bad = (await run(id, 'request-advice', { on: '2026-13-01', adviceType: 'astrology' }, 400)).body;
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(['adviceType', 'on']);
    await run(id, 'decide-to-assess', {}, 400);
    await run(id, 'no-such-command', { on: '2026-03-10' }, 404);
    await api().post(`/needs-assessments/${randomUUID()}/decide-to-assess`).send({ on: '2026-03-10' }).expect(404);
    expect(await events()).toBe(before);

    await run(id, 'refuse-assessment', { on: '2026-04-14', reasons: 'Needs can be met from ordinarily available provision.' });
    expect((await run(id, 'decide-to-assess', { on: '2026-04-15' }, 409)).body.type).toMatch(/DecisionAlreadyMade$/);
    const c = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    expect(c.deadlines.decisionToAssess).toMatchObject({ due: '2026-04-13', done: '2026-04-14', onTime: false, daysLate: 1, outcome: 'refuse' });
    const refusal = await api().get(c.letters[0].href).expect(200);
    expect(refusal.text).toMatch(/mediation/);
    expect(refusal.text).toMatch(/ordinarily available/);
  });

  it('renders what was typed inert in a letter: a child named <script>, reasons with markup', async () => {
    const id = await open('2026-03-02', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>');
    await run(id, 'refuse-assessment', { on: '2026-04-06', reasons: '<iframe src="https://evil.example"></iframe> & more' });
    const c = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    const letter = await api().get(c.letters[0].href).expect(200);
    expect(letter.text).not.toMatch(/<script>alert|<img src=x|<iframe/);
    expect(letter.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(letter.text).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(letter.text).toContain('&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt; &amp; more');
    // and were anything to slip through, the page may run no script at all
    expect(letter.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(letter.headers['content-security-policy']).not.toMatch(/script-src/);
  });

  it('answers a stale expected revision with 409 and appends nothing', async () => {
    const id = await open('2026-03-03');
    const before = await events();
    const res = await run(id, 'add-note', { on: '2026-03-04', text: 'first', expectedRevision: 5 }, 409);
    expect(res.body.type).toMatch(/StaleExpectedRevision$/);
    expect(await events()).toBe(before);
    await run(id, 'add-note', { on: '2026-03-04', text: 'Called the SENCo.', expectedRevision: 0 });
    const c = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    expect(c.notes[0]).toMatchObject({ notedOn: '2026-03-04', by: caseworker, text: 'Called the SENCo.' });
  });

  it('a refused command leaves nothing behind: no person, no reference number, no document', async () => {
    const { pool, schema } = host.runtimes[0];
    const count = async (table: string) => Number((await pool.query(`SELECT count(*) AS n FROM "${schema}".${table}`)).rows[0].n);
    const rows = async () => ({ people: await count('people'), documents: await count('case_documents'), events: await events() });
    const first = (await api().post('/needs-assessments').send({ child: { givenName: 'Pia', familyName: 'Gapless' }, requestedBy: 'parent', receivedOn: '2026-09-01' }).expect(201)).body;

    const before = await rows();
    // a child of compulsory school age asking for themselves: refused by the decider
    await api().post('/needs-assessments').send({ child: { givenName: 'Tom', familyName: 'Orphan', dateOfBirth: '2015-01-01' }, requestedBy: 'young-person', receivedOn: '2026-09-02' }).expect(422);
    // a note on a closed case, and reasons with a decision already made: refused, text and all
    await run(first.id, 'close', { on: '2026-09-03', reason: 'other' });
    const closed = await rows();
    expect((await run(first.id, 'add-note', { on: '2026-09-04', text: 'A note nobody will read' }, 409)).body.type).toMatch(/CaseClosed$/);
    const assessed = await open('2026-09-01');
    await run(assessed, 'decide-to-assess', { on: '2026-09-10' });
    const decided = await rows();
    await run(assessed, 'refuse-assessment', { on: '2026-09-11', reasons: 'Reasons for a decision already made' }, 409);
    // a stale expectedRevision: a 409, and the note's text is not kept either
    await run(assessed, 'add-note', { on: '2026-09-12', text: 'Written against an old revision', expectedRevision: 0 }, 409);
    expect(await rows()).toEqual(decided);
    expect({ people: closed.people, documents: closed.documents }).toEqual({ people: before.people, documents: before.documents });
    expect(JSON.stringify((await pool.query(`SELECT given_name, family_name FROM "${schema}".people`)).rows)).not.toMatch(/Orphan/);

    // the next request takes the next reference number: the refused one used none
    const next = (await api().post('/needs-assessments').send({ child: { givenName: 'Ivo', familyName: 'Gapless' }, requestedBy: 'parent', receivedOn: '2026-09-05' }).expect(201)).body;
    const number = (reference: string) => Number(reference.slice(-5));
    const references = (await api().get('/needs-assessments').query({ q: 'NA-2026-', sort: 'reference', limit: 500 }).expect(200)).body.items
      .map((i: { reference: string }) => number(i.reference)).sort((a: number, b: number) => a - b);
    expect(references).toEqual(Array.from({ length: references.length }, (_, i) => references[0] + i));
    expect(number(next.reference)).toBe(references[references.length - 1]);
  });

  it('names the setting from section I\'s first line when no namedSetting is given, bounded as a name; a setting with no URN and no name is refused', async () => {
    const id = await open('2026-01-05');
    await run(id, 'decide-to-assess', { on: '2026-02-10' });
    await run(id, 'issue-draft-plan', { on: '2026-04-17' });
    const bad = (await run(id, 'issue-final-plan', { on: '2026-05-05', namedSetting: { urn: null } }, 400)).body;
    expect(bad.errors[0]).toMatchObject({ field: 'namedSetting' });
    const c = (await run(id, 'issue-final-plan', { on: '2026-05-05', sections: { I: `\nLincoln Castle Academy\n${'Placement details. '.repeat(200)}` } })).body;
    expect(c.finalPlan.namedSetting).toEqual({ urn: null, name: 'Lincoln Castle Academy' });
  });

  it('takes many requests at once, more than the connection pool holds, each with its own reference number', async () => {
    // each waits on the year's reference counter inside its transaction: none may need a second connection
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      api().post('/needs-assessments').send({ child: { givenName: `Kid${i}`, familyName: 'Crowd' }, requestedBy: 'parent', receivedOn: '2025-06-02' }).expect(201)));
    const numbers = created.map((r) => Number(String(r.body.reference).slice(-5))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(40);
    expect(numbers[39] - numbers[0]).toBe(39);
  });

  it('keeps the reason a family gave for withdrawing, referred to by the event', async () => {
    const id = await open('2026-09-01');
    await run(id, 'withdraw', { on: '2026-09-02', reason: 'The family has moved abroad.' });
    const [withdrawn] = (await host.runtimes[0].store.readStream(`ehcna-${id}`)).filter((e) => e.type === 'RequestWithdrawn');
    const { reasonDocumentId } = withdrawn.data as { reasonDocumentId: string };
    const { pool, schema } = host.runtimes[0];
    const { rows } = await pool.query(`SELECT kind, content FROM "${schema}".case_documents WHERE document_id = $1`, [reasonDocumentId]);
    expect(rows).toEqual([{ kind: 'withdrawal-reason', content: { text: 'The family has moved abroad.' } }]);
  });

  it('finalises inside the 15 days only on the family\'s final response (reg 13(1); local policy allows it by default)', async () => {
    const id = await open('2026-01-05');
    await run(id, 'decide-to-assess', { on: '2026-02-10' });
    await run(id, 'issue-draft-plan', { on: '2026-04-17' });
    await run(id, 'record-parent-response', { on: '2026-04-20', representations: 'Please add weekly SALT.' });
    const early = (await run(id, 'issue-final-plan', { on: '2026-04-24', namedSetting: school }, 422)).body;
    expect(early.title).toMatch(/15 days/);
    expect((await run(id, 'record-parent-response', { on: '2026-04-22', final: true, meetingRequested: true }, 422)).body.type).toMatch(/FinalResponseRequestsMeeting$/);
    await run(id, 'record-parent-response', { on: '2026-04-22', final: true });
    const c = (await run(id, 'issue-final-plan', { on: '2026-04-24', namedSetting: school })).body;
    expect(c).toMatchObject({ status: 'plan-issued', finalPlan: { issuedOn: '2026-04-24' } });
  });

  it('waits the 15 days even on a final response where local policy forbids finishing early (EARLY_FINALISATION=forbidden)', async () => {
    const strict = await startEmbedded([needsAssessmentService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent', EARLY_FINALISATION: 'forbidden',
    }, { clock, accessTokens: tokens.verifier });
    try {
      const caller = await tokens.as(strict.url, CALLERS.caseworker);
      const at = (path: string, body: Record<string, unknown>, status = 200) => caller.post(path).send(body).expect(status);
      const { id } = (await at('/needs-assessments', { child: { givenName: 'Ola', familyName: 'Strict' }, requestedBy: 'parent', receivedOn: '2026-01-05' }, 201)).body;
      await at(`/needs-assessments/${id}/decide-to-assess`, { on: '2026-02-10' });
      await at(`/needs-assessments/${id}/issue-draft-plan`, { on: '2026-04-17' });
      await at(`/needs-assessments/${id}/record-parent-response`, { on: '2026-04-20', final: true });
      expect((await at(`/needs-assessments/${id}/issue-final-plan`, { on: '2026-04-24', namedSetting: school }, 422)).body.type).toMatch(/RepresentationsWindowOpen$/);
      await at(`/needs-assessments/${id}/issue-final-plan`, { on: '2026-05-02', namedSetting: school });
    } finally {
      await strict.stop();
    }
  });

  it('records an exception that lifts the limits still running (worked example 7), chased against the local expected date', async () => {
    const id = await open('2026-01-05');
    await run(id, 'decide-to-assess', { on: '2026-02-10' });
    const before = await events();
    expect((await run(id, 'record-exception', { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: '2026-04-06' }, 422)).body.type).toMatch(/ExceptionNeedsEvidence$/);
    const undated = (await run(id, 'record-exception', { on: '2026-03-02', limb: 'exceptional-personal-circumstances', evidence: 'Letter from the hospital' }, 422)).body;
    expect(undated).toMatchObject({ type: expect.stringMatching(/ExceptionNeedsDates$/), errors: [expect.objectContaining({ field: 'to' })] });
    expect((await run(id, 'record-exception', { on: '2026-03-02', limb: 'absence-from-area', to: '2026-03-20', evidence: 'Away' }, 422)).body.type).toMatch(/AbsenceShorterThanFourWeeks$/);
    expect(await events()).toBe(before);
    const c = (await run(id, 'record-exception', { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: '2026-04-06', evidence: 'Parent in hospital' })).body;
    expect(c.exceptions[0]).toMatchObject({ limb: 'exceptional-personal-circumstances', from: '2026-03-02', to: '2026-04-06', limitsLifted: ['decision-not-to-issue', 'final-plan'] });
    // today (2026-11-26) is past the local expected date 2026-06-29: the case is overdue against it
    expect(c.deadlines.finalPlan).toMatchObject({ due: '2026-05-25', excepted: true, expectedUnderException: '2026-06-29', onTime: false, daysLate: 150 });
    expect(c.deadlines.decisionToAssess).toMatchObject({ excepted: false, onTime: true });
    await run(id, 'record-exception', { on: '2026-03-02', limb: 'holiday' }, 400);
  });

  it('an excepted case is overdue in the caseload only once past the local expected date', async () => {
    const name = `Except${randomUUID().slice(0, 6)}`;
    // final plan due 2026-11-23; excepted, expected 2026-12-28: not overdue on 2026-11-26
    const inTime = await open('2026-07-06', 'Ana', name);
    await run(inTime, 'decide-to-assess', { on: '2026-08-10' });
    await run(inTime, 'record-exception', { on: '2026-09-01', limb: 'absence-from-area', to: '2026-10-05', evidence: 'Family abroad caring for a relative' });
    // worked example 7: expected 2026-06-29, long past
    const late = await open('2026-01-05', 'Bea', name);
    await run(late, 'decide-to-assess', { on: '2026-02-10' });
    await run(late, 'record-exception', { on: '2026-03-02', limb: 'c', to: '2026-04-06', evidence: 'Parent in hospital' });
    const overdue = (await api().get('/needs-assessments').query({ q: name, overdue: 'true' }).expect(200)).body;
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([late]);
    const notOverdue = (await api().get('/needs-assessments').query({ q: name, overdue: 'false' }).expect(200)).body;
    expect(notOverdue.items.map((i: { id: string }) => i.id)).toEqual([inTime]);
    expect(notOverdue.items[0].deadlines.find((d: { kind: string }) => d.kind === 'final-plan')).toMatchObject({ due: '2026-11-23', excepted: true, overdue: false, daysLeft: -3 });
  });

  it('applies the closure limb only when advice was asked inside the window (worked examples 5 and 6)', async () => {
    const id = await open('2026-07-27');
    const closure = { closedFrom: '2026-07-23', reopensOn: '2026-09-03' };
    expect((await run(id, 'record-exception', { on: '2026-08-28', limb: 'school-closure', ...closure, evidence: 'Head asked for advice' }, 422)).body.type).toMatch(/AdviceAskedAfterClosureWindow$/);
    expect((await run(id, 'record-exception', { on: '2026-08-03', limb: 'school-closure', evidence: 'Head asked for advice' }, 422)).body.type).toMatch(/ExceptionNeedsDates$/);
    const c = (await run(id, 'record-exception', { on: '2026-08-03', limb: 'school-closure', closure, evidence: 'Head asked for advice' })).body;
    expect(c.exceptions[0]).toMatchObject({ from: '2026-08-03', to: '2026-09-03', closure: { ...closure, window: { opensOn: '2026-07-16', closesOn: '2026-08-27' } } });
    expect(c.deadlines.decisionToAssess).toMatchObject({ due: '2026-09-07', excepted: true, expectedUnderException: '2026-10-12' });
    expect(c.deadlines.finalPlan).toMatchObject({ due: '2026-12-14', excepted: true });
  });

  it('closes, withdraws, reassigns, and lists the caseload with due and overdue filters', async () => {
    const a = await open('2026-11-16', 'Zed', 'Quill');
    const b = await open('2026-10-01', 'Yara', 'Quill');
    const gone = await open('2026-10-02', 'Xavi', 'Quill');
    await run(gone, 'withdraw', { on: '2026-10-05' });
    expect((await run(gone, 'add-note', { on: '2026-10-06', text: 'x' }, 409)).body.type).toMatch(/CaseClosed$/);
    const closed = await open('2026-10-03', 'Wren', 'Quill');
    await run(closed, 'close', { on: '2026-10-04', reason: 'moved-to-another-authority' });
    expect((await run(closed, 'close', { on: '2026-10-04', reason: 'other' }, 409)).body.type).toMatch(/CaseClosed$/);
    await run(closed, 'close', { on: '2026-10-04', reason: 'bored' }, 400);

    const mine = (await api().get('/needs-assessments').query({ caseworker, status: 'open', q: 'Quill' }).expect(200)).body;
    expect(mine.items.map((i: { id: string }) => i.id).sort()).toEqual([a, b].sort());
    // b's decision was due 2026-11-12: overdue; a's is due 2026-12-28
    const overdue = (await api().get('/needs-assessments').query({ caseworker, overdue: 'true', q: 'Quill' }).expect(200)).body;
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([b]);
    const byName = (await api().get('/needs-assessments').query({ q: 'zed quill' }).expect(200)).body;
    expect(byName.items.map((i: { id: string }) => i.id)).toEqual([a]);
    // due within n days: a running deadline from today (2026-11-26) to n days on; b's next ones are in 2027
    const within = async (days: number) => (await api().get('/needs-assessments').query({ caseworker, status: 'open', q: 'Quill', 'due-within-days': days }).expect(200)).body.items.map((i: { id: string }) => i.id);
    expect(await within(35)).toEqual([a]);
    expect(await within(20)).toEqual([]);
    await api().get('/needs-assessments').query({ 'due-within-days': 'soon' }).expect(400);

    await run(a, 'reassign', { on: '2026-11-20', caseworker: 'cw-other' });
    const after = (await api().get('/needs-assessments').query({ caseworker: 'cw-other' }).expect(200)).body;
    expect(after.items.map((i: { id: string }) => i.id)).toContain(a);
    const load = (await api().get('/needs-assessments/caseload').expect(200)).body;
    expect(load.caseworkers.find((c: { caseworker: string }) => c.caseworker === caseworker)).toMatchObject({ overdue: expect.any(Number), open: expect.any(Number) });
  });

  it('erases a child\'s personal details without touching the events', async () => {
    const id = await open('2026-02-03', 'Erin', 'Forgetme');
    await run(id, 'add-note', { on: '2026-02-04', text: 'Erin Forgetme lives at 1 High St.' });
    const eventsBefore = JSON.stringify(await host.runtimes[0].store.readStream(`ehcna-${id}`));
    await api().post(`/needs-assessments/${id}/erase-personal-data`).expect(200);
    const c = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    expect(c.child).toEqual({ id: c.child.id, erased: true });
    expect(c.notes[0].text).toBeNull();
    expect(JSON.stringify(c)).not.toMatch(/Erin|Forgetme|High St/);
    expect(JSON.stringify(await host.runtimes[0].store.readStream(`ehcna-${id}`))).toBe(eventsBefore);
    expect((await api().get('/needs-assessments').query({ q: 'Forgetme' }).expect(200)).body.items).toEqual([]);
    // nothing of them in any table: people, documents, events, read models
    for (const text of ['Forgetme', 'High St']) expect(await tablesHolding(host.runtimes[0].pool, [host.runtimes[0].schema], text)).toEqual([]);
  });

  it('accepts the other names a request form uses for the same fields', async () => {
    const created = await api().post('/needs-assessments')
      .send({ child: { firstName: 'Ola', lastName: 'Nowak', dob: '2010-02-01' }, requester: 'setting', on: '2026-03-09', caseworkerId: caseworker }).expect(201);
    expect(created.body).toMatchObject({ requestedBy: 'school', receivedOn: '2026-03-09', caseworker, child: { givenName: 'Ola', familyName: 'Nowak' } });
    const id = created.body.id;
    await run(id, 'decide-to-assess', { on: '2026-04-01' });
    const c = (await run(id, 'request-advice', { on: '2026-04-02', type: 'medical' })).body;
    expect(c.advice[0]).toMatchObject({ adviceType: 'medical', due: '2026-05-14' });
    await run(id, 'record-exception', { from: '2026-04-03', kind: 'c', to: '2026-04-20', evidence: 'Parent in hospital' });
    expect((await api().get(`/needs-assessments/${id}`).expect(200)).body.exceptions[0]).toMatchObject({ limb: 'exceptional-personal-circumstances', from: '2026-04-03' });
  });

  it('rebuilds the case files from event zero to the same answers', async () => {
    const id = await open('2026-02-02');
    await run(id, 'decide-to-assess', { on: '2026-03-02' });
    const before = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    const rebuilt = (await api().post('/needs-assessments/projections/rebuild').expect(200)).body;
    expect(rebuilt.events).toBeGreaterThan(10);
    const after = (await api().get(`/needs-assessments/${id}`).expect(200)).body;
    expect(after).toEqual(before);
  });
});
