// Every worked example in shared/domain/send-statutory-process.md §10 is a row (STYLE §8).
import {
  addDays,
  adviceDueBy,
  amendedPlanDueBy,
  amendmentRepresentationsEndOn,
  appealDeadline,
  bankHolidayName,
  certificateAfterDeclineDueBy,
  certificateAfterMediationDueBy,
  closureLimbApplies,
  complianceDeadlines,
  dayOfWeek,
  decisionNotToIssueDueBy,
  decisionToAssessDueBy,
  deemedReceiptDate,
  draftPlanRepresentationsEndOn,
  earliestFinalisationAfterDraft,
  earliestIssueWorkingDayAfterDraft,
  explainAppealDeadline,
  finalPlanDueBy,
  isBankHoliday,
  limitsLiftedBy,
  localExpectedDateUnderException,
  mediationMustTakePlaceBy,
  newLaReassessmentNoticeBy,
  operationalTarget,
  phaseTransferDeadline,
  phaseTransferLatestAmendmentNotice,
  phaseTransferLatestReviewMeeting,
  planTransferDueBy,
  reviewDecisionDueBy,
  reviewDueBy,
  reviewReportDueBy,
  settingConsultationResponseDueBy,
  underFiveSuggestedReviews,
  type ClosurePeriod,
} from './index';

const summerHoliday2026: ClosurePeriod = { closedFrom: '2026-07-23', reopensOn: '2026-09-03' };
const MON = 1, TUE = 2, WED = 3, THU = 4, FRI = 5, SAT = 6, SUN = 7;

type Row = { example: number; rule: string; actual: unknown; expected: unknown };

