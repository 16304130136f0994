import type { AppealableDecisionType, AppealType, CalendarDate, ComplianceExceptionReason, PlanSection, TribunalOrderKind } from '@ehc/domain-kernel';

/*
 * The events of one appealable decision's disagreement (domain §3): its appeal window, the
 * mediations about it (regs 32-42) and the appeals to the First-tier Tribunal (SEND), with the
 * orders the LA must comply with (reg 44, reg 45). One stream per decision: the certificate a
 * mediation ends with moves the window's appeal deadline, and an appeal's lateness is judged
 * against that window, so they are decided together. Free text (the issues, the agreement's terms)
 * is kept outside the events, erasable; the events hold ids and dates.
 */

export type SourceService = 'needs-assessment' | 'annual-review' | 'before-the-hub';
export interface DecisionSource { service: SourceService; id: string }

export type MediationOutcomeOfScreening = 'resolved' | 'proceed';
/** What a certificate followed: the family declining (reg 34), mediation ending (reg 39), mediation not arranged in time (reg 37), or a screening that resolved it and the family still wants one. */
export type CertificateAfter = 'declined' | 'mediation-ended' | 'not-arranged' | 'screening';
export type AppealOutcome = 'dismissed' | 'allowed' | 'allowed-in-part' | 'remitted' | 'consent-order';
export type GroundOutcome = 'upheld' | 'not-upheld' | 'recommendation-made';
export type OrderStep = 'notify' | 'decision-not-to-issue' | 'final-plan' | 'draft-plan' | 'amended-plan' | 'continue-maintaining' | 'plan-ceased';
export type StepCompletedBy = 'recorded' | 'needs-assessment' | 'annual-review';
export type LetterKind = 'mediation-arranged' | 'recommendations-response' | 'compliance-confirmed';
export type Recipient = 'parent' | 'young-person';

export interface Ground { section: PlanSection }
export interface GroundDecided { section: PlanSection; outcome: GroundOutcome }
export interface OrderStepDue { step: OrderStep; dueBy: CalendarDate }
export interface Order {
  orderId: string;
  kind: TribunalOrderKind;
  /** The order's date, or the concession's under reg 45: the reg 44 periods run from it. */
  orderedOn: CalendarDate;
  concession: boolean;
  amendmentOrdered: boolean;
  steps: OrderStepDue[];
}
export interface AgreementAction { actionId: string; dueBy: CalendarDate }
export type Costs = { awarded: false } | { awarded: true; against: 'local-authority' | 'parent-or-young-person' };

export type Event =
  | { type: 'AppealWindowOpened'; data: {
      decisionId: string; source: DecisionSource; childId: string | null; decisionType: AppealableDecisionType; letterOn: CalendarDate;
      /** The decision letter, when the window was opened from a published one. */
      letterId: string | null; recipient: Recipient; openedBy: 'published-decision' | 'by-hand';
      /** A certificate already issued before the window reached the hub (opened by hand). */
      certificateOn: CalendarDate | null;
      mediationContactDueBy: CalendarDate; appealDueBy: CalendarDate;
    } }
  | { type: 'MediationRequested'; data: {
      mediationId: string; requestedOn: CalendarDate; wantsMediation: boolean; healthInvolved: boolean; issuesDocumentId: string | null;
      /** reg 33: within 2 months of the decision letter. */
      withinContactWindow: boolean;
      healthNotificationDueBy: CalendarDate | null; mediationDueBy: CalendarDate | null; certificateDueBy: CalendarDate | null;
    } }
  | { type: 'HealthBodyNotified'; data: { mediationId: string; notifiedOn: CalendarDate; withinTime: boolean } }
  | { type: 'MediationRequestScreened'; data: { mediationId: string; screenedOn: CalendarDate; outcome: MediationOutcomeOfScreening } }
  | { type: 'MediationArranged'; data: { mediationId: string; arrangedOn: CalendarDate; takesPlaceOn: CalendarDate; withinThirtyDays: boolean } }
  | { type: 'MediationNotArranged'; data: { mediationId: string; on: CalendarDate; certificateDueBy: CalendarDate } }
  | { type: 'MediationHeld'; data: { mediationId: string; heldOn: CalendarDate; withinThirtyDays: boolean; certificateDueBy: CalendarDate } }
  | { type: 'MediationAgreementRecorded'; data: { mediationId: string; agreedOn: CalendarDate; actions: AgreementAction[]; termsDocumentId: string | null } }
  | { type: 'MediationCertificateIssued'; data: { mediationId: string; issuedOn: CalendarDate; after: CertificateAfter; dueBy: CalendarDate | null; onTime: boolean; appealDueBy: CalendarDate } }
  | { type: 'MediationWithdrawn'; data: { mediationId: string; withdrawnOn: CalendarDate } }
  | { type: 'AppealRegistered'; data: {
      appealId: string; registeredOn: CalendarDate; type: AppealType; grounds: Ground[]; lateAppealAdmitted: boolean;
      /** Registered after the appeal deadline: the tribunal admitted it late. */
      late: boolean; certificateOnFile: boolean; sentToLaOn: CalendarDate; laResponseDueBy: CalendarDate;
    } }
  | { type: 'AppealResponseSent'; data: { appealId: string; sentOn: CalendarDate; withinTime: boolean } }
  | { type: 'HearingListed'; data: { appealId: string; listedOn: CalendarDate; hearingOn: CalendarDate } }
  | { type: 'AppealDecided'; data: {
      appealId: string; decidedOn: CalendarDate; outcome: AppealOutcome; grounds: GroundDecided[]; orders: Order[];
      recommendationsResponseDueBy: CalendarDate | null; costs: Costs;
    } }
  | { type: 'AppealConceded'; data: { appealId: string; concededOn: CalendarDate; orders: Order[] } }
  | { type: 'AppealWithdrawn'; data: { appealId: string; withdrawnOn: CalendarDate } }
  | { type: 'RecommendationsResponded'; data: { appealId: string; respondedOn: CalendarDate; withinTime: boolean } }
  | { type: 'OrderStepCompleted'; data: { orderId: string; step: OrderStep; completedOn: CalendarDate; by: StepCompletedBy } }
  | { type: 'ComplianceExceptionApplied'; data: { orderId: string; appliedOn: CalendarDate; reason: ComplianceExceptionReason } }
  | { type: 'OrderCompliedWith'; data: { orderId: string; compliedOn: CalendarDate; onTime: boolean; excepted: boolean } }
  | { type: 'LetterSent'; data: { letterId: string; kind: LetterKind; recipient: Recipient; sentOn: CalendarDate; about: string } };

export type EventType = Event['type'];

/** Every event is at its first schema version. */
export const SCHEMA_VERSIONS: Record<EventType, number> = {
  AppealWindowOpened: 1, MediationRequested: 1, HealthBodyNotified: 1, MediationRequestScreened: 1, MediationArranged: 1, MediationNotArranged: 1,
  MediationHeld: 1, MediationAgreementRecorded: 1, MediationCertificateIssued: 1, MediationWithdrawn: 1, AppealRegistered: 1, AppealResponseSent: 1,
  HearingListed: 1, AppealDecided: 1, AppealConceded: 1, AppealWithdrawn: 1, RecommendationsResponded: 1, OrderStepCompleted: 1,
  ComplianceExceptionApplied: 1, OrderCompliedWith: 1, LetterSent: 1,
};
