import type { CalendarDate, DomainRatings, NeedsProfileContext, PhaseTransferKind, TribunalOrderKind } from '@ehc/domain-kernel';
import type { Cohort } from './cohort';

// Domain events of one EHC plan in its review cycle (stream `annualReview-<planId>`), in the law's
// words. Free text (reports, reasons, proposed changes, representations, notes, forms) is never in
// an event: it lives in the service's documents table, erasable, and events carry its id. The child
// or young person is a person id and a cohort (see cohort.ts), never a name or a date of birth.

export type SettingType =
  | 'mainstream'
  /** a mainstream school with a resourced provision or SEN unit */
  | 'resourced-provision'
  | 'special'
  | 'independent-special'
  | 'alternative-provision'
  | 'further-education'
  | 'early-years'
  | 'otherwise-than-at-school'
  | 'other';

export type SettingPhase = 'early-years' | 'primary' | 'middle' | 'secondary' | 'all-through' | 'post-16' | 'not-applicable';

export interface Setting {
  /** URN or UKPRN, when the setting has one. */
  urn: string | null;
  name: string;
  type: SettingType;
  phase: SettingPhase;
}

/** How the plan came into the review cycle: the needs-assessment service's final plan, or a plan made before the hub. */
export type PlanSource =
  | { kind: 'needs-assessment'; caseId: string; reference?: string }
  | { kind: 'import'; reference: string };

/**
 * What "the last review" is for s.44's 12 months (domain §4, §11.6): the LA's review decision (SEN2
 * reports the review decision date; the default) or the review meeting.
 */
export type ReviewAnchor = 'review-decision' | 'meeting';

/** reg 20(10) */
export type ReviewOutcome = 'maintain' | 'amend' | 'cease';

/** s.45 and reg 29: the only grounds on which the LA may cease to maintain a plan. */
export type CeaseReason =
  /** s.45(1)(a): the LA is no longer responsible, e.g. the family has left England */
  | 'no-longer-responsible-moved'
  /** s.46: the end of the academic year in which the young person turns 25 */
  | 'max-age'
  /** the young person has started higher education */
  | 'higher-education'
  /** the young person has taken up paid employment (not an apprenticeship) */
  | 'paid-employment'
  /** reg 29: aged 18 or over and no longer wishes to engage in education or training */
  | 'disengaged-18-plus'
  /** s.45(1)(b): the plan is no longer necessary (needs met) */
  | 'no-longer-necessary';

/** Domain §3.4 outcomes of an appeal against a decision to cease. */
export type CeaseAppealOutcome = 'dismissed' | 'withdrawn' | 'allowed' | 'conceded';

/** Not a cease: the plan leaves this LA's review cycle without an appealable decision. */
export type ClosureReason = 'transferred-to-another-authority' | 'died' | 'other';

export type LetterKind =
  | 'decision-to-maintain'
  | 'decision-to-amend'
  | 'amendment-notice'
  | 'amended-plan'
  | 'decision-not-to-amend'
  | 'cease-considered'
  | 'decision-not-to-cease'
  | 'cease-decision';

export type Recipient = 'parent' | 'young-person';

/** The orders of the First-tier Tribunal (SEND) a maintained plan complies with (reg 44(2)(d)-(h); domain §3.4). */
export type OrderKind = Extract<TribunalOrderKind,
  'amend-special-educational-provision' | 'amend-section-i-only' | 'amend-provision-and-section-i' | 'cease-decision-overturned' | 'cease-appeal-dismissed'>;

/** What an order tells the LA to do with the plan, each by its own date. */
export type OrderStep = 'amended-plan' | 'continue-maintaining' | 'plan-ceased';

/**
 * An order of the tribunal, or the LA's concession (reg 45), as the tribunal service made it:
 * `orderId` is numbered within the appealable decision `decisionId`; the due dates are the order's,
 * taken as given. `amendmentOrdered`: a cease decision overturned with an amendment ordered too.
 */
