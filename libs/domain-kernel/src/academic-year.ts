import {
  addYears,
  calendarDate,
  FRIDAY,
  isAfter,
  partsOf,
  weekdayOnOrBefore,
  type CalendarDate,
} from './calendar-date';

/*
 * School years in England. The academic year here is 1 September to 31 August (the DfE's
 * convention for year groups and SEN2), named by the calendar year it starts in: 2026 = 2026/27.
 */
export type AcademicYear = number;

export const academicYearOf = (date: CalendarDate): AcademicYear => {
  const { year, month } = partsOf(date);
  return month >= 9 ? year : year - 1;
};

export const academicYearStartsOn = (academicYear: AcademicYear): CalendarDate => calendarDate(academicYear, 9, 1);

export const academicYearEndsOn = (academicYear: AcademicYear): CalendarDate => calendarDate(academicYear + 1, 8, 31);

/** '2026/27' */
export const academicYearLabel = (academicYear: AcademicYear): string =>
  `${academicYear}/${String((academicYear + 1) % 100).padStart(2, '0')}`;

/** Whole years of age on a date. Someone born on 29 Feb turns a year older on 1 Mar in a common year. */
export const ageOn = (dateOfBirth: CalendarDate, on: CalendarDate): number => {
  const birth = partsOf(dateOfBirth);
  const day = partsOf(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
};

/**
 * National curriculum year (NCY) as a number: Reception = 0, Year 1 = 1 ... Year 13 = 13;
 * nursery years are -1 (N2) and -2 (N1).
 *
 * A child is in Reception in the academic year in which they turn 5 (born 1 Sep 2021 - 31 Aug 2022
 * -> Reception in 2026/27), and in Year N in the academic year in which they turn N + 5.
 * `outOfYearGroupOffset` records a child taught outside their chronological year group, e.g. -1
 * for a summer-born child whose Reception start was deferred a year (a local decision).
 */
export const nationalCurriculumYear = (
  dateOfBirth: CalendarDate,
  academicYear: AcademicYear,
  outOfYearGroupOffset = 0,
): number => academicYear - academicYearOf(dateOfBirth) - 5 + outOfYearGroupOffset;

/** 'N1', 'N2', 'R', 'Y1' ... 'Y13' (and 'Y14' and up beyond Year 13); below N1: 'EY<n>' with n < -2. */
export const yearGroupLabel = (ncy: number): string =>
  ncy === 0 ? 'R' : ncy === -1 ? 'N2' : ncy === -2 ? 'N1' : ncy < -2 ? `EY${ncy}` : `Y${ncy}`;

/**
 * The day compulsory school age ends: the school leaving date (the last Friday in June, Education
 * (School Leaving Date) Order 1997) of the school year in which the child turns 16 (Education Act
 * 1996 s.8(3)). From the next day they are a young person (CoP: "over compulsory school age"), and
 * the rights to request, respond and appeal pass to them (domain §1).
 * This is the legal date. The domain glossary's looser "end of the school year" would be 31 Aug; we
 * use the last Friday in June because that is the statutory test. Born 2010-09-01 or 2011-08-31 ->
 * turn 16 in 2026/27 -> 2027-06-25.
 */
export const compulsorySchoolAgeEndsOn = (dateOfBirth: CalendarDate): CalendarDate => {
  // A 29 Feb birthday clamps to 28 Feb here; 28 Feb and 1 Mar are in the same school year, so
  // the answer is the same either way.
  const sixteenthBirthday = addYears(dateOfBirth, 16);
  const leavingYear = academicYearOf(sixteenthBirthday) + 1;
  return weekdayOnOrBefore(calendarDate(leavingYear, 6, 30), FRIDAY);
};

/** Over compulsory school age on `on` (the day after the school leaving date onwards). */
export const isOverCompulsorySchoolAge = (dateOfBirth: CalendarDate, on: CalendarDate): boolean =>
  isAfter(on, compulsorySchoolAgeEndsOn(dateOfBirth));

/** CFA 2014 s.83(2): a young person is over compulsory school age but under 25. */
export const isYoungPerson = (dateOfBirth: CalendarDate, on: CalendarDate): boolean =>
  isOverCompulsorySchoolAge(dateOfBirth, on) && ageOn(dateOfBirth, on) < 25;

/**
 * A child's school-year cohort: the academic year in which they are in Reception by age (the year
 * they turn 5), and an offset for a child taught outside their year group. Coarse as a class list,
 * it lets events reason about age without carrying a date of birth.
 */
export interface Cohort {
  receptionYear: AcademicYear;
  yearGroupOffset: number;
}

export const cohortOf = (dateOfBirth: CalendarDate, yearGroupOffset = 0): Cohort => ({
  receptionYear: academicYearOf(dateOfBirth) + 5,
  yearGroupOffset,
});

/**
 * Over compulsory school age on `on`, from the cohort alone (no date of birth): exact, because the
 * day compulsory school age ends depends only on the academic year of birth, which the cohort fixes.
 */
export const cohortIsOverCompulsorySchoolAge = (cohort: Cohort, on: CalendarDate): boolean =>
  isOverCompulsorySchoolAge(academicYearStartsOn(cohort.receptionYear - 5), on);

/** Whom letters go to: the holder of the rights to request, respond and appeal (domain §1). */
export type RightsHolder = 'parent' | 'young-person';

/**
 * The rights-holder on `on` (domain §1, §11.16): the young person from the day after compulsory
 * school age ends, otherwise the parent. With no date of birth on file, a young person who asked for
 * their own assessment is taken at their word. Capacity is not modelled.
 */
export const rightsHolderOn = (cohort: Cohort | null, on: CalendarDate, requestedByYoungPerson = false): RightsHolder => {
  if (cohort) return cohortIsOverCompulsorySchoolAge(cohort, on) ? 'young-person' : 'parent';
  return requestedByYoungPerson ? 'young-person' : 'parent';
};
