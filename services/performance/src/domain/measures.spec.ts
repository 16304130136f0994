import { CaseIndex } from './case-index';
import type { Fact, FactData, FactKind } from './facts';
import { computePack, DEFAULT_PACK_SETTINGS, type PackContext } from './measures';
import { restate } from './restatement';
import { suppressPack } from './suppression';

// Given these events, the pack says exactly this: each figure below was worked out by hand.
let n = 0;
const fact = <K extends FactKind>(kind: K, caseId: string, on: string, data: FactData[K], recordedAt = `${on}T12:00:00.000Z`): Fact =>
  ({ id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, kind, caseId, on, recordedAt, data }) as Fact;
const requested = (caseId: string, on: string, requestedBy = 'parent', caseworkerId: string | null = null) =>
  fact('requested', caseId, on, { reference: `NA-2026-${caseId.toUpperCase()}`, childId: `child-${caseId}`, requestedBy, caseworkerId });
const plan = (caseId: string, on: string, receivedOn: string, extra: Partial<FactData['final-plan']> = {}) =>
  fact('final-plan', caseId, on, { reference: null, childId: `child-${caseId}`, receivedOn, excepted: false, caseworkerId: null, setting: { urn: '100001', name: 'Oak School' }, receptionYear: null, ...extra });
const within = { withinStatutoryTime: true };

const history: Fact[] = [
  // a: decided on time (40 days), plan in April, so still open at the end of March
  requested('a', '2025-12-01', 'parent', 'cw-2'), fact('decided-to-assess', 'a', '2026-01-10', within), plan('a', '2026-04-15', '2025-12-01'),
  // b: refused 44 days after the request: late
  requested('b', '2026-01-20', 'school'), fact('refused-to-assess', 'b', '2026-03-05', { withinStatutoryTime: false }),
  // c: agreed 37 days after the request
  requested('c', '2026-02-01', 'parent', 'cw-2'), fact('decided-to-assess', 'c', '2026-03-10', within),
  // d: plan 152 days after the request, under an exception
  requested('d', '2025-10-01'), fact('decided-to-assess', 'd', '2025-11-05', within), plan('d', '2026-03-02', '2025-10-01', { excepted: true, caseworkerId: 'cw-1' }),
  // e: not to issue 130 days after the request: past 16 weeks
  requested('e', '2025-11-10'), fact('decided-to-assess', 'e', '2025-12-15', within), fact('not-to-issue', 'e', '2026-03-20', { withinStatutoryTime: false }),
  requested('f', '2026-03-03', 'parent'), requested('g', '2026-03-30', 'young-person'),
  // h: no decision by the end of March, due 2026-02-16
  requested('h', '2026-01-05', 'parent', 'cw-1'),
  // p reviewed before its date, q not at all
  plan('p', '2025-03-10', '2024-10-01', { caseworkerId: 'cw-1' }),
  fact('review-decision', 'p', '2026-03-05', { outcome: 'maintain', withinStatutoryTime: true, nextReviewDueBy: '2027-03-04' }),
  plan('q', '2025-03-20', '2024-10-10', { caseworkerId: 'cw-2' }),
  // two appealable decisions notified in March, one appealed in April
  fact('appeal-window', 'b', '2026-03-06', { decisionId: 'w1', decisionType: 'refusal-to-assess', appealDueBy: '2026-05-06' }),
  fact('appeal-window', 'e', '2026-03-21', { decisionId: 'w2', decisionType: 'decision-not-to-issue', appealDueBy: '2026-05-21' }),
  fact('appeal-registered', 'b', '2026-04-20', { decisionId: 'w1', appealId: 'ap1', type: 'refusal-to-assess', afterMediation: false }),
  fact('survey-invited', 'i1', '2026-03-04', { invitationId: 'i1', trigger: 'decision' }),
  fact('survey-invited', 'i2', '2026-03-12', { invitationId: 'i2', trigger: 'final-plan' }),
  fact('survey-answered', 'i1', '2026-03-04', { invitationId: 'i1', trigger: 'decision', scores: [{ question: 'q1', score: 4 }, { question: 'q2', score: 5 }] }),
  fact('commitment-changed', 'd', '2026-03-05', { commitments: [{ fy: '2025-26', pence: 100_000 }], annualPence: 1_200_000, settingUrns: ['100001'] }),
];

const ctx = (facts: Fact[], settings = DEFAULT_PACK_SETTINGS): PackContext => ({ index: new CaseIndex(facts), latest: '2026-06-30', settings });
const march = () => computePack(ctx(history), '2026-03', '2026-06-30').measures;
const figure = (m: { value: number | null; numerator: number | null; denominator: number | null }) => ({ value: m.value, numerator: m.numerator, denominator: m.denominator });