const rows: Row[] = [
  // 1. Request received Mon 2026-01-05
  { example: 1, rule: 'decision to assess: received + 6 weeks', actual: decisionToAssessDueBy('2026-01-05'), expected: '2026-02-16' },
  { example: 1, rule: 'decision not to issue: received + 16 weeks', actual: decisionNotToIssueDueBy('2026-01-05'), expected: '2026-04-27' },
  { example: 1, rule: 'final plan: received + 20 weeks, not moved off a bank holiday', actual: finalPlanDueBy('2026-01-05'), expected: '2026-05-25' },
  { example: 1, rule: '2026-05-25 is the spring bank holiday', actual: bankHolidayName('2026-05-25'), expected: 'Spring bank holiday' },
  { example: 1, rule: 'final plan operational target: previous working day', actual: operationalTarget('2026-05-25'), expected: '2026-05-22' },
  // 2. Advice requested 2026-02-16
  { example: 2, rule: 'advice: requested + 6 weeks', actual: adviceDueBy('2026-02-16'), expected: '2026-03-30' },
  // 3. Request emailed Sat 2026-03-07, received that day
  { example: 3, rule: 'decision to assess falls on a Saturday and stays there', actual: decisionToAssessDueBy('2026-03-07'), expected: '2026-04-18' },
  { example: 3, rule: 'decision not to issue', actual: decisionNotToIssueDueBy('2026-03-07'), expected: '2026-06-27' },
  { example: 3, rule: 'final plan', actual: finalPlanDueBy('2026-03-07'), expected: '2026-07-25' },
  { example: 3, rule: 'final plan is a Saturday', actual: dayOfWeek('2026-07-25'), expected: SAT },
  { example: 3, rule: 'final plan target Fri', actual: operationalTarget('2026-07-25'), expected: '2026-07-24' },
  { example: 3, rule: 'local policy deems receipt Mon 03-09', actual: deemedReceiptDate('2026-03-07', 'next-working-day'), expected: '2026-03-09' },
  { example: 3, rule: 'local policy keeps the day received', actual: deemedReceiptDate('2026-03-07', 'day-received'), expected: '2026-03-07' },
  { example: 3, rule: 'deemed Monday moves decision +2 days', actual: decisionToAssessDueBy('2026-03-09'), expected: '2026-04-20' },
  { example: 3, rule: 'deemed Monday moves no-plan +2 days', actual: decisionNotToIssueDueBy('2026-03-09'), expected: '2026-06-29' },
  { example: 3, rule: 'deemed Monday moves final +2 days', actual: finalPlanDueBy('2026-03-09'), expected: '2026-07-27' },
  // 4. Request Mon 2026-11-16
  { example: 4, rule: 'decision to assess', actual: decisionToAssessDueBy('2026-11-16'), expected: '2026-12-28' },
  { example: 4, rule: '2026-12-28 is a substitute bank holiday', actual: bankHolidayName('2026-12-28'), expected: 'Boxing Day (substitute day)' },
  { example: 4, rule: 'target skips Christmas and the weekend to Thu 12-24', actual: operationalTarget('2026-12-28'), expected: '2026-12-24' },
  { example: 4, rule: 'decision not to issue', actual: decisionNotToIssueDueBy('2026-11-16'), expected: '2027-03-08' },
  { example: 4, rule: 'final plan', actual: finalPlanDueBy('2026-11-16'), expected: '2027-04-05' },
  // 5. Summer-holiday request Mon 2026-07-27; school closed 07-23, reopens 09-03
  { example: 5, rule: 'decision to assess', actual: decisionToAssessDueBy('2026-07-27'), expected: '2026-09-07' },
  { example: 5, rule: 'decision not to issue', actual: decisionNotToIssueDueBy('2026-07-27'), expected: '2026-11-16' },
  { example: 5, rule: 'final plan', actual: finalPlanDueBy('2026-07-27'), expected: '2026-12-14' },
  { example: 5, rule: 'closure window is 07-16 to 08-27; head asked 08-03 -> inside',
    actual: closureLimbApplies(summerHoliday2026, '2026-08-03'),
    expected: { applies: true, window: { opensOn: '2026-07-16', closesOn: '2026-08-27' } } },
  { example: 5, rule: 'head asked 08-28 -> after the window, no exception',
    actual: closureLimbApplies(summerHoliday2026, '2026-08-28'),
    expected: { applies: false, reason: 'after-window', window: { opensOn: '2026-07-16', closesOn: '2026-08-27' } } },
  { example: 5, rule: 'a school-closure exception lifts the 20-week limit', actual: limitsLiftedBy('school-closure').includes('final-plan'), expected: true },
  // 6. Request Mon 2026-06-01; head asked 07-13
  { example: 6, rule: 'decision to assess', actual: decisionToAssessDueBy('2026-06-01'), expected: '2026-07-13' },
  { example: 6, rule: 'final plan still stands', actual: finalPlanDueBy('2026-06-01'), expected: '2026-10-19' },
  { example: 6, rule: 'asked 07-13 -> before the window opens (07-16), no exception',
    actual: closureLimbApplies(summerHoliday2026, '2026-07-13'),
    expected: { applies: false, reason: 'before-window', window: { opensOn: '2026-07-16', closesOn: '2026-08-27' } } },
  // 7. Example 1 with the parent in hospital 03-02 to 04-06
  { example: 7, rule: 'personal circumstances lift the 20-week limit', actual: limitsLiftedBy('exceptional-personal-circumstances').includes('final-plan'), expected: true },
  { example: 7, rule: 'local expected date = statutory + 35 days (config, not law)',
    actual: localExpectedDateUnderException(finalPlanDueBy('2026-01-05'), { extensionDays: 35 }), expected: '2026-06-29' },
  // 8. Draft served Fri 2026-04-17; setting consulted the same day
  { example: 8, rule: 'family window ends served + 14 (service day is day 1)', actual: draftPlanRepresentationsEndOn('2026-04-17'), expected: '2026-05-01' },
  { example: 8, rule: 'family window ends on a Friday', actual: dayOfWeek('2026-05-01'), expected: FRI },
  { example: 8, rule: 'setting reply due sent + 15 calendar days', actual: settingConsultationResponseDueBy('2026-04-17'), expected: '2026-05-02' },
  { example: 8, rule: 'earliest finalisation served + 15', actual: earliestFinalisationAfterDraft('2026-04-17'), expected: '2026-05-02' },
  { example: 8, rule: 'realistic issue Tue 05-05 (05-04 bank holiday)', actual: earliestIssueWorkingDayAfterDraft('2026-04-17'), expected: '2026-05-05' },
  { example: 8, rule: '05-04 is the early May bank holiday', actual: isBankHoliday('2026-05-04'), expected: true },
  // 9. Plan made 2025-05-20; meeting Thu 2026-05-14; amendment notice Mon 06-08
  { example: 9, rule: 'review due: plan + 1 year - 1 day', actual: reviewDueBy('2025-05-20'), expected: '2026-05-19' },
  { example: 9, rule: 'report: meeting + 14', actual: reviewReportDueBy('2026-05-14'), expected: '2026-05-28' },
  { example: 9, rule: 'decision: meeting + 28', actual: reviewDecisionDueBy('2026-05-14'), expected: '2026-06-11' },
  { example: 9, rule: 'representations: notice + 14', actual: amendmentRepresentationsEndOn('2026-06-08'), expected: '2026-06-22' },
  { example: 9, rule: 'amended plan: notice + 8 weeks', actual: amendedPlanDueBy('2026-06-08'), expected: '2026-08-03' },
  // 10. Under-5; plan issued Mon 2026-01-12
  { example: 10, rule: 'optional reviews at 3 and 6 months, with working-day targets',
    actual: underFiveSuggestedReviews('2026-01-12'),
    expected: [
      { afterMonths: 3, suggestedOn: '2026-04-12', operationalTarget: '2026-04-10' },
      { afterMonths: 6, suggestedOn: '2026-07-12', operationalTarget: '2026-07-10' },
    ] },
  { example: 10, rule: '3-month date is a Sunday', actual: dayOfWeek('2026-04-12'), expected: SUN },
  { example: 10, rule: 'statutory backstop', actual: reviewDueBy('2026-01-12'), expected: '2027-01-11' },
  // 11. Y6 -> Y7, September 2027
  { example: 11, rule: 'phase transfer: before 15 Feb of the transfer year, so by 14 Feb', actual: phaseTransferDeadline(2027, 'primary-to-secondary'), expected: '2027-02-14' },
  { example: 11, rule: '15 Feb 2027 is a Monday', actual: dayOfWeek('2027-02-15'), expected: MON },
  { example: 11, rule: 'Sun 14 Feb: target the Friday before', actual: operationalTarget(phaseTransferDeadline(2027, 'primary-to-secondary')), expected: '2027-02-12' },
  { example: 11, rule: 'latest amendment notice: - 8 weeks', actual: phaseTransferLatestAmendmentNotice(phaseTransferDeadline(2027, 'primary-to-secondary')), expected: '2026-12-20' },
  { example: 11, rule: 'latest review meeting: - 4 more weeks', actual: phaseTransferLatestReviewMeeting(phaseTransferDeadline(2027, 'primary-to-secondary')), expected: '2026-11-22' },
  { example: 11, rule: 'Y11 -> college: before 31 March, so by 30 March', actual: phaseTransferDeadline(2027, 'secondary-to-post-16'), expected: '2027-03-30' },
  { example: 11, rule: '31 Mar 2027 is a Wednesday', actual: dayOfWeek('2027-03-31'), expected: WED },
  // 12. Decision letter Wed 2026-06-10; certificate Fri 07-24
  { example: 12, rule: 'later date 08-24 is in August -> first working day after 31 Aug',
    actual: explainAppealDeadline('2026-06-10', '2026-07-24'),
    expected: { unadjusted: '2026-08-24', adjustment: 'august', deadline: '2026-09-01' } },
  { example: 12, rule: 'deadline is a Tuesday (Mon 08-31 is the summer bank holiday)', actual: dayOfWeek(appealDeadline('2026-06-10', '2026-07-24')), expected: TUE },
  // 13. Decision letter Mon 2026-10-26
  { example: 13, rule: 'Sat 12-26 is in the Christmas window -> first working day after 1 Jan',
    actual: explainAppealDeadline('2026-10-26'),
    expected: { unadjusted: '2026-12-26', adjustment: 'christmas', deadline: '2027-01-04' } },
  { example: 13, rule: 'with a certificate on 12-14 -> certificate + 1 month', actual: appealDeadline('2026-10-26', '2026-12-14'), expected: '2027-01-14' },
  { example: 13, rule: '2027-01-14 is a Thursday', actual: dayOfWeek('2027-01-14'), expected: THU },
  // 14. Decision letter Tue 2026-03-03
  { example: 14, rule: 'Sun 05-03, Mon 05-04 bank holiday -> Tue 05-05',
    actual: explainAppealDeadline('2026-03-03'),
    expected: { unadjusted: '2026-05-03', adjustment: 'non-working-day', deadline: '2026-05-05' } },
  // 15. LA told of wish to mediate Tue 2026-03-03; mediation ended Thu 03-26
  { example: 15, rule: 'mediation within 30 days', actual: mediationMustTakePlaceBy('2026-03-03'), expected: '2026-04-02' },
  { example: 15, rule: 'certificate 3 working days after mediation ends', actual: certificateAfterMediationDueBy('2026-03-26'), expected: '2026-03-31' },
  // 16. Family declines mediation Thu 2026-04-02
  { example: 16, rule: 'certificate 3 working days, skipping Good Friday and Easter Monday', actual: certificateAfterDeclineDueBy('2026-04-02'), expected: '2026-04-09' },
  // 17. Tribunal order Mon 2026-11-02
  { example: 17, rule: 'section I only: 2 weeks', actual: complianceDeadlines('amend-section-i-only', '2026-11-02').amendedPlanBy, expected: '2026-11-16' },
  { example: 17, rule: 'amend B/F: 5 weeks', actual: complianceDeadlines('amend-special-educational-provision', '2026-11-02').amendedPlanBy, expected: '2026-12-07' },
  { example: 17, rule: 'make a plan: draft 5 weeks, final 11 weeks',
    actual: complianceDeadlines('make-and-maintain-plan', '2026-11-02'),
    expected: { kind: 'make-and-maintain-plan', draftPlanBy: '2026-12-07', finalPlanBy: '2027-01-18' } },
  { example: 17, rule: 'assess: notify 2 weeks, no-plan 10 weeks, final 14 weeks',
    actual: complianceDeadlines('assess-or-reassess', '2026-11-02'),
    expected: { kind: 'assess-or-reassess', notifyBy: '2026-11-16', decisionNotToIssueBy: '2027-01-11', finalPlanBy: '2027-02-08' } },
  // 18. Old LA learns Tue 2026-09-01 of a move on 09-10
  { example: 18, rule: 'plan transfer: 15 working days counting 09-01 as day 1', actual: planTransferDueBy('2026-09-01', '2026-09-10'), expected: '2026-09-21' },
  { example: 18, rule: 'transfer date is a Monday', actual: dayOfWeek('2026-09-21'), expected: MON },
  { example: 18, rule: "new LA's notice: transfer + 6 weeks (check)", actual: newLaReassessmentNoticeBy('2026-09-21'), expected: '2026-11-02' },
  { example: 18, rule: 'that is 42 days, not 41 ("of", not "beginning with")', actual: addDays('2026-09-21', 42), expected: '2026-11-02' },
];

describe('domain §10 worked examples', () => {
  it('covers every example from 1 to 18', () => {
    expect([...new Set(rows.map((r) => r.example))]).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it.each(rows)('example $example: $rule', ({ actual, expected }) => {
    expect(actual).toEqual(expected);
  });
});
