import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';
import { tribunalService } from '../../services/tribunal/src/service';

/**
 * The monthly meeting's appeals figures (GET /appeals/stats) over a small county built through the
 * API, every figure checked against the working below. Embedded mode, real PostgreSQL, today fixed
 * at Mon 2027-03-01, the flow's lag the default 2 months.
 *
 *   decision (letter)            mediation                                   appeal (registered → end)                           order (final step due → done)
 *   W0  refusal      2025-12-15  —                                            —
 *   W1  refusal      2026-01-12  —                                            refusal-to-assess 03-02 → allowed 06-15             assess: 09-21 → final plan 09-14 (on time)
 *   W2  final plan   2026-01-20  wants 02-02, screened proceed, held 02-20    contents [F, I, C] 03-10 → allowed in part 07-20   amend B/F: 08-24 → 08-28 (late)
 *                                (due 03-04), certificate 02-23
 *   W3  not to issue 2026-01-26  certificate only 02-10, certificate 02-12   —
 *   W4  refusal      2026-02-09  —                                            refusal-to-assess 04-01 → withdrawn 05-05
 *   W5  amended plan 2026-02-16  wants 02-20, screened resolved 02-24,       —
 *                                certificate 02-26
 *   W6  cease        2026-02-23  —                                            cease 04-20 → conceded 05-11                       continue maintaining: 05-11, excepted
 *   W7  not to amend 2026-03-02  —                                            refusal-to-amend [B] 04-27 → allowed 08-03         amend B/F: 09-07, never done (overdue)
 *   W8  final plan   2026-03-16  wants 03-20 (health), arranged for 04-30,    —
 *                                held 04-30 (due 04-19), certificate 05-01
 *   W9  refusal      2026-03-23  —                                            refusal-to-assess 05-11 → dismissed 09-07
 *   W15 not to amend 2026-04-13  —                                            refusal-to-amend 06-01 → remitted 10-12
 *   W14 amended plan 2026-05-11  —                                            section-i-only 06-15 → consent order 09-14         amend I: 09-28 → 09-25 (on time)
 *   W10 final plan   2026-06-10  —                                            —
 *   W17 final plan   2026-07-06  wants 07-13, not arranged 08-10,             contents [B] 09-07, response sent 10-19 (open)
 *                                certificate 08-12
 *   W11 refusal      2026-10-05  —                                            refusal-to-assess 11-16, response due 12-30 (open, overdue)
 *   W12 not to issue 2026-11-02  —                                            refusal-to-issue 12-14, hearing listed (open)
 *   W16 refusal      2026-12-07  —                                            refusal-to-assess 2027-01-18 → conceded 02-08      assess: 2027-05-17, notified 02-10 (not yet due)
 *   W13 final plan   2026-12-28  —                                            — (appeal deadline Mon 2027-03-01: still open today)
 */
