import type { CalendarDate } from '@ehc/domain-kernel';
import { COMMISSIONING_CHECKS, type CommissioningCheck, type EndReason, type Event, type Provider } from './events';
import { withCostFrom, type CostChange } from './cost';

export type PackageStatus = 'proposed' | 'approved' | 'declined' | 'ended';

/** One EOTAS package as its events leave it. Holds no personal details: ids, dates, pence. */
export interface EotasPackage {
  status: PackageStatus;
  packageId: string;
  planId: string;
  childId: string;
  proposedOn: CalendarDate;
  proposedBy: string;
  provider: Provider;
  /** In the order of COMMISSIONING_CHECKS. */
  checksDone: CommissioningCheck[];
  proposedWeeklyCostPence: number;
  startOn: CalendarDate;
  /** The review date proposed, then the one the approval or the last review set. */
  reviewDate: CalendarDate;
  approval: { approvedOn: CalendarDate; panelOn: CalendarDate; signedOffBy: string } | null;
  declined: { declinedOn: CalendarDate; panelOn: CalendarDate; reasonsDocumentId: string | null } | null;
  /** The weekly cost and the day it applies from, oldest first; empty until approved. */
  costChanges: CostChange[];
  lastReviewedOn: CalendarDate | null;
  ended: { endedOn: CalendarDate; lastDay: CalendarDate; reason: EndReason } | null;
}

export type EotasPackageState = { status: 'none' } | EotasPackage;

export const initialState = (): EotasPackageState => ({ status: 'none' });

export const isOnFile = (state: EotasPackageState): state is EotasPackage => state.status !== 'none';

/** Checks in their one order, each once. */
export const inCheckOrder = (checks: readonly CommissioningCheck[]): CommissioningCheck[] => COMMISSIONING_CHECKS.filter((c) => checks.includes(c));

/** The checks an unregulated provider still needs before sign-off; none for a regulated one. */
export const outstandingChecks = (p: EotasPackage): CommissioningCheck[] =>
  p.provider.unregulated ? COMMISSIONING_CHECKS.filter((c) => !p.checksDone.includes(c)) : [];

export function evolve(state: EotasPackageState, event: Event): EotasPackageState {
  if (event.type === 'EotasPackageProposed') {
    const d = event.data;
    return {
      status: 'proposed', packageId: d.packageId, planId: d.planId, childId: d.childId, proposedOn: d.proposedOn, proposedBy: d.proposedBy, provider: d.provider,
      checksDone: inCheckOrder(d.checksDone), proposedWeeklyCostPence: d.weeklyCostPence, startOn: d.startOn, reviewDate: d.reviewDate,
      approval: null, declined: null, costChanges: [], lastReviewedOn: null, ended: null,
    };
  }
  // past events are facts: evolve never fails (a stream always begins with its proposal)
  if (!isOnFile(state)) return state;
  switch (event.type) {
    case 'CommissioningCheckRecorded':
      return { ...state, checksDone: inCheckOrder([...state.checksDone, event.data.check]) };
    case 'EotasPackageApproved': {
      const d = event.data;
      return {
        ...state, status: 'approved', approval: { approvedOn: d.approvedOn, panelOn: d.panelOn, signedOffBy: d.signedOffBy }, startOn: d.startOn,
        reviewDate: d.reviewDue, costChanges: [{ from: d.startOn, weeklyCostPence: d.weeklyCostPence }],
      };
    }
    case 'EotasPackageDeclined': {
      const d = event.data;
      return { ...state, status: 'declined', declined: { declinedOn: d.declinedOn, panelOn: d.panelOn, reasonsDocumentId: d.reasonsDocumentId } };
    }
    case 'EotasPackageReviewed': {
      const d = event.data;
      return { ...state, reviewDate: d.nextReviewDate, lastReviewedOn: d.reviewedOn, costChanges: withCostFrom(state.costChanges, d.costFrom, d.weeklyCostPence) };
    }
    case 'EotasPackageEnded': {
      const d = event.data;
      return { ...state, status: 'ended', ended: { endedOn: d.endedOn, lastDay: d.lastDay, reason: d.reason } };
    }
  }
}
