import { newLaReassessmentNoticeBy, planTransferDueBy, reviewAfterTransferDueBy } from './plan-transfer';

describe('transfer of an EHC plan between LAs (reg 15)', () => {
  it.each([
    ['2026-09-01', '2026-09-10', '2026-09-21'], // example 18: under 15 working days' notice
    ['2026-09-01', undefined, '2026-09-21'], // move date unknown
    ['2026-09-01', '2026-09-21', '2026-09-21'], // the 15th working day is the move day itself
    ['2026-09-01', '2026-09-22', '2026-09-22'], // 15 working days' notice: transfer on the day of the move
    ['2026-09-01', '2026-10-01', '2026-10-01'],
    ['2026-09-05', undefined, '2026-09-25'], // learned on a Saturday: day 1 is Monday 09-07
    ['2026-12-14', undefined, '2027-01-06'], // Christmas and New Year are not working days
  ])('learned %s, move %s -> transfer by %s', (learnedOn, movesOn, expected) => {
    expect(planTransferDueBy(learnedOn, movesOn)).toBe(expected);
  });

  it("new LA's notice: within 6 weeks of the transfer (example 18)", () => {
    expect(newLaReassessmentNoticeBy('2026-09-21')).toBe('2026-11-02');
  });

  it('next review: the later of the 12-month date and 3 months from the transfer (check)', () => {
    expect(reviewAfterTransferDueBy('2027-01-11', '2026-11-20')).toBe('2027-02-19');
    expect(reviewAfterTransferDueBy('2027-05-19', '2026-11-20')).toBe('2027-05-19');
  });
});
