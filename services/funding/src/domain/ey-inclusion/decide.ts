import { addWorkingDays, fail as failWith, isBefore, minDate, ok, onOrBefore, type CalendarDate, type Result } from '@ehc/domain-kernel';
import type { Command } from './commands';
import type { Event, PaymentLine } from './events';
import { fundedAmountPence, MAX_HOURS_PER_WEEK, MAX_WEEKS, proratedPence, toHundredths } from './amounts';
import { awaitingInformation, paymentLines, type ApplicationState, type EyInclusionState } from './state';
import { daysInclusive } from '@ehc/money';
import { termlySchedule } from './term-schedule';

export type RuleBroken =
  // 404: no application on this stream
  | 'NoSuchApplication'
  // 409: the application's state does not allow it
  | 'ApplicationAlreadyMade' | 'ApplicationWithdrawn' | 'AlreadyDecided' | 'AlreadyTriaged' | 'AwaitingInformation' | 'InformationAlreadyRequested'
  | 'NotAwaitingInformation' | 'NotApproved' | 'AlreadyPaid' | 'ChildLeft'
  // 422: the request breaks a rule on its own terms
  | 'DateInFuture' | 'DateBeforeApplication' | 'DateBeforeInformationRequested' | 'DateBeforeApproval' | 'HoursOutOfRange' | 'WeeksOutOfRange'
  | 'UnknownRateLevel' | 'PeriodEndsBeforeItStarts' | 'PeriodStartsBeforeApplication' | 'NoReasonGiven' | 'NoSuchPaymentLine' | 'LastDayAfterFundedPeriod';

type Decision = Result<Event[], RuleBroken>;
const fail = (rule: RuleBroken): Decision => failWith(rule);

/*
 * "A decision within N working days" counts as addWorkingDays does: the day the application was
 * received is day 0 and never counted; the decision is due on the N-th working day after it
 * (weekends and England bank holidays skipped). N is configuration (domain §11.11).
 */
const decisionDueBy = (from: CalendarDate, workingDays: number): CalendarDate => addWorkingDays(from, workingDays);

export function decide(command: Command, state: EyInclusionState): Decision {
  const today = command.data.today;
  if (command.type === 'ApplyForEyInclusionFunding') {
    const d = command.data;
    if (state.status !== 'none') return fail('ApplicationAlreadyMade');
    if (!onOrBefore(d.appliedOn, today)) return fail('DateInFuture');
    const hundredths = toHundredths(d.hoursPerWeek);
    if (hundredths === null || hundredths <= 0 || hundredths > MAX_HOURS_PER_WEEK * 100) return fail('HoursOutOfRange');
    if (!Number.isInteger(d.weeks) || d.weeks < 1 || d.weeks > MAX_WEEKS) return fail('WeeksOutOfRange');
    return ok([{
      type: 'EyInclusionFundingApplied',
      data: {
        applicationId: d.applicationId, childId: d.childId, settingUrn: d.settingUrn, appliedOn: d.appliedOn, hoursPerWeek: d.hoursPerWeek, weeks: d.weeks,
        supportDocumentId: d.supportDocumentId, evidenceDocumentId: d.evidenceDocumentId, needsProfile: d.needsProfile,
        decisionWorkingDays: d.decisionWorkingDays, decisionDueBy: decisionDueBy(d.appliedOn, d.decisionWorkingDays),
      },
    }]);
  }
  const application = state.application;
  if (state.status === 'none' || !application) return fail('NoSuchApplication');
  const on = command.data.on;
  if (!onOrBefore(on, today)) return fail('DateInFuture');
  if (isBefore(on, application.appliedOn)) return fail('DateBeforeApplication');
  if (state.status === 'withdrawn') return fail('ApplicationWithdrawn');
  switch (command.type) {
    case 'RecordEyInclusionPayment':
      return recordPayment(state, command.data.periodId, on);
    case 'RecordChildLeftSetting':
      return childLeft(state, on);
    default:
      break;
  }
  if (state.decision) return fail('AlreadyDecided');
  const waiting = awaitingInformation(state);
  switch (command.type) {
    case 'TriageEyInclusionApplication':
      if (state.triagedOn) return fail('AlreadyTriaged');
      // triage finds the application complete, ready for a decision: not while the LA waits for more
      if (waiting) return fail('AwaitingInformation');
      return ok([{ type: 'EyInclusionApplicationTriaged', data: { triagedOn: on, outcome: 'complete' } }]);
    case 'RequestMoreInformation':
      if (waiting) return fail('InformationAlreadyRequested');
      // the decision clock stops until the setting answers
      return ok([{ type: 'EyInclusionInformationRequested', data: { requestedOn: on, questionsDocumentId: command.data.questionsDocumentId } }]);
    case 'ProvideMoreInformation':
      if (!waiting) return fail('NotAwaitingInformation');
      if (isBefore(on, waiting.requestedOn)) return fail('DateBeforeInformationRequested');
      // a local choice (domain §11.11): the clock restarts in full from the answer, not from where it stopped
      return ok([{
        type: 'EyInclusionInformationProvided',
        data: { providedOn: on, answerDocumentId: command.data.answerDocumentId, decisionDueBy: decisionDueBy(on, application.decisionWorkingDays) },
      }]);
    case 'ApproveEyInclusionFunding':
      return approve(command.data, state, application);
    case 'RefuseEyInclusionFunding':
      if (command.data.reasonCodes.length === 0) return fail('NoReasonGiven');
      return ok([{
        type: 'EyInclusionFundingRefused',
        data: { refusedOn: on, reasonCodes: [...command.data.reasonCodes], reasonsDocumentId: command.data.reasonsDocumentId, withinTime: decidedInTime(state, on) },
      }]);
    case 'WithdrawEyInclusionApplication':
      return ok([{ type: 'EyInclusionApplicationWithdrawn', data: { withdrawnOn: on, childLeftSetting: false } }]);
  }
}

