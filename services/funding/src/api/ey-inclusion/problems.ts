import { ruleProblems, type RuleAnswer } from '@ehc/http';
import type { RuleBroken } from '../../domain/ey-inclusion/ey-inclusion';

/**
 * The one table from a broken rule to its HTTP status (STYLE §7): 404 no such application, 409 the
 * state has moved on, 422 the request breaks a rule itself. A date rule names `on`; on the
 * application itself the controller names `appliedOn` instead (ruleProblem's field override).
 */
const RULES: Record<RuleBroken, RuleAnswer> = {
  NoSuchApplication: { status: 404, title: 'No such application for early-years inclusion funding' },
  ApplicationAlreadyMade: { status: 409, title: 'This application is already recorded' },
  ApplicationWithdrawn: { status: 409, title: 'The application was withdrawn' },
  AlreadyDecided: { status: 409, title: 'The application has already been decided' },
  AlreadyTriaged: { status: 409, title: 'The application has already been triaged' },
  AwaitingInformation: { status: 409, title: 'The LA is waiting for more information from the setting: record the answer first' },
  InformationAlreadyRequested: { status: 409, title: 'More information has already been asked for and not yet given' },
  NotAwaitingInformation: { status: 409, title: 'No request for more information is waiting for an answer' },
  NotApproved: { status: 409, title: 'The funding was not approved' },
  AlreadyPaid: { status: 409, title: 'That payment has already been recorded', field: 'periodId' },
  ChildLeft: { status: 409, title: 'The child has left the setting: the funding has ended' },
  DateInFuture: { status: 422, title: 'An effective date cannot be in the future', field: 'on' },
  DateBeforeApplication: { status: 422, title: 'The date is before the application was received', field: 'on' },
  DateBeforeInformationRequested: { status: 422, title: 'The answer cannot come before the LA asked for more information', field: 'on' },
  DateBeforeApproval: { status: 422, title: 'A payment cannot be before the funding was approved', field: 'on' },
  HoursOutOfRange: { status: 422, title: 'Hours a week must be more than 0 and at most 30, in hundredths of an hour at most', field: 'hoursPerWeek' },
  WeeksOutOfRange: { status: 422, title: 'Weeks must be a whole number from 1 to 52', field: 'weeks' },
  UnknownRateLevel: { status: 422, title: 'The rates table has no rate for that level on the day the funded period starts', field: 'level' },
  PeriodEndsBeforeItStarts: { status: 422, title: 'The funded period cannot end before it starts', field: 'to' },
  PeriodStartsBeforeApplication: { status: 422, title: 'The funded period cannot start before the application was received', field: 'from' },
  NoReasonGiven: { status: 422, title: 'A refusal gives at least one reason', field: 'reasonCodes' },
  NoSuchPaymentLine: { status: 422, title: 'There is no such payment on this application\'s schedule', field: 'periodId' },
  LastDayAfterFundedPeriod: { status: 422, title: 'The funded period had already ended by the child\'s last day: there is nothing to prorate', field: 'on' },
};

export const ruleProblem = ruleProblems(RULES);
