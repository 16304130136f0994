import { addWeeks, assertCalendarDate, type CalendarDate } from './calendar-date';
import { addWorkingDays } from './working-days';

/*
 * First-tier Tribunal (SEND) (domain §3.4). LA compliance periods (reg 44) are LA deadlines, so
 * they never move off a weekend or bank holiday; show an operationalTarget beside them.
 */

/**
 * The LA's response to a registered appeal: 30 working days from the date the tribunal sent the
 * appeal to the LA. Set by the tribunal's directions, not a regulation **(check current directions)**.
 */
export const laResponseDueBy = (appealSentOn: CalendarDate): CalendarDate => addWorkingDays(appealSentOn, 30);

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
