import type { CalendarDate, ClosurePeriod, Cohort, EarlyFinalisationPolicy, ExceptionLimb } from '@ehc/domain-kernel';
import type { Requester } from '@ehc/contracts/needs-assessment';
import type { AdviceType, ClosureReason, DomainRatings, NeedsProfileContext, Setting, TribunalOrder } from './events';

/** Every command carries its effective date `on` and the Europe/London date it was entered (`today`). */
interface Dated { on: CalendarDate; today: CalendarDate }

export type Command =
  /**
   * `youngPersonOnReceipt`: the kernel's isYoungPerson for the child's date of birth on the day of
   * receipt (null when no date of birth was given); the date of birth itself never reaches the decider.
   */
  | { type: 'RecordNeedsAssessmentRequest'; data: {
      reference: string; childId: string; cohort: Cohort | null; requestedBy: Requester; receivedOn: CalendarDate; caseworkerId: string | null;
      youngPersonOnReceipt: boolean | null; today: CalendarDate;
    } }
  | { type: 'DecideToAssess'; data: Dated }
  | { type: 'RefuseAssessment'; data: Dated & { reasonsDocumentId: string | null } }
  | { type: 'RequestAdvice'; data: Dated & { adviceType: AdviceType; adviser: string | null } }
  | { type: 'RecordAdvice'; data: Dated & { adviceId: string | null; adviceType: AdviceType | null } }
  /**
   * `on` is the day the exception began: for a closure limb, the day the head, principal or early
   * years SEN lead was asked for advice; `to` its end (for a closure, the day the setting reopens).
   */
  | { type: 'RecordException'; data: Dated & { limb: ExceptionLimb; to: CalendarDate | null; closure: ClosurePeriod | null; evidenceDocumentId: string | null } }
  | { type: 'DecideNotToIssue'; data: Dated & { reasonsDocumentId: string | null } }
  | { type: 'IssueDraftPlan'; data: Dated & { namesSetting: boolean; planDocumentId: string | null } }
  /** `final`: the family says in writing it has no further representations and wants no meeting. */
  | { type: 'RecordParentResponse'; data: Dated & { meetingRequested: boolean; final: boolean; preferredSetting: Setting | null; representationsDocumentId: string | null } }
  | { type: 'HoldDraftPlanMeeting'; data: Dated }
  | { type: 'ConsultSetting'; data: Dated & { setting: Setting } }
  | { type: 'RecordSettingResponse'; data: Dated & { consultationId: string | null; settingUrn: string | null; canMeetNeeds: boolean } }
  | { type: 'IssueFinalPlan'; data: Dated & { namedSetting: Setting; planDocumentId: string | null; earlyFinalisation: EarlyFinalisationPolicy } }
  | { type: 'Withdraw'; data: Dated & { reasonDocumentId: string | null } }
  | { type: 'Close'; data: Dated & { reason: ClosureReason } }
  | { type: 'Reassign'; data: Dated & { caseworkerId: string } }
  | { type: 'AddNote'; data: Dated & { noteId: string } }
  | { type: 'RecordNeedsProfile'; data: Dated & { context: NeedsProfileContext; needs: DomainRatings; settingReadiness: DomainRatings; familyConfidence: DomainRatings } }
  /** An order of the First-tier Tribunal (SEND) about this case, published by the tribunal service; `on` is the order's date. */
  | { type: 'ReceiveTribunalOrder'; data: Dated & TribunalOrder };

export type CommandType = Command['type'];
