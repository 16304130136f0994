import type { AppealableDecisionType, AppealType, CalendarDate, ComplianceExceptionReason, TribunalOrderKind } from '@ehc/domain-kernel';
import type { AppealOutcome, Costs, DecisionSource, Ground, GroundDecided, MediationOutcomeOfScreening, OrderStep, Recipient, StepCompletedBy } from './events';

/** What an order asks of the LA, as the tribunal (or the LA's concession) worded it. */
export interface OrderMade { kind: TribunalOrderKind; amendmentOrdered: boolean }

/** Every command carries "today" (Europe/London) from the injected clock: effective dates are never in the future. */
type On<D> = { data: D & { today: CalendarDate } };

export type Command =
  | ({ type: 'OpenAppealWindow' } & On<{
      decisionId: string; source: DecisionSource; childId: string | null; decisionType: AppealableDecisionType; letterOn: CalendarDate;
      letterId: string | null; recipient: Recipient; openedBy: 'published-decision' | 'by-hand'; certificateOn: CalendarDate | null;
    }>)
  | ({ type: 'RequestMediation' } & On<{ mediationId: string; requestedOn: CalendarDate; wantsMediation: boolean; healthInvolved: boolean; issuesDocumentId: string | null }>)
  | ({ type: 'NotifyHealthBody' } & On<{ mediationId: string; on: CalendarDate }>)
  | ({ type: 'ScreenMediationRequest' } & On<{ mediationId: string; on: CalendarDate; outcome: MediationOutcomeOfScreening }>)
  | ({ type: 'ArrangeMediation' } & On<{ mediationId: string; on: CalendarDate; takesPlaceOn: CalendarDate }>)
  | ({ type: 'RecordMediationNotArranged' } & On<{ mediationId: string; on: CalendarDate }>)
  | ({ type: 'HoldMediation' } & On<{ mediationId: string; on: CalendarDate }>)
  | ({ type: 'RecordMediationAgreement' } & On<{ mediationId: string; on: CalendarDate; actionsDueBy: CalendarDate[]; termsDocumentId: string | null }>)
  | ({ type: 'IssueMediationCertificate' } & On<{ mediationId: string; on: CalendarDate }>)
  | ({ type: 'WithdrawMediation' } & On<{ mediationId: string; on: CalendarDate }>)
  | ({ type: 'RegisterAppeal' } & On<{
      appealId: string; registeredOn: CalendarDate; type: AppealType; grounds: Ground[]; lateAppealAdmitted: boolean; sentToLaOn: CalendarDate | null;
      /** The tribunal's directions: working days for the LA's response (configurable; 30 by default). */
      responseWorkingDays: number;
    }>)
  | ({ type: 'SendAppealResponse' } & On<{ appealId: string; on: CalendarDate }>)
  | ({ type: 'ListHearing' } & On<{ appealId: string; on: CalendarDate; hearingOn: CalendarDate }>)
  | ({ type: 'RecordAppealOutcome' } & On<{ appealId: string; on: CalendarDate; outcome: AppealOutcome; grounds: GroundDecided[]; orders: OrderMade[]; costs: Costs }>)
  | ({ type: 'ConcedeAppeal' } & On<{ appealId: string; on: CalendarDate; orders: OrderMade[] }>)
  | ({ type: 'WithdrawAppeal' } & On<{ appealId: string; on: CalendarDate }>)
  | ({ type: 'RespondToRecommendations' } & On<{ appealId: string; on: CalendarDate }>)
  | ({ type: 'RecordCompliance' } & On<{ orderId: string; step: OrderStep; on: CalendarDate; by: StepCompletedBy }>)
  | ({ type: 'ApplyComplianceException' } & On<{ orderId: string; on: CalendarDate; reason: ComplianceExceptionReason; absenceDays: number | null }>);

export type CommandType = Command['type'];
export type { Costs };
