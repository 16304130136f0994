import type {
  AssessmentTimeLimit, CalendarDate, ClosurePeriod, ClosureWindow, Cohort, DomainRatings, ExceptionLimb, NeedsProfileContext, TribunalOrderKind,
} from '@ehc/domain-kernel';
import type { Requester } from '@ehc/contracts/needs-assessment';

// Domain events of one EHC needs assessment case, in the law's words. Free text (reasons, plan
// sections, representations, notes) is never in an event: it lives in the service's documents
// table, erasable, and events carry its id.

export type AdviceType =
  | 'parent'
  | 'child-or-young-person'
  | 'educational'
  | 'medical'
  | 'psychological'
  | 'social-care'
  | 'preparing-for-adulthood'
  | 'other';

export type LetterKind = 'decision-to-assess' | 'refusal-to-assess' | 'decision-not-to-issue' | 'draft-plan' | 'final-plan';
export type ClosureReason = 'moved-to-another-authority' | 'died' | 'left-england' | 'other';
export type Recipient = 'parent' | 'young-person';

export interface Setting {
  /** URN or UKPRN, when the setting has one. */
  urn: string | null;
  name: string;
}

/** The orders of the First-tier Tribunal (SEND) an assessment case complies with (reg 44(2)(a), (b)). */
export type OrderKind = Extract<TribunalOrderKind, 'assess-or-reassess' | 'make-and-maintain-plan'>;

/** What an order tells the LA to do on the case, each by its own date (reg 44(2)). */
export type OrderStep = 'notify' | 'decision-not-to-issue' | 'draft-plan' | 'final-plan';

/**
 * An order of the tribunal, or the LA's concession (reg 45), as the tribunal service made it:
 * `orderId` is numbered within the appealable decision `decisionId`; the due dates are the order's,
 * taken as given (the tribunal service computed them from the order's date).
 */
export interface TribunalOrder {
  orderId: string;
  decisionId: string;
  appealId: string;
  kind: OrderKind;
  concession: boolean;
  steps: { step: OrderStep; dueBy: CalendarDate }[];
}

/** Valuing SEND's ratings and contexts are the kernel's, shared with the plan's review cycle. */
export type { DomainRatings, NeedsProfileContext };

export type Event =
  /** `cohort`: the child's school-year cohort when a date of birth was given (not personal on its own). */
  | { type: 'NeedsAssessmentRequested'; data: { reference: string; childId: string; cohort: Cohort | null; requestedBy: Requester; receivedOn: CalendarDate; caseworkerId: string | null; decisionDueBy: CalendarDate } }
  | { type: 'DecidedToAssess'; data: { decidedOn: CalendarDate; withinStatutoryTime: boolean } }
  | { type: 'DecidedNotToAssess'; data: { decidedOn: CalendarDate; withinStatutoryTime: boolean; reasonsDocumentId: string | null } }
  | { type: 'AdviceRequested'; data: { adviceId: string; adviceType: AdviceType; adviser: string | null; requestedOn: CalendarDate; dueBy: CalendarDate } }
  | { type: 'AdviceReceived'; data: { adviceId: string; receivedOn: CalendarDate; withinStatutoryTime: boolean } }
  /** `to` is null only on exceptions recorded before every limb needed its dates; `closure` only for the closure limbs. */
  | { type: 'TimeLimitExceptionApplied'; data: {
      exceptionId: string; limb: ExceptionLimb; from: CalendarDate; to: CalendarDate | null; limitsLifted: AssessmentTimeLimit[];
      closure?: (ClosurePeriod & { window: ClosureWindow }) | null; evidenceDocumentId: string | null;
    } }
  | { type: 'DecidedNotToIssuePlan'; data: { decidedOn: CalendarDate; withinStatutoryTime: boolean; reasonsDocumentId: string | null } }
  | { type: 'DraftPlanIssued'; data: { draftNumber: number; servedOn: CalendarDate; representationsEndOn: CalendarDate; planDocumentId: string | null } }
  /** `final` (absent before it was asked): no further representations and no meeting wanted. */
  | { type: 'ParentResponseReceived'; data: { receivedOn: CalendarDate; meetingRequested: boolean; final?: boolean; preferredSetting: Setting | null; withinRepresentationsWindow: boolean; representationsDocumentId: string | null } }
  | { type: 'DraftPlanMeetingHeld'; data: { draftNumber: number; heldOn: CalendarDate } }
  | { type: 'SettingConsulted'; data: { consultationId: string; setting: Setting; sentOn: CalendarDate; responseDueBy: CalendarDate } }
  | { type: 'SettingConsultationResponded'; data: { consultationId: string; respondedOn: CalendarDate; canMeetNeeds: boolean; withinTime: boolean } }
  | { type: 'FinalPlanIssued'; data: { issuedOn: CalendarDate; namedSetting: Setting; withinStatutoryTime: boolean; planDocumentId: string | null } }
  | { type: 'LetterSent'; data: { letterId: string; kind: LetterKind; recipient: Recipient; sentOn: CalendarDate; appealRights: boolean } }
  /** `reasonDocumentId`: the reason the family gave, kept outside the event (absent before it was recorded). */
  | { type: 'RequestWithdrawn'; data: { withdrawnOn: CalendarDate; reasonDocumentId?: string | null } }
  | { type: 'CaseClosed'; data: { closedOn: CalendarDate; reason: ClosureReason } }
  | { type: 'CaseworkerReassigned'; data: { caseworkerId: string; from: string | null; reassignedOn: CalendarDate } }
  | { type: 'CaseNoteAdded'; data: { noteId: string; notedOn: CalendarDate } }
  | { type: 'NeedsProfileRecorded'; data: { profileId: string; ratedOn: CalendarDate; context: NeedsProfileContext; needs: DomainRatings; settingReadiness: DomainRatings; familyConfidence: DomainRatings } }
  /**
   * reg 44: the case reopens on the order's clock. An order to assess returns a refused request to
   * the decision whether to assess; an order to make and maintain a plan takes a case with no plan
   * to drafting. From then on the order's dates bind instead of the 6, 16 and 20 weeks.
   */
  | { type: 'TribunalOrderReceived'; data: TribunalOrder & { orderedOn: CalendarDate } };

export type EventType = Event['type'];
