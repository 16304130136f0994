import type { CalendarDate, DomainRatings } from '@ehc/domain-kernel';

/*
 * The events of one application for early-years SEN inclusion funding (SENIF, domain §6): an
 * early-years setting asks the LA for top-up funding so extra support can go in early. One stream
 * per application. Free text (the support to be bought, the evidence, the LA's questions and the
 * setting's answers, the reasons for a refusal) is kept outside the events, erasable; the events
 * hold document ids, dates and amounts in pence.
 */

/** The Valuing SEND ratings on the application (domain §8): five domains each, in VALUING_SEND_DOMAINS' order. */
export interface NeedsProfile { needs: DomainRatings; settingReadiness: DomainRatings; familyConfidence: DomainRatings }

/** Why funding was refused: the codes the panel ticks; the reasons in words are a document. */
export const REFUSAL_REASONS = ['needs-met-from-universal-provision', 'insufficient-evidence', 'not-eligible-age', 'not-funded-place', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** One termly payment of the approved amount; `periodId` names the term (e.g. `2026-autumn`), or `balance` for what a child who left had earned and was not yet paid. */
export interface PaymentLine { periodId: string; from: CalendarDate; to: CalendarDate; pence: number }

export type Event =
  | { type: 'EyInclusionFundingApplied'; data: {
      applicationId: string; childId: string;
      /** The setting's Ofsted URN or its UKPRN. */
      settingUrn: string;
      appliedOn: CalendarDate; hoursPerWeek: number; weeks: number;
      supportDocumentId: string; evidenceDocumentId: string | null; needsProfile: NeedsProfile;
      /** The working days the LA gave itself to decide (configuration), kept so the clock restarts the same way. */
      decisionWorkingDays: number; decisionDueBy: CalendarDate;
    } }
  | { type: 'EyInclusionApplicationTriaged'; data: { triagedOn: CalendarDate; outcome: 'complete' } }
  | { type: 'EyInclusionInformationRequested'; data: { requestedOn: CalendarDate; questionsDocumentId: string } }
  | { type: 'EyInclusionInformationProvided'; data: { providedOn: CalendarDate; answerDocumentId: string; decisionDueBy: CalendarDate } }
  | { type: 'EyInclusionFundingApproved'; data: {
      approvedOn: CalendarDate; level: string; hourlyPence: number;
      /** The funded period. */
      from: CalendarDate; to: CalendarDate;
      amountPence: number; withinTime: boolean; schedule: PaymentLine[];
    } }
  | { type: 'EyInclusionFundingRefused'; data: { refusedOn: CalendarDate; reasonCodes: RefusalReason[]; reasonsDocumentId: string; withinTime: boolean } }
  | { type: 'EyInclusionFundingPaid'; data: { periodId: string; paidOn: CalendarDate; pence: number } }
  | { type: 'EyInclusionFundingClawedBack'; data: {
      /** The child's last day at the setting. */
      lastDay: CalendarDate;
      fundedDays: number; fundedDaysUpToLastDay: number;
      earnedPence: number; paidPence: number;
      /** Paid beyond what was earned, to recover from the setting (0 when nothing is owed back). */
      clawbackPence: number;
      /** The payment lines not yet paid, which will not be. */
      cancelledPeriodIds: string[];
      /** Earned but not yet paid: one last line to pay, or null. */
      balance: PaymentLine | null;
    } }
  | { type: 'EyInclusionApplicationWithdrawn'; data: { withdrawnOn: CalendarDate; childLeftSetting: boolean } };

export type EventType = Event['type'];

/** Every event is at its first schema version. */
export const SCHEMA_VERSIONS: Record<EventType, number> = {
  EyInclusionFundingApplied: 1, EyInclusionApplicationTriaged: 1, EyInclusionInformationRequested: 1, EyInclusionInformationProvided: 1,
  EyInclusionFundingApproved: 1, EyInclusionFundingRefused: 1, EyInclusionFundingPaid: 1, EyInclusionFundingClawedBack: 1, EyInclusionApplicationWithdrawn: 1,
};
