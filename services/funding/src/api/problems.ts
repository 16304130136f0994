import { problem } from '@ehc/http';
import { ruleProblems, type RuleAnswer } from '@ehc/http';
import type { RuleBroken } from '../domain/plan-funding/plan-funding';

/** The one table from a broken rule to its HTTP status (STYLE §7): 409 the state moved on, 422 the request breaks a rule itself. */
const RULES: Record<RuleBroken, RuleAnswer> = {
  PlanCeased: { status: 409, title: 'The plan has ceased' },
  NotAwaitingFunding: { status: 409, title: 'The plan is not in the awaiting-funding tray' },
  TopUpAlreadyAgreed: { status: 409, title: 'A top-up is already running: change its band, or end it first' },
  NoTopUp: { status: 409, title: 'No top-up is running' },
  BandUnchanged: { status: 409, title: 'The top-up is already at that band and rate' },
  IncreaseAlreadyRequested: { status: 409, title: 'A funding increase request is already open' },
  NoIncreaseRequested: { status: 409, title: 'No funding increase request is open' },
  PlacementAlreadyOpen: { status: 409, title: 'A placement at that setting is already open', field: 'settingUrn' },
  NoSuchPlacement: { status: 409, title: 'No open placement at that setting', field: 'settingUrn' },
  NoDualRegistration: { status: 409, title: 'There is no dual registration running' },
  FundingAlreadyReleased: { status: 409, title: 'The dual registration\'s funding has already been released' },
  DualRegistrationAlreadyEnded: { status: 409, title: 'The dual registration has already ended' },
  NoPersonalBudget: { status: 409, title: 'No personal budget is agreed' },
  DirectPaymentRunning: { status: 409, title: 'Direct payments are running: stop them first' },
  DirectPaymentAlreadyRunning: { status: 409, title: 'Direct payments are already running' },
  NoDirectPayment: { status: 409, title: 'No direct payments are running' },
  DateInFuture: { status: 422, title: 'An effective date cannot be in the future', field: 'on' },
  UnknownBand: { status: 422, title: 'The banding matrix has no rate for that band and setting type on that date', field: 'band' },
  OverlapsEarlierTopUp: { status: 422, title: 'The top-up would start before the last one ended', field: 'from' },
  ChangeBeforeTopUpStarted: { status: 422, title: 'A change cannot take effect before the running band began', field: 'from' },
  EndBeforeTopUpStarted: { status: 422, title: 'The last day is before the running band began', field: 'lastDay' },
  DateBeforeRequest: { status: 422, title: 'The decision is dated before the request', field: 'on' },
  EndBeforePlacementStarted: { status: 422, title: 'The last day is before the placement began', field: 'lastDay' },
  PeriodEndsBeforeItStarts: { status: 422, title: 'The period ends before it starts', field: 'to' },
  EndBeforeDirectPaymentStarted: { status: 422, title: 'The last day is before the direct payments began', field: 'lastDay' },
};

export const ruleProblem = ruleProblems(RULES);

const FIELD_RULES: Record<string, string> = {
  SettingTypeNeeded: 'Say which type of setting it is (settingType): the banding matrix\'s rates are per setting type',
};

/** A 422 about one field that no decider rule covers (a setting type neither the plan nor the matrix can tell). */
export const fieldProblem = (rule: keyof typeof FIELD_RULES, field: string, detail: string) =>
  problem(422, rule, FIELD_RULES[rule], detail, { errors: [{ field, rule, message: detail }] });
