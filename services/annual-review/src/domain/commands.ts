import type { CalendarDate, DomainRatings, EarlyFinalisationPolicy, NeedsProfileContext, PhaseTransferKind } from '@ehc/domain-kernel';
import type { Cohort } from './cohort';
import type {
  AttendanceSplit, CeaseAppealOutcome, CeaseReason, ClosureReason, DualRegistrationOutcome, PlanSource, ReviewAnchor, ReviewOutcome, Setting, TribunalOrder,
} from './events';

/** Every command carries its effective date `on` and the Europe/London date it was entered (`today`). */
interface Dated { on: CalendarDate; today: CalendarDate }

export type Command =
  | { type: 'EnterPlan'; data: {
      source: PlanSource; childId: string; /** null when no date of birth is on file */ cohort: Cohort | null; planIssuedOn: CalendarDate; lastReviewedOn: CalendarDate | null;
      namedSetting: Setting; caseworkerId: string | null; reviewAnchor: ReviewAnchor; today: CalendarDate;
    } }
  /** `on` is the day the invitations went out; the meeting may be in the future. */
  | { type: 'ScheduleMeeting'; data: Dated & { meetingOn: CalendarDate } }
  | { type: 'HoldMeeting'; data: Dated }
  | { type: 'ReceiveReport'; data: Dated & { reportDocumentId: string | null } }
  | { type: 'Decide'; data: Dated & { outcome: ReviewOutcome; reasonsDocumentId: string | null } }
  | { type: 'IssueAmendmentNotice'; data: Dated & { proposedChangesDocumentId: string | null } }
  /** `final`: the family says in writing it has no further representations and wants no meeting. */
  | { type: 'RecordRepresentations'; data: Dated & { meetingRequested: boolean; final: boolean; preferredSetting: Setting | null; representationsDocumentId: string | null } }
  | { type: 'HoldAmendmentMeeting'; data: Dated }
  /** `transferYear: null` derives it from the cohort where the kind has a national entry year group. */
  | { type: 'IssueAmendedPlan'; data: Dated & {
      namedSetting: Setting; phaseTransfer: { kind: PhaseTransferKind; transferYear: number | null } | null; planDocumentId: string | null;
      earlyFinalisation: EarlyFinalisationPolicy;
    } }
  | { type: 'DecideNotToAmend'; data: Dated & { reasonsDocumentId: string | null; earlyFinalisation: EarlyFinalisationPolicy } }
  /** reg 18(2): a young person is to move from one post-16 institution to another at a time other than a phase transfer. */
  | { type: 'RecordPost16Transfer'; data: Dated & { transferOn: CalendarDate; newInstitution: Setting | null } }
  | { type: 'ProposeCease'; data: Dated & { reason: CeaseReason; reasonsDocumentId: string | null } }
  | { type: 'DecideNotToCease'; data: Dated }
  | { type: 'Cease'; data: Dated & { reasonsDocumentId: string | null } }
  | { type: 'RecordCeaseMediationCertificate'; data: Dated }
  | { type: 'RecordCeaseAppeal'; data: Dated }
  | { type: 'RecordCeaseAppealOutcome'; data: Dated & { outcome: CeaseAppealOutcome } }
  | { type: 'CeasePlan'; data: Dated }
  | { type: 'AgreeDualRegistration'; data: Dated & { mainstream: Setting; startOn: CalendarDate; split: AttendanceSplit | null } }
  | { type: 'SubmitProvisionForm'; data: Dated & { formDocumentId: string | null } }
  | { type: 'SubmitTransportForm'; data: Dated & { formDocumentId: string | null } }
  | { type: 'HoldTransitionReview'; data: Dated }
  | { type: 'EndDualRegistration'; data: Dated & { outcome: DualRegistrationOutcome } }
  | { type: 'Close'; data: Dated & { reason: ClosureReason } }
  | { type: 'Reassign'; data: Dated & { caseworkerId: string } }
  | { type: 'AddNote'; data: Dated & { noteId: string } }
  /** Valuing SEND (domain §8): re-rated in the review cycle, termly and at transitions. */
  | { type: 'RecordNeedsProfile'; data: Dated & { context: NeedsProfileContext; needs: DomainRatings; settingReadiness: DomainRatings; familyConfidence: DomainRatings } }
  /** An order of the First-tier Tribunal (SEND) about this plan, published by the tribunal service; `on` is the order's date. */
  | { type: 'ReceiveTribunalOrder'; data: Dated & TribunalOrder };

export type CommandType = Command['type'];
