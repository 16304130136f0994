import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { fundingService } from '../../services/funding/src/service';

const RATES = [
  'level,hourly_pounds,valid_from',
  'targeted,12.50,2026-04-01',
  'enhanced,18,2026-04-01',
  'targeted,13.10,2027-04-01',
].join('\n');

const PROFILE = { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] };
const application = (over: Record<string, unknown> = {}) => ({
  childId: randomUUID(), settingUrn: 'EY123456', appliedOn: '2026-11-02', hoursPerWeek: 7.5, weeks: 38,
  support: 'A key person one to one: visual timetable and help at transitions', needsProfile: PROFILE, ...over,
});

/**
 * Early-years inclusion funding and EOTAS packages over HTTP, embedded mode, real PostgreSQL. "Today"
 * is Mon 2026-11-30; the decision is due 20 working days after the application (or the answer to a
 * request for information), none of the days below a bank holiday.
 */
describe('early-years inclusion funding and EOTAS packages over HTTP', () => {
  const clock = fixedClock('2026-11-30T12:00:00Z');
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let officer: request.Agent;
  let manager: request.Agent;

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([fundingService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    officer = await tokens.as(host.url, CALLERS.fundingOfficer);
    manager = await tokens.as(host.url, CALLERS.fundingManager);
    await officer.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send(RATES).expect(200);
  });
  afterAll(() => host.stop());

  const funding = () => host.runtimes.find((r) => r.service === 'funding')!;
  const eventCount = async () => (await funding().store.readAll({ maxCount: 1_000_000 })).events.length;

  describe('early-years inclusion funding', () => {
    it('imports the rates table once, versioned by date, and reads it back in pence', async () => {
      expect((await officer.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send(RATES).expect(200)).body).toEqual({ added: 0, unchanged: 3, rates: [] });
      expect((await officer.get('/funding/ey-inclusion/rates').expect(200)).body.rates).toEqual([
        { level: 'enhanced', hourlyPence: 1_800, validFrom: '2026-04-01', validTo: null },
        { level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01', validTo: '2027-03-31' },
        { level: 'targeted', hourlyPence: 1_310, validFrom: '2027-04-01', validTo: null },
      ]);
      expect((await officer.get('/funding/ey-inclusion/rates').query({ on: '2027-05-01' }).expect(200)).body.rates.filter((r: { level: string }) => r.level === 'targeted'))
        .toEqual([expect.objectContaining({ hourlyPence: 1_310 })]);
    });

    it('applies, is triaged, waits for information (the clock stops, then restarts in full), is approved, paid a term, and clawed back when the child leaves', async () => {
      const applied = await officer.post('/funding/ey-inclusion/applications').send(application()).expect(201);
      const id = applied.body.id as string;
      expect(applied.headers.location).toBe(`/funding/ey-inclusion/applications/${id}`);
      // received Mon 11-02: 20 working days on is Mon 11-30, today
      expect(applied.body).toMatchObject({ status: 'applied', appliedOn: '2026-11-02', deadlines: { decision: { dueBy: '2026-11-30', status: 'due' } } });
      expect(applied.body.nextSteps).toEqual(expect.arrayContaining(['triage', 'request-information', 'approve', 'refuse']));

      await officer.post(`/funding/ey-inclusion/applications/${id}/triage`).send({ on: '2026-11-03' }).expect(200);
      const asked = (await officer.post(`/funding/ey-inclusion/applications/${id}/request-information`).send({ on: '2026-11-04', questions: 'Please send the SEN support plan' }).expect(200)).body;
      expect(asked).toMatchObject({ status: 'awaiting-information', deadlines: { decision: { dueBy: null, status: 'paused' } } });
      // answered Mon 11-09: 20 working days from then is Mon 12-07
      const answered = (await officer.post(`/funding/ey-inclusion/applications/${id}/provide-information`).send({ on: '2026-11-09', answer: 'Plan attached' }).expect(200)).body;
      expect(answered).toMatchObject({ status: 'triaged', deadlines: { decision: { dueBy: '2026-12-07', status: 'due' } }, informationRequests: [{ requestedOn: '2026-11-04', providedOn: '2026-11-09' }] });
      const read = (await officer.get(`/funding/ey-inclusion/applications/${id}`).expect(200)).body;
      expect(read.deadlines.decision).toEqual({ dueBy: '2026-12-07', status: 'due' });
      // the free text, kept outside the events, shown beside them
      expect(read.text).toMatchObject({ support: application().support, informationRequests: [{ questions: 'Please send the SEN support plan', answer: 'Plan attached' }] });

      // targeted's rate on the first funded day (11-02) is £12.50: 1,250p × 7.5 hours × 38 weeks = 356,250p
      const approved = (await manager.post(`/funding/ey-inclusion/applications/${id}/approve`).send({ on: '2026-11-20', level: 'targeted', from: '2026-11-02', to: '2027-07-16' }).expect(200)).body;
      expect(approved).toMatchObject({
        status: 'approved', deadlines: { decision: { dueBy: '2026-12-07', status: 'met' } },
        decision: { outcome: 'approved', on: '2026-11-20', withinTime: true, level: 'targeted', hourlyPence: 1_250, amountPence: 356_250 },
      });
      // 257 funded days: autumn 60 (83,171.2p), spring 90 (124,756.8p), summer 107 (148,321.98p); the two pennies left go to the largest remainders
      expect(approved.payments.map((p: { periodId: string; pence: number }) => [p.periodId, p.pence])).toEqual([['2026-27-2-autumn', 83_171], ['2026-27-3-spring', 124_757], ['2027-28-1-summer', 148_322]]);

      const paid = (await officer.post(`/funding/ey-inclusion/applications/${id}/record-payment`).send({ on: '2026-11-27', periodId: '2026-27-2-autumn' }).expect(200)).body;
      expect(paid.payments[0]).toMatchObject({ periodId: '2026-27-2-autumn', paid: true, paidOn: '2026-11-27' });

      // the child's last day Mon 11-30: 29 of 257 days earned 356,250 × 29 / 257 = 40,199.4p → 40,199p; 83,171p paid, 42,972p to recover
      const left = (await officer.post(`/funding/ey-inclusion/applications/${id}/record-child-left`).send({ on: '2026-11-30' }).expect(200)).body;
      expect(left).toMatchObject({
        status: 'child-left',
        clawback: { lastDay: '2026-11-30', fundedDays: 257, fundedDaysUpToLastDay: 29, earnedPence: 40_199, paidPence: 83_171, clawbackPence: 42_972, balancePence: 0 },
      });
      expect(left.payments.filter((p: { cancelled: boolean }) => p.cancelled).map((p: { periodId: string }) => p.periodId)).toEqual(['2026-27-3-spring', '2027-28-1-summer']);
      expect((await officer.get('/funding/ey-inclusion/applications').query({ status: 'child-left' }).expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    });

    it('refuses funding with its reasons, within time', async () => {
      const { id } = (await officer.post('/funding/ey-inclusion/applications').send(application({ appliedOn: '2026-11-16', settingUrn: 'EY200002' })).expect(201)).body;
      const refused = (await manager.post(`/funding/ey-inclusion/applications/${id}/refuse`).send({ on: '2026-11-25', reasonCodes: ['needs-met-from-universal-provision'], reasons: 'Ordinarily available provision' }).expect(200)).body;
      // received Mon 11-16: due Mon 12-14
      expect(refused).toMatchObject({ status: 'refused', decision: { outcome: 'refused', withinTime: true, reasonCodes: ['needs-met-from-universal-provision'] }, deadlines: { decision: { dueBy: '2026-12-14', status: 'met' } }, payments: [] });
      expect(refused.nextSteps).toEqual([]);
    });

    it('lists by status and setting, the decision due soonest first', async () => {
      // received Mon 11-23: due Mon 12-21; received Mon 11-09: due Mon 12-07
      const later = (await officer.post('/funding/ey-inclusion/applications').send(application({ appliedOn: '2026-11-23', settingUrn: 'EY400001' })).expect(201)).body.id;
      const sooner = (await officer.post('/funding/ey-inclusion/applications').send(application({ appliedOn: '2026-11-09', settingUrn: 'EY400001' })).expect(201)).body.id;
      const list = (await officer.get('/funding/ey-inclusion/applications').query({ status: 'applied', 'setting-urn': 'EY400001' }).expect(200)).body;
      expect(list).toMatchObject({ asOf: '2026-11-30', total: 2 });
      expect(list.items.map((a: { id: string; deadlines: { decision: { dueBy: string } } }) => [a.id, a.deadlines.decision.dueBy])).toEqual([[sooner, '2026-12-07'], [later, '2026-12-21']]);
      expect(list.items[0].href).toBe(`/funding/ey-inclusion/applications/${sooner}`);
      expect((await officer.get('/funding/ey-inclusion/applications').query({ status: 'approved', 'setting-urn': 'EY400001' }).expect(200)).body.items).toEqual([]);
      await officer.get('/funding/ey-inclusion/applications').query({ status: 'pending' }).expect(400);
    });

    it('refuses bad input, unknown applications, the wrong state and broken rules, appending nothing', async () => {
      const { id } = (await officer.post('/funding/ey-inclusion/applications').send(application({ appliedOn: '2026-11-26', settingUrn: 'EY300003' })).expect(201)).body;
      await officer.post(`/funding/ey-inclusion/applications/${id}/triage`).send({ on: '2026-11-27' }).expect(200);
      const before = await eventCount();

      const malformed = (await officer.post('/funding/ey-inclusion/applications').send({ ...application(), childId: 'nobody', hoursPerWeek: 0, appliedOn: '26/11/2026' }).expect(400)).body;
      expect(malformed.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['childId', 'hoursPerWeek', 'appliedOn']));
      expect((await officer.post('/funding/ey-inclusion/applications').send(application({ appliedOn: '2026-12-01' })).expect(422)).body.errors[0]).toMatchObject({ field: 'appliedOn', rule: 'DateInFuture' });
      expect((await officer.post(`/funding/ey-inclusion/applications/${id}/approve`).send({ on: '2026-11-27', level: 'universal', from: '2026-11-26', to: '2027-07-16' }).expect(422)).body.errors[0])
        .toMatchObject({ field: 'level', rule: 'UnknownRateLevel' });
      expect((await officer.post(`/funding/ey-inclusion/applications/${id}/approve`).send({ on: '2026-11-27', level: 'targeted', from: '2026-11-20', to: '2027-07-16' }).expect(422)).body.errors[0])
        .toMatchObject({ field: 'from', rule: 'PeriodStartsBeforeApplication' });
      expect((await officer.post(`/funding/ey-inclusion/applications/${id}/triage`).send({ on: '2026-11-27' }).expect(409)).body.type).toMatch(/AlreadyTriaged$/);
      expect((await officer.post(`/funding/ey-inclusion/applications/${id}/provide-information`).send({ on: '2026-11-27', answer: 'unasked' }).expect(409)).body.type).toMatch(/NotAwaitingInformation$/);
      expect((await officer.post(`/funding/ey-inclusion/applications/${id}/record-payment`).send({ on: '2026-11-27', periodId: '2026-27-2-autumn' }).expect(409)).body.type).toMatch(/NotApproved$/);
      await officer.post(`/funding/ey-inclusion/applications/${id}/triage`).send({ on: 'yesterday' }).expect(400);
      await officer.post(`/funding/ey-inclusion/applications/${id}/no-such-command`).send({ on: '2026-11-27' }).expect(404);
      await officer.post(`/funding/ey-inclusion/applications/${randomUUID()}/triage`).send({ on: '2026-11-27' }).expect(404);
      await officer.get(`/funding/ey-inclusion/applications/${randomUUID()}`).expect(404);
      await officer.get('/funding/ey-inclusion/applications/not-an-application').expect(404);

      await officer.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send('level,rate,valid_from\ntargeted,12,2026-04-01\n').expect(400);
      await officer.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send('level,hourly_pounds,valid_from\n"targeted,12,2026-04-01\n').expect(400);
      expect((await officer.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send('level,hourly_pounds,valid_from\nspecialist,12.555,2027-04-01\n,0,2027-13-01\nspecialist,20,2027-04-01\n').expect(422)).body.errors.map((e: { field: string }) => e.field))
        .toEqual(['row 1: hourly_pounds', 'row 2: level', 'row 2: hourly_pounds', 'row 2: valid_from', 'row 3: level']);
      expect((await officer.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send('level,hourly_pounds,valid_from\ntargeted,12.75,2026-04-01\nspecialist,25,2027-04-01\n').expect(409)).body.errors)
        .toEqual([expect.objectContaining({ field: 'targeted 2026-04-01', rule: 'RateAlreadySet' })]);
      expect(await eventCount()).toBe(before);
    });

    it('only the funding team acts; finance and caseworkers read', async () => {
      const { id } = (await officer.post('/funding/ey-inclusion/applications').send(application({ settingUrn: 'EY500005' })).expect(201)).body;
      for (const reader of [await tokens.as(host.url, CALLERS.finance), await tokens.as(host.url, CALLERS.caseworker)]) {
        await reader.get(`/funding/ey-inclusion/applications/${id}`).expect(200);
        await reader.get('/funding/ey-inclusion/applications').expect(200);
        await reader.get('/funding/ey-inclusion/rates').expect(200);
        await reader.post(`/funding/ey-inclusion/applications/${id}/triage`).send({ on: '2026-11-27' }).expect(403);
        await reader.post('/funding/ey-inclusion/applications').send(application()).expect(403);
        await reader.post('/funding/ey-inclusion/rates').set('content-type', 'text/csv').send(RATES).expect(403);
      }
    });
  });

  describe('EOTAS packages', () => {
    const package_ = (over: Record<string, unknown> = {}) => ({
      planId: randomUUID(), childId: randomUUID(), proposedOn: '2026-11-02',
      provider: { name: 'Wolds Learning Partnership CIC', ukprn: null, unregulated: true }, checksDone: ['dbs-checks', 'insurance'],
      weeklyCostPence: 42_550, startOn: '2026-11-16', reviewDate: '2027-03-15', ...over,
    });

    it('is proposed by the officer, signed off by a manager once every check is done, reviewed with a new weekly cost, and ended', async () => {
      const body = package_();
      const proposed = await officer.post('/funding/eotas-packages').send(body).expect(201);
      const id = proposed.body.id as string;
      expect(proposed.headers.location).toBe(`/funding/eotas-packages/${id}`);
      expect(proposed.body).toMatchObject({
        status: 'proposed', planId: body.planId, proposedBy: CALLERS.fundingOfficer.sub, weeklyCostPence: 42_550, deadlines: { review: null },
        checks: { required: true, done: ['dbs-checks', 'insurance'], outstanding: ['safeguarding-policy', 'premises-risk-assessment', 'qualifications', 'references'] },
      });
      expect(proposed.body.nextSteps).not.toContain('approve');

      const before = await eventCount();
      const outstanding = (await manager.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-05' }).expect(422)).body;
      expect(outstanding.type).toMatch(/ChecksOutstanding$/);
      expect(outstanding.detail).toContain('references');
      expect((await officer.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-05' }).expect(422)).body.type).toMatch(/SignOffByProposer$/);
      // another funding officer is not management
      const otherOfficer = await tokens.as(host.url, { sub: 'fo-rae', roles: ['funding-officer'] });
      expect((await otherOfficer.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-05' }).expect(403)).body.type).toMatch(/RoleNotAllowed$/);
      expect(await eventCount()).toBe(before);

      for (const [on, check] of [['2026-11-03', 'safeguarding-policy'], ['2026-11-03', 'premises-risk-assessment'], ['2026-11-04', 'qualifications'], ['2026-11-04', 'references']]) {
        await officer.post(`/funding/eotas-packages/${id}/record-check`).send({ on, check }).expect(200);
      }
      const approved = (await manager.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-05' }).expect(200)).body;
      expect(approved).toMatchObject({
        status: 'approved', signedOffBy: CALLERS.fundingManager.sub, panelOn: '2026-11-05', approvedOn: '2026-11-06', checks: { outstanding: [] },
        deadlines: { review: { dueBy: '2027-03-15', status: 'due' } }, costHistory: [{ from: '2026-11-16', to: null, weeklyCostPence: 42_550 }],
      });

      const reviewed = (await officer.post(`/funding/eotas-packages/${id}/review`).send({ on: '2026-11-27', weeklyCostPence: 45_000, costFrom: '2026-11-30', nextReviewDate: '2027-02-15' }).expect(200)).body;
      expect(reviewed).toMatchObject({
        weeklyCostPence: 45_000, lastReviewedOn: '2026-11-27', reviewDate: '2027-02-15', deadlines: { review: { dueBy: '2027-02-15', status: 'due' } },
        costHistory: [{ from: '2026-11-16', to: '2026-11-29', weeklyCostPence: 42_550 }, { from: '2026-11-30', to: null, weeklyCostPence: 45_000 }],
      });

      const ended = (await officer.post(`/funding/eotas-packages/${id}/end`).send({ on: '2026-11-30', lastDay: '2026-12-18', reason: 'returned-to-school' }).expect(200)).body;
      expect(ended).toMatchObject({
        status: 'ended', endedOn: '2026-11-30', lastDay: '2026-12-18', endReason: 'returned-to-school', deadlines: { review: null },
        costHistory: [{ from: '2026-11-16', to: '2026-11-29', weeklyCostPence: 42_550 }, { from: '2026-11-30', to: '2026-12-18', weeklyCostPence: 45_000 }],
      });
      expect(ended.nextSteps).toEqual([]);

      // in the high-needs forecast as a row of its own: this package alone is 85,100p (14 days at £425.50) + 122,143p (19 at £450), 6,429p of them after 11-29
      const forecast = (await officer.get('/funding/forecast').query({ fy: '2026-27', 'as-at': '2026-11-30' }).expect(200)).body;
      const eotasRow = forecast.rows.find((r: { band: string }) => r.band === 'EOTAS package');
      expect(eotasRow).toMatchObject({ settingType: 'otherwise-than-at-school' });
      expect(eotasRow.forecastPence).toBeGreaterThanOrEqual(207_243);
      expect(eotasRow.spentPence + eotasRow.committedPence).toBe(eotasRow.forecastPence);
      expect(forecast.totals.forecastPence).toBe(forecast.rows.reduce((sum: number, r: { forecastPence: number }) => sum + r.forecastPence, 0));
    });

    it('lists by status and plan, the review due soonest first', async () => {
      const planId = randomUUID();
      const regulated = { name: 'Lincoln College', ukprn: '10003899', unregulated: false };
      const laterReview = (await officer.post('/funding/eotas-packages').send(package_({ planId, provider: regulated, reviewDate: '2027-04-12' })).expect(201)).body.id;
      const soonerReview = (await officer.post('/funding/eotas-packages').send(package_({ planId, provider: regulated, reviewDate: '2027-01-11' })).expect(201)).body.id;
      const waiting = (await officer.post('/funding/eotas-packages').send(package_({ planId })).expect(201)).body.id;
      const elsewhere = (await officer.post('/funding/eotas-packages').send(package_({ provider: regulated })).expect(201)).body.id;
      for (const id of [laterReview, soonerReview, elsewhere]) await manager.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-05' }).expect(200);

      const approved = (await officer.get('/funding/eotas-packages').query({ status: 'approved', 'plan-id': planId }).expect(200)).body;
      expect(approved).toMatchObject({ asOf: '2026-11-30', total: 2 });
      expect(approved.items.map((p: { id: string; deadlines: { review: { dueBy: string } } }) => [p.id, p.deadlines.review.dueBy])).toEqual([[soonerReview, '2027-01-11'], [laterReview, '2027-04-12']]);
      expect((await officer.get('/funding/eotas-packages').query({ 'plan-id': planId }).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([soonerReview, laterReview, waiting]);
      expect((await officer.get('/funding/eotas-packages').query({ status: 'proposed', planId }).expect(200)).body.items).toEqual([expect.objectContaining({ id: waiting, checks: expect.objectContaining({ required: true }) })]);
      const everything = (await officer.get('/funding/eotas-packages').expect(200)).body.items.map((p: { id: string }) => p.id);
      expect(everything).toEqual(expect.arrayContaining([laterReview, soonerReview, waiting, elsewhere]));
      await officer.get('/funding/eotas-packages').query({ 'plan-id': 'not-a-plan' }).expect(400);
      await officer.get('/funding/eotas-packages').query({ status: 'running' }).expect(400);
    });

    it('refuses bad input, unknown packages, the wrong state and broken rules, appending nothing', async () => {
      const { id } = (await officer.post('/funding/eotas-packages').send(package_({ provider: { name: 'Lincoln College', ukprn: '10003899', unregulated: false } })).expect(201)).body;
      const before = await eventCount();
      const malformed = (await officer.post('/funding/eotas-packages').send({ ...package_(), planId: 'plan', weeklyCostPence: 425.5 }).expect(400)).body;
      expect(malformed.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['planId', 'weeklyCostPence']));
      expect((await officer.post('/funding/eotas-packages').send(package_({ proposedOn: '2026-12-01' })).expect(422)).body.errors[0]).toMatchObject({ field: 'proposedOn', rule: 'DateInFuture' });
      expect((await officer.post('/funding/eotas-packages').send(package_({ reviewDate: '2026-11-16' })).expect(422)).body.errors[0]).toMatchObject({ field: 'reviewDate', rule: 'ReviewDateNotAfter' });
      expect((await officer.post(`/funding/eotas-packages/${id}/review`).send({ on: '2026-11-27', weeklyCostPence: 45_000, nextReviewDate: '2027-02-15' }).expect(409)).body.type).toMatch(/NotApproved$/);
      expect((await officer.post(`/funding/eotas-packages/${id}/record-check`).send({ on: '2026-11-03', check: 'insurance' }).expect(409)).body.type).toMatch(/CheckAlreadyRecorded$/);
      expect((await manager.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-09' }).expect(422)).body.errors[0]).toMatchObject({ field: 'panelOn', rule: 'PanelAfterDecision' });
      await officer.post(`/funding/eotas-packages/${id}/record-check`).send({ on: '2026-11-03', check: 'horoscope' }).expect(400);
      await officer.post(`/funding/eotas-packages/${id}/no-such-command`).send({ on: '2026-11-03' }).expect(404);
      await officer.post(`/funding/eotas-packages/${randomUUID()}/record-check`).send({ on: '2026-11-03', check: 'references' }).expect(404);
      await officer.get(`/funding/eotas-packages/${randomUUID()}`).expect(404);
      await officer.get('/funding/eotas-packages/not-a-package').expect(404);
      for (const reader of [await tokens.as(host.url, CALLERS.finance), await tokens.as(host.url, CALLERS.caseworker)]) {
        await reader.get(`/funding/eotas-packages/${id}`).expect(200);
        await reader.post(`/funding/eotas-packages/${id}/approve`).send({ on: '2026-11-06', panelOn: '2026-11-05' }).expect(403);
        await reader.post('/funding/eotas-packages').send(package_()).expect(403);
      }
      expect(await eventCount()).toBe(before);
    });
  });
});
