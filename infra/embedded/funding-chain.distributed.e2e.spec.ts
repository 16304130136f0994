import request from 'supertest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ehc/domain-kernel';
import { startDistributed, type RunningHost } from '@ehc/host';
import { CALLERS, readTopic, testAccessTokens, testKafka, type TestAccessTokens, distributedTestEnv, eventually } from '@ehc/testing';
import { COMMITMENT_CHANGED_V1, FUNDING_TOPIC, fundingSchemas, type CommitmentChangedV1 } from '@ehc/contracts/funding';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';
import { fundingService } from '../../services/funding/src/service';

jest.setTimeout(180_000);

// The settings directory (GIAS sample): 120345 Castle Hill Primary School (mainstream), 120347 St Hugh's Special School (special)
const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const MATRIX = [
  'band,setting_type,annual_pounds,valid_from',
  'C,mainstream,12000,2026-04-01',
  'S2,special,21000.50,2026-04-01',
].join('\n');

/**
 * Distributed mode, the real Kafka broker between three services, each with its own schema: a
 * final plan issued in needs assessment reaches funding's awaiting-funding tray; the top-up agreed
 * there ends when the annual review ceases the plan; funding publishes each commitment change to
 * finance on its own topic. And a dual registration agreed in the annual review shares a special
 * school's top-up with the mainstream school once the provision form is in.
 */
