import {
  amendedPlanDueBy,
  amendmentRepresentationsEndOn,
  phaseTransferDeadline,
  phaseTransferLatestAmendmentNotice,
  phaseTransferLatestReviewMeeting,
  reviewAdviceCirculatedBy,
  reviewDecisionDueBy,
  reviewDueBy,
  reviewMeetingNoticeLatestBy,
  reviewReportDueBy,
  underFiveSuggestedReviews,
  type PhaseTransferKind,
} from './annual-review';

describe('annual review (s.44, reg 20)', () => {
  it.each([
    ['2025-05-20', '2026-05-19'],
    ['2026-01-12', '2027-01-11'],
    ['2026-01-01', '2026-12-31'],
    ['2024-02-29', '2025-02-28'],
    ['2027-03-01', '2028-02-29'],
  ])('anchor %s -> review due by %s', (anchor, expected) => {
    expect(reviewDueBy(anchor)).toBe(expected);
  });

  it('meeting notice, papers, report and decision', () => {
    expect(reviewMeetingNoticeLatestBy('2026-05-14')).toBe('2026-04-30');
    expect(reviewAdviceCirculatedBy('2026-05-14')).toBe('2026-04-30');
    expect(reviewReportDueBy('2026-05-14')).toBe('2026-05-28');
    expect(reviewDecisionDueBy('2026-05-14')).toBe('2026-06-11');
  });

  it('amendment (reg 22)', () => {
    expect(amendmentRepresentationsEndOn('2026-06-08')).toBe('2026-06-22');
    expect(amendedPlanDueBy('2026-06-08')).toBe('2026-08-03');
  });

  it('under-5 prompts keep weekday dates as they are', () => {
    expect(underFiveSuggestedReviews('2026-03-02').map((r) => [r.suggestedOn, r.operationalTarget])).toEqual([
      ['2026-06-02', '2026-06-02'],
      ['2026-09-02', '2026-09-02'],
    ]);
    // 31 Aug + 6 months clamps to the end of February
    expect(underFiveSuggestedReviews('2026-08-31')[1]).toEqual({
      afterMonths: 6,
      suggestedOn: '2027-02-28',
      operationalTarget: '2027-02-26',
    });
  });
});

describe('phase transfer (reg 18)', () => {
  it.each<[PhaseTransferKind, string]>([
    ['early-years-to-school', '2027-02-15'],
    ['infant-to-junior', '2027-02-15'],
    ['primary-to-middle', '2027-02-15'],
    ['primary-to-secondary', '2027-02-15'],
    ['middle-to-secondary', '2027-02-15'],
    ['secondary-to-post-16', '2027-03-31'],
  ])('%s in 2027 -> %s', (kind, expected) => {
    expect(phaseTransferDeadline(2027, kind)).toBe(expected);
  });

  it('works back 8 weeks to the notice and 4 more to the meeting', () => {
    expect(phaseTransferLatestAmendmentNotice('2027-03-31')).toBe('2027-02-03');
    expect(phaseTransferLatestReviewMeeting('2027-03-31')).toBe('2027-01-06');
    // the latest notice really does give the full 8 weeks
    expect(amendedPlanDueBy(phaseTransferLatestAmendmentNotice('2027-02-15'))).toBe('2027-02-15');
    expect(reviewDecisionDueBy(phaseTransferLatestReviewMeeting('2027-02-15'))).toBe('2026-12-21');
  });
});
