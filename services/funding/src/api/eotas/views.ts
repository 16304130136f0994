import { isAfter, isBefore, type CalendarDate } from '@ehc/domain-kernel';
import {
  COMMISSIONING_CHECKS, eotasNextSteps, outstandingChecks, weeklyCostOn, weeklyCostPeriods, type CommissioningCheck, type CostPeriod, type EndReason,
  type EotasPackage, type EotasStepName, type PackageStatus, type Provider,
} from '../../domain/eotas/eotas';

/*
 * What the API answers about one EOTAS package on a given day, built from the folded events. Ids,
 * dates and pence only: no personal details (the provider is an organisation).
 */

export interface ReviewDeadline { dueBy: CalendarDate; status: 'due' | 'overdue' }

export interface EotasPackageView {
  id: string;
  planId: string;
  childId: string;
  status: PackageStatus;
  provider: Provider;
  checks: {
    /** Needed before sign-off: the provider is unregulated. */
    required: boolean;
    done: CommissioningCheck[];
    /** What stands between an unregulated provider and sign-off (none for a regulated one). */
    outstanding: CommissioningCheck[];
  };
  /** The weekly cost on `today` (before the start, the first; after the last day, the last); the proposed one until approved. */
  weeklyCostPence: number;
  costHistory: CostPeriod[];
  startOn: CalendarDate;
  reviewDate: CalendarDate;
  /** The review runs only while the package does: null while proposed, and once declined or ended. */
  deadlines: { review: ReviewDeadline | null };
  proposedOn: CalendarDate;
  proposedBy: string;
  panelOn: CalendarDate | null;
  approvedOn: CalendarDate | null;
  signedOffBy: string | null;
  declinedOn: CalendarDate | null;
  reasonsDocumentId: string | null;
  lastReviewedOn: CalendarDate | null;
  endedOn: CalendarDate | null;
  lastDay: CalendarDate | null;
  endReason: EndReason | null;
  nextSteps: EotasStepName[];
}

/** A package on `today`: the lead answers 404 NoSuchPackage for a stream with no proposal before calling this. */
export function eotasPackageView(p: EotasPackage, today: CalendarDate): EotasPackageView {
  return {
    id: p.packageId,
    planId: p.planId,
    childId: p.childId,
    status: p.status,
    provider: p.provider,
    checks: { required: p.provider.unregulated, done: COMMISSIONING_CHECKS.filter((c) => p.checksDone.includes(c)), outstanding: outstandingChecks(p) },
    weeklyCostPence: costOn(p, today),
    costHistory: weeklyCostPeriods(p),
    startOn: p.startOn,
    reviewDate: p.reviewDate,
    deadlines: { review: p.status === 'approved' ? { dueBy: p.reviewDate, status: isAfter(today, p.reviewDate) ? 'overdue' : 'due' } : null },
    proposedOn: p.proposedOn,
    proposedBy: p.proposedBy,
    panelOn: p.approval?.panelOn ?? p.declined?.panelOn ?? null,
    approvedOn: p.approval?.approvedOn ?? null,
    signedOffBy: p.approval?.signedOffBy ?? null,
    declinedOn: p.declined?.declinedOn ?? null,
    reasonsDocumentId: p.declined?.reasonsDocumentId ?? null,
    lastReviewedOn: p.lastReviewedOn,
    endedOn: p.ended?.endedOn ?? null,
    lastDay: p.ended?.lastDay ?? null,
    endReason: p.ended?.reason ?? null,
    nextSteps: eotasNextSteps(p),
  };
}

function costOn(p: EotasPackage, today: CalendarDate): number {
  if (p.costChanges.length === 0) return p.proposedWeeklyCostPence;
  const lastDay = p.ended?.lastDay ?? null;
  const day = isBefore(today, p.startOn) ? p.startOn : lastDay !== null && isAfter(today, lastDay) ? lastDay : today;
  return weeklyCostOn(p.costChanges, day)!;
}
