import type { CalendarDate } from '@ehc/domain-kernel';

/*
 * The events of one EOTAS package (s.61 Children and Families Act 2014: special educational
 * provision arranged by the LA otherwise than in a school; domain §6). An officer proposes it, the
 * weekly EOTAS panel considers it, a manager signs it off (or the panel declines it), it is reviewed
 * and it ends. One stream per package. Money is integer pence, never a float. Free text (the
 * panel's reasons, notes) is kept outside the events, erasable: the events hold document ids.
 */

/** The commissioning checks on an unregulated provider (domain §6: "commissioning checks on unregulated providers"). */
export const COMMISSIONING_CHECKS = ['dbs-checks', 'safeguarding-policy', 'insurance', 'premises-risk-assessment', 'qualifications', 'references'] as const;
export type CommissioningCheck = (typeof COMMISSIONING_CHECKS)[number];

export const END_REASONS = ['returned-to-school', 'plan-ceased', 'package-replaced', 'moved-away', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

/**
 * Who delivers the package. `name` is an organisation's name, so it is kept in the event (STYLE §1
 * bars personal details, not organisations'); a sole trader's name would be a person's, and belongs
 * in the service's own table instead (see the report on this feature).
 */
export interface Provider {
  name: string;
  /** UK Provider Reference Number, when the provider has one. */
  ukprn: string | null;
  /** Not registered or inspected (not a school, college or registered provider): the commissioning checks apply. */
  unregulated: boolean;
}

export type Event =
  | { type: 'EotasPackageProposed'; data: {
      packageId: string; planId: string; childId: string; proposedOn: CalendarDate;
      /** The officer's actor id, never a name. */
      proposedBy: string;
      provider: Provider;
      /** The checks already done when it was proposed, in the order of COMMISSIONING_CHECKS. */
      checksDone: CommissioningCheck[];
      weeklyCostPence: number; startOn: CalendarDate; reviewDate: CalendarDate;
    } }
  | { type: 'CommissioningCheckRecorded'; data: { check: CommissioningCheck; recordedOn: CalendarDate } }
  | { type: 'EotasPackageApproved'; data: {
      approvedOn: CalendarDate;
      /** The weekly panel's meeting that considered it. */
      panelOn: CalendarDate;
      /** The manager's actor id: someone other than the proposer. */
      signedOffBy: string;
      weeklyCostPence: number; startOn: CalendarDate; reviewDue: CalendarDate;
    } }
  | { type: 'EotasPackageDeclined'; data: { declinedOn: CalendarDate; panelOn: CalendarDate; reasonsDocumentId: string | null } }
  | { type: 'EotasPackageReviewed'; data: {
      reviewedOn: CalendarDate;
      /** The weekly cost that applied on `costFrom` before this review. */
      previousWeeklyCostPence: number;
      weeklyCostPence: number;
      /** The day the (new) weekly cost applies from; it replaces any cost set from that day on. */
      costFrom: CalendarDate;
      nextReviewDate: CalendarDate;
      notesDocumentId: string | null;
    } }
  | { type: 'EotasPackageEnded'; data: {
      endedOn: CalendarDate;
      /** The last day of provision (and of cost): it may be after `endedOn`, when an end is decided ahead. */
      lastDay: CalendarDate;
      reason: EndReason; notesDocumentId: string | null;
    } };

export type EventType = Event['type'];

/** Every event is at its first schema version. */
export const SCHEMA_VERSIONS: Record<EventType, number> = {
  EotasPackageProposed: 1, CommissioningCheckRecorded: 1, EotasPackageApproved: 1, EotasPackageDeclined: 1, EotasPackageReviewed: 1, EotasPackageEnded: 1,
};
