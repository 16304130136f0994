import { fail as failWith, isAfter, isBefore, maxDate, ok, onOrBefore, type CalendarDate, type Result } from '@ehc/domain-kernel';
import type { Command } from './commands';
import type { Event } from './events';
import { weeklyCostOn } from './cost';
import { inCheckOrder, isOnFile, outstandingChecks, type EotasPackage, type EotasPackageState } from './package-state';

export type RuleBroken =
  // 404: no such stream
  | 'NoSuchPackage'
  // 409: the package's state does not allow it
  | 'PackageAlreadyProposed' | 'AlreadyApproved' | 'NotApproved' | 'PackageDeclined' | 'PackageEnded' | 'CheckAlreadyRecorded'
  // 422: the request breaks a rule on its own terms
  | 'DateInFuture' | 'DateBeforeProposal' | 'DateBeforeApproval' | 'PanelAfterDecision' | 'PanelBeforeProposal' | 'ReviewDateNotAfter'
  | 'NextReviewDateNotAfter' | 'LastDayBeforeStart' | 'SignOffByProposer' | 'ChecksOutstanding' | 'CostNotPositive' | 'CostChangeBeforeStart';

type Decision = Result<Event[], RuleBroken>;
const fail = (rule: RuleBroken): Decision => failWith(rule);

/** Whole pence, at least one: money is never a float. */
const costBreaksRule = (pence: number): boolean => !Number.isSafeInteger(pence) || pence < 1;

export function decide(command: Command, state: EotasPackageState): Decision {
  if (command.type === 'ProposeEotasPackage') return propose(command, state);
  if (!isOnFile(state)) return fail('NoSuchPackage');
  const { on, today } = command.data;
  switch (command.type) {
    case 'RecordCommissioningCheck': {
      const refused = stateRefuses(state, 'proposed') ?? dateRefuses(on, today, state.proposedOn, 'DateBeforeProposal');
      if (refused) return fail(refused);
      if (state.checksDone.includes(command.data.check)) return fail('CheckAlreadyRecorded');
      return ok([{ type: 'CommissioningCheckRecorded', data: { check: command.data.check, recordedOn: on } }]);
    }
    case 'ApproveEotasPackage': {
      const d = command.data;
      const refused = stateRefuses(state, 'proposed') ?? dateRefuses(on, today, state.proposedOn, 'DateBeforeProposal') ?? panelRefuses(state, d.panelOn, on);
      if (refused) return fail(refused);
      // domain §6: management sign-off, by someone other than the officer who proposed it
      if (d.signedOffBy === state.proposedBy) return fail('SignOffByProposer');
      // the view lists which checks are outstanding; the rule stays a name
      if (outstandingChecks(state).length > 0) return fail('ChecksOutstanding');
      return ok([{
        type: 'EotasPackageApproved',
        data: { approvedOn: on, panelOn: d.panelOn, signedOffBy: d.signedOffBy, weeklyCostPence: state.proposedWeeklyCostPence, startOn: state.startOn, reviewDue: state.reviewDate },
      }]);
    }
    case 'DeclineEotasPackage': {
      const d = command.data;
      const refused = stateRefuses(state, 'proposed') ?? dateRefuses(on, today, state.proposedOn, 'DateBeforeProposal') ?? panelRefuses(state, d.panelOn, on);
      if (refused) return fail(refused);
      return ok([{ type: 'EotasPackageDeclined', data: { declinedOn: on, panelOn: d.panelOn, reasonsDocumentId: d.reasonsDocumentId } }]);
    }
    case 'ReviewEotasPackage': {
      const d = command.data;
      const refused = stateRefuses(state, 'approved') ?? dateRefuses(on, today, state.approval!.approvedOn, 'DateBeforeApproval');
      if (refused) return fail(refused);
      if (costBreaksRule(d.weeklyCostPence)) return fail('CostNotPositive');
      if (!isAfter(d.nextReviewDate, on)) return fail('NextReviewDateNotAfter');
      if (isBefore(d.costFrom, state.startOn)) return fail('CostChangeBeforeStart');
      return ok([{
        type: 'EotasPackageReviewed',
        data: {
          reviewedOn: on, previousWeeklyCostPence: weeklyCostOn(state.costChanges, d.costFrom)!, weeklyCostPence: d.weeklyCostPence, costFrom: d.costFrom,
          nextReviewDate: d.nextReviewDate, notesDocumentId: d.notesDocumentId,
        },
      }]);
    }
    case 'EndEotasPackage': {
      const d = command.data;
      const refused = stateRefuses(state, 'approved') ?? dateRefuses(on, today, state.approval!.approvedOn, 'DateBeforeApproval');
      if (refused) return fail(refused);
      // the last day may be after `on` (an end decided ahead, at the end of a term), never before the start
      if (isBefore(d.lastDay, state.startOn)) return fail('LastDayBeforeStart');
      return ok([{ type: 'EotasPackageEnded', data: { endedOn: on, lastDay: d.lastDay, reason: d.reason, notesDocumentId: d.notesDocumentId } }]);
    }
  }
}

function propose(command: Extract<Command, { type: 'ProposeEotasPackage' }>, state: EotasPackageState): Decision {
  const d = command.data;
  if (isOnFile(state)) return fail('PackageAlreadyProposed');
  if (!onOrBefore(d.proposedOn, d.today)) return fail('DateInFuture');
  if (costBreaksRule(d.weeklyCostPence)) return fail('CostNotPositive');
  // a review before the package starts (or before it is proposed) reviews nothing
  if (!isAfter(d.reviewDate, maxDate(d.startOn, d.proposedOn))) return fail('ReviewDateNotAfter');
  return ok([{
    type: 'EotasPackageProposed',
    data: {
      packageId: d.packageId, planId: d.planId, childId: d.childId, proposedOn: d.proposedOn, proposedBy: d.proposedBy, provider: d.provider,
      checksDone: inCheckOrder(d.checksDone), weeklyCostPence: d.weeklyCostPence, startOn: d.startOn, reviewDate: d.reviewDate,
    },
  }]);
}

/** The state rules (409), in one order: a declined or ended package takes nothing; the panel's decision comes once. */
function stateRefuses(p: EotasPackage, needs: 'proposed' | 'approved'): RuleBroken | null {
  if (p.status === 'declined') return 'PackageDeclined';
  if (p.status === 'ended') return 'PackageEnded';
  if (needs === 'proposed' && p.status === 'approved') return 'AlreadyApproved';
  if (needs === 'approved' && p.status === 'proposed') return 'NotApproved';
  return null;
}

function dateRefuses(on: CalendarDate, today: CalendarDate, since: CalendarDate, before: 'DateBeforeProposal' | 'DateBeforeApproval'): RuleBroken | null {
  if (isAfter(on, today)) return 'DateInFuture';
  if (isBefore(on, since)) return before;
  return null;
}

/** The panel sat between the proposal and the decision recorded after it. */
function panelRefuses(p: EotasPackage, panelOn: CalendarDate, on: CalendarDate): RuleBroken | null {
  if (isAfter(panelOn, on)) return 'PanelAfterDecision';
  if (isBefore(panelOn, p.proposedOn)) return 'PanelBeforeProposal';
  return null;
}
