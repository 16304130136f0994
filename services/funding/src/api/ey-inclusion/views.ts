import { onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { eyInclusionNextSteps } from '../../domain/ey-inclusion/next-steps';
import { paymentLines, type EyInclusionState } from '../../domain/ey-inclusion/state';

/*
 * What the API answers: an application as a caseworker or finance reads it on a given day. Built
 * from the folded events; the free text (support, evidence, questions, reasons) is read beside it.
 */

/** 'paused' while the LA waits for information; 'ended' when the application was withdrawn undecided. */
export type DecisionDeadlineStatus = 'due' | 'overdue' | 'met' | 'missed' | 'paused' | 'ended';

function decisionDeadline(s: EyInclusionState, today: CalendarDate): { dueBy: CalendarDate | null; status: DecisionDeadlineStatus } {
  if (s.decision) return { dueBy: s.decisionDueBy, status: s.decision.withinTime ? 'met' : 'missed' };
  if (s.withdrawn) return { dueBy: s.decisionDueBy, status: 'ended' };
  if (s.decisionDueBy === null) return { dueBy: null, status: 'paused' };
  return { dueBy: s.decisionDueBy, status: onOrBefore(today, s.decisionDueBy) ? 'due' : 'overdue' };
}

export function eyInclusionView(s: EyInclusionState, today: CalendarDate) {
  const a = s.application;
  if (s.status === 'none' || !a) throw new Error('no application to view');
  const d = s.decision;
  const cancelled = new Set(s.childLeft?.cancelledPeriodIds ?? []);
  return {
    id: a.applicationId,
    childId: a.childId,
    settingUrn: a.settingUrn,
    status: s.status,
    appliedOn: a.appliedOn,
    hoursPerWeek: a.hoursPerWeek,
    weeks: a.weeks,
    needsProfile: a.needsProfile,
    triagedOn: s.triagedOn,
    informationRequests: s.informationRequests.map((r) => ({ requestedOn: r.requestedOn, providedOn: r.providedOn })),
    deadlines: { decision: decisionDeadline(s, today) },
    decision: d === null ? null
      : d.outcome === 'approved'
        ? { outcome: d.outcome, on: d.on, withinTime: d.withinTime, level: d.level, hourlyPence: d.hourlyPence, from: d.from, to: d.to, amountPence: d.amountPence }
        : { outcome: d.outcome, on: d.on, withinTime: d.withinTime, reasonCodes: d.reasonCodes },
    payments: paymentLines(s).map((l) => {
      const payment = s.payments.find((p) => p.periodId === l.periodId);
      return { periodId: l.periodId, from: l.from, to: l.to, pence: l.pence, paid: payment !== undefined, paidOn: payment?.paidOn ?? null, cancelled: cancelled.has(l.periodId) };
    }),
    clawback: s.childLeft ? {
      lastDay: s.childLeft.lastDay, fundedDays: s.childLeft.fundedDays, fundedDaysUpToLastDay: s.childLeft.fundedDaysUpToLastDay,
      earnedPence: s.childLeft.earnedPence, paidPence: s.childLeft.paidPence, clawbackPence: s.childLeft.clawbackPence, balancePence: s.childLeft.balance?.pence ?? 0,
    } : null,
    withdrawn: s.withdrawn,
    nextSteps: eyInclusionNextSteps(s),
  };
}

export type EyInclusionView = ReturnType<typeof eyInclusionView>;
