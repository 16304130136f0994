import { addDays, addMonths, assertOptionalCalendarDate, calendarDate, maxDate, partsOf, type CalendarDate } from './calendar-date';
import { addWorkingDays, nextWorkingDayAfter, nextWorkingDayOnOrAfter } from './working-days';

/*
 * Disagreement: mediation (SEND Regs 2014 regs 32-42) and the appeal deadline for the
 * First-tier Tribunal (SEND) (Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008, "TR").
 * Unlike LA deadlines, TR r.12 DOES move a tribunal deadline that falls on a non-working day.
 */

// ---------------------------------------------------------------------------------------------
// Appeal deadline (domain §3.3)
// ---------------------------------------------------------------------------------------------

export type AppealDeadlineAdjustment =
  /** the unadjusted date is a working day outside August and 25 Dec-1 Jan */
  | 'none'
  /** TR r.12(3): the date fell in August, so the first working day after 31 August */
  | 'august'
  /** TR r.12(3): the date fell on 25 Dec-1 Jan, so the first working day after 1 January */
  | 'christmas'
  /** TR r.12(2): the date fell on a weekend or bank holiday, so the next working day */
  | 'non-working-day';

export type AppealDeadlineExplained = {
  /** the later of letter + 2 months and certificate + 1 month, before TR r.12 */
  readonly unadjusted: CalendarDate;
  readonly adjustment: AppealDeadlineAdjustment;
  readonly deadline: CalendarDate;
};

/**
 * The appeal deadline with the working shown, for decision letters and certificates.
 *
 * 1. TR r.20(1): the later of 2 months after the decision letter was sent and, where a mediation
 *    certificate is needed, 1 month after the certificate was issued. A month is the same day
 *    number; a day the month lacks clamps to month end (addMonths) **(check)**.
 * 2. TR r.12(3), SEN cases only: a date in August, or from 25 December to 1 January, becomes the
 *    first working day after 31 August / 1 January.
 * 3. TR r.12(2): otherwise a non-working day becomes the next working day.
 *
 * Example 12: letter 2026-06-10, certificate 07-24 -> 08-24 (August) -> Tue 2026-09-01.
 * Example 13: letter 2026-10-26 -> Sat 12-26 -> Mon 2027-01-04; with certificate 12-14 -> Thu 2027-01-14.
 */
export const explainAppealDeadline = (
  decisionLetterOn: CalendarDate,
  certificateOn?: CalendarDate | null,
): AppealDeadlineExplained => {
  assertOptionalCalendarDate(certificateOn);
  const fromLetter = addMonths(decisionLetterOn, 2);
  // no certificate (none needed, or none yet): null and undefined mean the same
  const unadjusted = certificateOn === undefined || certificateOn === null ? fromLetter : maxDate(fromLetter, addMonths(certificateOn, 1));
  const { year, month, day } = partsOf(unadjusted);

  if (month === 8)
    return { unadjusted, adjustment: 'august', deadline: nextWorkingDayAfter(calendarDate(year, 8, 31)) };
  if (month === 12 && day >= 25)
    return { unadjusted, adjustment: 'christmas', deadline: nextWorkingDayAfter(calendarDate(year + 1, 1, 1)) };
  if (month === 1 && day === 1)
    return { unadjusted, adjustment: 'christmas', deadline: nextWorkingDayAfter(unadjusted) };

  const deadline = nextWorkingDayOnOrAfter(unadjusted);
  return { unadjusted, adjustment: deadline === unadjusted ? 'none' : 'non-working-day', deadline };
};

/** TR r.20 and r.12: the last day on which the tribunal must receive the appeal (see explainAppealDeadline). */
export const appealDeadline = (decisionLetterOn: CalendarDate, certificateOn?: CalendarDate | null): CalendarDate =>
  explainAppealDeadline(decisionLetterOn, certificateOn).deadline;

// ---------------------------------------------------------------------------------------------
// Mediation (domain §3.2)
// ---------------------------------------------------------------------------------------------

/** The mediation adviser's and LA's short steps are counted in working days (domain §2.5). */
export const MEDIATION_STEP_WORKING_DAYS = 3;

const withinThreeWorkingDays = (from: CalendarDate): CalendarDate => addWorkingDays(from, MEDIATION_STEP_WORKING_DAYS);

/**
 * reg 33: a parent or young person who needs a mediation certificate must contact the mediation
 * adviser "within 2 months after written notice of the local authority's decision was sent".
 * No roll-forward: reg 33 is not a tribunal rule.
 */
export const mediationContactDeadline = (decisionLetterOn: CalendarDate): CalendarDate => addMonths(decisionLetterOn, 2);

/** reg 34: the family declines mediation -> the mediation adviser issues the certificate within 3 working days. */
export const certificateAfterDeclineDueBy = (declinedOn: CalendarDate): CalendarDate => withinThreeWorkingDays(declinedOn);

/**
 * Health care issues in mediation: the LA tells each responsible commissioning body (ICB) within
 * 3 working days of being told the mediation issues (regs 35-36, exact regulation **(check)**).
 */
