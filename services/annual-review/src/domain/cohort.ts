import {
  academicYearEndsOn, academicYearOf, academicYearStartsOn, addWeeks, cohortIsOverCompulsorySchoolAge, isBefore,
  nationalCurriculumYear, onOrAfter, onOrBefore, type CalendarDate, type Cohort, type PhaseTransferKind,
} from '@ehc/domain-kernel';

/*
 * What the decider knows of the child's or young person's age: their cohort, never a date of birth
 * (STYLE §1: no personal details in events; the date of birth stays in the erasable people table).
 *
 * Every age rule the annual review needs depends only on the academic year of birth, which the
 * cohort fixes exactly: the year group, the day compulsory school age ends (so who holds the rights
 * and receives letters), and the end of the academic year of the 25th birthday (s.46). Only "under 5"
 * (CoP 9.178) and "aged 18 or over" (reg 29) fall inside a school year; for those the decider knows
 * the window and says which way it errs.
 *
 * The kernel's rules take a date of birth. Any date in the academic year of birth gives the same
 * answer to each of them, so the cohort stands in with the first day of that year rather than
 * restating a rule here (STYLE §1 "one rule, one place").
 */

/** The kernel's cohort: `receptionYear` (the academic year the child turns 5) and `yearGroupOffset`. */
export type { Cohort };

const standInDateOfBirth = (cohort: Cohort): CalendarDate => academicYearStartsOn(cohort.receptionYear - 5);

/** National curriculum year on a date: Reception 0, Year 1 = 1 ... (kernel nationalCurriculumYear). */
export const yearGroupOn = (cohort: Cohort, on: CalendarDate): number =>
  nationalCurriculumYear(standInDateOfBirth(cohort), academicYearOf(on), cohort.yearGroupOffset);

/**
 * Over compulsory school age on `on`: from then the young person holds the rights and is written to
 * (domain §1). Exact for the cohort. Capacity (domain §11.16) is not modelled here.
 */
export const isYoungPersonOn = cohortIsOverCompulsorySchoolAge;

/**
 * s.46: an EHC plan may be maintained for a young person until the end of the academic year in which
 * they turn 25. The 25th birthday falls in academic year receptionYear + 20.
 * Belongs in the kernel (proposed: `planMayBeMaintainedUntil(dateOfBirth)` in academic-year.ts).
 */
export const planMayBeMaintainedUntil = (cohort: Cohort): CalendarDate => academicYearEndsOn(cohort.receptionYear + 20);

/** The academic year in which the young person turns 25 has begun: 'max-age' is a reason the LA may give. */
export const inYearOfTwentyFifthBirthday = (cohort: Cohort, on: CalendarDate): boolean =>
  onOrAfter(on, academicYearStartsOn(cohort.receptionYear + 20));

/**
 * The child may still be under 5 on `on`: the cohort's last 5th birthday is 31 Aug at the end of its
 * Reception year. CoP 9.178 is guidance ("consider"), so the prompt errs towards reviewing: a child
 * who turned 5 early in their Reception year is still prompted.
 */
export const mayBeUnderFive = (cohort: Cohort, on: CalendarDate): boolean =>
  isBefore(on, academicYearEndsOn(cohort.receptionYear));

/**
 * Certainly under 18 on `on`: the cohort's first 18th birthday is 1 Sep of academic year
 * receptionYear + 13. Within that year the decider cannot tell, so it does not refuse (reg 29's
 * "aged 18 or over" is then the caseworker's check against the people table).
 */
export const certainlyUnderEighteen = (cohort: Cohort, on: CalendarDate): boolean =>
  isBefore(on, academicYearStartsOn(cohort.receptionYear + 13));

/** Born by `on` and not past s.46's limit: a plan can exist for the cohort on that date. */
export const isOfPlanAge = (cohort: Cohort, on: CalendarDate): boolean =>
  onOrAfter(on, standInDateOfBirth(cohort)) && onOrBefore(on, planMayBeMaintainedUntil(cohort));

/**
 * The year group a reg 2 phase transfer moves into, where that is national; middle schools start at
 * different years, so those transfers need the year given.
 */
const ENTRY_YEAR_GROUP: Record<PhaseTransferKind, number | null> = {
  'early-years-to-school': 0,
  'infant-to-junior': 3,
  'primary-to-middle': null,
  'primary-to-secondary': 7,
  'middle-to-secondary': null,
  'secondary-to-post-16': 12,
};

/**
 * The calendar year of a phase transfer (reg 18: "the calendar year of the transfer"): the
 * academic year that starts with the child in the entry year group. Y6 -> Y7 for a child in
 * Reception in 2020/21 -> 2027. Null when the kind has no national entry year.
 */
export const transferYearOf = (cohort: Cohort, kind: PhaseTransferKind): number | null => {
  const entry = ENTRY_YEAR_GROUP[kind];
  return entry === null ? null : cohort.receptionYear - cohort.yearGroupOffset + entry;
};

/*
 * Special -> mainstream dual registration (seed 000): reviews "every 6-8 weeks". Local protocol, not
 * law, and configurable (domain §11.11); proposed for the kernel as `transitionReviewWindow(lastOn)`.
 */
export const TRANSITION_REVIEW_EARLIEST_WEEKS = 6;
export const TRANSITION_REVIEW_LATEST_WEEKS = 8;
export const transitionReviewFrom = (lastOn: CalendarDate): CalendarDate => addWeeks(lastOn, TRANSITION_REVIEW_EARLIEST_WEEKS);
export const transitionReviewDueBy = (lastOn: CalendarDate): CalendarDate => addWeeks(lastOn, TRANSITION_REVIEW_LATEST_WEEKS);
