import { addWeeks, assertCalendarDate, type CalendarDate } from './calendar-date';
import { TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS } from './exceptions';
import { addWorkingDays } from './working-days';

/*
 * First-tier Tribunal (SEND) (domain §3.4). LA compliance periods (reg 44) are LA deadlines, so
 * they never move off a weekend or bank holiday; show an operationalTarget beside them.
 */

/** The tribunal's usual period for the LA's response; its directions set it, not a regulation **(check current directions)**. */
export const LA_RESPONSE_WORKING_DAYS = 30;

/**
 * The LA's response to a registered appeal: `workingDays` working days from the date the tribunal
 * sent the appeal to the LA (that day is day 0). Pass the number the directions give when they
 * differ from LA_RESPONSE_WORKING_DAYS.
 */
export const laResponseDueBy = (appealSentOn: CalendarDate, workingDays: number = LA_RESPONSE_WORKING_DAYS): CalendarDate => {
  // a response due on or before the day the appeal was sent is a caller's bug, not a direction
  if (!Number.isInteger(workingDays) || workingDays < 1)
    throw new RangeError(`response period must be a whole number of working days >= 1, got ${workingDays}`);
  return addWorkingDays(appealSentOn, workingDays);
};

/**
 * Non-binding recommendations on health or social care (sections C, D, G, H1, H2): the responsible
 * body responds in writing within 5 weeks of the recommendation (domain §3.4; the Recommendations
 * Power regulations **(check)** number).
 */
export const recommendationResponseDueBy = (recommendationOn: CalendarDate): CalendarDate =>
  addWeeks(recommendationOn, 5);

/** What the tribunal ordered (reg 44(2)) or the LA conceded (reg 45). */
export type TribunalOrderKind =
  /** order to make an EHC needs assessment or reassessment */
  | 'assess-or-reassess'
  /** order to make and maintain an EHC plan (refusal to issue overturned) */
  | 'make-and-maintain-plan'
  /** amend sections B/F, or a refusal to amend overturned */
  | 'amend-special-educational-provision'
  /** section I (the named setting or type) only */
  | 'amend-section-i-only'
  /** section I together with B/F */
  | 'amend-provision-and-section-i'
  /** a decision to cease is overturned: keep maintaining the plan */
  | 'cease-decision-overturned'
  /** the appeal against a decision to cease is dismissed */
  | 'cease-appeal-dismissed';

export type ComplianceDeadlines =
  | {
      readonly kind: 'assess-or-reassess';
      /** tell the family the (re)assessment will be made: 2 weeks */
      readonly notifyBy: CalendarDate;
      /** a decision not to issue a plan: 10 weeks */
      readonly decisionNotToIssueBy: CalendarDate;
      /** the final EHC plan: 14 weeks */
      readonly finalPlanBy: CalendarDate;
    }
  | {
      readonly kind: 'make-and-maintain-plan';
      /** draft: 5 weeks */
      readonly draftPlanBy: CalendarDate;
      /** final: 11 weeks */
      readonly finalPlanBy: CalendarDate;
    }
  | { readonly kind: 'amend-special-educational-provision'; readonly amendedPlanBy: CalendarDate }
  | { readonly kind: 'amend-section-i-only'; readonly amendedPlanBy: CalendarDate }
  | { readonly kind: 'amend-provision-and-section-i'; readonly amendedPlanBy: CalendarDate }
  | {
      readonly kind: 'cease-decision-overturned';
      /** continue maintaining the plan at once */
      readonly continueMaintainingFrom: CalendarDate;
      /** only if the order also requires an amendment: 5 weeks */
      readonly amendedPlanByIfOrdered: CalendarDate;
    }
  | { readonly kind: 'cease-appeal-dismissed'; readonly planCeasesOn: CalendarDate };

/**
 * reg 44(2): compliance periods run from the date of the order. reg 45: the same periods run from
 * the date the LA notified the tribunal it will not oppose the appeal, so pass that date instead.
 * reg 44(3) lifts them for exceptional personal circumstances, an absence of at least 2 weeks
 * (TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS) or the reg 10(4) closure limbs.
 * Example 17 (order Mon 2026-11-02): section I only 11-16; amend B/F 12-07; make a plan: draft
 * 12-07, final 2027-01-18; assess: notify 11-16, no-plan decision 2027-01-11, final 2027-02-08.
 */
export const complianceDeadlines = <K extends TribunalOrderKind>(
  kind: K,
  orderOn: CalendarDate,
): Extract<ComplianceDeadlines, { kind: K }> => {
  assertCalendarDate(orderOn);
  const weeks = (n: number): CalendarDate => addWeeks(orderOn, n);
  const table: { readonly [P in TribunalOrderKind]: () => Extract<ComplianceDeadlines, { kind: P }> } = {
    'assess-or-reassess': () => ({
      kind: 'assess-or-reassess',
      notifyBy: weeks(2),
      decisionNotToIssueBy: weeks(10),
      finalPlanBy: weeks(14),
    }),
    'make-and-maintain-plan': () => ({ kind: 'make-and-maintain-plan', draftPlanBy: weeks(5), finalPlanBy: weeks(11) }),
    'amend-special-educational-provision': () => ({ kind: 'amend-special-educational-provision', amendedPlanBy: weeks(5) }),
    'amend-section-i-only': () => ({ kind: 'amend-section-i-only', amendedPlanBy: weeks(2) }),
    'amend-provision-and-section-i': () => ({ kind: 'amend-provision-and-section-i', amendedPlanBy: weeks(5) }),
    'cease-decision-overturned': () => ({
      kind: 'cease-decision-overturned',
      continueMaintainingFrom: orderOn,
      amendedPlanByIfOrdered: weeks(5),
    }),
    'cease-appeal-dismissed': () => ({ kind: 'cease-appeal-dismissed', planCeasesOn: orderOn }),
  };
  return table[kind]() as Extract<ComplianceDeadlines, { kind: K }>;
};

/** Why the LA says it could not meet a reg 44 compliance period (limb letters (a) and (c) **(check)**). */
export type ComplianceExceptionReason =
  /** reg 44(3)(a): exceptional personal circumstances affect the child, the parent or the young person */
  | 'personal-circumstances'
  /** reg 44(3)(b): the child, the parent or the young person is away from the LA's area */
  | 'absence'
  /** reg 44(3)(c): a reg 10(4)(a)/(b) closure of the school, post-16 institution or early years provider */
  | 'closure';

/**
 * reg 44(3): does the reason meet the test the regulation sets, so that a reg 44(2) period need not
 * be complied with? An absence counts only if it lasted at least TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS
 * (2) continuous weeks, not the 4 of reg 10(4)(d); `absenceDays` is counted as absenceLimbApplies
 * counts (first day back minus first day away), and an absence of unknown length does not count.
 * The closure's own window is closureLimbApplies; that meeting the period is impractical is the
 * LA's judgement, not a date test.
 */
export const complianceExceptionApplies = (reason: ComplianceExceptionReason, absenceDays?: number): boolean => {
  if (absenceDays !== undefined && !(Number.isInteger(absenceDays) && absenceDays >= 0))
    throw new RangeError(`absence must be a whole number of days >= 0, got ${absenceDays}`);
  switch (reason) {
    case 'personal-circumstances':
    case 'closure':
      return true;
    case 'absence':
      return absenceDays !== undefined && absenceDays >= TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS * 7;
  }
};