/** Late is recorded, not refused. While the LA waits for information the clock is stopped: a decision then is within time. */
const decidedInTime = (state: EyInclusionState, on: CalendarDate): boolean => state.decisionDueBy === null || onOrBefore(on, state.decisionDueBy);

function approve(d: Extract<Command, { type: 'ApproveEyInclusionFunding' }>['data'], state: EyInclusionState, application: ApplicationState): Decision {
  if (d.hourlyPence === null) return fail('UnknownRateLevel');
  if (isBefore(d.to, d.from)) return fail('PeriodEndsBeforeItStarts');
  // support bought before the setting applied is not funded
  if (isBefore(d.from, application.appliedOn)) return fail('PeriodStartsBeforeApplication');
  const amountPence = fundedAmountPence(d.hourlyPence, application.hoursPerWeek, application.weeks);
  return ok([{
    type: 'EyInclusionFundingApproved',
    data: {
      approvedOn: d.on, level: d.level, hourlyPence: d.hourlyPence, from: d.from, to: d.to, amountPence, withinTime: decidedInTime(state, d.on),
      schedule: termlySchedule(amountPence, d.from, d.to),
    },
  }]);
}

function recordPayment(state: EyInclusionState, periodId: string, on: CalendarDate): Decision {
  const decision = state.decision;
  if (decision?.outcome !== 'approved') return fail('NotApproved');
  const line = paymentLines(state).find((l) => l.periodId === periodId);
  if (!line) return fail('NoSuchPaymentLine');
  if (state.payments.some((p) => p.periodId === periodId)) return fail('AlreadyPaid');
  if (state.childLeft?.cancelledPeriodIds.includes(periodId)) return fail('ChildLeft');
  if (isBefore(on, decision.on)) return fail('DateBeforeApproval');
  return ok([{ type: 'EyInclusionFundingPaid', data: { periodId, paidOn: on, pence: line.pence } }]);
}

/**
 * The child left the setting (`lastDay`: the last day there). Before a decision there is nothing
 * to fund: the application is withdrawn. Once approved, the funding ends: what the setting earned is
 * the amount prorated over the funded period's days up to the last day; paid beyond that is clawed
 * back, lines not yet paid are cancelled, and what was earned but not paid is one last line.
 */
function childLeft(state: EyInclusionState, lastDay: CalendarDate): Decision {
  const decision = state.decision;
  if (!decision) return ok([{ type: 'EyInclusionApplicationWithdrawn', data: { withdrawnOn: lastDay, childLeftSetting: true } }]);
  if (decision.outcome !== 'approved') return fail('NotApproved');
  if (state.childLeft) return fail('ChildLeft');
  // after the funded period the funding has run its course: nothing to prorate
  if (isBefore(decision.to, lastDay)) return fail('LastDayAfterFundedPeriod');
  const fundedDays = daysInclusive(decision.from, decision.to);
  // a child who left before the funded period began earned nothing of it
  const fundedDaysUpToLastDay = isBefore(lastDay, decision.from) ? 0 : daysInclusive(decision.from, minDate(lastDay, decision.to));
  const earnedPence = proratedPence(decision.amountPence, fundedDaysUpToLastDay, fundedDays);
  const paid = new Set(state.payments.map((p) => p.periodId));
  const paidPence = state.payments.reduce((sum, p) => sum + p.pence, 0);
  const cancelledPeriodIds = decision.schedule.filter((l) => !paid.has(l.periodId)).map((l) => l.periodId);
  const balance: PaymentLine | null = earnedPence > paidPence ? { periodId: 'balance', from: decision.from, to: lastDay, pence: earnedPence - paidPence } : null;
  return ok([{
    type: 'EyInclusionFundingClawedBack',
    data: { lastDay, fundedDays, fundedDaysUpToLastDay, earnedPence, paidPence, clawbackPence: Math.max(0, paidPence - earnedPence), cancelledPeriodIds, balance },
  }]);
}
