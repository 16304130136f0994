import { assertCalendarDate, assertOptionalCalendarDate, daysBetween, onOrBefore, type CalendarDate } from './calendar-date';
import { operationalTarget } from './ehcna-time-limits';
import { localExpectedDateUnderException } from './exceptions';

/** A statutory deadline as a caseworker sees it on a given day. */
export interface DeadlineStatus {
  /** The statutory date: never moved for weekends or bank holidays. */
  due: CalendarDate | null;
  done: CalendarDate | null;
  /** The working day on or before `due`, to aim for. */
  target: CalendarDate | null;
  /** Days from today to `due` while open (negative once passed); to `expectedUnderException` while excepted. */
  daysLeft: number | null;
  /** Days past `due`: when done late (0 when on time), or while open and overdue. */
  daysLate: number | null;
  /** true/false once done (against `due`); false while open and past due, or past the expected date while excepted; null while open in time. */
  onTime: boolean | null;
  /** An exception lifts this time limit: reported separately; chased against `expectedUnderException`. */
  excepted: boolean;
  /** Local policy, not law: the date the LA expects to act by while an exception applies. */
  expectedUnderException: CalendarDate | null;
}

/**
 * A deadline on `today`. Every date is checked: an empty or malformed one is a RangeError like
 * everywhere in the kernel, never a silent "no deadline" (only `null` means that).
 *
 * An exception keeps the statutory `due` (the Regulations give no extension) but the limit no
 * longer binds: the case is then chased against the local expected date, so `daysLeft`, `daysLate`
 * and `onTime` count against `expectedUnderException`, and a case past it is overdue all the same.
 */
export const deadlineStatus = (
  due: CalendarDate | null,
  done: CalendarDate | null,
  today: CalendarDate,
  exception: { excepted: boolean; extensionDays: number } = { excepted: false, extensionDays: 0 },
): DeadlineStatus => {
  assertOptionalCalendarDate(due);
  assertOptionalCalendarDate(done);
  assertCalendarDate(today);
  const { excepted, extensionDays } = exception;
  if (due === null || due === undefined) {
    return { due: null, done, target: null, daysLeft: null, daysLate: null, onTime: null, excepted, expectedUnderException: null };
  }
  const expectedUnderException = excepted ? localExpectedDateUnderException(due, { extensionDays }) : null;
  const target = operationalTarget(due);
  if (done) {
    // SEN2 judges the statutory date; an excepted case is reported apart, not as on time
    return { due, done, target, daysLeft: null, daysLate: Math.max(0, daysBetween(due, done)), onTime: onOrBefore(done, due), excepted, expectedUnderException };
  }
  const chaseBy = expectedUnderException ?? due;
  const late = daysBetween(chaseBy, today);
  return { due, done, target, daysLeft: daysBetween(today, chaseBy), daysLate: late > 0 ? late : null, onTime: late > 0 ? false : null, excepted, expectedUnderException };
};

/** Is an open deadline overdue on `today`? Against the local expected date while an exception applies. */
export const isOverdue = (
  due: CalendarDate,
  today: CalendarDate,
  exception: { excepted: boolean; extensionDays: number } = { excepted: false, extensionDays: 0 },
): boolean => deadlineStatus(due, null, today, exception).onTime === false;
