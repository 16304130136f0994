import { ruleProblems, type RuleAnswer } from '@ehc/platform';
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
  RepresentationsWindowOpen: { status: 422, title: 'The family still has time to make representations on the draft (reg 13(1))', field: 'on' },
  ExceptionEndsBeforeItStarts: { status: 422, title: 'An exception cannot end before it starts', field: 'to' },
};

export const ruleProblem = ruleProblems(RULES);
