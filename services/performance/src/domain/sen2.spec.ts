import type { Fact, FactData, FactKind } from './facts';
import { SEN2_GAPS, sen2Return, validateSen2 } from './sen2';

let seq = 0;
const fact = <K extends FactKind>(kind: K, caseId: string, on: string, data: FactData[K]): Fact =>
  ({ id: `f-${++seq}`, kind, caseId, on, recordedAt: `${on}T12:00:00Z`, data }) as Fact;
const requested = (caseId: string, on: string, childId = `child-${caseId}`) =>
  fact('requested', caseId, on, { reference: `REF-${caseId}`, childId, requestedBy: 'parent', caseworkerId: null });
const decided = (kind: 'decided-to-assess' | 'refused-to-assess' | 'not-to-issue', caseId: string, on: string) => fact(kind, caseId, on, { withinStatutoryTime: true });
const finalPlan = (caseId: string, on: string, receivedOn: string, opts: { urn?: string | null; excepted?: boolean; receptionYear?: number | null; childId?: string } = {}) =>
  fact('final-plan', caseId, on, {
    reference: null, childId: opts.childId ?? `child-${caseId}`, receivedOn, excepted: opts.excepted ?? false, caseworkerId: null,
    setting: { urn: opts.urn === undefined ? '100001' : opts.urn, name: 'Oak School' }, receptionYear: opts.receptionYear ?? null,
  });

// collection year 2026: census 15 January 2026, flows in calendar 2025
const history: Fact[] = [
  requested('a', '2025-02-03'), decided('decided-to-assess', 'a', '2025-03-10'), finalPlan('a', '2025-06-20', '2025-02-03', { excepted: true, receptionYear: 2015 }),
  requested('b', '2025-04-01'), decided('refused-to-assess', 'b', '2025-05-06'),
  fact('appeal-window', 'b', '2025-05-06', { decisionId: 'd-b', decisionType: 'refusal-to-assess', appealDueBy: '2025-07-06' }),
  fact('mediation-requested', 'b', '2025-05-20', { decisionId: 'd-b', wantsMediation: true }),
  fact('appeal-registered', 'b', '2025-07-01', { decisionId: 'd-b', appealId: 'ap-b', type: 'refusal-to-assess', afterMediation: true }),
  requested('c', '2025-05-01'), fact('case-closed', 'c', '2025-05-20', { reason: 'withdrawn' }),
  requested('d', '2025-12-01'), finalPlan('d', '2026-02-01', '2025-12-01'), // after the census: not known to the return
  finalPlan('e', '2020-03-01', '2019-10-01'), fact('plan-ceased', 'e', '2025-07-31', { reason: 'max-age' }),
  requested('f', '2020-12-01'), decided('decided-to-assess', 'f', '2021-01-10'), finalPlan('f', '2021-05-01', '2020-12-01'),
  fact('amended-plan', 'f', '2025-09-01', { withinStatutoryTime: true, setting: { urn: null, name: 'Home programme', type: 'otherwise-than-at-school' }, phaseTransfer: null }),
  fact('review-decision', 'f', '2025-11-20', { outcome: 'maintain', withinStatutoryTime: true, nextReviewDueBy: '2026-11-19' }),
  requested('g', '2023-09-01'), decided('decided-to-assess', 'g', '2023-10-01'), finalPlan('g', '2024-01-10', '2023-09-01'),
  fact('case-closed', 'g', '2025-03-03', { reason: 'died' }),
  requested('h', '2025-01-06'), decided('decided-to-assess', 'h', '2025-02-10'), decided('not-to-issue', 'h', '2025-04-28'),
  requested('x', '2023-02-01'), decided('refused-to-assess', 'x', '2023-03-01'),
];

