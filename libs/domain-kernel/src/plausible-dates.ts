import { isBefore, type CalendarDate } from './calendar-date';
import { ageOn } from './academic-year';

/**
 * How far back a date the hub is given may plausibly lie. Not law but a guard against a typing
 * slip (1800 for 2018): local settings, read at start (`EARLIEST_CASE_DATE`, `MAX_AGE_AT_REQUEST`).
 */
export interface PlausibleDates {
  /** No request received, and no EHC plan issued, before this day: the Children and Families Act 2014 EHC regime began on 1 September 2014. */
  earliestCaseDate: CalendarDate;
  /** A child or young person is under 25 (Act s.83(2), domain glossary "CYP: aged 0–25"): older at the request is a slip in the date of birth. */
  maxAgeAtRequest: number;
}

export const DEFAULT_PLAUSIBLE_DATES: PlausibleDates = { earliestCaseDate: '2014-09-01', maxAgeAtRequest: 25 };

export type ImplausibleDateRule = 'DateBeforeEarliestCaseDate' | 'TooOldAtRequest';

export interface ImplausibleDate { field: string; rule: ImplausibleDateRule; message: string }

/** A date a case begins on (a request received, a plan issued): not before the earliest case date. */
export function caseDateFault(field: string, date: CalendarDate, rules: PlausibleDates): ImplausibleDate | null {
  if (!isBefore(date, rules.earliestCaseDate)) return null;
  return { field, rule: 'DateBeforeEarliestCaseDate', message: `${field} ${date} is before ${rules.earliestCaseDate}, the earliest date an EHC case can begin (EARLIEST_CASE_DATE)` };
}

/** The child or young person is under `maxAgeAtRequest` on the day of the request (ages as `ageOn` counts them). */
export function dateOfBirthFault(field: string, dateOfBirth: CalendarDate, requestOn: CalendarDate, rules: PlausibleDates): ImplausibleDate | null {
  if (ageOn(dateOfBirth, requestOn) < rules.maxAgeAtRequest) return null;
  return { field, rule: 'TooOldAtRequest', message: `${field} ${dateOfBirth} makes the child or young person ${rules.maxAgeAtRequest} or older on ${requestOn}: an EHC needs assessment is for someone under ${rules.maxAgeAtRequest} (MAX_AGE_AT_REQUEST)` };
}
