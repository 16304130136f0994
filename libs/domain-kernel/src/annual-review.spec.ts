import {
  amendedPlanDueBy,
  amendmentRepresentationsEndOn,
  phaseTransferDeadline,
  phaseTransferLatestAmendmentNotice,
  phaseTransferLatestReviewMeeting,
  phaseTransferRule,
  post16TransferDeadline,
  POST_16_TRANSFER_RULE,
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

describe('phase transfer (reg 18(1)): before 15 February, before 31 March', () => {
  it.each<[PhaseTransferKind, string, string]>([
    ['early-years-to-school', '2027-02-14', 'before 15 February (reg 18(1))'],
    ['infant-to-junior', '2027-02-14', 'before 15 February (reg 18(1))'],
    ['primary-to-middle', '2027-02-14', 'before 15 February (reg 18(1))'],
    ['primary-to-secondary', '2027-02-14', 'before 15 February (reg 18(1))'],
    ['middle-to-secondary', '2027-02-14', 'before 15 February (reg 18(1))'],
    ['secondary-to-post-16', '2027-03-30', 'before 31 March (reg 18(1))'],
  ])('%s in 2027: the last lawful day is %s, shown as "%s"', (kind, expected, words) => {
    expect(phaseTransferDeadline(2027, kind)).toBe(expected);
    expect(phaseTransferRule(kind)).toBe(words);
  });

  it('says the rule with the year, for a letter', () =>
    expect(phaseTransferRule('primary-to-secondary', 2027)).toBe('before 15 February 2027 (reg 18(1))'));

  it('in a leap year the last day before 15 February is still the 14th, and before 31 March the 30th', () => {
    expect(phaseTransferDeadline(2028, 'primary-to-secondary')).toBe('2028-02-14');
    expect(phaseTransferDeadline(2028, 'secondary-to-post-16')).toBe('2028-03-30');
  });

  it('works back 8 weeks to the notice and 4 more to the meeting', () => {
    expect(phaseTransferLatestAmendmentNotice('2027-03-30')).toBe('2027-02-02');
    expect(phaseTransferLatestReviewMeeting('2027-03-30')).toBe('2027-01-05');
    // the latest notice really does give the full 8 weeks, and lands on the last lawful day
    expect(amendedPlanDueBy(phaseTransferLatestAmendmentNotice('2027-02-14'))).toBe('2027-02-14');
    expect(reviewDecisionDueBy(phaseTransferLatestReviewMeeting('2027-02-14'))).toBe('2026-12-20');
  });

  it('refuses a year that is not a whole calendar year', () => {
    expect(() => phaseTransferDeadline(2027.5, 'primary-to-secondary')).toThrow(RangeError);
  });
});

describe('post-16 to post-16 move at any other time (reg 18(2)): at least five months before', () => {
  it.each([
    ['2027-01-04', '2026-08-04'],
    ['2027-09-01', '2027-04-01'],
    // no 31 February: the end of the month is still at least five months before
    ['2027-07-31', '2027-02-28'],
    ['2028-07-31', '2028-02-29'],
  ])('a transfer on %s: reviewed and amended by %s', (transferOn, expected) => {
    expect(post16TransferDeadline(transferOn)).toBe(expected);
  });

  it('says the rule in the Regulations\' words', () => expect(POST_16_TRANSFER_RULE).toBe('at least five months before the transfer (reg 18(2))'));
});