export const icbNotificationDueBy = (laToldOn: CalendarDate): CalendarDate => withinThreeWorkingDays(laToldOn);

/**
 * The LA (or the ICB, if only health care is in dispute) must arrange mediation to take place
 * within 30 days of being told the family wishes to mediate (reg 37 **(check)** number).
 * Lincolnshire's screening runs inside this period and never extends it (domain §3.2, §11.9).
 * Example 15: told Tue 2026-03-03 -> Thu 2026-04-02.
 */
export const mediationMustTakePlaceBy = (laToldOn: CalendarDate): CalendarDate => addDays(laToldOn, 30);

/** Certificate within 3 working days after mediation ends (reg 39 **(check)** number). Example 15: Thu 03-26 -> Tue 03-31. */
export const certificateAfterMediationDueBy = (mediationEndedOn: CalendarDate): CalendarDate =>
  withinThreeWorkingDays(mediationEndedOn);

/**
 * Mediation cannot be arranged within the 30 days: the mediation adviser issues a certificate
 * within 3 working days of being told so (reg 37 **(check)** number).
 */
export const certificateWhenMediationNotArrangedDueBy = (adviserToldOn: CalendarDate): CalendarDate =>
  withinThreeWorkingDays(adviserToldOn);

// ---------------------------------------------------------------------------------------------
// Appealable decisions (domain §3.1, Children and Families Act 2014 s.51)
// ---------------------------------------------------------------------------------------------

/** A decision whose letter must give appeal rights and reg 32 mediation information (domain §3.1). */
export type AppealableDecisionType =
  | 'refusal-to-assess'
  | 'decision-not-to-issue'
  | 'final-plan'
  | 'amended-plan'
  | 'decision-not-to-amend'
  | 'refusal-to-reassess'
  | 'cease';

/** What the First-tier Tribunal (SEND) is asked to decide. */
export type AppealType =
  | 'refusal-to-assess'
  | 'refusal-to-issue'
  /** sections B, F and I (and with them non-binding recommendations on C, D, G, H1, H2) */
  | 'contents'
  /** the named setting or type of setting, or that none is named, and nothing else */
  | 'section-i-only'
  | 'cease'
  | 'refusal-to-amend'
  | 'refusal-to-reassess';

const APPEAL_TYPES: Readonly<Record<AppealableDecisionType, readonly AppealType[]>> = {
  // s.51(2)(a): not to secure an EHC needs assessment
  'refusal-to-assess': Object.freeze(['refusal-to-assess'] as const),
  // s.51(2)(b): after assessment, an EHC plan is not necessary
  'decision-not-to-issue': Object.freeze(['refusal-to-issue'] as const),
  // s.51(2)(c) and (3)(a): the plan's contents when it is first finalised
  'final-plan': Object.freeze(['contents', 'section-i-only'] as const),
  // s.51(2)(c) and (3)(b): the contents again after an amendment or replacement
  'amended-plan': Object.freeze(['contents', 'section-i-only'] as const),
  // s.51(2)(e): not to amend or replace the plan after a review or reassessment
  'decision-not-to-amend': Object.freeze(['refusal-to-amend'] as const),
  // s.51(2)(d): not to secure a reassessment the family asked for
  'refusal-to-reassess': Object.freeze(['refusal-to-reassess'] as const),
  // s.51(2)(f): to cease to maintain the plan (s.45)
  cease: Object.freeze(['cease'] as const),
};

/** Act s.51(2)-(3): the appeals a decision opens, so its letter names each of them. */
export const appealTypesFor = (decision: AppealableDecisionType): readonly AppealType[] => {
  if (!Object.prototype.hasOwnProperty.call(APPEAL_TYPES, decision))
    throw new RangeError(`not an appealable decision: ${String(decision)}`);
  return APPEAL_TYPES[decision];
};

/**
 * Act s.55: the family must contact a mediation adviser (and so hold a mediation certificate)
 * before appealing, except about section I alone; without one, appealDeadline takes no certificate.
 */
export const certificateNeededFor = (appealType: AppealType): boolean => appealType !== 'section-i-only';

/** The plan sections an appeal or a recommendation can touch (domain §5; A, E, J and K can do neither). */
export type PlanSection = 'B' | 'C' | 'D' | 'F' | 'G' | 'H1' | 'H2' | 'I';

const APPEALABLE_SECTIONS: ReadonlySet<PlanSection> = new Set<PlanSection>(['B', 'F', 'I']);
const RECOMMENDATION_SECTIONS: ReadonlySet<PlanSection> = new Set<PlanSection>(['C', 'D', 'G', 'H1', 'H2']);

/** Act s.51(2)(c)(i)-(iv): needs (B), provision (F) and the setting or its type, or none named (I). */
export const appealableSection = (section: PlanSection): boolean => APPEALABLE_SECTIONS.has(section);

/**
 * Health and social care sections: the tribunal may only recommend, and only alongside a B/F/I
 * appeal (First-tier Tribunal Recommendations Power Regulations 2017 **(check)** number).
 */
export const recommendationSection = (section: PlanSection): boolean => RECOMMENDATION_SECTIONS.has(section);