describe('the monthly pack, computed by hand on a small county', () => {
  it('counts requests received in the month, split by who asked', () => {
    const m = march().requestsReceived;
    expect(figure(m)).toEqual({ value: 2, numerator: 2, denominator: null });
    expect(m.breakdown).toEqual({ parent: 1, 'young-person': 1 });
    expect(m.cases.map((c) => c.caseId).sort()).toEqual(['f', 'g']);
  });

  it('decisions whether to assess: on time within 42 days of receipt, and the refusal rate, by decision date', () => {
    expect(figure(march().decisionsToAssessOnTime)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(figure(march().refusalRate)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('assessment to plan, 20-week timeliness with and without exceptions, 16-week no-plan', () => {
    const m = march();
    expect(figure(m.assessmentToPlan)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(figure(m.twentyWeekTimelinessInclExceptions)).toEqual({ value: 0, numerator: 0, denominator: 1 });
    // the only plan had an exception: nothing left to divide, which is not zero
    expect(figure(m.twentyWeekTimelinessExclExceptions)).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(m.twentyWeekTimelinessExclExceptions.status).toBe('no-cases');
    expect(figure(m.sixteenWeekNoPlanOnTime)).toEqual({ value: 0, numerator: 0, denominator: 1 });
  });

  it('lists the cases overdue at the month\'s end by stage, most overdue first', () => {
    const m = march().overdueCases;
    expect(m.value).toBe(2);
    expect(m.breakdown).toEqual({ decision: 1, 'review-decision': 1 });
    expect(m.cases.map((c) => [c.caseId, c.detail, c.daysOverdue])).toEqual([
      ['h', 'decision due 2026-02-16', 43],
      ['q', 'review-decision due 2026-03-19', 12],
    ]);
  });

  it('annual reviews due in the month, on time when decided by the due date', () => {
    const m = march().annualReviewsOnTime;
    expect(figure(m)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(m.cases.find((c) => c.caseId === 'p')?.inNumerator).toBe(true);
  });

  it('caseload per caseworker at the snapshot: active plans and open assessments over caseworkers holding any', () => {
    const m = march().caseloadPerCaseworker;
    expect(figure(m)).toEqual({ value: 3, numerator: 6, denominator: 2 });
    expect(m.breakdown).toEqual({ 'cw-1': 3, 'cw-2': 3 });
  });

  it('request to plan conversion looks at the latest cohort whose look-back has passed', () => {
    const m = march();
    expect(figure(m.requestToPlanConversion20Weeks)).toEqual({ value: 0, numerator: 0, denominator: 1 });
    expect(m.requestToPlanConversion20Weeks.breakdown).toEqual({ 'cohort 2025-10': 1 });
    expect(m.requestToPlanConversion30Weeks.breakdown).toEqual({ 'cohort 2025-08': 0 });
  });

  it('appeal rate: decisions notified in the month that were appealed, final once the windows closed', () => {
    const m = march().appealRate;
    expect(figure(m)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(m.provisional).toBe(false);
    // as at the end of April the second window is still open
    expect(computePack({ ...ctx(history), latest: '2026-04-30' }, '2026-03', '2026-04-30').measures.appealRate.provisional).toBe(true);
  });

  it('survey response rate and mean score; funding committed this year and forecast for the next', () => {
    const m = march();
    expect(figure(m.surveyResponseRate)).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(figure(m.surveyMeanScore)).toEqual({ value: 4.5, numerator: 9, denominator: 2 });
    expect(m.fundingCommitted.value).toBe(100_000);
    expect(m.fundingForecastNextYear.value).toBe(1_200_000);
  });

  it('keeps a 12-month trend ending with the month', () => {
    const trend = march().refusalRate.trend;
    expect(trend.map((t) => t.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(trend[10]).toEqual({ month: '2026-02', value: null, numerator: 0, denominator: 0 });
    expect(trend[11]).toEqual({ month: '2026-03', value: 0.5, numerator: 1, denominator: 2 });
  });

  it('says a source has not landed instead of showing zero', () => {
    const pack = computePack(ctx(history, { ...DEFAULT_PACK_SETTINGS, sources: ['needs-assessment'] }), '2026-03', null);
    expect(pack.measures.fundingCommitted).toMatchObject({ value: null, status: 'source-not-landed' });
    expect(pack.measures.requestsReceived.status).toBe('ok');
  });
});

describe('restatement and suppression', () => {
  it('a decision recorded late changes the restated figure, and shows the case that came in', () => {
    const lateRefusal = history.find((f) => f.kind === 'refused-to-assess')!;
    const asPublished = computePack(ctx(history.filter((f) => f !== lateRefusal)), '2026-03', '2026-03-31');
    const now = computePack(ctx(history), '2026-03', '2026-06-30');
    expect(figure(asPublished.measures.refusalRate)).toEqual({ value: 0, numerator: 0, denominator: 1 });
    const r = restate(asPublished, now);
    expect(r.measures.refusalRate).toMatchObject({ from: { value: 0, numerator: 0, denominator: 1 }, to: { value: 0.5, numerator: 1, denominator: 2 }, restated: true });
    expect(r.measures.refusalRate.casesAdded.map((c) => c.caseId)).toEqual(['b']);
    expect(r.restated).toContain('refusalRate');
    expect(r.restated).not.toContain('requestsReceived');
  });

  it('an aggregate-only reader sees no cases and no count of 1 to 4', () => {
    const pack = suppressPack(computePack(ctx(history), '2026-03', null));
    expect(pack.measures.requestsReceived).toMatchObject({ value: null, numerator: null, suppressed: true, cases: [] });
    expect(pack.measures.refusalRate).toMatchObject({ value: null, numerator: null, denominator: null, suppressed: true });
    expect(pack.measures.requestsReceived.breakdown).toEqual({ parent: null, 'young-person': null });
    // money is not a count of people
    expect(pack.measures.fundingCommitted.value).toBe(100_000);
  });

  it('shows counts of 5 or more, and zero', () => {
    const many = Array.from({ length: 5 }, (_, i) => requested(`m${i}`, '2026-05-04'));
    const pack = suppressPack(computePack(ctx(many), '2026-05', null));
    expect(pack.measures.requestsReceived).toMatchObject({ value: 5, numerator: 5, suppressed: false });
    expect(pack.measures.refusalRate).toMatchObject({ numerator: 0, denominator: 0 });
  });
});
