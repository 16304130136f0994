import { generateCounty, type SyntheticCase } from '../../services/needs-assessment/src/demo/synthetic-county';
import { CaseIndex } from '../../services/performance/src/domain/case-index';
import type { Fact } from '../../services/performance/src/domain/facts';
import { computePack, DEFAULT_PACK_SETTINGS, type MeasureReport } from '../../services/performance/src/domain/measures';

/**
 * The demo county (seed:demo) seen through the monthly pack: the facts its cases publish (a request,
 * the decision whether to assess, a plan or a decision not to issue, a withdrawal or closure) give a
 * refusal rate and a 20-week timeliness near the national figures of domain §12, and inside the
 * authorities' range.
 */
describe('the demo county\'s monthly pack', () => {
  const today = '2026-11-26';
  const county = generateCounty({ seed: 7, requestsPerYear: 3000, years: 3, today });

  const factsOf = (c: SyntheticCase, i: number): Fact[] => {
    const caseId = `case-${i}`;
    const recordedAt = (on: string) => `${on}T12:00:00.000Z`;
    const facts: Fact[] = [{
      id: `${caseId}-0`, kind: 'requested', caseId, on: c.request.receivedOn, recordedAt: recordedAt(c.request.receivedOn),
      data: { reference: `NA-${i}`, childId: caseId, requestedBy: c.request.requestedBy, caseworkerId: c.request.caseworker },
    }];
    c.steps.forEach((s, n) => {
      const base = { id: `${caseId}-${n + 1}`, caseId, on: s.body.on, recordedAt: recordedAt(s.body.on) };
      if (s.command === 'decide-to-assess') facts.push({ ...base, kind: 'decided-to-assess', data: { withinStatutoryTime: true } });
      if (s.command === 'refuse-assessment') facts.push({ ...base, kind: 'refused-to-assess', data: { withinStatutoryTime: true } });
      if (s.command === 'decide-not-to-issue') facts.push({ ...base, kind: 'not-to-issue', data: { withinStatutoryTime: true } });
      if (s.command === 'withdraw' || s.command === 'close') facts.push({ ...base, kind: 'case-closed', data: { reason: s.command === 'withdraw' ? 'withdrawn' : 'other' } });
      if (s.command === 'issue-final-plan') {
        facts.push({
          ...base, kind: 'final-plan',
          data: { reference: `NA-${i}`, childId: caseId, receivedOn: c.request.receivedOn, excepted: c.excepted, caseworkerId: c.request.caseworker, setting: { urn: null, name: 'School' }, receptionYear: null },
        });
      }
    });
    return facts;
  };
  const pack = computePack({ index: new CaseIndex(county.cases.flatMap(factsOf)), latest: today, settings: DEFAULT_PACK_SETTINGS }, '2026-10', null);
  // the twelve months to October pooled: a month of about 250 decisions swings a few points
  const pooled = (m: MeasureReport) => {
    const n = m.trend.reduce((sum, p) => sum + (p.numerator ?? 0), 0);
    const d = m.trend.reduce((sum, p) => sum + (p.denominator ?? 0), 0);
    return { n, d, rate: n / d };
  };

  it('refuses about a quarter of the requests decided (national 25.2%; authorities 8.5%–38%)', () => {
    const { d, rate } = pooled(pack.measures.refusalRate);
    expect(d).toBeGreaterThan(2000);
    expect(Math.abs(rate - 0.252)).toBeLessThan(0.04);
  });

  it('issues about half its new plans within 20 weeks (national 45.9%; authorities 7.7%–96%)', () => {
    const { d, rate } = pooled(pack.measures.twentyWeekTimelinessInclExceptions);
    expect(d).toBeGreaterThan(1000);
    expect(Math.abs(rate - 0.459)).toBeLessThan(0.08);
    // excluding the excepted plans can only remove late ones from the bottom in this county
    expect(pooled(pack.measures.twentyWeekTimelinessExclExceptions).rate).toBeGreaterThanOrEqual(rate - 0.01);
  });
});
