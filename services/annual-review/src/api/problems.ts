import { problem, type ProblemException } from '@ehc/platform';
import type { RuleBroken } from '../domain/annual-review';

/** The one table from a broken rule to its HTTP status (STYLE §7): 409 the state moved on, 422 the request breaks a rule itself. */
const RULES: Record<RuleBroken, { status: 409 | 422; title: string; field?: string }> = {
  PlanAlreadyEntered: { status: 409, title: 'This plan is already in the review cycle' },
  NoPlanOnFile: { status: 409, title: 'There is no plan on file' },
  PlanCeased: { status: 409, title: 'The plan has ceased' },
  PlanClosed: { status: 409, title: 'The plan has left this authority\'s review cycle' },
  ReviewAlreadyInProgress: { status: 409, title: 'A review is already in progress' },
  NoMeetingScheduled: { status: 409, title: 'No review meeting is scheduled' },
  MeetingAlreadyHeld: { status: 409, title: 'The review meeting has already been held' },
  NoMeetingHeld: { status: 409, title: 'The review meeting has not been held' },
  ReportAlreadyReceived: { status: 409, title: 'The review report has already been received' },
  DecisionAlreadyMade: { status: 409, title: 'That decision has already been made' },
  NoDecisionToAmend: { status: 409, title: 'The LA has not decided to amend the plan' },
  AmendmentNoticeAlreadyIssued: { status: 409, title: 'The amendment notice has already been issued' },
  NoAmendmentNotice: { status: 409, title: 'No amendment notice has been issued' },
  CeaseAlreadyConsidered: { status: 409, title: 'Ceasing the plan is already being considered' },
  CeaseNotConsidered: { status: 409, title: 'Ceasing the plan has not been proposed: the family and setting must be consulted first (reg 31)' },
  CeaseAlreadyDecided: { status: 409, title: 'The decision to cease has already been made' },
  NoCeaseDecision: { status: 409, title: 'There is no decision to cease' },
  CeaseAppealAlreadyRegistered: { status: 409, title: 'An appeal against the cease decision is already registered' },
  NoCeaseAppeal: { status: 409, title: 'No appeal against the cease decision is registered' },
  CeaseAppealPending: { status: 409, title: 'The appeal against the cease decision has not ended: the plan is maintained' },
  DualRegistrationAlreadyAgreed: { status: 409, title: 'A dual registration is already running' },
  NoDualRegistration: { status: 409, title: 'There is no dual registration' },
  NamedSettingNotSpecial: { status: 409, title: 'Dual registration starts from a special school' },
  NotAtAnnualReview: { status: 409, title: 'This is recorded at the annual review, after its meeting' },
  DateInFuture: { status: 422, title: 'An effective date cannot be in the future', field: 'on' },
  DateBeforePlanMade: { status: 422, title: 'The date is before the plan was made', field: 'on' },
  NotOfPlanAge: { status: 422, title: 'The child or young person is not of an age to have an EHC plan (s.46)', field: 'date_of_birth' },
  MeetingBeforeInvitations: { status: 422, title: 'The meeting cannot be before the invitations went out', field: 'meetingOn' },
  DateBeforeInvitations: { status: 422, title: 'The date is before the invitations went out', field: 'on' },
  DateBeforeMeeting: { status: 422, title: 'The date is before the review meeting', field: 'on' },
  DateBeforeReviewDecision: { status: 422, title: 'The date is before the review decision', field: 'on' },
  DateBeforeAmendmentNotice: { status: 422, title: 'The date is before the amendment notice', field: 'on' },
  RepresentationsWindowOpen: { status: 422, title: 'The family still has time to respond to the amendment notice (reg 22)', field: 'on' },
  PhaseTransferYearNeeded: { status: 422, title: 'Give the transfer year for this kind of phase transfer', field: 'phaseTransfer.transferYear' },
  CeaseReasonNotOpenAtThisAge: { status: 422, title: 'That reason to cease is not open at the young person\'s age', field: 'reason' },
  DateBeforeCeaseConsidered: { status: 422, title: 'The date is before ceasing was proposed', field: 'on' },
  DateBeforeCeaseDecision: { status: 422, title: 'The date is before the decision to cease', field: 'on' },
  DateBeforeCeaseAppeal: { status: 422, title: 'The date is before the appeal was registered', field: 'on' },
  AppealWindowOpen: { status: 422, title: 'The plan is maintained until the appeal window closes', field: 'on' },
  SettingNotMainstream: { status: 422, title: 'Dual registration is with a mainstream school', field: 'mainstream' },
  InvalidAttendanceSplit: { status: 422, title: 'The attendance split must be whole half-day sessions, 1 to 10 a week in all', field: 'split' },
  DateBeforeDualRegistration: { status: 422, title: 'The date is before the dual registration was agreed', field: 'on' },
  DateBeforeDualRegistrationStart: { status: 422, title: 'The date is before the dual registration started', field: 'on' },
};

export function ruleProblem(rule: RuleBroken, detail?: string): ProblemException {
  const { status, title, field } = RULES[rule];
  return problem(status, rule, title, detail, field ? { errors: [{ field, rule, message: title }] } : {});
}
