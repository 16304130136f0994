import { daysBetween, decisionNotToIssueDueBy, finalPlanDueBy, operationalTarget, type CalendarDate } from '@ehc/domain-kernel';
import type { AssessmentRequest } from '../infrastructure/assessment-request.entity';
import type { Person } from '../infrastructure/person.entity';

export interface Deadline {
  /** The statutory date: never moved for weekends or bank holidays. */
  due: CalendarDate | null;
  done: CalendarDate | null;
  /** The working day on or before `due`, to aim for. */
  target: CalendarDate | null;
  /** Days from today to `due` while open (negative once late). */
  daysLeft: number | null;
  onTime: boolean | null;
}

function deadline(due: CalendarDate | null, done: CalendarDate | null, today: CalendarDate): Deadline {
  return {
    due, done,
    target: due ? operationalTarget(due) : null,
    daysLeft: due && !done ? daysBetween(today, due) : null,
    onTime: due && done ? done <= due : null,
  };
}

/** A case as a caseworker sees it. */
export function caseView(row: AssessmentRequest, person: Person | null, today: CalendarDate) {
  return {
    id: row.caseId.replace(/^ehcna-/, ''),
    reference: row.reference,
    status: row.status,
    child: person && !person.erasedAt
      ? { id: row.childId, givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth }
      : { id: row.childId, erased: true },
    requestedBy: row.requestedBy,
    receivedOn: row.receivedOn,
    caseworker: row.caseworkerId,
    deadlines: {
      decisionToAssess: deadline(row.decisionToAssessDueBy, null, today),
      decisionNotToIssue: deadline(decisionNotToIssueDueBy(row.receivedOn), null, today),
      draftPlanResponse: deadline(null, null, today),
      finalPlan: deadline(finalPlanDueBy(row.receivedOn), null, today),
    },
    exceptions: [],
  };
}
