import { ruleProblems, type RuleAnswer } from '@ehc/http';
import type { RuleBroken } from '../domain/needs-assessment';

/** The one table from a broken rule to its HTTP status (STYLE §7): 409 the state moved on, 422 the request breaks a rule itself. */
const RULES: Record<RuleBroken, RuleAnswer> = {
  RequestAlreadyRecorded: { status: 409, title: 'This case already has its request recorded' },
  NoRequestOnFile: { status: 409, title: 'There is no request on this case' },
  CaseClosed: { status: 409, title: 'The case is closed or the request was withdrawn' },
  DecisionAlreadyMade: { status: 409, title: 'That decision has already been made on this case' },
  AssessmentRefused: { status: 409, title: 'The LA decided not to assess: the case has no assessment' },
  NotAssessing: { status: 409, title: 'The LA has not decided to assess this child or young person' },
  NoDraftPlan: { status: 409, title: 'No draft plan has been issued on this case' },
  PlanAlreadyIssued: { status: 409, title: 'The final plan has already been issued' },
  AdviceAlreadyReceived: { status: 409, title: 'That advice has already been received' },
  ConsultationAlreadyAnswered: { status: 409, title: 'That setting has already answered the consultation' },
  NotAYoungPerson: { status: 422, title: 'Only a young person (over compulsory school age and under 25) may request their own assessment (Act s.36(1))', field: 'requestedBy' },
  DateInFuture: { status: 422, title: 'An effective date cannot be in the future', field: 'on' },
  DateBeforeRequest: { status: 422, title: 'An effective date cannot be before the request was received', field: 'on' },
  DateBeforeDecisionToAssess: { status: 422, title: 'The date is before the decision to assess', field: 'on' },
  DateBeforeAdviceRequest: { status: 422, title: 'Advice cannot arrive before it was requested', field: 'on' },
  DateBeforeDraftPlan: { status: 422, title: 'The date is before the draft plan was served', field: 'on' },
  DateBeforeConsultation: { status: 422, title: 'A setting cannot answer before it was consulted', field: 'on' },
  UnknownAdviceRequest: { status: 422, title: 'No such advice was requested on this case', field: 'adviceId' },
  AmbiguousAdviceRequest: { status: 422, title: 'More than one request for that advice is open: name the adviceId', field: 'adviceId' },
  UnknownConsultation: { status: 422, title: 'That setting was not consulted on this case', field: 'consultationId' },
  DraftNamesSetting: { status: 422, title: 'A draft plan must not name a setting (s.38(5))', field: 'sections.I' },
  NoMeetingRequested: { status: 409, title: 'The family has not asked for a meeting about this draft plan' },
  MeetingAlreadyHeld: { status: 409, title: 'The meeting the family asked for has already been held' },
  RepresentationsWindowOpen: { status: 422, title: 'The family has at least 15 days beginning with service of the draft to make representations (reg 13(1)): the plan can be finalised from the 16th day, or sooner only on a final response where local policy allows', field: 'on' },
  RequestedMeetingNotHeld: { status: 422, title: 'The family asked for a meeting about the draft plan: hold it before the plan is finalised (reg 13(1))', field: 'on' },
  FinalResponseRequestsMeeting: { status: 422, title: 'A final response says the family wants no meeting: it cannot also ask for one', field: 'final' },
  ExceptionNeedsEvidence: { status: 422, title: 'An exception needs its evidence (domain §2.6)', field: 'evidence' },
  ExceptionNeedsDates: { status: 422, title: 'An exception needs its dates: the closure (closedFrom, reopensOn) for limbs (a) and (b), its end (to) for limbs (c) and (d)', field: 'to' },
  ExceptionEndsBeforeItStarts: { status: 422, title: 'An exception cannot end before it starts', field: 'to' },
  ClosureShorterThanFourWeeks: { status: 422, title: 'The setting was not closed for a continuous period of at least 4 weeks (reg 5(4)(a), 10(4)(a)/(b))', field: 'reopensOn' },
  AdviceAskedBeforeClosureWindow: { status: 422, title: 'Advice was asked before the window that opens one week before the closure: no exception (reg 10(4)(a)/(b))', field: 'on' },
  AdviceAskedAfterClosureWindow: { status: 422, title: 'Advice was asked after the window that closes one week before the setting reopens: no exception (reg 10(4)(a)/(b))', field: 'on' },
  AbsenceShorterThanFourWeeks: { status: 422, title: 'The absence from the area was shorter than 4 continuous weeks (reg 5(4)(c), 10(4)(d))', field: 'to' },
  NoRunningTimeLimitToLift: { status: 422, title: 'No time limit this limb lifts was still running when the exception began: it lifts nothing', field: 'on' },
};

export const ruleProblem = ruleProblems(RULES);