describe('SEN2 return for 2026', () => {
  const ret = sen2Return(history, 2026);
  const requestOf = (id: string) => ret.requests.find((r) => r.caseId === id);

  it('takes the census date and the previous calendar year', () => {
    expect([ret.censusDate, ret.flowsFrom, ret.flowsTo]).toEqual(['2026-01-15', '2025-01-01', '2025-12-31']);
  });

  it('returns the year\'s requests, ongoing work and the requests behind active and ceased plans, but not work finished before the year', () => {
    expect(ret.requests.map((r) => r.caseId).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('gives each request its outcome and outcome date as known on the census date', () => {
    expect(ret.requests.map((r) => [r.caseId, r.requestOutcome, r.requestOutcomeDate, r.receivedInYear]).sort()).toEqual([
      ['a', 'Y', '2025-03-10', true], ['b', 'N', '2025-05-06', true], ['c', 'W', '2025-05-20', true], ['d', 'A', null, true],
      ['e', 'H', null, false], ['f', 'H', null, false], ['g', 'H', null, false], ['h', 'Y', '2025-02-10', true],
    ]);
    expect(requestOf('a')?.reference).toBe('REF-a');
  });

  it('sets the request\'s mediation and tribunal flags from a mediation or appeal about the refusal', () => {
    expect(requestOf('b')).toMatchObject({ requestMediation: true, requestTribunal: true });
    expect(requestOf('a')).toMatchObject({ requestMediation: false, requestTribunal: false });
  });

  it('gives each assessment its outcome, date and 20-week exception flag', () => {
    expect(ret.assessments.map((a) => [a.caseId, a.assessmentOutcome, a.assessmentOutcomeDate, a.week20]).sort()).toEqual([
      ['a', 'Y', '2025-06-20', true], ['e', 'H', null, false], ['f', 'H', null, false], ['g', 'H', null, false], ['h', 'N', '2025-04-28', false],
    ]);
  });

  it('counts plans active on the census date, with the setting then named, the last review and the age from the Reception year', () => {
    expect(ret.stock).toEqual([
      { caseId: 'f', reference: 'REF-f', childId: 'child-f', startDate: '2021-05-01', lastReview: '2025-11-20', ageAtCensus: null, ageBand: null,
        setting: { urn: null, ukprn: null, name: 'Home programme', type: 'otherwise-than-at-school', senSetting: 'OLA' } },
      { caseId: 'a', reference: 'REF-a', childId: 'child-a', startDate: '2025-06-20', lastReview: null, ageAtCensus: 15, ageBand: '11 to 15',
        setting: { urn: '100001', ukprn: null, name: 'Oak School', type: null, senSetting: null } },
    ]);
  });

  it('lists new plans by start date and ceased plans with SEN2\'s cease reason, a death closing the case as Deceased', () => {
    expect(ret.newPlans.map((p) => [p.caseId, p.startDate])).toEqual([['a', '2025-06-20']]);
    expect(ret.ceased.map((c) => [c.caseId, c.ceaseDate, c.ceaseReason, c.hubReason])).toEqual([
      ['e', '2025-07-31', 1, 'max-age'], ['g', '2025-03-03', 8, 'case closed: died'],
    ]);
  });

  it('lists the placements the year saw: the one in force on 1 January and each named since', () => {
    expect(ret.placements.filter((p) => p.caseId === 'f').map((p) => [p.namedBy, p.namedOn, p.replacedOn, p.setting.name])).toEqual([
      ['final-plan', '2021-05-01', '2025-09-01', 'Oak School'], ['amended-plan', '2025-09-01', null, 'Home programme'],
    ]);
  });

  it('totals the return', () => {
    expect(ret.totals).toEqual({
      activePlans: 2, activePlansByAgeBand: { 'unknown': 1, '11 to 15': 1 },
      requestsReceived: 5, requestOutcomes: { Y: 2, N: 1, A: 1, W: 1, H: 0 },
      assessmentsPlanIssued: 1, assessmentsNoPlan: 1, newPlans: 1, newPlansWithException: 1,
      ceasedPlans: 2, ceasedByReason: { 'Max Age': 1, 'Deceased': 1 },
    });
  });

  it('lists what the hub does not record instead of inventing it', () => {
    expect(ret.gaps).toBe(SEN2_GAPS);
    expect(SEN2_GAPS.map((g) => g.item)).toEqual(expect.arrayContaining(['Surname', 'Forename', 'PersonBirthDate', 'Sex', 'Ethnicity', 'PostCode', 'UPN', 'UniqueLearnerNumber', 'RYA', 'Exported', 'AttendancePattern']));
    expect(Object.keys(ret.stock[0])).not.toContain('dateOfBirth');
  });

  it('finds nothing to fix in a clean history (a home programme needs no URN)', () => {
    expect(validateSen2(ret).map((i) => [i.rule, i.caseId])).toEqual([]);
  });
});

describe('SEN2 validation', () => {
  const rules = (facts: Fact[]) => validateSen2(sen2Return(facts, 2026)).map((i) => [i.rule, i.caseId, i.field]);

  it('flags a request outcome dated before the request', () => {
    expect(rules([requested('p', '2025-03-10'), decided('refused-to-assess', 'p', '2025-03-01')]))
      .toEqual([['request-outcome-before-received', 'p', 'RequestOutcomeDate']]);
  });

  it('flags an assessment outcome on a request the LA never decided to assess', () => {
    expect(rules([requested('p', '2025-03-10'), decided('not-to-issue', 'p', '2025-06-01')]))
      .toEqual([['assessment-without-decision-to-assess', 'p', 'AssessmentOutcome']]);
  });

  it('flags a plan starting before its request, with no decision to assess on file', () => {
    expect(rules([requested('p', '2025-03-01'), finalPlan('p', '2025-02-01', '2025-03-01')])).toEqual([
      ['request-outcome-date-missing', 'p', 'RequestOutcomeDate'],
      ['assessment-outcome-before-received', 'p', 'AssessmentOutcomeDate'],
      ['plan-start-before-request', 'p', 'StartDate'],
    ]);
  });

  it('flags a plan with no assessment', () => {
    const ret = sen2Return([requested('p', '2025-03-01'), decided('decided-to-assess', 'p', '2025-04-01'), finalPlan('p', '2025-07-01', '2025-03-01')], 2026);
    expect(validateSen2({ ...ret, assessments: [] }).map((i) => i.rule)).toEqual(['plan-without-assessment']);
  });

  it('flags a named setting with no URN, but not otherwise-than-at-school', () => {
    const issues = validateSen2(sen2Return([
      requested('p', '2025-03-01'), decided('decided-to-assess', 'p', '2025-04-01'), finalPlan('p', '2025-07-01', '2025-03-01', { urn: null }),
    ], 2026));
    expect(issues).toEqual([{
      rule: 'missing-urn', caseId: 'p', reference: 'REF-p', field: 'URN',
      message: 'The setting named on 2025-07-01 ("Oak School") has no URN or UKPRN and no SEN setting code (such as OLA or EYP).',
    }]);
  });

  it('flags a plan ceased before it started', () => {
    expect(rules([decided('decided-to-assess', 'p', '2024-11-01'), finalPlan('p', '2025-02-01', '2024-10-01'), fact('plan-ceased', 'p', '2025-01-05', { reason: 'no-longer-necessary' })]))
      .toEqual([['ceased-before-start', 'p', 'CeaseDate']]);
  });

  it('flags an age at the census outside 0 to 25, worked out from the Reception year', () => {
    expect(rules([finalPlan('p', '2015-02-01', '2014-10-01', { receptionYear: 1990 })])).toEqual([['age-out-of-range', 'p', 'PersonBirthDate']]);
  });

  it('flags a second open request for the same child', () => {
    expect(rules([requested('p', '2025-10-01', 'child-1'), requested('q', '2025-11-01', 'child-1')])).toEqual([['duplicate-open-request', 'q', 'ReceivedDate']]);
  });
});
