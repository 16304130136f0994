import { daysBetween, type CalendarDate } from './calendar-date';
import { operationalTarget } from './ehcna-time-limits';
import { localExpectedDateUnderException } from './exceptions';

/** A statutory deadline as a caseworker sees it on a given day. */
export interface DeadlineStatus {
  /** The statutory date: never moved for weekends or bank holidays. */
  due: CalendarDate | null;
  done: CalendarDate | null;
  /** The working day on or before `due`, to aim for. */
  target: CalendarDate | null;
  /** Days from today to `due` while open (negative once passed). */
  daysLeft: number | null;
  /** Days past `due`: when done late (0 when on time), or while open and overdue. */
  daysLate: number | null;
  /** true/false once done; false while open and past due (unless excepted); null while open in time. */
  onTime: boolean | null;
  /** An exception lifts this time limit: reported separately, never "overdue". */
  excepted: boolean;
  /** Local policy, not law: the date the LA expects to act by while an exception applies. */
  expectedUnderException: CalendarDate | null;
}

export const deadlineStatus = (
  due: CalendarDate | null,
  done: CalendarDate | null,
  today: CalendarDate,
  exception: { excepted: boolean; extensionDays: number } = { excepted: false, extensionDays: 0 },
): DeadlineStatus => {
  const { excepted, extensionDays } = exception;
  if (!due) return { due, done, target: null, daysLeft: null, daysLate: null, onTime: null, excepted, expectedUnderException: null };
  const late = done ? Math.max(0, daysBetween(due, done)) : Math.max(0, daysBetween(due, today));
  return {
    due,
    done,
    target: operationalTarget(due),
    daysLeft: done ? null : daysBetween(today, due),
    daysLate: done ? late : late > 0 ? late : null,
    onTime: done ? done <= due : today > due && !excepted ? false : null,
    excepted,
    expectedUnderException: excepted && !done ? localExpectedDateUnderException(due, { extensionDays }) : null,
  };
};
