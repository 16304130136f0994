import { academicYearOf, deadlineStatus, operationalTarget, phaseTransferRule, POST_16_TRANSFER_RULE, type CalendarDate } from '@ehc/domain-kernel';
import type { Person } from '@ehc/personal-data';
import { nextPhaseTransfer, type PhaseTransferDue } from '../domain/phase-transfer';
import type { PlanFileView } from '../infrastructure/read-models/plan-file.view';
import type { SettingRecord } from '../infrastructure/settings/setting.entity';

/** The September a phase transfer can next happen in, seen from `today`: this year's until 31 Aug. */
export const comingTransferYear = (today: CalendarDate): number => academicYearOf(today) + 1;

/** The phase transfer coming for this plan, if any (reg 2 moves, reg 18 deadlines). */
export function comingPhaseTransfer(view: PlanFileView, setting: SettingRecord | null | undefined, today: CalendarDate): PhaseTransferDue | null {
  if (!view.cohort || view.status === 'ceased' || view.status === 'closed') return null;
  return nextPhaseTransfer({
    cohort: view.cohort,
    setting: setting ? { type: setting.type, phase: setting.phase, lowAge: setting.lowAge, highAge: setting.highAge } : { type: view.namedSetting.type, phase: view.namedSetting.phase, lowAge: null, highAge: null },
    transferYear: comingTransferYear(today),
  });
}

/**
 * The amended plan the caseworker is working to: while a tribunal order's amendment is open it binds
 * (reg 44(2): the order's 2 or 5 weeks, `basis: 'tribunal-order'`), and stays shown once done unless
 * a review's amendment (reg 22: 8 weeks from its notice, `basis: 'statutory'`) is there to show.
 */
function amendedPlanDeadline(view: PlanFileView, today: CalendarDate) {
  const a = view.amendment;
  const o = view.orderedAmendment;
  if (o && (!o.done || !a)) {
    return { ...deadlineStatus(o.due, o.done, today), outcome: o.done ? ('amended' as const) : null, basis: 'tribunal-order' as const, orderId: o.orderId };
  }
  return { ...deadlineStatus(a?.amendedPlan.due ?? null, a?.amendedPlan.done ?? null, today), outcome: a?.amendedPlan.outcome ?? null, basis: 'statutory' as const };
}

/** A plan as a caseworker sees it: every statutory date with due, done, days left or late. */
export function planView(view: PlanFileView, person: Person | null, setting: SettingRecord | null | undefined, notes: Map<string, string>, today: CalendarDate) {
  const r = view.review;
  const a = view.amendment;
  const transfer = comingPhaseTransfer(view, setting, today);
  const recorded = view.phaseTransfer;
  // `due` is the last lawful day; `rule` says it in the Regulations' words, beside the date
  const phaseTransfer = transfer
    ? {
        kind: transfer.kind, transferYear: transfer.transferYear, fromYearGroup: transfer.fromYearGroup, toYearGroup: transfer.toYearGroup,
        ...deadlineStatus(transfer.deadline, recorded && recorded.transferYear === transfer.transferYear ? recorded.amendedOn : null, today),
        rule: phaseTransferRule(transfer.kind),
        latestAmendmentNotice: transfer.latestAmendmentNotice, latestReviewMeeting: transfer.latestReviewMeeting,
      }
    : recorded
      ? { kind: recorded.kind, transferYear: recorded.transferYear, ...deadlineStatus(recorded.deadline, recorded.amendedOn, today), rule: phaseTransferRule(recorded.kind) }
      : null;
  const p16 = view.post16Transfer;
  const post16Transfer = p16
    ? { transferOn: p16.transferOn, newInstitution: p16.newInstitution, ...deadlineStatus(p16.deadline, p16.amendedOn, today), rule: POST_16_TRANSFER_RULE }
    : null;
  return {
    planId: view.planId,
    reference: view.reference,
    source: view.source,
    status: view.status,
    planIssuedOn: view.planIssuedOn,
    child: person && !person.erasedAt
      ? { id: view.childId, givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth }
      : { id: view.childId, ...(person?.erasedAt ? { erased: true } : {}) },
    cohort: view.cohort,
    namedSetting: view.namedSetting,
    caseworker: view.caseworkerId,
    reviewAnchor: view.reviewAnchor,
    deadlines: {
      nextReview: deadlineStatus(view.nextReview.due, view.nextReview.done, today),
      ...(view.nextReview.done && view.followingReviewDue ? { followingReview: deadlineStatus(view.followingReviewDue, null, today) } : {}),
      report: deadlineStatus(r?.report.due ?? null, r?.report.done ?? null, today),
      decision: { ...deadlineStatus(r?.decision.due ?? null, r?.decision.done ?? null, today), outcome: r?.decision.outcome ?? null },
      representations: deadlineStatus(a?.representations.due ?? null, a?.representations.done ?? null, today),
      amendedPlan: amendedPlanDeadline(view, today),
      ...(phaseTransfer ? { phaseTransfer } : {}),
      ...(post16Transfer ? { post16Transfer } : {}),
    },
    lastReview: view.lastReview,
    // CoP 9.178: for a child under 5, reviews every 3-6 months are suggested; the statutory date stands
    suggestedReviews: view.suggestedReviews.map((on) => ({ on, target: operationalTarget(on) })),
    review: r,
    amendment: a,
    // reg 44: the tribunal's orders on the plan, each step with its own due date (a row folded before orders has none)
    tribunalOrders: (view.tribunalOrders ?? []).map((o) => ({ ...o, steps: o.steps.map((st) => ({ step: st.step, ...deadlineStatus(st.due, st.done, today) })) })),
    orderedAmendment: view.orderedAmendment ?? null,
    cease: view.cease,
    dualRegistration: view.dualRegistration,
    letters: view.letters.map((l) => ({ ...l, href: `/annual-reviews/${view.planId}/letters/${l.letterId}` })),
    notes: view.notes.map((n) => ({ ...n, text: notes.get(n.noteId) ?? null })),
    // a row folded before profiles were recorded has none
    needsProfiles: view.needsProfiles ?? [],
    closure: view.closure,
    timeline: `/annual-reviews/${view.planId}/timeline`,
  };
}
