import { TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS } from './exceptions';
import {
  complianceDeadlines,
  complianceExceptionApplies,
  LA_RESPONSE_WORKING_DAYS,
  laResponseDueBy,
  recommendationResponseDueBy,
  type ComplianceExceptionReason,
  type TribunalOrderKind,
} from './tribunal';

describe('First-tier Tribunal (SEND)', () => {
  it('LA response: 30 working days from the appeal being sent (check directions)', () => {
    expect(laResponseDueBy('2026-11-02')).toBe('2026-12-14');
    expect(laResponseDueBy('2026-12-01')).toBe('2027-01-15'); // skips Christmas, Boxing Day (sub) and New Year
  });

  it('given no period in the directions, then the LA response takes the usual 30 working days', () => {
    expect(LA_RESPONSE_WORKING_DAYS).toBe(30);
    expect(laResponseDueBy('2026-11-02', LA_RESPONSE_WORKING_DAYS)).toBe(laResponseDueBy('2026-11-02'));
  });

  it.each([
    // [sent, working days, due]
    ['2026-11-02', 20, '2026-11-30'],
    ['2026-03-30', 5, '2026-04-08'], // Good Friday 04-03 and Easter Monday 04-06 are skipped
    ['2026-12-23', 1, '2026-12-24'],
    ['2026-12-24', 1, '2026-12-29'], // Christmas Day and the Boxing Day substitute (12-28) are skipped
  ])('given an appeal sent %s and directions of %s working days, then the LA responds by %s', (sent, days, due) => {
    expect(laResponseDueBy(sent, days)).toBe(due);
  });

  it.each([0, -5, 2.5, Number.NaN])('given a response period of %s working days, then it is a bug and throws', (days) => {
    expect(() => laResponseDueBy('2026-11-02', days)).toThrow(RangeError);
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

describe('reg 44(3): when a compliance period need not be met', () => {
  it.each<[ComplianceExceptionReason, number | undefined, boolean]>([
    ['personal-circumstances', undefined, true],
    ['closure', undefined, true],
    ['absence', 13, false],
    ['absence', 14, true], // 2 weeks, not the 4 of reg 10(4)(d)
    ['absence', 27, true],
    ['absence', undefined, false], // an absence of unknown length is not shown to qualify
    ['absence', 0, false],
  ])('given %s (absence of %s days), then the exception applies: %s', (reason, absenceDays, applies) => {
    expect(complianceExceptionApplies(reason, absenceDays)).toBe(applies);
  });

  it('given the kernel constant, then the absence threshold is 2 weeks', () => {
    expect(TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS).toBe(2);
    expect(complianceExceptionApplies('absence', TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS * 7)).toBe(true);
    expect(complianceExceptionApplies('absence', TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS * 7 - 1)).toBe(false);
  });

  it.each([-1, 3.5, Number.NaN])('given an absence of %s days, then it is a bug and throws', (days) => {
    expect(() => complianceExceptionApplies('absence', days)).toThrow(RangeError);
  });
});
