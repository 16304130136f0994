import { addDays, addMonths, addWeeks, calendarDate, lastDayOfMonthsBeginningWith, type CalendarDate } from './calendar-date';
import { operationalTarget } from './ehcna-time-limits';

/*
 * Annual review, amendment and phase transfer (domain §4). LA deadlines: never moved off a
 * non-working day; show operationalTarget beside them.
 */

/**
 * s.44(1): review "within the period of 12 months starting with the date on which the EHC plan was
 * made", then within 12 months starting with each previous review. "Starting with" includes the
 * anchor day, so the last day is anchor + 1 year - 1 day (for an anchor of 29 Feb, 28 Feb).
 * The anchor is the plan date or the last review; SEN2 uses the review decision date, and which
 * one a service passes is its configured choice (domain §4, §11.6).
 * Example 9: plan made 2025-05-20 -> 2026-05-19. Example 10: plan 2026-01-12 -> 2027-01-11.
 */
export const reviewDueBy = (anchor: CalendarDate): CalendarDate => lastDayOfMonthsBeginningWith(anchor, 12);

export type SuggestedReview = {
  readonly afterMonths: 3 | 6;
  readonly suggestedOn: CalendarDate;
  readonly operationalTarget: CalendarDate;
};

/**
 * CoP 9.178 (guidance only): for a child under 5, *consider* reviewing every 3 to 6 months. These
 * are prompts, not deadlines; reviewDueBy stays the statutory backstop.
 * Example 10: plan Mon 2026-01-12 -> Sun 04-12 (target Fri 04-10) and Sun 07-12 (target Fri 07-10).
 */
export const underFiveSuggestedReviews = (planIssuedOn: CalendarDate): readonly SuggestedReview[] =>
  ([3, 6] as const).map((afterMonths) => {
    const suggestedOn = addMonths(planIssuedOn, afterMonths);
    return { afterMonths, suggestedOn, operationalTarget: operationalTarget(suggestedOn) };
  });

/** reg 20: at least 2 weeks' notice of the review meeting, so invitations go out by meeting - 14 days. */
export const reviewMeetingNoticeLatestBy = (meetingOn: CalendarDate): CalendarDate => addWeeks(meetingOn, -2);

/** reg 20: advice and information are circulated at least 2 weeks before the meeting. */
export const reviewAdviceCirculatedBy = (meetingOn: CalendarDate): CalendarDate => addWeeks(meetingOn, -2);

/** reg 20: the review report goes to the LA and everyone invited within 2 weeks of the meeting. Example 9: 05-14 -> 05-28. */
export const reviewReportDueBy = (meetingOn: CalendarDate): CalendarDate => addWeeks(meetingOn, 2);

/** reg 20(10): LA decision to maintain, amend or cease within 4 weeks of the meeting. Example 9: 05-14 -> 06-11. */
export const REVIEW_DECISION_WEEKS = 4;
export const reviewDecisionDueBy = (meetingOn: CalendarDate): CalendarDate => addWeeks(meetingOn, REVIEW_DECISION_WEEKS);

/**
 * reg 22(2): the family has at least 15 days "beginning with" the day the amendment notice was
 * served to make representations, name a setting or ask for a meeting: the last day is notice + 14.
 * Example 9: notice Mon 2026-06-08 -> 06-22.
 */
export const amendmentRepresentationsEndOn = (noticeOn: CalendarDate): CalendarDate => addDays(noticeOn, 14);

/**
 * reg 22(3)/(4): the amended EHC plan, or the decision not to amend, within 8 weeks of the
 * amendment notice. Example 9: 2026-06-08 -> 2026-08-03.
 */
export const AMENDMENT_WEEKS = 8;
export const amendedPlanDueBy = (noticeOn: CalendarDate): CalendarDate => addWeeks(noticeOn, AMENDMENT_WEEKS);

/** Phase transfers as defined in reg 2 ("transfer between phases of education"). */
export type PhaseTransferKind =
  | 'early-years-to-school'
  | 'infant-to-junior'
  | 'primary-to-middle'
  | 'primary-to-secondary'
  | 'middle-to-secondary'
  | 'secondary-to-post-16';

/**
 * reg 18(1): before a phase transfer the plan must be reviewed and amended, naming the new setting,
 * "before 15 February in the calendar year of the transfer" ("before 31 March" for secondary school
 * to a post-16 institution). The Code of Practice says "by"; the Regulations prevail, so the last
 * lawful day is 14 February (30 March). `transferYear` is the calendar year the child or young
 * person moves (Sept 2027 -> 2027). Show `phaseTransferRule` beside the date, so a caseworker who
 * knows the Code's wording sees why it is the 14th.
 * Example 11: Y6 -> Y7 in Sept 2027 -> Sun 2027-02-14; Y11 -> college -> Tue 2027-03-30.
 */
export const phaseTransferDeadline = (transferYear: number, kind: PhaseTransferKind): CalendarDate => {
  if (!Number.isInteger(transferYear) || transferYear < 1 || transferYear > 9999) throw new RangeError(`Not a transfer year: ${transferYear}`);
  return kind === 'secondary-to-post-16' ? calendarDate(transferYear, 3, 30) : calendarDate(transferYear, 2, 14);
};

/**
 * The words of reg 18(1) for a kind of transfer, to show beside phaseTransferDeadline's date; with
 * the year for a letter ("before 15 February 2027 (reg 18(1))").
 */
export const phaseTransferRule = (kind: PhaseTransferKind, transferYear?: number): string =>
  `before ${kind === 'secondary-to-post-16' ? '31 March' : '15 February'}${transferYear === undefined ? '' : ` ${transferYear}`} (reg 18(1))`;

/**
 * reg 18(2): where a young person is to transfer from one post-16 institution to another at any
 * other time, the plan must be reviewed and amended, naming the new institution, "at least five
 * months before that transfer takes place". The last lawful day is the date five calendar months
 * before the transfer (clamped to the month's end: a move on 31 July -> 28 February).
 * Transfer Mon 2027-01-04 -> Tue 2026-08-04.
 */
export const post16TransferDeadline = (transferOn: CalendarDate): CalendarDate => addMonths(transferOn, -5);

export const POST_16_TRANSFER_RULE = 'at least five months before the transfer (reg 18(2))';

/**
 * Working back from the phase transfer deadline with the reg 22 amendment period: the latest day an
 * amendment notice can be served and still allow the full 8 weeks. Example 11: 2027-02-14 -> 2026-12-20.
 */
export const phaseTransferLatestAmendmentNotice = (deadline: CalendarDate): CalendarDate =>
  addWeeks(deadline, -AMENDMENT_WEEKS);

/**
 * And 4 weeks further back (the reg 20(10) decision period): the latest review meeting.
 * Example 11: 2027-02-14 -> 2026-11-22. Aim earlier.
 */
export const phaseTransferLatestReviewMeeting = (deadline: CalendarDate): CalendarDate =>
  addWeeks(phaseTransferLatestAmendmentNotice(deadline), -REVIEW_DECISION_WEEKS);
