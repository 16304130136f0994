import { caseIdOf } from '../domain/needs-assessment';
import { deadlineStatus, type AssessmentTimeLimit, type CalendarDate } from '@ehc/domain-kernel';
import type { CaseFileView } from '../infrastructure/read-models/case-file.view';
import type { Person } from '@ehc/personal-data';

function deadline(due: CalendarDate | null, done: CalendarDate | null, today: CalendarDate, excepted = false, extensionDays = 0) {
  return deadlineStatus(due, done, today, { excepted, extensionDays });
}

const lifted = (view: CaseFileView, limit: AssessmentTimeLimit) => view.exceptions.some((e) => e.limitsLifted.includes(limit));

/** A case as a caseworker sees it: every statutory date with due, done, days left or late. */
export function caseView(view: CaseFileView, person: Person | null, notes: Map<string, string>, today: CalendarDate, extensionDays: number) {
  const s = view.statutory;
  const id = caseIdOf(view.caseId);
  return {
    id,
    reference: view.reference,
    status: view.status,
    child: person && !person.erasedAt
      ? { id: view.childId, givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth }
      : { id: view.childId, erased: true },
    requestedBy: view.requestedBy,
    receivedOn: view.receivedOn,
    caseworker: view.caseworkerId,
    deadlines: {
      decisionToAssess: { ...deadline(s.decisionToAssess.due, s.decisionToAssess.done, today, lifted(view, 'decision-to-assess'), extensionDays), outcome: s.decisionToAssess.outcome },
      decisionNotToIssue: { ...deadline(s.decisionNotToIssue.due, s.decisionNotToIssue.done, today, lifted(view, 'decision-not-to-issue'), extensionDays), outcome: s.decisionNotToIssue.outcome },
      draftPlanResponse: deadline(s.draftPlanResponse.due, s.draftPlanResponse.done, today),
      finalPlan: deadline(s.finalPlan.due, s.finalPlan.done, today, lifted(view, 'final-plan'), extensionDays),
    },
    advice: view.advice.map((a) => ({ ...a, ...deadline(a.due, a.done, today), late: a.done ? a.done > a.due : today > a.due })),
    exceptions: view.exceptions,
    drafts: view.drafts,
    parentResponses: view.parentResponses,
    consultations: view.consultations.map((c) => ({ ...c, ...deadline(c.due, c.done, today) })),
    finalPlan: view.finalPlan,
    letters: view.letters.map((l) => ({ ...l, href: `/needs-assessments/${id}/letters/${l.letterId}` })),
    needsProfiles: view.needsProfiles,
    notes: view.notes.map((n) => ({ ...n, text: notes.get(n.noteId) ?? null })),
    closure: view.closure,
    timeline: `/needs-assessments/${id}/timeline`,
  };
}
