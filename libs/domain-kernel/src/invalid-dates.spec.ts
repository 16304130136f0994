import * as kernel from './index';

/*
 * Every public kernel function rejects an invalid date the same way: a RangeError naming the value,
 * whatever the function and whichever argument. Nothing is read as "no date" but null (and
 * undefined where the argument is optional).
 */
const BAD: unknown[] = ['', '2026-02-30', '2026-2-3', 'tomorrow', 20260203, new Date('2026-02-03')];
const D = '2026-06-10';

const calls: Record<string, (bad: never) => unknown> = {
  addDays: (x) => kernel.addDays(x, 1),
  addWeeks: (x) => kernel.addWeeks(x, 1),
  addMonths: (x) => kernel.addMonths(x, 1),
  addYears: (x) => kernel.addYears(x, 1),
  daysBetween: (x) => kernel.daysBetween(D, x),
  compare: (x) => kernel.compare(x, D),
  maxDate: (x) => kernel.maxDate(D, x),
  minDate: (x) => kernel.minDate(x, D),
  dayOfWeek: (x) => kernel.dayOfWeek(x),
  lastDayOfMonthsBeginningWith: (x) => kernel.lastDayOfMonthsBeginningWith(x, 12),
  'addWorkingDays (n = 0)': (x) => kernel.addWorkingDays(x, 0),
  addWorkingDays: (x) => kernel.addWorkingDays(x, 3),
  nthWorkingDayBeginningWith: (x) => kernel.nthWorkingDayBeginningWith(x, 15),
  isWorkingDay: (x) => kernel.isWorkingDay(x),
  workingDayOnOrBefore: (x) => kernel.workingDayOnOrBefore(x),
  isBankHoliday: (x) => kernel.isBankHoliday(x),
  decisionToAssessDueBy: (x) => kernel.decisionToAssessDueBy(x),
  finalPlanDueBy: (x) => kernel.finalPlanDueBy(x),
  "deemedReceiptDate ('day-received')": (x) => kernel.deemedReceiptDate(x, 'day-received'),
  reassessmentFinalPlanDueBy: (x) => kernel.reassessmentFinalPlanDueBy(x),
  'appealDeadline (letter)': (x) => kernel.appealDeadline(x),
  'appealDeadline (certificate)': (x) => kernel.appealDeadline(D, x),
  mediationMustTakePlaceBy: (x) => kernel.mediationMustTakePlaceBy(x),
  certificateAfterDeclineDueBy: (x) => kernel.certificateAfterDeclineDueBy(x),
  "complianceDeadlines ('cease-appeal-dismissed')": (x) => kernel.complianceDeadlines('cease-appeal-dismissed', x),
  reviewDueBy: (x) => kernel.reviewDueBy(x),
  post16TransferDeadline: (x) => kernel.post16TransferDeadline(x),
  'planTransferDueBy (move day)': (x) => kernel.planTransferDueBy(D, x),
  'deadlineStatus (due)': (x) => kernel.deadlineStatus(x, null, D),
  'deadlineStatus (done)': (x) => kernel.deadlineStatus(D, x, D),
  'deadlineStatus (today)': (x) => kernel.deadlineStatus(D, null, x),
  localExpectedDateUnderException: (x) => kernel.localExpectedDateUnderException(x, { extensionDays: 35 }),
  academicYearOf: (x) => kernel.academicYearOf(x),
  ageOn: (x) => kernel.ageOn(x, D),
};

describe('every public kernel function rejects an invalid date the same way', () => {
  it.each(Object.keys(calls))('%s', (name) => {
    for (const bad of BAD) expect(() => calls[name](bad as never)).toThrow(/^Not a calendar date \(YYYY-MM-DD\): /);
  });

  it('null means "none" where a date may be absent, the same as undefined', () => {
    expect(kernel.appealDeadline('2026-06-10', null)).toBe(kernel.appealDeadline('2026-06-10'));
    expect(kernel.planTransferDueBy('2026-09-01', null)).toBe(kernel.planTransferDueBy('2026-09-01'));
    expect(kernel.deadlineStatus(null, null, D).due).toBeNull();
  });
});