export interface TribunalOrder {
  orderId: string;
  decisionId: string;
  appealId: string;
  kind: OrderKind;
  concession: boolean;
  amendmentOrdered: boolean;
  steps: { step: OrderStep; dueBy: CalendarDate }[];
}

/** Half-day sessions a week at each setting; the seed gives no split, so it is optional (domain §11.11). */
export interface AttendanceSplit {
  specialSessions: number;
  mainstreamSessions: number;
}

export type DualRegistrationOutcome = 'success' | 'failure';

export interface PhaseTransfer {
  kind: PhaseTransferKind;
  /** The calendar year the child or young person moves. */
  transferYear: number;
  /** reg 18(1): the last lawful day, before 15 Feb of the transfer year (14 Feb), before 31 Mar for secondary -> post-16 (30 Mar). */
  deadline: CalendarDate;
  met: boolean;
}

/** reg 18(2): a move between post-16 institutions at any other time, and the day the plan must be amended by. */
export interface Post16Transfer {
  transferOn: CalendarDate;
  /** At least five months before the transfer: its last lawful day. */
  deadline: CalendarDate;
  met: boolean;
}

export type Event =
  | { type: 'PlanEntered'; data: {
      source: PlanSource; childId: string; /** null when no date of birth is on file */ cohort: Cohort | null; planIssuedOn: CalendarDate; lastReviewedOn: CalendarDate | null;
      namedSetting: Setting; caseworkerId: string | null; reviewAnchor: ReviewAnchor;
      reviewDueBy: CalendarDate; suggestedReviews: CalendarDate[];
    } }
  | { type: 'AnnualReviewScheduled'; data: {
      reviewId: string; invitationsSentOn: CalendarDate; meetingOn: CalendarDate; noticeLatestBy: CalendarDate;
      withinStatutoryTime: boolean; reviewDueBy: CalendarDate;
    } }
  | { type: 'AnnualReviewMeetingHeld'; data: {
      reviewId: string; heldOn: CalendarDate; reportDueBy: CalendarDate; decisionDueBy: CalendarDate; preparationForAdulthood: boolean;
    } }
  | { type: 'ReviewReportReceived'; data: { reviewId: string; receivedOn: CalendarDate; withinStatutoryTime: boolean; reportDocumentId: string | null } }
  | { type: 'ReviewDecisionMade'; data: {
      reviewId: string; outcome: ReviewOutcome; decidedOn: CalendarDate; withinStatutoryTime: boolean;
      reviewDueBy: CalendarDate; reviewWithinTwelveMonths: boolean; nextReviewDueBy: CalendarDate; suggestedReviews: CalendarDate[];
      reasonsDocumentId: string | null;
    } }
  | { type: 'AmendmentNoticeIssued'; data: {
      amendmentId: string; reviewId: string; servedOn: CalendarDate; representationsEndOn: CalendarDate; amendedPlanDueBy: CalendarDate;
      proposedChangesDocumentId: string | null;
    } }
  /** `final` (absent before it was asked): no further representations and no meeting wanted. */
  | { type: 'AmendmentRepresentationsReceived'; data: {
      amendmentId: string; receivedOn: CalendarDate; withinRepresentationsWindow: boolean; meetingRequested: boolean; final?: boolean;
      preferredSetting: Setting | null; representationsDocumentId: string | null;
    } }
  | { type: 'AmendmentMeetingHeld'; data: { amendmentId: string; heldOn: CalendarDate } }
  | { type: 'AmendedPlanIssued'; data: {
      amendmentId: string; issuedOn: CalendarDate; withinStatutoryTime: boolean; namedSetting: Setting;
      phaseTransfer: PhaseTransfer | null; planDocumentId: string | null;
      post16Transfer: Post16Transfer | null;
    } }
  | { type: 'DecidedNotToAmend'; data: { amendmentId: string; decidedOn: CalendarDate; withinStatutoryTime: boolean; reasonsDocumentId: string | null } }
  | { type: 'CeaseConsidered'; data: { reason: CeaseReason; consideredOn: CalendarDate; settingConsulted: Setting | null; reasonsDocumentId: string | null } }
  | { type: 'DecidedNotToCease'; data: { decidedOn: CalendarDate } }
  | { type: 'Post16TransferProposed'; data: { transferOn: CalendarDate; newInstitution: Setting | null; recordedOn: CalendarDate; amendBy: CalendarDate } }
  | { type: 'CeaseDecisionMade'; data: { reason: CeaseReason; decidedOn: CalendarDate; appealWindowEndsOn: CalendarDate; reasonsDocumentId: string | null } }
  | { type: 'CeaseMediationCertificateIssued'; data: { issuedOn: CalendarDate; appealWindowEndsOn: CalendarDate } }
  | { type: 'CeaseAppealRegistered'; data: { registeredOn: CalendarDate; withinAppealWindow: boolean } }
  | { type: 'CeaseAppealConcluded'; data: { concludedOn: CalendarDate; outcome: CeaseAppealOutcome } }
  | { type: 'PlanCeased'; data: { ceasedOn: CalendarDate; reason: CeaseReason; appeal: 'none' | 'dismissed' | 'withdrawn' } }
  | { type: 'DualRegistrationAgreed'; data: {
      dualRegistrationId: string; special: Setting; mainstream: Setting; agreedOn: CalendarDate; startOn: CalendarDate;
      split: AttendanceSplit | null; nextReviewFrom: CalendarDate; nextReviewDueBy: CalendarDate;
    } }
  | { type: 'ProvisionFormSubmitted'; data: { dualRegistrationId: string; submittedOn: CalendarDate; formDocumentId: string | null } }
  | { type: 'TransportFormSubmitted'; data: { dualRegistrationId: string; submittedOn: CalendarDate; formDocumentId: string | null } }
  | { type: 'TransitionReviewHeld'; data: {
      dualRegistrationId: string; transitionReviewId: string; heldOn: CalendarDate; withinCadence: boolean;
      nextReviewFrom: CalendarDate; nextReviewDueBy: CalendarDate;
    } }
  | { type: 'DualRegistrationEnded'; data: { dualRegistrationId: string; reviewId: string; endedOn: CalendarDate; outcome: DualRegistrationOutcome } }
  | { type: 'LetterSent'; data: { letterId: string; kind: LetterKind; recipient: Recipient; sentOn: CalendarDate; appealRights: boolean } }
  | { type: 'PlanClosed'; data: { closedOn: CalendarDate; reason: ClosureReason } }
  | { type: 'CaseworkerReassigned'; data: { caseworkerId: string; from: string | null; reassignedOn: CalendarDate } }
  | { type: 'CaseNoteAdded'; data: { noteId: string; notedOn: CalendarDate } }
  /** Valuing SEND (domain §8): the same fact, in the same words, as the needs assessment's. */
  | { type: 'NeedsProfileRecorded'; data: { profileId: string; ratedOn: CalendarDate; context: NeedsProfileContext; needs: DomainRatings; settingReadiness: DomainRatings; familyConfidence: DomainRatings } }
  /**
   * reg 44: an order about the plan. `amendmentId`: the amendment it orders (or joins, when one
   * ordered earlier is still open), issued by the order's date with no amendment notice; null when
   * it orders none. An order on a cease decision comes with the appeal's outcome (and the plan
   * ceasing, when the appeal was dismissed) in the same decision.
   */
  | { type: 'TribunalOrderReceived'; data: TribunalOrder & { orderedOn: CalendarDate; amendmentId: string | null } };

export type EventType = Event['type'];

/**
 * The schema version each event type is written with; a type not named is at version 1. Stored
 * events of older versions are brought up to these on every read (infrastructure/upcasters.ts).
 * AmendedPlanIssued v2: `phaseTransfer.deadline` is the last lawful day before 15 February (31
 * March), reg 18(1); v1 stored 15 February (31 March) itself. v2 also carries `post16Transfer`.
 */
export const SCHEMA_VERSIONS: Partial<Record<EventType, number>> = { AmendedPlanIssued: 2 };
