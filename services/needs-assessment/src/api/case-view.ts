import { caseIdOf } from '../domain/needs-assessment';
import { deadlineStatus, type AssessmentTimeLimit, type CalendarDate } from '@ehc/domain-kernel';
import type { CaseFileView } from '../infrastructure/read-models/case-file.view';
import type { Person } from '@ehc/personal-data';

function deadline(due: CalendarDate | null, done: CalendarDate | null, today: CalendarDate, excepted = false, extensionDays = 0) {
  return deadlineStatus(due, done, today, { excepted, extensionDays });
}

/** An exception lifts the Regulations' limits it names, never a date a tribunal order set (reg 44(3) goes with the order). */
const lifted = (view: CaseFileView, limit: AssessmentTimeLimit, due: { orderId?: string }) =>
  !due.orderId && view.exceptions.some((e) => e.limitsLifted.includes(limit));

/**
 * Where a date comes from: `statutory`, the Regulations' period (6, 16 or 20 weeks from the request,
 * 15 days from service of a draft); `tribunal-order`, the period of the order named (reg 44(2)).
 */
const basis = (due: { orderId?: string }) => (due.orderId ? { basis: 'tribunal-order' as const, orderId: due.orderId } : { basis: 'statutory' as const });

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
      decisionToAssess: {
        ...deadline(s.decisionToAssess.due, s.decisionToAssess.done, today, lifted(view, 'decision-to-assess', s.decisionToAssess), extensionDays),
        outcome: s.decisionToAssess.outcome, ...basis(s.decisionToAssess),
      },
      decisionNotToIssue: {
        ...deadline(s.decisionNotToIssue.due, s.decisionNotToIssue.done, today, lifted(view, 'decision-not-to-issue', s.decisionNotToIssue), extensionDays),
        outcome: s.decisionNotToIssue.outcome, ...basis(s.decisionNotToIssue),
      },
      ...(s.draftPlan ? { draftPlan: { ...deadline(s.draftPlan.due, s.draftPlan.done, today), ...basis(s.draftPlan) } } : {}),
      draftPlanResponse: { ...deadline(s.draftPlanResponse.due, s.draftPlanResponse.done, today), basis: 'statutory' as const },
      finalPlan: { ...deadline(s.finalPlan.due, s.finalPlan.done, today, lifted(view, 'final-plan', s.finalPlan), extensionDays), ...basis(s.finalPlan) },
    },
    // reg 44: each order, and each of its steps with its own due date; the latest order's are the deadlines above
    tribunalOrders: (view.tribunalOrders ?? []).map((o) => ({ ...o, steps: o.steps.map((st) => ({ step: st.step, ...deadline(st.due, st.done, today) })) })),
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
