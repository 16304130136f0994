import { certificateNeededFor, deadlineStatus, explainAppealDeadline, onOrBefore, type CalendarDate, type DeadlineStatus } from '@ehc/domain-kernel';
import {
  appealDueBy, certificateOn, openMediation, standingAppeal, type AppealState, type DisagreementState, type MediationState, type OrderState,
} from '../domain/disagreement-state';
import { assessmentEnded } from '../domain/orders';

/*
 * What the API answers: a disagreement's parts as a tribunal officer reads them on a given day,
 * every period a deadline `{ due, done, target, daysLeft, daysLate, onTime, … }` as in the other
 * services. Built from the folded events (the read model holds the same view).
 */

const deadline = (due: CalendarDate | null, done: CalendarDate | null, today: CalendarDate, excepted = false): DeadlineStatus =>
  deadlineStatus(due, done, today, { excepted, extensionDays: 0 });

export type WindowStatus = 'open' | 'closed';

/** A window is open while the family can still appeal: no appeal registered and the deadline not passed. */
export const windowStatus = (s: DisagreementState, today: CalendarDate): WindowStatus =>
  standingAppeal(s) || !onOrBefore(today, appealDueBy(s.window!, certificateOn(s))) ? 'closed' : 'open';

export function windowView(s: DisagreementState, today: CalendarDate) {
  const w = s.window!;
  const certificate = certificateOn(s);
  const appeal = standingAppeal(s);
  const contact = s.mediations[0]?.requestedOn ?? null;
  const explained = explainAppealDeadline(w.letterOn, certificate);
  return {
    decisionId: w.decisionId,
    source: w.source,
    childId: w.childId,
    decisionType: w.decisionType,
    letterOn: w.letterOn,
    letterId: w.letterId,
    openedBy: w.openedBy,
    certificateOn: certificate,
    status: windowStatus(s, today),
    deadlines: {
      mediationContact: deadline(w.mediationContactDueBy, contact, today),
      appeal: { ...deadline(explained.deadline, appeal?.registeredOn ?? null, today), unadjusted: explained.unadjusted, adjustment: explained.adjustment },
    },
    mediations: s.mediations.map((m) => ({ id: m.mediationId, status: m.status, requestedOn: m.requestedOn, href: `/mediations/${m.mediationId}` })),
    appeals: s.appeals.map((a) => ({ id: a.appealId, stage: a.stage, type: a.type, registeredOn: a.registeredOn, href: `/appeals/${a.appealId}` })),
    openMediation: openMediation(s)?.mediationId ?? null,
  };
}

export function mediationView(s: DisagreementState, m: MediationState, today: CalendarDate) {
  const w = s.window!;
  return {
    id: m.mediationId,
    decisionId: w.decisionId,
    source: w.source,
    decisionType: w.decisionType,
    letterOn: w.letterOn,
    status: m.status,
    requestedOn: m.requestedOn,
    wantsMediation: m.wantsMediation,
    healthInvolved: m.healthInvolved,
    withinContactWindow: m.withinContactWindow,
    screening: m.screenedOn ? { on: m.screenedOn, outcome: m.screeningOutcome } : null,
    arrangedOn: m.arrangedOn,
    takesPlaceOn: m.takesPlaceOn,
    notArrangedOn: m.notArrangedOn,
    heldOn: m.heldOn,
    agreement: m.agreement ? {
      agreedOn: m.agreement.agreedOn,
      actions: m.agreement.actions.map((a) => ({ actionId: a.actionId, dueBy: a.dueBy })),
    } : null,
    certificateOn: m.certificateOn,
    certificateAfter: m.certificateAfter,
    withdrawnOn: m.withdrawnOn,
    deadlines: {
      healthNotification: deadline(m.healthNotificationDueBy, m.healthNotifiedOn, today),
      // the 30 days run from the LA being told; screening never stops them
      mediationBy: deadline(m.mediationDueBy, m.heldOn, today),
      certificate: deadline(m.certificateDueBy, m.certificateOn, today),
    },
    appealDeadline: appealDueBy(w, certificateOn(s)),
  };
}

const STEP_NAMES = {
  notify: 'notify', 'decision-not-to-issue': 'decisionNotToIssue', 'final-plan': 'finalPlan', 'draft-plan': 'draftPlan', 'amended-plan': 'amendedPlan',
  'continue-maintaining': 'continueMaintaining', 'plan-ceased': 'planCeased',
} as const;

export function orderView(o: OrderState, today: CalendarDate) {
  // an order to assess ends with either outcome: once one is done, the other no longer runs
  const ended = assessmentEnded(o);
  const deadlines: Record<string, DeadlineStatus & { step: string; completedBy: string | null }> = {};
  for (const s of o.steps) {
    const done = o.completed.find((c) => c.step === s.step);
    const moot = !done && ended && s.step !== 'notify';
    deadlines[STEP_NAMES[s.step]] = { step: s.step, ...deadline(moot ? null : s.dueBy, done?.on ?? null, today, o.exception !== null), completedBy: done?.by ?? null };
  }
  return {
    orderId: o.orderId,
    kind: o.kind,
    orderedOn: o.orderedOn,
    concession: o.concession,
    amendmentOrdered: o.amendmentOrdered,
    status: o.compliedOn ? 'complied-with' : overdue(deadlines) ? 'overdue' : 'due',
    compliedOn: o.compliedOn,
    compliedOnTime: o.compliedOnTime,
    exception: o.exception,
    deadlines,
  };
}

const overdue = (deadlines: Record<string, DeadlineStatus>) => Object.values(deadlines).some((d) => d.done === null && d.onTime === false);

export function appealView(s: DisagreementState, a: AppealState, today: CalendarDate) {
  const w = s.window!;
  return {
    id: a.appealId,
    decisionId: w.decisionId,
    source: w.source,
    decisionType: w.decisionType,
    letterOn: w.letterOn,
    type: a.type,
    stage: a.stage,
    registeredOn: a.registeredOn,
    grounds: a.grounds,
    late: a.late,
    lateAppealAdmitted: a.lateAppealAdmitted,
    certificateNeeded: certificateNeededFor(a.type),
    certificateOnFile: a.certificateOnFile,
    afterMediation: s.mediations.some((m) => m.heldOn !== null),
    sentToLaOn: a.sentToLaOn,
    responseSentOn: a.responseSentOn,
    hearingOn: a.hearingOn,
    outcome: a.outcome,
    concludedOn: a.concludedOn,
    groundsDecided: a.groundsDecided,
    costs: a.costs,
    deadlines: {
      laResponse: deadline(a.stage === 'withdrawn' && !a.responseSentOn ? null : a.laResponseDueBy, a.responseSentOn, today),
      recommendationsResponse: deadline(a.recommendationsResponseDueBy, a.recommendationsRespondedOn, today),
    },
    orders: a.orders.map((o) => orderView(o, today)),
    letters: s.letters.filter((l) => l.about === a.appealId || a.orders.some((o) => o.orderId === l.about)),
  };
}
