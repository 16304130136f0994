import { complianceDeadlines, laResponseDueBy, recommendationResponseDueBy, type TribunalOrderKind } from './tribunal';

describe('First-tier Tribunal (SEND)', () => {
  it('LA response: 30 working days from the appeal being sent (check directions)', () => {
    expect(laResponseDueBy('2026-11-02')).toBe('2026-12-14');
    expect(laResponseDueBy('2026-12-01')).toBe('2027-01-15'); // skips Christmas, Boxing Day (sub) and New Year
  });

  it('response to health and social care recommendations: 5 weeks', () => {
    expect(recommendationResponseDueBy('2026-11-02')).toBe('2026-12-07');
  });

  describe('reg 44 compliance periods from the order (example 17: order Mon 2026-11-02)', () => {
    it.each<[TribunalOrderKind, object]>([
      ['assess-or-reassess', { notifyBy: '2026-11-16', decisionNotToIssueBy: '2027-01-11', finalPlanBy: '2027-02-08' }],
      ['make-and-maintain-plan', { draftPlanBy: '2026-12-07', finalPlanBy: '2027-01-18' }],
      ['amend-special-educational-provision', { amendedPlanBy: '2026-12-07' }],
      ['amend-section-i-only', { amendedPlanBy: '2026-11-16' }],
      ['amend-provision-and-section-i', { amendedPlanBy: '2026-12-07' }],
      ['cease-decision-overturned', { continueMaintainingFrom: '2026-11-02', amendedPlanByIfOrdered: '2026-12-07' }],
      ['cease-appeal-dismissed', { planCeasesOn: '2026-11-02' }],
    ])('%s', (kind, expected) => {
      expect(complianceDeadlines(kind, '2026-11-02')).toEqual({ kind, ...expected });
    });
  });

  it('reg 45: the same periods run from a concession notice', () => {
    expect(complianceDeadlines('amend-section-i-only', '2027-03-10').amendedPlanBy).toBe('2027-03-24');
  });
});