describe('a plan\'s funding follows needs assessment and annual review through Kafka, and is published to finance', () => {
  let na: RunningHost;
  let ar: RunningHost;
  let funding: RunningHost;
  let tokens: TestAccessTokens;
  let atNa: request.Agent;
  let atAr: request.Agent;
  let officer: request.Agent;
  const run = randomUUID().slice(0, 8);
  const env = distributedTestEnv;

  beforeAll(async () => {
    // every service on the same fixed day, whenever the suite runs
    const clock = fixedClock('2027-03-01T12:00:00Z');
    tokens = await testAccessTokens(clock);
    na = await startDistributed(needsAssessmentService, env(`t_na_${run}`), { clock, accessTokens: tokens.verifier });
    ar = await startDistributed(annualReviewService, { ...env(`t_ar_${run}`), PERSON_DIRECTORY_URL: na.url }, { clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService) });
    funding = await startDistributed(fundingService, env(`t_fu_${run}`), { clock, accessTokens: tokens.verifier, serviceToken: () => tokens.token(CALLERS.hubService) });
    atNa = await tokens.as(na.url, CALLERS.dutyOfficer);
    atAr = await tokens.as(ar.url, CALLERS.dutyOfficer);
    officer = await tokens.as(funding.url, CALLERS.fundingOfficer);
    // the annual review types the plan's named setting from its directory (a dual registration needs a special school)
    await atAr.post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
    await officer.post('/funding/bands').set('content-type', 'text/csv').send(MATRIX).expect(200);
  });
  afterAll(async () => {
    await funding?.stop();
    await ar?.stop();
    await na?.stop();
  });

  /** A final plan issued in needs assessment over HTTP; its id is the plan's in the annual review and in funding. */
  const finalPlan = async (namedSetting: { urn: string; name: string }) => {
    const { id } = (await atNa.post('/needs-assessments').send({
      child: { givenName: 'Nia', familyName: 'Cole', dateOfBirth: '2016-01-20' }, requestedBy: 'parent', receivedOn: '2026-01-12',
    }).expect(201)).body;
    await atNa.post(`/needs-assessments/${id}/decide-to-assess`).send({ on: '2026-02-20' }).expect(200);
    await atNa.post(`/needs-assessments/${id}/issue-draft-plan`).send({ on: '2026-04-20' }).expect(200);
    await atNa.post(`/needs-assessments/${id}/issue-final-plan`).send({ on: '2026-05-26', namedSetting }).expect(200);
    return (id as string).replace(/^ehcna-/, '');
  };
  const inTray = (planId: string) => eventually(`plan ${planId} in the awaiting-funding tray`, async () =>
    (await officer.get('/funding/plans').query({ tray: 'awaiting-funding' }).expect(200)).body.items.find((p: { planId: string }) => p.planId === planId));
  const inReview = (planId: string) => eventually(`plan ${planId} in the annual review`, async () => {
    const res = await atAr.get(`/annual-reviews/${planId}`);
    return res.status === 200 ? res.body : null;
  });
  const arCommand = (planId: string, command: string, body: Record<string, unknown>) => atAr.post(`/annual-reviews/${planId}/${command}`).send(body).expect(200);
  /** The plan's CommitmentChanged messages on funding's topic, read by a kafkajs consumer from the beginning until `until` holds. */
  const commitmentChanges = async (planId: string, until: (seen: CommitmentChangedV1[]) => boolean): Promise<CommitmentChangedV1[]> => {
    // the relay delivers at least once: a change is its event id, however often it is on the topic
    const ours = (messages: { key: string | null; value: string }[]) => [...new Map(messages.filter((m) => m.key === `planFunding-${planId}`)
      .map((m) => JSON.parse(m.value) as { id: string; type: string; data: CommitmentChangedV1 }).filter((e) => e.type === COMMITMENT_CHANGED_V1)
      .map((e) => [e.id, e.data])).values()];
    return ours(await readTopic(testKafka(), FUNDING_TOPIC, (seen) => until(ours(seen))));
  };
  const validate = addFormats(new Ajv({ allErrors: true })).compile(fundingSchemas[COMMITMENT_CHANGED_V1]);
  const valid = (data: CommitmentChangedV1) => [data.cause, validate(data), validate.errors ?? null];

  it('final plan → awaiting-funding tray → top-up agreed → plan ceased in the annual review → top-up ended, each change published to finance', async () => {
    const planId = await finalPlan({ urn: '120345', name: 'Castle Hill Primary School' });
    expect(await inTray(planId)).toMatchObject({ status: 'awaiting-funding', awaitingSince: '2026-05-26', source: 'final-plan', setting: { urn: '120345' } });

    // band C (£12,000 a year, mainstream only in the matrix) from Tue 2026-09-01, open-ended: read on
    // 2027-03-01 it is committed to 31 Mar 2027, 212 days of 365: 1,200,000 × 212 ÷ 365 = 696,986.30 → 696,986p
    const agreed = (await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-09-14', band: 'C', settingUrn: '120345', from: '2026-09-01' }).expect(200)).body;
    expect(agreed).toMatchObject({ status: 'funded', topUps: [{ band: 'C', settingType: 'mainstream', from: '2026-09-01', to: null, annualPence: 1_200_000 }], commitmentsByYear: { '2026-27': 696_986 } });

    // the annual review ceases the plan (s.45): considered, decided with appeal rights, ceased once the window has closed
    await inReview(planId);
    await arCommand(planId, 'propose-cease', { on: '2026-10-01', reason: 'no-longer-necessary' });
    await arCommand(planId, 'cease', { on: '2026-10-26' });
    await arCommand(planId, 'cease-plan', { on: '2027-01-05' });

    const ceased = await eventually('the top-up ends the day before the plan ceased', async () => {
      const p = (await officer.get(`/funding/plans/${planId}`).expect(200)).body;
      return p.status === 'ceased' ? p : null;
    });
    expect(ceased.topUps).toEqual([expect.objectContaining({ band: 'C', from: '2026-09-01', to: '2027-01-04', endReason: 'plan-ceased' })]);
    expect(ceased.ceased).toMatchObject({ ceasedOn: '2027-01-05' });
    // 1 Sep 2026-4 Jan 2027: 30 + 31 + 30 + 31 + 4 = 126 days: 1,200,000 × 126 ÷ 365 = 414,246.58 → 414,247p
    expect(ceased.commitmentsByYear).toEqual({ '2026-27': 414_247 });

    // funding's relay publishes both changes, keyed by the plan, in the contract's shape, each with the plan as it stands after it
    const changes = await commitmentChanges(planId, (seen) => seen.some((c) => c.cause === 'top-up-ended'));
    expect(changes.map(valid)).toEqual([['top-up-agreed', true, null], ['top-up-ended', true, null]]);
    const commitment = { settingUrn: '120345', settingType: 'mainstream', band: 'C', from: '2026-09-01', annualPence: 1_200_000, share: null };
    expect(changes).toEqual([
      { planId, reference: expect.any(String), cause: 'top-up-agreed', recordedOn: '2027-03-01',
        commitments: [{ ...commitment, to: '2027-03-31', openEnded: true, amountsByYear: [{ fy: '2026-27', pence: 696_986 }] }] },
      { planId, reference: expect.any(String), cause: 'top-up-ended', recordedOn: '2027-03-01',
        commitments: [{ ...commitment, to: '2027-01-04', openEnded: false, amountsByYear: [{ fy: '2026-27', pence: 414_247 }] }] },
    ]);
  });

  it('a dual registration agreed in the annual review releases the mainstream school\'s share of a special school\'s top-up once the provision form is in', async () => {
    const planId = await finalPlan({ urn: '120347', name: 'St Hugh\'s Special School' });
    await inTray(planId);
    // band S2 (£21,000.50 a year, special only) from 2026-09-01
    await officer.post(`/funding/plans/${planId}/agree-top-up`).send({ on: '2026-09-14', band: 'S2', settingUrn: '120347', from: '2026-09-01' }).expect(200);

    expect(await inReview(planId)).toMatchObject({ namedSetting: { urn: '120347', type: 'special' } });
    await arCommand(planId, 'agree-dual-registration', { on: '2026-09-01', mainstream: '120345', startOn: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 } });
    await arCommand(planId, 'submit-provision-form', { on: '2026-09-02' });

    const shared = await eventually('funding releases the mainstream share', async () => {
      const p = (await officer.get(`/funding/plans/${planId}`).expect(200)).body;
      return p.dualRegistration?.fundingReleased ? p : null;
    });
    // the form came before the first day at the mainstream school: released from that day
    expect(shared.dualRegistration).toMatchObject({
      dualRegistrationId: 'dual-registration-1', mainstreamUrn: '120345', startOn: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 },
      fundingReleased: { from: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 }, splitAssumed: false }, ended: null,
    });
    // the year's total is unchanged by sharing it: 2,100,050 × 13 ÷ 365 = 74,796.30 → 74,796 (1-13 Sep) and
    // 2,100,050 × 199 ÷ 365 = 1,144,958.77 → 1,144,959 (14 Sep-31 Mar): 1,219,755p, as for 212 days at once
    expect(shared.commitmentsByYear).toEqual({ '2026-27': 1_219_755 });

    const changes = await commitmentChanges(planId, (seen) => seen.some((c) => c.cause === 'dual-registration-funding-released'));
    expect(changes.map(valid)).toEqual([['top-up-agreed', true, null], ['dual-registration-funding-released', true, null]]);
    // finance is told the split: 1,144,959 × 6/10 = 686,975.4 and × 4/10 = 457,983.6; the floors leave
    // a penny, to the larger remainder: 686,975 to the special school and 457,984 to the mainstream school
    expect(changes[1].commitments.map((c) => [c.settingUrn, c.from, c.to, c.share, c.amountsByYear])).toEqual([
      ['120347', '2026-09-01', '2026-09-13', null, [{ fy: '2026-27', pence: 74_796 }]],
      ['120347', '2026-09-14', '2027-03-31', { weight: 6, of: 10 }, [{ fy: '2026-27', pence: 686_975 }]],
      ['120345', '2026-09-14', '2027-03-31', { weight: 4, of: 10 }, [{ fy: '2026-27', pence: 457_984 }]],
    ]);
  });
});
