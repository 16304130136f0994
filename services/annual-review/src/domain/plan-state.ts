import type { CalendarDate } from '@ehc/domain-kernel';
import type { Cohort } from './cohort';
import { isBefore } from '@ehc/domain-kernel';
import type { CeaseAppealOutcome, CeaseReason, Event, ReviewAnchor, ReviewOutcome, Setting } from './events';

export type Stage = 'none' | 'maintained' | 'ceased' | 'closed';

/** One review, from the invitations to its end: a maintain or cease decision, or the amendment's outcome. */
export interface ReviewCycle {
  reviewId: string;
  invitationsSentOn: CalendarDate;
  meetingOn: CalendarDate;
  heldOn: CalendarDate | null;
  reportReceived: boolean;
  decision: { outcome: ReviewOutcome; decidedOn: CalendarDate } | null;
  amendment: {
    amendmentId: string; servedOn: CalendarDate; representationsEndOn: CalendarDate; responded: boolean;
    finalResponse: boolean; meetingRequested: boolean; meetingHeld: boolean;
  } | null;
}

export type CeaseTrack =
  | { stage: 'considered'; reason: CeaseReason; consideredOn: CalendarDate }
  | {
      stage: 'decided'; reason: CeaseReason; decidedOn: CalendarDate; appealWindowEndsOn: CalendarDate;
      appeal: { registeredOn: CalendarDate } | null;
    };

export interface DualRegistration {
  dualRegistrationId: string;
  agreedOn: CalendarDate;
  startOn: CalendarDate;
  lastReviewOn: CalendarDate | null;
  reviews: number;
}

/** What `decide` needs to know about a plan; nothing more. */
export interface PlanState {
  stage: Stage;
  planMadeOn: CalendarDate | null;
  cohort: Cohort | null;
  reviewAnchor: ReviewAnchor;
  reviewDueBy: CalendarDate | null;
  namedSetting: Setting | null;
  caseworkerId: string | null;
  reviews: number;
  review: ReviewCycle | null;
  amendments: number;
  cease: CeaseTrack | null;
  dualRegistrations: number;
  dualRegistration: DualRegistration | null;
  /** reg 18(2): a proposed move between post-16 institutions, until an amended plan is issued for it. */
  post16Transfer: { transferOn: CalendarDate; amendBy: CalendarDate } | null;
  letters: number;
  /** Valuing SEND profiles recorded, for the next one's id. */
  profiles: number;
  /** Every tribunal order received, as `decisionId/orderId`: a redelivered order is recognised. */
  orders: string[];
  /** reg 44(2): an amendment the tribunal ordered, until the amended plan is issued; due by the earliest order's date. */
  orderedAmendment: { amendmentId: string; orderedOn: CalendarDate; dueBy: CalendarDate } | null;
  /** The outcome of the last appeal against a decision to cease, once concluded (an order may follow it). */
  ceaseAppealOutcome: CeaseAppealOutcome | null;
}

/** How a tribunal order is known on a plan: numbered within its appealable decision. */
export const orderKey = (order: { decisionId: string; orderId: string }): string => `${order.decisionId}/${order.orderId}`;

export const initialState = (): PlanState => ({
  stage: 'none', planMadeOn: null, cohort: null, reviewAnchor: 'review-decision', reviewDueBy: null, namedSetting: null,
  caseworkerId: null, reviews: 0, review: null, amendments: 0, cease: null, dualRegistrations: 0, dualRegistration: null, post16Transfer: null, letters: 0, profiles: 0,
  orders: [], orderedAmendment: null, ceaseAppealOutcome: null,
});

const withReview = (state: PlanState, change: (review: ReviewCycle) => ReviewCycle): PlanState =>
  state.review ? { ...state, review: change(state.review) } : state;