describe('the monthly meeting\'s appeals figures (GET /appeals/stats)', () => {
  const clock = fixedClock('2027-03-01T12:00:00Z');
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let officer: request.Agent;
  let reader: request.Agent;

  const ok = (res: request.Response) => {
    if (res.status !== 200 && res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const window = async (decisionType: string, letterOn: string): Promise<string> =>
    ok(await officer.post('/appeal-windows').send({ source: { service: 'before-the-hub', id: `LEG-${letterOn}` }, decisionType, letterOn })).id;
  const mediation = async (decisionId: string, requestedOn: string, wantsMediation: boolean, steps: [string, Record<string, unknown>][], healthInvolved = false) => {
    const { id } = ok(await officer.post('/mediations').send({ decisionId, requestedOn, wantsMediation, healthInvolved }));
    for (const [command, body] of steps) ok(await officer.post(`/mediations/${id}/${command}`).send(body));
  };
  const appeal = async (decisionId: string, registeredOn: string, type: string, steps: [string, Record<string, unknown>][], grounds: string[] = []) => {
    const { id } = ok(await officer.post('/appeals').send({ decisionId, registeredOn, type, grounds: grounds.map((section) => ({ section })) }));
    for (const [command, body] of steps) ok(await officer.post(`/appeals/${id}/${command}`).send(body));
  };
  const stats = async (from: string, to: string) => {
    // the read model has applied the last event stored (the store's head can lag behind it while any transaction in the database is open)
    const tribunal = host.runtimes.find((r) => r.service === 'tribunal')!;
    const { rows } = await tribunal.pool.query(`SELECT coalesce(max(global_position), 0) AS last FROM "${tribunal.schema}".es_events`);
    expect(await tribunal.projections[0].waitFor(Number(rows[0].last), 30_000)).toBe(true);
    return (await reader.get('/appeals/stats').query({ from, to }).expect(200)).body;
  };

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService, tribunalService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    officer = await tokens.as(host.url, CALLERS.tribunalOfficer);
    reader = await tokens.as(host.url, CALLERS.performanceReader);

    await window('refusal-to-assess', '2025-12-15');
    const w1 = await window('refusal-to-assess', '2026-01-12');
    await appeal(w1, '2026-03-02', 'refusal-to-assess', [
      ['record-outcome', { on: '2026-06-15', outcome: 'allowed' }],
      ['record-compliance', { on: '2026-06-22', orderId: 'order-1', step: 'notify' }],
      ['record-compliance', { on: '2026-09-14', orderId: 'order-1', step: 'final-plan' }],
    ]);
    const w2 = await window('final-plan', '2026-01-20');
    await mediation(w2, '2026-02-02', true, [
      ['screen', { on: '2026-02-03', outcome: 'proceed' }], ['arrange', { on: '2026-02-05', takesPlaceOn: '2026-02-20' }], ['hold', { on: '2026-02-20' }],
      ['issue-certificate', { on: '2026-02-23' }],
    ]);
    await appeal(w2, '2026-03-10', 'contents', [
      ['record-outcome', {
        on: '2026-07-20', outcome: 'allowed-in-part', orders: [{ kind: 'amend-special-educational-provision' }],
        grounds: [{ section: 'F', outcome: 'upheld' }, { section: 'I', outcome: 'not-upheld' }, { section: 'C', outcome: 'recommendation-made' }],
      }],
      ['record-compliance', { on: '2026-08-28', orderId: 'order-1', step: 'amended-plan' }],
    ], ['F', 'I', 'C']);
    const w3 = await window('decision-not-to-issue', '2026-01-26');
    await mediation(w3, '2026-02-10', false, [['issue-certificate', { on: '2026-02-12' }]]);
    const w4 = await window('refusal-to-assess', '2026-02-09');
    await appeal(w4, '2026-04-01', 'refusal-to-assess', [['withdraw', { on: '2026-05-05' }]]);
    const w5 = await window('amended-plan', '2026-02-16');
    await mediation(w5, '2026-02-20', true, [['screen', { on: '2026-02-24', outcome: 'resolved' }], ['issue-certificate', { on: '2026-02-26' }]]);
    const w6 = await window('cease', '2026-02-23');
    await appeal(w6, '2026-04-20', 'cease', [
      ['concede', { on: '2026-05-11' }],
      ['apply-compliance-exception', { on: '2026-05-11', orderId: 'order-1', reason: 'personal-circumstances' }],
    ]);
    const w7 = await window('decision-not-to-amend', '2026-03-02');
    await appeal(w7, '2026-04-27', 'refusal-to-amend', [
      ['record-outcome', { on: '2026-08-03', outcome: 'allowed', grounds: [{ section: 'B', outcome: 'upheld' }], orders: [{ kind: 'amend-special-educational-provision' }] }],
    ], ['B']);
    const w8 = await window('final-plan', '2026-03-16');
    await mediation(w8, '2026-03-20', true, [
      ['arrange', { on: '2026-03-25', takesPlaceOn: '2026-04-30' }], ['hold', { on: '2026-04-30' }], ['issue-certificate', { on: '2026-05-01' }],
    ], true);
    const w9 = await window('refusal-to-assess', '2026-03-23');
    await appeal(w9, '2026-05-11', 'refusal-to-assess', [['record-outcome', { on: '2026-09-07', outcome: 'dismissed' }]]);
    const w15 = await window('decision-not-to-amend', '2026-04-13');
    await appeal(w15, '2026-06-01', 'refusal-to-amend', [['record-outcome', { on: '2026-10-12', outcome: 'remitted' }]]);
    const w14 = await window('amended-plan', '2026-05-11');
    await appeal(w14, '2026-06-15', 'section-i-only', [
      ['record-outcome', { on: '2026-09-14', outcome: 'consent-order', orders: [{ kind: 'amend-section-i-only' }] }],
      ['record-compliance', { on: '2026-09-25', orderId: 'order-1', step: 'amended-plan' }],
    ]);
    await window('final-plan', '2026-06-10');
    const w17 = await window('final-plan', '2026-07-06');
    await mediation(w17, '2026-07-13', true, [['record-not-arranged', { on: '2026-08-10' }], ['issue-certificate', { on: '2026-08-12' }]]);
    await appeal(w17, '2026-09-07', 'contents', [['send-response', { on: '2026-10-19' }]], ['B']);
    const w11 = await window('refusal-to-assess', '2026-10-05');
    await appeal(w11, '2026-11-16', 'refusal-to-assess', []);
    const w12 = await window('decision-not-to-issue', '2026-11-02');
    await appeal(w12, '2026-12-14', 'refusal-to-issue', [['send-response', { on: '2027-01-20' }], ['list-hearing', { on: '2027-01-25', hearingOn: '2027-04-12' }]]);
    const w16 = await window('refusal-to-assess', '2026-12-07');
    await appeal(w16, '2027-01-18', 'refusal-to-assess', [['concede', { on: '2027-02-08' }], ['record-compliance', { on: '2027-02-10', orderId: 'order-1', step: 'notify' }]]);
    await window('final-plan', '2026-12-28');
  });
  afterAll(() => host.stop());

  const none = { 'refusal-to-assess': 0, 'refusal-to-issue': 0, contents: 0, 'section-i-only': 0, cease: 0, 'refusal-to-amend': 0, 'refusal-to-reassess': 0 };
  const noOutcomes = { dismissed: 0, allowed: 0, 'allowed-in-part': 0, remitted: 0, withdrawn: 0, conceded: 0, 'consent-order': 0 };

  describe('for 2026', () => {
    let body: Record<string, any>;
    beforeAll(async () => { body = await stats('2026-01', '2026-12'); });

    it('names the range, today and every month in it', () => {
      expect(body).toMatchObject({ from: '2026-01', to: '2026-12', asOf: '2027-03-01' });
      expect(body.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    });

    it('counts appeals registered by month and type (W16\'s, in January 2027, is outside)', () => {
      const r = body.appealsRegistered;
      expect(r.total).toBe(11);
      expect(r.byType).toEqual({ ...none, 'refusal-to-assess': 4, 'refusal-to-issue': 1, contents: 2, 'section-i-only': 1, cease: 1, 'refusal-to-amend': 2 });
      expect(r.byMonth.map((m: { total: number }) => m.total)).toEqual([0, 0, 2, 3, 1, 2, 0, 0, 1, 0, 1, 1]);
      expect(r.byMonth[3]).toEqual({ month: '2026-04', total: 3, byType: { ...none, 'refusal-to-assess': 1, cease: 1, 'refusal-to-amend': 1 } });
      expect(r.byMonth[5]).toEqual({ month: '2026-06', total: 2, byType: { ...none, 'section-i-only': 1, 'refusal-to-amend': 1 } });
    });

    it('gives the cohort appeal rate of the decisions notified in each month, counting a window only once it has closed or been appealed', () => {
      const c = body.appealRate.cohort;
      // 17 letters in 2026; 12 appealed (W4's withdrawn appeal still counts); W13's window is open until today
      expect(c).toMatchObject({ decisions: 17, appealed: 12, counted: 16, windowsOpen: 1, rate: 0.75 });
      const month = (decisions: number, appealed: number, windowsOpen: number, rate: number | null) => ({ decisions, appealed, counted: decisions - windowsOpen, windowsOpen, rate });
      expect(c.byMonth).toEqual([
        { month: '2026-01', ...month(3, 2, 0, 0.6667) }, { month: '2026-02', ...month(3, 2, 0, 0.6667) }, { month: '2026-03', ...month(3, 2, 0, 0.6667) },
        { month: '2026-04', ...month(1, 1, 0, 1) }, { month: '2026-05', ...month(1, 1, 0, 1) }, { month: '2026-06', ...month(1, 0, 0, 0) },
        { month: '2026-07', ...month(1, 1, 0, 1) }, { month: '2026-08', ...month(0, 0, 0, null) }, { month: '2026-09', ...month(0, 0, 0, null) },
        { month: '2026-10', ...month(1, 1, 0, 1) }, { month: '2026-11', ...month(1, 1, 0, 1) }, { month: '2026-12', ...month(2, 1, 1, 1) },
      ]);
      expect(c.byDecisionType).toEqual([
        { decisionType: 'refusal-to-assess', ...month(5, 5, 0, 1) },
        { decisionType: 'decision-not-to-issue', ...month(2, 1, 0, 0.5) },
        { decisionType: 'final-plan', ...month(5, 2, 1, 0.5) },
        { decisionType: 'amended-plan', ...month(2, 1, 0, 0.5) },
        { decisionType: 'decision-not-to-amend', ...month(2, 2, 0, 1) },
        { decisionType: 'refusal-to-reassess', ...month(0, 0, 0, null) },
        { decisionType: 'cease', ...month(1, 1, 0, 1) },
      ]);
    });

    it('gives the flow appeal rate: appeals in month M over the decisions notified two months before (W0, December 2025, is February\'s)', () => {
      const f = body.appealRate.flow;
      expect(f).toMatchObject({ lagMonths: 2, appeals: 11, decisions: 15, rate: 0.7333 });
      expect(f.byMonth).toEqual([
        { month: '2026-01', appeals: 0, decisionsMonth: '2025-11', decisions: 0, rate: null },
        { month: '2026-02', appeals: 0, decisionsMonth: '2025-12', decisions: 1, rate: 0 },
        { month: '2026-03', appeals: 2, decisionsMonth: '2026-01', decisions: 3, rate: 0.6667 },
        { month: '2026-04', appeals: 3, decisionsMonth: '2026-02', decisions: 3, rate: 1 },
        { month: '2026-05', appeals: 1, decisionsMonth: '2026-03', decisions: 3, rate: 0.3333 },
        { month: '2026-06', appeals: 2, decisionsMonth: '2026-04', decisions: 1, rate: 2 },
        { month: '2026-07', appeals: 0, decisionsMonth: '2026-05', decisions: 1, rate: 0 },
        { month: '2026-08', appeals: 0, decisionsMonth: '2026-06', decisions: 1, rate: 0 },
        { month: '2026-09', appeals: 1, decisionsMonth: '2026-07', decisions: 1, rate: 1 },
        { month: '2026-10', appeals: 0, decisionsMonth: '2026-08', decisions: 0, rate: null },
        { month: '2026-11', appeals: 1, decisionsMonth: '2026-09', decisions: 0, rate: null },
        { month: '2026-12', appeals: 1, decisionsMonth: '2026-10', decisions: 1, rate: 1 },
      ]);
    });

    it('gives the outcomes of the appeals concluded in the range, by type and by ground', () => {
      const o = body.outcomes;
      expect(o.concluded).toBe(8);
      expect(o.byOutcome).toEqual({ dismissed: 1, allowed: 2, 'allowed-in-part': 1, remitted: 1, withdrawn: 1, conceded: 1, 'consent-order': 1 });
      // allowed wholly or in part (W1, W7; W2) of those decided at a hearing (and W9 dismissed, W15 remitted)
      expect(o.favourableToFamily).toEqual({ appeals: 3, decidedAtHearing: 5, rate: 0.6 });
      expect(o.byType).toEqual([
        { type: 'refusal-to-assess', concluded: 3, byOutcome: { ...noOutcomes, allowed: 1, withdrawn: 1, dismissed: 1 } },
        { type: 'refusal-to-issue', concluded: 0, byOutcome: noOutcomes },
        { type: 'contents', concluded: 1, byOutcome: { ...noOutcomes, 'allowed-in-part': 1 } },
        { type: 'section-i-only', concluded: 1, byOutcome: { ...noOutcomes, 'consent-order': 1 } },
        { type: 'cease', concluded: 1, byOutcome: { ...noOutcomes, conceded: 1 } },
        { type: 'refusal-to-amend', concluded: 2, byOutcome: { ...noOutcomes, allowed: 1, remitted: 1 } },
        { type: 'refusal-to-reassess', concluded: 0, byOutcome: noOutcomes },
      ]);
      const ground = (section: string, upheld = 0, notUpheld = 0, recommendationMade = 0) => ({ section, upheld, notUpheld, recommendationMade });
      expect(o.byGround).toEqual([ground('B', 1), ground('C', 0, 0, 1), ground('D'), ground('F', 1), ground('G'), ground('H1'), ground('H2'), ground('I', 0, 1)]);
    });

    it('gives mediation: requests, certificates with and without mediation, mediations held within 30 days, and those followed by an appeal', () => {
      expect(body.mediation).toEqual({
        // W2, W3, W5, W8, W17: W3 wanted a certificate only; W8 raised health care
        requests: { total: 5, wantingMediation: 4, certificateOnly: 1, healthInvolved: 1, screening: { resolved: 1, proceed: 1, notScreened: 2 } },
        // after mediation W2, W8; declined W3; resolved at screening W5; not arranged W17 — W2 and W17 went on to appeal
        certificates: { issued: 5, withMediation: 2, withoutMediation: 3, after: { declined: 1, 'mediation-ended': 2, 'not-arranged': 1, screening: 1 }, followedByAppeal: 2 },
        // W2 within the 30 days (due 03-04), W8 after them (due 04-19); only W2 appealed
        held: { total: 2, withinThirtyDays: 1, later: 1, followedByAppeal: 1 },
      });
    });

    it('gives the days from registration to outcome, median and mean, by type', () => {
      // 105 (W1), 132 (W2), 34 (W4), 21 (W6), 98 (W7), 119 (W9), 91 (W14), 133 (W15)
      const t = body.timeToOutcome;
      expect(t).toMatchObject({ concluded: 8, medianDays: 101.5, meanDays: 91.6 });
      expect(t.byType).toEqual([
        { type: 'refusal-to-assess', concluded: 3, medianDays: 105, meanDays: 86 },
        { type: 'refusal-to-issue', concluded: 0, medianDays: null, meanDays: null },
        { type: 'contents', concluded: 1, medianDays: 132, meanDays: 132 },
        { type: 'section-i-only', concluded: 1, medianDays: 91, meanDays: 91 },
        { type: 'cease', concluded: 1, medianDays: 21, meanDays: 21 },
        { type: 'refusal-to-amend', concluded: 2, medianDays: 115.5, meanDays: 115.5 },
        { type: 'refusal-to-reassess', concluded: 0, medianDays: null, meanDays: null },
      ]);
    });

    it('gives reg 44 compliance of the orders whose last step fell due in the range, the excepted one apart', () => {
      const c = body.compliance;
      // on time W1, W14; late W2; overdue W7; excepted W6: 2 of 4
      expect(c).toMatchObject({ ordersDue: 5, compliedOnTime: 2, compliedLate: 1, openOverdue: 1, openNotYetDue: 0, excepted: 1, rate: 0.5 });
      const kind = (k: string, figures: Partial<Record<'ordersDue' | 'compliedOnTime' | 'compliedLate' | 'openOverdue' | 'openNotYetDue' | 'excepted', number>> = {}) =>
        ({ kind: k, ordersDue: 0, compliedOnTime: 0, compliedLate: 0, openOverdue: 0, openNotYetDue: 0, excepted: 0, ...figures });
      expect(c.byKind).toEqual([
        kind('assess-or-reassess', { ordersDue: 1, compliedOnTime: 1 }),
        kind('make-and-maintain-plan'),
        kind('amend-special-educational-provision', { ordersDue: 2, compliedLate: 1, openOverdue: 1 }),
        kind('amend-section-i-only', { ordersDue: 1, compliedOnTime: 1 }),
        kind('amend-provision-and-section-i'),
        kind('cease-decision-overturned', { ordersDue: 1, excepted: 1 }),
        kind('cease-appeal-dismissed'),
      ]);
    });

    it('gives the appeals open today by stage, with the earliest deadline in each', () => {
      expect(body.openAppeals).toEqual({
        total: 3,
        byStage: [
          // W11: the LA's response was due 30 working days after 2026-11-16
          { stage: 'registered', appeals: 1, overdue: 1, nextDeadline: { kind: 'la-response', due: '2026-12-30', daysLeft: -61 } },
          { stage: 'response-sent', appeals: 1, overdue: 0, nextDeadline: null },
          { stage: 'hearing-listed', appeals: 1, overdue: 0, nextDeadline: null },
        ],
      });
    });
  });

  it('counts an order not yet due, and a range with no letters, in the first half of 2027', async () => {
    const body = await stats('2027-01', '2027-06');
    expect(body.appealsRegistered.total).toBe(1);
    expect(body.appealRate.cohort).toMatchObject({ decisions: 0, appealed: 0, counted: 0, windowsOpen: 0, rate: null });
    // January's appeal (W16) over November 2026's letter (W12); the decisions of November and December 2026 are the range's denominators
    expect(body.appealRate.flow).toMatchObject({ appeals: 1, decisions: 3, rate: 0.3333 });
    expect(body.appealRate.flow.byMonth[0]).toEqual({ month: '2027-01', appeals: 1, decisionsMonth: '2026-11', decisions: 1, rate: 1 });
    expect(body.outcomes.byOutcome).toEqual({ ...noOutcomes, conceded: 1 });
    expect(body.timeToOutcome).toMatchObject({ concluded: 1, medianDays: 21, meanDays: 21 });
    // W16's order to assess: the final plan is due 2027-05-17
    expect(body.compliance).toMatchObject({ ordersDue: 1, compliedOnTime: 0, compliedLate: 0, openOverdue: 0, openNotYetDue: 1, excepted: 0, rate: null });
    expect(body.mediation.requests.total).toBe(0);
  });

  it('gives the same figures from a read model rebuilt from event zero', async () => {
    const before = await stats('2025-12', '2027-02');
    const admin = await tokens.as(host.url, CALLERS.administrator);
    await admin.post('/appeal-windows/projections/rebuild').expect(200);
    expect(await stats('2025-12', '2027-02')).toEqual(before);
  });

  describe('refuses a malformed range (400, naming the field)', () => {
    const faults = async (query: Record<string, string>) => (await reader.get('/appeals/stats').query(query).expect(400)).body.errors as { field: string; rule: string }[];

    it('without from and to', async () => {
      expect(await faults({})).toEqual([expect.objectContaining({ field: 'from', rule: 'InvalidMonth' }), expect.objectContaining({ field: 'to', rule: 'InvalidMonth' })]);
    });

    it('with a month that is not YYYY-MM', async () => {
      expect(await faults({ from: '2026-13', to: '2026-12' })).toEqual([expect.objectContaining({ field: 'from', rule: 'InvalidMonth' })]);
      expect(await faults({ from: '2026-01', to: '26-1' })).toEqual([expect.objectContaining({ field: 'to', rule: 'InvalidMonth' })]);
    });

    it('with to before from', async () => {
      expect(await faults({ from: '2026-05', to: '2026-04' })).toEqual([expect.objectContaining({ field: 'to', rule: 'MonthBeforeFrom' })]);
    });

    it('over more than 120 months, but not over 120', async () => {
      expect(await faults({ from: '2016-01', to: '2026-01' })).toEqual([expect.objectContaining({ field: 'to', rule: 'RangeTooLong' })]);
      expect((await reader.get('/appeals/stats').query({ from: '2016-02', to: '2026-01' }).expect(200)).body.months).toHaveLength(120);
    });
  });
});
