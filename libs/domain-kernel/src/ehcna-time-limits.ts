import { addDays, addWeeks, assertCalendarDate, type CalendarDate } from './calendar-date';
import { nextWorkingDayOnOrAfter, workingDayOnOrBefore } from './working-days';

/*
 * EHC needs assessment time limits (domain §2.4). Day 0 is the date the local authority received
 * the request, or became responsible for the child or young person under s.24 (reg 5(1)(b),
 * 10(1), 13(2)). "Within N weeks of X" is on or before X + 7N days (domain §2.5).
 *
 * The Regulations never move an LA deadline that falls on a weekend or bank holiday: every
 * function here returns the statutory date unchanged; `operationalTarget` is shown beside it.
 */

/** reg 5(1): notify the decision whether to secure an EHC needs assessment within 6 weeks. */
export const decisionToAssessDueBy = (receivedOn: CalendarDate): CalendarDate => addWeeks(receivedOn, 6);

/** reg 8(1): each person asked for advice must give it within 6 weeks of the request. */
export const adviceDueBy = (requestedOn: CalendarDate): CalendarDate => addWeeks(requestedOn, 6);

/** reg 10(1): notify a decision not to secure an EHC plan within 16 weeks of the request. */
export const decisionNotToIssueDueBy = (receivedOn: CalendarDate): CalendarDate => addWeeks(receivedOn, 16);

/** reg 13(2): the finalised EHC plan within 20 weeks of the request. */
export const finalPlanDueBy = (receivedOn: CalendarDate): CalendarDate => addWeeks(receivedOn, 20);

/**
 * reg 13(1): the parent or young person has at least 15 days, "beginning with" the day the draft
 * EHC plan was served, to make representations and ask for a setting to be named. The day of
 * service is day 1, so the last day is served + 14.
 */
export const draftPlanRepresentationsEndOn = (servedOn: CalendarDate): CalendarDate => addDays(servedOn, 14);

/** reg 13(1): the plan cannot be finalised until the 15-day window has run, so served + 15 at the earliest. */
export const earliestFinalisationAfterDraft = (servedOn: CalendarDate): CalendarDate => addDays(servedOn, 15);

/**
 * Operational, not law: the first working day on which the final plan can realistically be issued
 * after a draft served on `servedOn` (example 8: served Fri 2026-04-17 -> Tue 05-05, because
 * Sat 05-02 is a weekend and Mon 05-04 a bank holiday).
 */
export const earliestIssueWorkingDayAfterDraft = (servedOn: CalendarDate): CalendarDate =>
  nextWorkingDayOnOrAfter(earliestFinalisationAfterDraft(servedOn));

/**
 * CoP 9.83 (guidance, not a regulation): a setting consulted about being named should respond
 * within 15 calendar days. The LA decides even without a reply.
 */
export const settingConsultationResponseDueBy = (sentOn: CalendarDate): CalendarDate => addDays(sentOn, 15);

/**
 * The working day to aim for: the statutory date itself if it is a working day, otherwise the
 * working day before. The statutory date never moves (domain §2.5); show both.
 */
export const operationalTarget = (statutoryDue: CalendarDate): CalendarDate => workingDayOnOrBefore(statutoryDue);

export type StatutoryDeadline = { readonly dueBy: CalendarDate; readonly operationalTarget: CalendarDate };

/** A statutory date with its operational target beside it. */
export const withOperationalTarget = (dueBy: CalendarDate): StatutoryDeadline => ({
  dueBy,
  operationalTarget: operationalTarget(dueBy),
});

/** All three LA time limits for one request, each with its operational target (domain §2.4). */
export const assessmentDeadlines = (
  receivedOn: CalendarDate,
): {
  readonly decisionToAssess: StatutoryDeadline;
  readonly decisionNotToIssue: StatutoryDeadline;
  readonly finalPlan: StatutoryDeadline;
} => ({
  decisionToAssess: withOperationalTarget(decisionToAssessDueBy(receivedOn)),
  decisionNotToIssue: withOperationalTarget(decisionNotToIssueDueBy(receivedOn)),
  finalPlan: withOperationalTarget(finalPlanDueBy(receivedOn)),
});

/**
 * LOCAL POLICY, not law (domain §11.1): which date counts as "received" for a request that
 * arrives at a weekend, on a bank holiday or out of hours. 'day-received' keeps the calendar date
 * (example 3: Sat 2026-03-07); 'next-working-day' deems Mon 2026-03-09, moving every clock +2 days.
 * Use one policy for statutory dates and SEN2 alike.
 */
export type ReceiptDatePolicy = 'day-received' | 'next-working-day';

export const deemedReceiptDate = (arrivedOn: CalendarDate, policy: ReceiptDatePolicy): CalendarDate => {
  assertCalendarDate(arrivedOn);
  return policy === 'next-working-day' ? nextWorkingDayOnOrAfter(arrivedOn) : arrivedOn;
};

/**
 * Request for a reassessment (s.44(2)): notify the decision whether to reassess within 15 days of
 * the request. Domain §4 **(check)**: regulation number and "of"/"beginning with" wording unverified.
 */
export const reassessmentDecisionDueBy = (requestedOn: CalendarDate): CalendarDate => addDays(requestedOn, 15);

/**
 * Reassessment (regs 24-27, domain §4): the final plan, or the decision not to amend, within
 * 14 weeks of the day the decision to reassess was notified, not of the request for it.
 */
export const reassessmentFinalPlanDueBy = (decisionToReassessNotifiedOn: CalendarDate): CalendarDate =>
  addWeeks(decisionToReassessNotifiedOn, 14);