// evolve never fails: past events are facts
export const evolve = (state: PlanState, event: Event): PlanState => {
  switch (event.type) {
    case 'PlanEntered':
      return {
        ...state, stage: 'maintained', planMadeOn: event.data.planIssuedOn, cohort: event.data.cohort, reviewAnchor: event.data.reviewAnchor,
        reviewDueBy: event.data.reviewDueBy, namedSetting: event.data.namedSetting, caseworkerId: event.data.caseworkerId,
      };
    case 'AnnualReviewScheduled': {
      const { reviewId, invitationsSentOn, meetingOn } = event.data;
      // a second scheduling of the same review moves its meeting
      if (state.review?.reviewId === reviewId) return withReview(state, (r) => ({ ...r, invitationsSentOn, meetingOn }));
      return {
        ...state, reviews: state.reviews + 1,
        review: { reviewId, invitationsSentOn, meetingOn, heldOn: null, reportReceived: false, decision: null, amendment: null },
      };
    }
    case 'AnnualReviewMeetingHeld':
      return withReview(state, (r) => ({ ...r, heldOn: event.data.heldOn }));
    case 'ReviewReportReceived':
      return withReview(state, (r) => ({ ...r, reportReceived: true }));
    case 'ReviewDecisionMade': {
      const { outcome, decidedOn, nextReviewDueBy } = event.data;
      // maintain and cease end the review; amend runs on to the amended plan or a decision not to amend
      const review = outcome === 'amend' && state.review ? { ...state.review, decision: { outcome, decidedOn } } : null;
      return { ...state, reviewDueBy: nextReviewDueBy, review };
    }
    case 'AmendmentNoticeIssued': {
      const { amendmentId, servedOn, representationsEndOn } = event.data;
      return {
        ...withReview(state, (r) => ({ ...r, amendment: { amendmentId, servedOn, representationsEndOn, responded: false, finalResponse: false, meetingRequested: false, meetingHeld: false } })),
        amendments: state.amendments + 1,
      };
    }
    case 'AmendmentRepresentationsReceived': {
      // the latest response says whether the family is done: a final one wants no meeting; otherwise
      // a meeting once asked for stays asked for
      const final = event.data.final === true;
      return withReview(state, (r) => ({ ...r, amendment: r.amendment && {
        ...r.amendment, responded: true, finalResponse: final, meetingRequested: final ? false : r.amendment.meetingRequested || event.data.meetingRequested,
      } }));
    }
    case 'AmendmentMeetingHeld':
      return withReview(state, (r) => ({ ...r, amendment: r.amendment && { ...r.amendment, meetingHeld: true } }));
    case 'Post16TransferProposed':
      return { ...state, post16Transfer: { transferOn: event.data.transferOn, amendBy: event.data.amendBy } };
    case 'AmendedPlanIssued': {
      // an amended plan issued for a reg 18(2) move settles it
      const post16Transfer = event.data.post16Transfer ? null : state.post16Transfer;
      // the amendment a tribunal ordered ends with its plan; a review's amendment runs on beside it
      if (state.orderedAmendment?.amendmentId === event.data.amendmentId) return { ...state, namedSetting: event.data.namedSetting, orderedAmendment: null, post16Transfer };
      return { ...state, namedSetting: event.data.namedSetting, review: null, post16Transfer };
    }
    case 'DecidedNotToAmend':
      return { ...state, review: null };
    case 'CeaseConsidered':
      return { ...state, cease: { stage: 'considered', reason: event.data.reason, consideredOn: event.data.consideredOn } };
    case 'DecidedNotToCease':
      return { ...state, cease: null };
    case 'CeaseDecisionMade':
      return { ...state, ceaseAppealOutcome: null, cease: { stage: 'decided', reason: event.data.reason, decidedOn: event.data.decidedOn, appealWindowEndsOn: event.data.appealWindowEndsOn, appeal: null } };
    case 'CeaseMediationCertificateIssued':
      return state.cease?.stage === 'decided' ? { ...state, cease: { ...state.cease, appealWindowEndsOn: event.data.appealWindowEndsOn } } : state;
    case 'CeaseAppealRegistered':
      return state.cease?.stage === 'decided' ? { ...state, cease: { ...state.cease, appeal: { registeredOn: event.data.registeredOn } } } : state;
    case 'CeaseAppealConcluded':
      // allowed or conceded: the decision to cease falls and the plan is maintained (domain §3.4);
      // dismissed or withdrawn: PlanCeased follows in the same decision
      return event.data.outcome === 'allowed' || event.data.outcome === 'conceded'
        ? { ...state, cease: null, ceaseAppealOutcome: event.data.outcome }
        : { ...state, ceaseAppealOutcome: event.data.outcome };
    case 'PlanCeased':
      return { ...state, stage: 'ceased' };
    case 'DualRegistrationAgreed':
      return {
        ...state, dualRegistrations: state.dualRegistrations + 1,
        dualRegistration: { dualRegistrationId: event.data.dualRegistrationId, agreedOn: event.data.agreedOn, startOn: event.data.startOn, lastReviewOn: null, reviews: 0 },
      };
    case 'ProvisionFormSubmitted':
    case 'TransportFormSubmitted':
      return state;
    case 'TransitionReviewHeld':
      return state.dualRegistration
        ? { ...state, dualRegistration: { ...state.dualRegistration, lastReviewOn: event.data.heldOn, reviews: state.dualRegistration.reviews + 1 } }
        : state;
    case 'DualRegistrationEnded':
      return { ...state, dualRegistration: null };
    case 'LetterSent':
      return { ...state, letters: state.letters + 1 };
    case 'PlanClosed':
      return { ...state, stage: 'closed' };
    case 'CaseworkerReassigned':
      return { ...state, caseworkerId: event.data.caseworkerId };
    case 'CaseNoteAdded':
      return state;
    case 'NeedsProfileRecorded':
      return { ...state, profiles: state.profiles + 1 };
    case 'TribunalOrderReceived': {
      const { amendmentId, orderedOn } = event.data;
      const orders = [...state.orders, orderKey(event.data)];
      if (!amendmentId) return { ...state, orders };
      const dueBy = event.data.steps.find((s) => s.step === 'amended-plan')?.dueBy ?? orderedOn;
      const open = state.orderedAmendment;
      // a second order to amend joins the amendment still open: one amended plan, by the earlier date
      if (open?.amendmentId === amendmentId) return { ...state, orders, orderedAmendment: { ...open, dueBy: isBefore(dueBy, open.dueBy) ? dueBy : open.dueBy } };
      return { ...state, orders, orderedAmendment: { amendmentId, orderedOn, dueBy }, amendments: state.amendments + 1 };
    }
  }
};
