import { addWeeks, assertOptionalCalendarDate, isBefore, lastDayOfMonthsBeginningWith, maxDate, type CalendarDate } from './calendar-date';
import { nthWorkingDayBeginningWith } from './working-days';

/*
 * A child or young person with an EHC plan moves to another LA (reg 15; domain §2.7).
 */

export const PLAN_TRANSFER_WORKING_DAYS = 15;

/**
 * reg 15(2): the old LA transfers the plan "on the day of the move or, where it has not become
 * aware of the move at least 15 working days prior to that move, within 15 working days beginning
 * with the day on which it did become aware". "Beginning with": the day it learned is day 1.
 * "At least 15 working days prior" is read as: the 15th working day beginning with `learnedOn`
 * falls before the move day **(check)**. Without a known move date, the 15-working-day rule applies.
 * Example 18: learned Tue 2026-09-01 of a move on 09-10 -> Mon 2026-09-21.
 */
export const planTransferDueBy = (learnedOn: CalendarDate, movesOn?: CalendarDate | null): CalendarDate => {
  assertOptionalCalendarDate(movesOn);
  const fifteenthWorkingDay = nthWorkingDayBeginningWith(learnedOn, PLAN_TRANSFER_WORKING_DAYS);
  return movesOn !== undefined && movesOn !== null && isBefore(fifteenthWorkingDay, movesOn) ? movesOn : fifteenthWorkingDay;
};

/**
 * reg 15(4): the new LA must, "within 6 weeks of the date of the transfer", tell the family that
 * the plan has transferred, whether it proposes to make an EHC needs assessment, and when it will
 * review the plan. Example 18 **(check)**: transfer on the latest permitted date, 2026-09-21 ->
 * 2026-11-02 (transfer + 42 days, "of" not "beginning with").
 */
export const newLaReassessmentNoticeBy = (transferredOn: CalendarDate): CalendarDate => addWeeks(transferredOn, 6);

/**
 * reg 15(5): the new LA reviews the plan before the later of the 12-month period from the plan
 * date or last review (pass reviewDueBy(anchor)) and a 3-month period from the transfer, counted
 * here as "beginning with" the transfer like the 12-month limb **(check)** wording of 15(5)(b).
 */
export const reviewAfterTransferDueBy = (twelveMonthReviewDueBy: CalendarDate, transferredOn: CalendarDate): CalendarDate =>
  maxDate(twelveMonthReviewDueBy, lastDayOfMonthsBeginningWith(transferredOn, 3));
