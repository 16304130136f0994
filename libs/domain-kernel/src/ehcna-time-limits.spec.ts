import { reassessmentDecisionDueBy, reassessmentFinalPlanDueBy } from './ehcna-time-limits';

describe('reassessment (regs 24-27)', () => {
  it('the decision whether to reassess is due 15 days after the request', () =>
    expect(reassessmentDecisionDueBy('2026-09-01')).toBe('2026-09-16'));

  it('the final plan is due 14 weeks after the decision to reassess was notified, not after the request', () => {
    // requested 2026-09-01, decision to reassess notified 2026-09-14
    expect(reassessmentFinalPlanDueBy('2026-09-14')).toBe('2026-12-21');
    expect(reassessmentFinalPlanDueBy('2026-09-14')).not.toBe('2026-12-08');
  });
});
