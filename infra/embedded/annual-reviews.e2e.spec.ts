import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { tablesHolding } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const HEADER = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';

/**
 * The review cycle over HTTP, embedded mode: both services in one process (this is the composition
 * root's test, since a final plan crosses from one service to the other), real PostgreSQL.
 */
describe('annual reviews over HTTP', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const ref = (n: number) => `LEG-${tag}-${n}`;
  // "today" for every answer below: the tests give the same result on any day they are run
  const clock = fixedClock('2026-11-26T12:00:00Z');

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
    await hub.post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
  });
  afterAll(() => host.stop());

  const api = () => hub;
  const planEvents = async () => (await host.runtimes[1].store.readAll({ maxCount: 100_000 })).events.length;
  const planIdOf = async (reference: string) => {
    const { body } = await api().get('/annual-reviews').query({ q: reference }).expect(200);
    expect(body.items).toHaveLength(1);
    return body.items[0].planId as string;
  };
  const run = (planId: string, command: string, body: Record<string, unknown>, status = 200) =>
    api().post(`/annual-reviews/${planId}/${command}`).send(body).expect(status);

  it('imports the settings directory from a GIAS extract, typed and phased', async () => {
    const report = (await api().post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200)).body;
    expect(report.rowsTaken).toBe(8);
    expect(report.rowsRefused).toEqual([{ row: 8, reason: expect.stringMatching(/URN/) }]);
    const types = Object.fromEntries(await Promise.all(['120345', '120347', '120348', '130101', '120349', '120350', '120351'].map(async (urn) => {
      const s = (await api().get(`/settings/${urn}`).expect(200)).body;
      return [urn, `${s.type}/${s.phase}`];
    })));
    expect(types).toEqual({
      120345: 'mainstream/primary', 120347: 'special/not-applicable', 120348: 'independent-special/not-applicable', 130101: 'further-education/post-16',
      120349: 'early-years/early-years', 120350: 'resourced-provision/primary', 120351: 'mainstream/middle',
    });
  });

  it('imports plans with a report of what it took and refused, and changes nothing the second time', async () => {
    const csv = [HEADER,
      `${ref(1)},Amara,Okafor,2016-03-14,2025-05-20,,120345,cw-ben`,
      `${ref(2)},Leo,Marsh,2015-10-02,2024-02-01,2025-01-15,120345,cw-ben`,
      `${ref(3)},Ada,Brook,2012-13-40,2024-02-01,,120346,cw-ben`,
      `${ref(4)},Sam,Hale,2012-01-01,2024-02-01,,999999,cw-ben`,
      `${ref(1)},Amara,Okafor,2016-03-14,2025-05-20,,120345,cw-ben`,
      `${ref(5)},Jo,Finch,2011-06-01,2023-09-01,2025-10-10,120347,cw-cara`,
    ].join('\n');
    const first = (await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200)).body;
    expect(first).toMatchObject({ rowsRead: 6, rowsTaken: 3, rowsUnchanged: 0 });
    expect(first.rowsRefused).toEqual([
      { row: 3, reference: ref(3), reason: expect.stringMatching(/^bad date: date_of_birth/) },
      { row: 4, reference: ref(4), reason: expect.stringMatching(/^unknown setting/) },
      { row: 5, reference: ref(1), reason: expect.stringMatching(/^duplicate reference/) },
    ]);
    const before = await planEvents();
    const again = (await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200)).body;
    expect(again).toMatchObject({ rowsTaken: 0, rowsUnchanged: 3 });
    expect(await planEvents()).toBe(before);
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send('reference,name\nx,y\n').expect(400);
  });

  it('runs a review to an amended plan on the statutory clock (worked example 9)', async () => {
    const planId = await planIdOf(ref(1));
    let p = (await api().get(`/annual-reviews/${planId}`).expect(200)).body;
    expect(p).toMatchObject({ planIssuedOn: '2025-05-20', status: 'maintained', child: { givenName: 'Amara' }, namedSetting: { urn: '120345', type: 'mainstream' } });
    expect(p.deadlines.nextReview).toMatchObject({ due: '2026-05-19', done: null });

    p = (await run(planId, 'schedule-meeting', { on: '2026-04-28', meetingOn: '2026-05-14' })).body;
    expect(p.status).toBe('review-in-progress');
    p = (await run(planId, 'hold-meeting', { on: '2026-05-14' })).body;
    expect(p.deadlines.report).toMatchObject({ due: '2026-05-28', done: null });
    expect(p.deadlines.decision).toMatchObject({ due: '2026-06-11', done: null });
    await run(planId, 'receive-report', { on: '2026-05-27', report: 'Progress against outcomes…' });
    p = (await run(planId, 'decide', { on: '2026-06-01', outcome: 'amend' })).body;
    expect(p.deadlines.decision).toMatchObject({ due: '2026-06-11', done: '2026-06-01', onTime: true, outcome: 'amend' });
    // the review of this cycle is done (late: due 2026-05-19); the next one is due a year from the decision
    expect(p.deadlines.nextReview).toMatchObject({ due: '2026-05-19', done: '2026-06-01', onTime: false });
    expect(p.deadlines.followingReview).toMatchObject({ due: '2027-05-31', done: null });
    p = (await run(planId, 'issue-amendment-notice', { on: '2026-06-08', proposedChanges: 'Section F: add weekly SALT.' })).body;
    expect(p.deadlines.representations).toMatchObject({ due: '2026-06-22', done: null });
    expect(p.deadlines.amendedPlan).toMatchObject({ due: '2026-08-03', done: null });
    p = (await run(planId, 'record-representations', { on: '2026-06-18', meetingRequested: false })).body;
    expect(p.amendment).toMatchObject({ finalisableFrom: '2026-06-23', finalResponse: false, meetingRequested: false });
    // reg 22(2): the family's 15 days run to 06-22 even though they have responded
    const before = await planEvents();
    const early = (await run(planId, 'issue-amended-plan', { on: '2026-06-20', namedSetting: '120350' }, 422)).body;
    expect(early).toMatchObject({ type: expect.stringMatching(/RepresentationsWindowOpen$/), title: expect.stringMatching(/reg 22/) });
    expect(await planEvents()).toBe(before);
    await run(planId, 'issue-amended-plan', { on: '2026-06-30', namedSetting: '999999' }, 422);
    p = (await run(planId, 'issue-amended-plan', { on: '2026-06-30', namedSetting: '120350' })).body;
    expect(p.deadlines.amendedPlan).toMatchObject({ done: '2026-06-30', onTime: true, outcome: 'amended' });
    expect(p.namedSetting).toMatchObject({ urn: '120350', type: 'resourced-provision' });
    expect(p.letters.map((l: { kind: string }) => l.kind)).toEqual(['decision-to-amend', 'amendment-notice', 'amended-plan']);
    const letter = await api().get(p.letters[2].href).expect(200);
    expect(letter.text).toMatch(/Bracebridge Primary Academy/);
    expect(letter.text).toMatch(/First-tier Tribunal/);

    const timeline = (await api().get(`/annual-reviews/${planId}/timeline`).expect(200)).body;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['PlanEntered', 'AnnualReviewScheduled', 'AmendedPlanIssued']));
    expect(JSON.stringify(timeline)).not.toMatch(/Amara|Okafor|SALT/);
  });

  it('documents one operation per plan command, and takes an old field name for one release with a warning', async () => {
    const { paths } = (await api().get('/docs/json').expect(200)).body;
    const amended = paths['/annual-reviews/{planId}/issue-amended-plan'].post;
    expect(amended.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['on', 'namedSetting']));
    expect(Object.keys(amended.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '413', '422']));
    expect(paths['/annual-reviews/{planId}/record-post-16-transfer'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['transferOn']));

    const csv = [HEADER, `${ref(12)},Oli,Aliased,2016-02-02,2025-03-03,,120345,cw-ben`].join('\n');
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200);
    const planId = await planIdOf(ref(12));
    await run(planId, 'schedule-meeting', { on: '2026-02-01', meetingDate: '2026-02-16' });
    await run(planId, 'hold-meeting', { on: '2026-02-16' });
    const old = await run(planId, 'decide', { on: '2026-03-01', decision: 'maintain' });
    expect(old.headers.warning).toMatch(/decision \(use outcome\)/);
    expect(old.body.deadlines.decision).toMatchObject({ outcome: 'maintain' });
    const bad = (await run(planId, 'agree-dual-registration', { on: '2026-03-02', startOn: 'soon', split: { specialSessions: 11 } }, 400)).body;
    expect(bad.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'mainstream', rule: 'Required' }),
      expect.objectContaining({ field: 'startOn', rule: 'InvalidDate' }),
    ]));
  });

  it('refuses what the state does not allow (409) and bad dates (422), appending nothing', async () => {
    const planId = await planIdOf(ref(5));
    const before = await planEvents();
    expect((await run(planId, 'hold-meeting', { on: '2026-03-01' }, 409)).body.type).toMatch(/NoMeetingScheduled$/);
    expect((await run(planId, 'decide', { on: '2026-03-01', outcome: 'maintain' }, 409)).body.type).toMatch(/NoMeetingHeld$/);
    expect((await run(planId, 'hold-meeting', { on: '2099-03-01' }, 422)).body.type).toMatch(/DateInFuture$/);
    await run(planId, 'decide', { on: '2026-03-01', outcome: 'sometimes' }, 400);
    await run(planId, 'no-such-thing', { on: '2026-03-01' }, 404);
    await api().post(`/annual-reviews/${randomUUID()}/hold-meeting`).send({ on: '2026-03-01' }).expect(404);
    expect(await planEvents()).toBe(before);
  });

  it('ceases a plan only once the appeal window has closed, the plan maintained until then', async () => {
    const csv = [HEADER, `${ref(7)},Kit,Moss,2009-05-05,2022-03-01,2025-09-01,120346,cw-cara`].join('\n');
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200);
    const planId = await planIdOf(ref(7));
    await run(planId, 'cease', { on: '2026-03-10' }, 409);
    let p = (await run(planId, 'propose-cease', { on: '2026-03-02', reason: 'no-longer-necessary', reasons: 'Outcomes met' })).body;
    expect(p.status).toBe('cease-proposed');
    p = (await run(planId, 'cease', { on: '2026-03-10' })).body;
    expect(p.status).toBe('cease-decided');
    const windowEnds = p.cease.appealWindowEndsOn as string;
    expect(windowEnds >= '2026-05-10').toBe(true);
    expect(p.letters.map((l: { kind: string; appealRights: boolean }) => [l.kind, l.appealRights])).toContainEqual(['cease-decision', true]);
    expect((await run(planId, 'cease-plan', { on: windowEnds }, 422)).body.type).toMatch(/AppealWindowOpen$/);
    const listed = (await api().get('/annual-reviews').query({ q: ref(7) }).expect(200)).body.items[0];
    expect(listed.deadlines.map((d: { kind: string }) => d.kind)).toContain('cease-plan');
    const next = new Date(Date.parse(`${windowEnds}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    p = (await run(planId, 'cease-plan', { on: next })).body;
    expect(p).toMatchObject({ status: 'ceased', cease: { ceasedOn: next } });
    await run(planId, 'hold-meeting', { on: next }, 409);
  });

  it('lists reviews due and overdue, by caseworker and by setting', async () => {
    // ref(2): last reviewed 2025-01-15, so its review was due 2026-01-14: overdue
    const overdue = (await api().get('/annual-reviews').query({ overdue: 'true', caseworker: 'cw-ben' }).expect(200)).body;
    const item = overdue.items.find((i: { reference: string }) => i.reference === ref(2));
    expect(item).toMatchObject({ nextReviewDue: '2026-01-14', overdue: true });
    expect(item.daysOverdue).toBe(316);
    const atSetting = (await api().get('/annual-reviews').query({ setting: '120347' }).expect(200)).body;
    expect(atSetting.items.map((i: { reference: string }) => i.reference)).toEqual([ref(5)]);
    await api().get('/annual-reviews').query({ overdue: 'maybe' }).expect(400);
  });

  it('lists the phase-transfer cohort with the last lawful day before 15 February (worked example 11)', async () => {
    // Leo, born 2015-10-02, is in Year 6 in 2026/27 at a primary school: he moves to secondary in September 2027
    const { body } = await api().get('/annual-reviews/transfers').query({ year: 2027 }).expect(200);
    const leo = body.items.find((i: { reference: string }) => i.reference === ref(2));
    expect(leo).toMatchObject({
      kind: 'primary-to-secondary', fromYearGroup: 6, toYearGroup: 7, deadline: '2027-02-14', rule: 'before 15 February (reg 18(1))',
      latestAmendmentNotice: '2026-12-20', latestReviewMeeting: '2026-11-22', onTime: null,
    });
    const planId = await planIdOf(ref(2));
    const plan = (await api().get(`/annual-reviews/${planId}`).expect(200)).body;
    expect(plan.deadlines.phaseTransfer).toMatchObject({
      kind: 'primary-to-secondary', due: '2027-02-14', target: '2027-02-12', rule: 'before 15 February (reg 18(1))', done: null,
    });
  });

  it('an amended plan for a phase transfer issued on 15 February is late, and its letters say the rule', async () => {
    // Year 6 in 2025/26: the move to secondary was in September 2026, so the plan was due before 15 February 2026
    const csv = [HEADER, `${ref(8)},Ivy,Stone,2014-11-03,2024-10-01,,120345,cw-ben`].join('\n');
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200);
    const planId = await planIdOf(ref(8));
    await run(planId, 'schedule-meeting', { on: '2025-10-27', meetingOn: '2025-11-10' });
    await run(planId, 'hold-meeting', { on: '2025-11-10' });
    await run(planId, 'decide', { on: '2025-12-01', outcome: 'amend' });
    let p = (await run(planId, 'issue-amendment-notice', { on: '2025-12-19' })).body;
    const notice = await api().get(p.letters[1].href).expect(200);
    expect(notice.text).toMatch(/before 15 February 2026 \(reg 18\(1\)\): by Saturday, 14 February 2026/);
    p = (await run(planId, 'record-representations', { on: '2026-01-05', meetingRequested: true })).body;
    expect((await run(planId, 'issue-amended-plan', { on: '2026-02-15', namedSetting: { urn: null, name: 'Witham Academy' }, phaseTransfer: { kind: 'primary-to-secondary' } }, 422)).body.type)
      .toMatch(/RequestedMeetingNotHeld$/);
    p = (await run(planId, 'hold-amendment-meeting', { on: '2026-01-20' })).body;
    expect(p.amendment).toMatchObject({ meetingRequested: true, meetingHeldOn: '2026-01-20' });
    p = (await run(planId, 'issue-amended-plan', { on: '2026-02-15', namedSetting: { urn: null, name: 'Witham Academy' }, phaseTransfer: { kind: 'primary-to-secondary' } })).body;
    expect(p.deadlines.phaseTransfer).toMatchObject({ kind: 'primary-to-secondary', transferYear: 2026, due: '2026-02-14', done: '2026-02-15', onTime: false, rule: 'before 15 February (reg 18(1))' });
    const amended = await api().get(p.letters[p.letters.length - 1].href).expect(200);
    expect(amended.text).toMatch(/which the law requires before 15 February 2026 \(reg 18\(1\)\)/);
  });

  it('shows a phase transfer amended before the correction with the corrected deadline (the stored v1 event upcast on read)', async () => {
    const csv = [HEADER, `${ref(10)},Max,Vale,2014-10-20,2024-10-01,,120345,cw-ben`].join('\n');
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200);
    const planId = await planIdOf(ref(10));
    // as the hub stored it before: 15 February taken as the deadline, and the plan amended that day "on time"
    const { lastGlobalPosition } = await host.runtimes[1].store.appendToStream(`annualReview-${planId}`, [{
      id: randomUUID(), type: 'AmendedPlanIssued', schemaVersion: 1,
      data: {
        amendmentId: 'amendment-1', issuedOn: '2026-02-15', withinStatutoryTime: true, planDocumentId: null,
        namedSetting: { urn: null, name: 'Witham Academy', type: 'mainstream', phase: 'secondary' },
        phaseTransfer: { kind: 'primary-to-secondary', transferYear: 2026, deadline: '2026-02-15', met: true },
      },
      metadata: { occurredAt: '2026-02-15', actor: { kind: 'user', id: 'cw-ben' }, correlationId: randomUUID(), causationId: null },
    }], 'any');
    await host.runtimes[1].projections[0].waitFor(lastGlobalPosition);
    const plan = (await api().get(`/annual-reviews/${planId}`).expect(200)).body;
    expect(plan.deadlines.phaseTransfer).toMatchObject({ kind: 'primary-to-secondary', transferYear: 2026, due: '2026-02-14', done: '2026-02-15', onTime: false });
  });

  it('records a move between post-16 institutions and its deadline five months before (reg 18(2))', async () => {
    // Jay, born 2009-05-05, is over compulsory school age and at college
    const csv = [HEADER, `${ref(9)},Jay,Reed,2009-05-05,2025-06-02,,130101,cw-ben`].join('\n');
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200);
    const planId = await planIdOf(ref(9));
    await run(planId, 'record-post-16-transfer', { on: '2026-07-01' }, 400);
    let p = (await run(planId, 'record-post-16-transfer', { on: '2026-07-01', transferOn: '2027-01-04', newInstitution: { urn: null, name: 'Boston College' } })).body;
    // on 2026-11-26 the last day, 2026-08-04, is long past: overdue
    expect(p.deadlines.post16Transfer).toMatchObject({
      transferOn: '2027-01-04', due: '2026-08-04', done: null, onTime: false, daysLate: 114, rule: 'at least five months before the transfer (reg 18(2))',
    });
    const listed = (await api().get('/annual-reviews').query({ q: ref(9), overdue: 'true' }).expect(200)).body.items[0];
    expect(listed.deadlines.map((d: { kind: string }) => d.kind)).toContain('post-16-transfer');
    const year = (await api().get('/annual-reviews/transfers').query({ year: 2027 }).expect(200)).body;
    expect(year.post16Transfers.find((t: { reference: string }) => t.reference === ref(9))).toMatchObject({
      transferOn: '2027-01-04', deadline: '2026-08-04', newInstitution: { name: 'Boston College' }, onTime: false,
    });
    expect(year.items.find((t: { reference: string }) => t.reference === ref(9))).toBeUndefined();

    await run(planId, 'schedule-meeting', { on: '2026-06-01', meetingOn: '2026-06-15' });
    await run(planId, 'hold-meeting', { on: '2026-06-15' });
    await run(planId, 'decide', { on: '2026-07-01', outcome: 'amend' });
    await run(planId, 'issue-amendment-notice', { on: '2026-07-02' });
    // the young person says they have nothing more to add and want no meeting: local policy allows finishing early
    await run(planId, 'record-representations', { on: '2026-07-06', final: true });
    p = (await run(planId, 'issue-amended-plan', { on: '2026-07-08', namedSetting: { urn: null, name: 'Boston College' } })).body;
    expect(p.deadlines.post16Transfer).toMatchObject({ due: '2026-08-04', done: '2026-07-08', onTime: true });
  });

  it('erases a person entered by the plan import, and nothing of them is left in any table of any service', async () => {
    const family = `Forget${randomUUID().slice(0, 6)}`;
    const csv = [HEADER, `${ref(11)},Zara,${family},2013-04-09,2025-01-10,,120345,cw-ben`].join('\n');
    await api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv).expect(200);
    const planId = await planIdOf(ref(11));
    await run(planId, 'add-note', { on: '2025-02-01', text: `Zara ${family} lives at 4 Mill Lane.` });
    await run(planId, 'schedule-meeting', { on: '2025-11-20', meetingOn: '2025-12-04' });
    await run(planId, 'hold-meeting', { on: '2025-12-04' });
    await run(planId, 'receive-report', { on: '2025-12-10', report: `${family} has made progress.` });

    const schemas = host.runtimes.map((r) => r.schema);
    const holding = (text: string) => tablesHolding(host.runtimes[0].pool, schemas, text);
    expect(await holding(family)).toEqual(schemas.filter((s) => s.endsWith('annual_review')).flatMap((s) => [`${s}.case_documents`, `${s}.people`]));

    expect((await api().post(`/annual-reviews/${planId}/erase-personal-data`).expect(200)).body).toMatchObject({ erased: true });
    expect(await holding(family)).toEqual([]);
    expect(await holding('Mill Lane')).toEqual([]);
    expect(await holding('2013-04-09')).toEqual([]);
    const plan = (await api().get(`/annual-reviews/${planId}`).expect(200)).body;
    expect(plan.child).toMatchObject({ erased: true });
    expect(plan.notes[0].text).toBeNull();
    await api().post(`/annual-reviews/${randomUUID()}/erase-personal-data`).expect(404);
  });

  it('takes a final plan from the needs-assessment service into the review cycle, once', async () => {
    const school = { urn: '120345', name: 'Castle Hill Primary School' };
    const { id } = (await api().post('/needs-assessments').send({
      child: { givenName: 'Nia', familyName: 'Cole', dateOfBirth: '2019-01-20' }, requestedBy: 'parent', receivedOn: '2026-02-02', caseworker: 'cw-dee',
    }).expect(201)).body;
    await api().post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-03-02' }).expect(200);
    await api().post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: '2026-05-01' }).expect(200);
    await api().post(`/needs-assessments/${id}/issue-final-plan`).send({ on: '2026-05-20', namedSetting: school }).expect(200);
    let found: { planId: string } | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      found = (await api().get('/annual-reviews').query({ caseworker: 'cw-dee' }).expect(200)).body.items[0];
      if (!found) await new Promise((r) => setTimeout(r, 50));
    }
    // the plan keeps the case's id and reference, so either service's id finds it
    expect(found!.planId).toBe(id);
    const plan = (await api().get(`/annual-reviews/${id}`).expect(200)).body;
    expect(plan.reference).toMatch(/^NA-2026-\d{5}$/);
    expect(plan).toMatchObject({ planIssuedOn: '2026-05-20', source: { kind: 'needs-assessment', caseId: `ehcna-${id}` }, namedSetting: { urn: '120345', type: 'mainstream', phase: 'primary' } });
    expect(plan.deadlines.nextReview.due).toBe('2027-05-19');
    expect(plan.cohort).toEqual({ receptionYear: 2023, yearGroupOffset: 0 });
    // the annual review keeps its own erasable copy of the child's details, from the person directory
    expect(plan.child).toMatchObject({ givenName: 'Nia', familyName: 'Cole', dateOfBirth: '2019-01-20' });

    // a replay from event zero delivers the same final plan again: still one plan
    const before = await planEvents();
    await api().post('/annual-reviews/projections/rebuild').expect(200);
    const all = (await api().get('/annual-reviews').query({ caseworker: 'cw-dee' }).expect(200)).body;
    expect(all.items).toHaveLength(1);
    expect(await planEvents()).toBe(before);

    // erased where the details were collected, and so erased here too
    await api().post(`/needs-assessments/${id}/erase-personal-data`).expect(200);
    let child: Record<string, unknown> = {};
    for (let i = 0; i < 100; i++) {
      child = (await api().get(`/annual-reviews/${found!.planId}`).expect(200)).body.child;
      if (child.erased) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(child).toEqual({ id: plan.child.id, erased: true });
    await api().get(`/people/${plan.child.id}`).expect(404);
  });
});
