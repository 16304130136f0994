import { deciderSpec } from '@ehc/testing';
import type { CalendarDate } from '@ehc/domain-kernel';
import { applicationIdOf, eyInclusionDecider, eyInclusionStream, type Command, type Event } from './ey-inclusion';
import type { NeedsProfile, PaymentLine } from './events';

/*
 * Worked examples.
 *
 * Decision due: applied Mon 2026-09-07 with 20 working days. The day received is day 0; working days
 * 1-4 are 09-08..09-11, 5-9 09-14..09-18, 10-14 09-21..09-25, 15-17 09-28..09-30, 18-19 Thu 10-01 and
 * Fri 10-02, 20 Mon 2026-10-05. No bank holiday falls in it (the summer bank holiday, 2026-08-31, is
 * before the application).
 *
 * The clock restarting at the answer: information provided Fri 2026-12-11, + 20 working days. Three
 * bank holidays fall in it: Christmas Day (Fri 12-25), Boxing Day's substitute (Mon 12-28: the 26th
 * is a Saturday) and New Year's Day (Fri 2027-01-01). Working days 1-5 are 12-14..12-18, 6-9
 * 12-21..12-24, 10-12 12-29..12-31, 13-17 2027-01-04..01-08, 18-20 01-11..01-13: due Wed 2027-01-13
 * (Fri 01-08 without the bank holidays).
 *
 * Approval: £9.45 an hour × 10 hours a week × 38 weeks = 945 × 1000 hundredths × 38 ÷ 100 = 359,100p.
 *
 * The termly split of 359,100p over 2026-09-07..2027-07-16 (313 days):
 *   autumn 2026-09-07..12-31 = 24 + 31 + 30 + 31 = 116 days: 359,100 × 116 ÷ 313 = 133,084 r 308
 *   spring 2027-01-01..03-31 = 31 + 28 + 31        =  90 days: 359,100 ×  90 ÷ 313 = 103,255 r 185
 *   summer 2027-04-01..07-16 = 30 + 31 + 30 + 16   = 107 days: 359,100 × 107 ÷ 313 = 122,759 r 133
 * The whole parts sum to 359,098; the 2 pence left go to the largest remainders (autumn, spring):
 * 133,085 + 103,256 + 122,759 = 359,100.
 *
 * The child leaving on Fri 2026-11-20: 24 + 31 + 20 = 75 of the 313 funded days, so earned
 * 359,100 × 75 ÷ 313 = 86,046.33 → 86,046p. With the autumn line paid (133,085p), 47,039p is clawed back.
 */

const given = deciderSpec(eyInclusionDecider);
const TODAY = '2027-08-31';
const APPLICATION = '0b8f5e2a-3c1d-4f6e-9a7b-8c9d0e1f2a3b';
const CHILD = '6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a';
const PROFILE: NeedsProfile = { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] };

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today: CalendarDate = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

type AppliedData = Extract<Event, { type: 'EyInclusionFundingApplied' }>['data'];
const applied = (over: Partial<AppliedData> = {}): Event => ({
  type: 'EyInclusionFundingApplied',
  data: {
    applicationId: APPLICATION, childId: CHILD, settingUrn: 'EY123456', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38,
    supportDocumentId: 'doc-support', evidenceDocumentId: 'doc-evidence', needsProfile: PROFILE, decisionWorkingDays: 20, decisionDueBy: '2026-10-05', ...over,
  },
});
const triaged = (on: CalendarDate = '2026-09-10'): Event => ({ type: 'EyInclusionApplicationTriaged', data: { triagedOn: on, outcome: 'complete' } });
const requested = (on: CalendarDate = '2026-09-18'): Event => ({ type: 'EyInclusionInformationRequested', data: { requestedOn: on, questionsDocumentId: 'doc-questions' } });
const provided = (on: CalendarDate, decisionDueBy: CalendarDate): Event => ({ type: 'EyInclusionInformationProvided', data: { providedOn: on, answerDocumentId: 'doc-answer', decisionDueBy } });
const SCHEDULE: PaymentLine[] = [
  { periodId: '2026-27-2-autumn', from: '2026-09-07', to: '2026-12-31', pence: 133_085 },
  { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 103_256 },
  { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 122_759 },
];
const approved = (over: Partial<Extract<Event, { type: 'EyInclusionFundingApproved' }>['data']> = {}): Event => ({
  type: 'EyInclusionFundingApproved',
  data: { approvedOn: '2026-10-02', level: 'targeted', hourlyPence: 945, from: '2026-09-07', to: '2027-07-16', amountPence: 359_100, withinTime: true, schedule: SCHEDULE, ...over },
});
const refused: Event = { type: 'EyInclusionFundingRefused', data: { refusedOn: '2026-10-02', reasonCodes: ['insufficient-evidence'], reasonsDocumentId: 'doc-reasons', withinTime: true } };
const paid = (periodId: string, pence: number, on: CalendarDate): Event => ({ type: 'EyInclusionFundingPaid', data: { periodId, paidOn: on, pence } });
const withdrawn: Event = { type: 'EyInclusionApplicationWithdrawn', data: { withdrawnOn: '2026-09-20', childLeftSetting: false } };

const application = [applied()];
const awaiting = [...application, requested()];
const approval = [...application, triaged(), approved()];
const autumnPaid = [...approval, paid('2026-27-2-autumn', 133_085, '2026-10-09')];
const leftAfterAutumnPaid = [...autumnPaid, {
  type: 'EyInclusionFundingClawedBack',
  data: { lastDay: '2026-11-20', fundedDays: 313, fundedDaysUpToLastDay: 75, earnedPence: 86_046, paidPence: 133_085, clawbackPence: 47_039, cancelledPeriodIds: ['2026-27-3-spring', '2027-28-1-summer'], balance: null },
} as Event];

describe('the stream id', () => {
  it('is eyInclusion-<uuid>, and gives the application id back', () => {
    expect(eyInclusionStream(APPLICATION)).toBe(`eyInclusion-${APPLICATION}`);
    expect(applicationIdOf(eyInclusionStream(APPLICATION))).toBe(APPLICATION);
  });
});

describe('an application (ApplyForEyInclusionFunding)', () => {
  const apply = (over: Partial<Omit<Cmd<'ApplyForEyInclusionFunding'>['data'], 'today'>> = {}) => cmd('ApplyForEyInclusionFunding', {
    applicationId: APPLICATION, childId: CHILD, settingUrn: 'EY123456', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38,
    supportDocumentId: 'doc-support', needsProfile: PROFILE, evidenceDocumentId: 'doc-evidence', decisionWorkingDays: 20, ...over,
  });

  it('is decided within 20 working days of its receipt: applied Mon 2026-09-07 → due Mon 2026-10-05', () =>
    given([]).when(apply()).then([applied()]));
  it('the working days are configuration: 10 → due Mon 2026-09-21', () =>
    given([]).when(apply({ decisionWorkingDays: 10 })).then([applied({ decisionWorkingDays: 10, decisionDueBy: '2026-09-21' })]));
  it('hours in hundredths and no evidence document are accepted', () =>
    given([]).when(apply({ hoursPerWeek: 12.75, evidenceDocumentId: null })).then([applied({ hoursPerWeek: 12.75, evidenceDocumentId: null })]));
  it('is made once', () => given(application).when(apply()).thenFails('ApplicationAlreadyMade'));
  it('cannot be received in the future', () => given([]).when(apply({ appliedOn: '2027-09-01' })).thenFails('DateInFuture'));
  it.each([0, -1, 30.01, 10.125, Number.NaN])('hours a week must be more than 0, at most 30, in hundredths (%p refused)', (hoursPerWeek) =>
    given([]).when(apply({ hoursPerWeek })).thenFails('HoursOutOfRange'));
  it('30 hours a week is the most', () => given([]).when(apply({ hoursPerWeek: 30 })).then([applied({ hoursPerWeek: 30 })]));
  it.each([0, 53, 2.5])('weeks must be a whole number from 1 to 52 (%p refused)', (weeks) =>
    given([]).when(apply({ weeks })).thenFails('WeeksOutOfRange'));
  it('any other command on an unknown stream is NoSuchApplication', () =>
    given([]).when(cmd('TriageEyInclusionApplication', { on: '2026-09-10' })).thenFails('NoSuchApplication'));
});

describe('every command on an application', () => {
  it('refuses an effective date in the future', () =>
    given(application).when(cmd('TriageEyInclusionApplication', { on: '2026-09-11' }, '2026-09-10')).thenFails('DateInFuture'));
  it('refuses a date before the application', () =>
    given(application).when(cmd('TriageEyInclusionApplication', { on: '2026-09-04' })).thenFails('DateBeforeApplication'));
  it('refuses anything once the application is withdrawn', () =>
    given([...application, withdrawn]).when(cmd('RequestMoreInformation', { on: '2026-09-21', questionsDocumentId: 'doc-q' })).thenFails('ApplicationWithdrawn'));
});

describe('triage (TriageEyInclusionApplication)', () => {
  const triage = (on: CalendarDate) => cmd('TriageEyInclusionApplication', { on });
  it('finds the application complete, ready for a decision', () => given(application).when(triage('2026-09-10')).then([triaged('2026-09-10')]));
  it('after information was provided', () =>
    given([...awaiting, provided('2026-09-25', '2026-10-23')]).when(triage('2026-09-28')).then([triaged('2026-09-28')]));
  it('once', () => given([...application, triaged()]).when(triage('2026-09-11')).thenFails('AlreadyTriaged'));
  it('not while the LA waits for information', () => given(awaiting).when(triage('2026-09-21')).thenFails('AwaitingInformation'));
  it('not once decided', () => given(approval).when(triage('2026-10-05')).thenFails('AlreadyDecided'));
});

describe('more information (RequestMoreInformation, ProvideMoreInformation)', () => {
  const request = (on: CalendarDate) => cmd('RequestMoreInformation', { on, questionsDocumentId: 'doc-questions' });
  const provide = (on: CalendarDate) => cmd('ProvideMoreInformation', { on, answerDocumentId: 'doc-answer' });

  it('a request stops the decision clock', () => given(application).when(request('2026-09-18')).then([requested('2026-09-18')]));
  it('a request after triage', () => given([...application, triaged()]).when(request('2026-09-18')).then([requested('2026-09-18')]));
  it('one request at a time', () => given(awaiting).when(request('2026-09-21')).thenFails('InformationAlreadyRequested'));
  it('another request once the first is answered', () =>
    given([...awaiting, provided('2026-09-25', '2026-10-23')]).when(request('2026-09-28')).then([requested('2026-09-28')]));
  it('not once decided', () => given([...application, refused]).when(request('2026-10-05')).thenFails('AlreadyDecided'));
  it('the answer restarts the clock in full: provided Fri 2026-12-11 → due Wed 2027-01-13 (three bank holidays skipped)', () =>
    given(awaiting).when(provide('2026-12-11')).then([provided('2026-12-11', '2027-01-13')]));
  it('an answer needs a question', () => given(application).when(provide('2026-09-21')).thenFails('NotAwaitingInformation'));
  it('an answer cannot come before the question', () => given(awaiting).when(provide('2026-09-17')).thenFails('DateBeforeInformationRequested'));
  it('not once decided', () => given([...awaiting, refused]).when(provide('2026-10-05')).thenFails('AlreadyDecided'));
});

describe('approval (ApproveEyInclusionFunding)', () => {
  const approve = (over: Partial<Omit<Cmd<'ApproveEyInclusionFunding'>['data'], 'today'>> = {}) =>
    cmd('ApproveEyInclusionFunding', { on: '2026-10-02', level: 'targeted', hourlyPence: 945, from: '2026-09-07', to: '2027-07-16', ...over });

  it('£9.45 × 10 h × 38 weeks = 359,100p, paid termly (autumn 133,085, spring 103,256, summer 122,759), within time', () =>
    given([...application, triaged()]).when(approve()).then([approved()]));
  it('without triage too', () => given(application).when(approve()).then([approved()]));
  it('on the due day is within time', () => given(application).when(approve({ on: '2026-10-05' })).then([approved({ approvedOn: '2026-10-05' })]));
  it('late is recorded as late, not refused', () => given(application).when(approve({ on: '2026-10-06' })).then([approved({ approvedOn: '2026-10-06', withinTime: false })]));
  it('judged against the restarted clock after an answer', () =>
    given([...awaiting, provided('2026-12-11', '2027-01-13')]).when(approve({ on: '2027-01-13', from: '2027-01-04', to: '2027-03-26' }))
      .then([approved({
        approvedOn: '2027-01-13', from: '2027-01-04', to: '2027-03-26', withinTime: true,
        schedule: [{ periodId: '2026-27-3-spring', from: '2027-01-04', to: '2027-03-26', pence: 359_100 }],
      })]));
  it('while the clock is stopped for information, a decision is within time', () =>
    given(awaiting).when(approve({ on: '2026-11-30' })).then([approved({ approvedOn: '2026-11-30', withinTime: true })]));
  it('rounds half up to the penny: £9.45 × 12.5 h × 3 weeks = 35,437.5 → 35,438p', () =>
    given([applied({ hoursPerWeek: 12.5, weeks: 3 })]).when(approve({ from: '2026-09-14', to: '2026-10-02' }))
      .then([approved({ from: '2026-09-14', to: '2026-10-02', amountPence: 35_438, schedule: [{ periodId: '2026-27-2-autumn', from: '2026-09-14', to: '2026-10-02', pence: 35_438 }] })]));
  it('a level with no rate on the period\'s start is refused', () => given(application).when(approve({ hourlyPence: null })).thenFails('UnknownRateLevel'));
  it('the funded period cannot end before it starts', () => given(application).when(approve({ from: '2026-09-14', to: '2026-09-13' })).thenFails('PeriodEndsBeforeItStarts'));
  it('a one-day period is a period', () =>
    given(application).when(approve({ from: '2026-09-14', to: '2026-09-14' }))
      .then([approved({ from: '2026-09-14', to: '2026-09-14', schedule: [{ periodId: '2026-27-2-autumn', from: '2026-09-14', to: '2026-09-14', pence: 359_100 }] })]));
  it('support before the application is not funded', () => given(application).when(approve({ from: '2026-09-04' })).thenFails('PeriodStartsBeforeApplication'));
  it('once', () => given(approval).when(approve({ on: '2026-10-05' })).thenFails('AlreadyDecided'));
  it('not after a refusal', () => given([...application, refused]).when(approve({ on: '2026-10-05' })).thenFails('AlreadyDecided'));
  it('not in the future', () =>
    given(application).when(cmd('ApproveEyInclusionFunding', { on: '2026-10-02', level: 'targeted', hourlyPence: 945, from: '2026-09-07', to: '2027-07-16' }, '2026-10-01'))
      .thenFails('DateInFuture'));
});

describe('refusal (RefuseEyInclusionFunding)', () => {
  const refuse = (on: CalendarDate, reasonCodes: Cmd<'RefuseEyInclusionFunding'>['data']['reasonCodes'] = ['insufficient-evidence']) =>
    cmd('RefuseEyInclusionFunding', { on, reasonsDocumentId: 'doc-reasons', reasonCodes });
  it('with its reasons, within time', () => given(application).when(refuse('2026-10-02')).then([refused]));
  it('late is recorded as late', () =>
    given(application).when(refuse('2026-10-06', ['needs-met-from-universal-provision', 'other']))
      .then([{ type: 'EyInclusionFundingRefused', data: { refusedOn: '2026-10-06', reasonCodes: ['needs-met-from-universal-provision', 'other'], reasonsDocumentId: 'doc-reasons', withinTime: false } }]));
  it('a setting that never answers can be refused while the LA waits', () =>
    given(awaiting).when(refuse('2026-12-01')).then([{ type: 'EyInclusionFundingRefused', data: { refusedOn: '2026-12-01', reasonCodes: ['insufficient-evidence'], reasonsDocumentId: 'doc-reasons', withinTime: true } }]));
  it('needs at least one reason', () => given(application).when(refuse('2026-10-02', [])).thenFails('NoReasonGiven'));
  it('once', () => given([...application, refused]).when(refuse('2026-10-05')).thenFails('AlreadyDecided'));
  it('not after an approval', () => given(approval).when(refuse('2026-10-05')).thenFails('AlreadyDecided'));
});

describe('payments (RecordEyInclusionPayment)', () => {
  const pay = (periodId: string, on: CalendarDate) => cmd('RecordEyInclusionPayment', { on, periodId });
  it('a line is paid for its amount', () => given(approval).when(pay('2026-27-2-autumn', '2026-10-09')).then([paid('2026-27-2-autumn', 133_085, '2026-10-09')]));
  it('lines in any order', () => given(autumnPaid).when(pay('2027-28-1-summer', '2027-04-09')).then([paid('2027-28-1-summer', 122_759, '2027-04-09')]));
  it('once', () => given(autumnPaid).when(pay('2026-27-2-autumn', '2026-10-10')).thenFails('AlreadyPaid'));
  it('only a line of the schedule', () => given(approval).when(pay('2027-28-2-autumn', '2026-10-09')).thenFails('NoSuchPaymentLine'));
  it('only of an approved application', () => given(application).when(pay('2026-27-2-autumn', '2026-10-09')).thenFails('NotApproved'));
  it('not of a refused one', () => given([...application, refused]).when(pay('2026-27-2-autumn', '2026-10-09')).thenFails('NotApproved'));
  it('not before the approval', () => given(approval).when(pay('2026-27-2-autumn', '2026-10-01')).thenFails('DateBeforeApproval'));
  it('not in the future', () => given(approval).when(cmd('RecordEyInclusionPayment', { on: '2026-10-09', periodId: '2026-27-2-autumn' }, '2026-10-08')).thenFails('DateInFuture'));
  it('not of a line cancelled when the child left', () => given(leftAfterAutumnPaid).when(pay('2026-27-3-spring', '2027-01-08')).thenFails('ChildLeft'));
  it('a line paid before the child left stays paid', () => given(leftAfterAutumnPaid).when(pay('2026-27-2-autumn', '2027-01-08')).thenFails('AlreadyPaid'));
});

describe('the child leaving the setting (RecordChildLeftSetting)', () => {
  const left = (lastDay: CalendarDate) => cmd('RecordChildLeftSetting', { on: lastDay });
  it('after the autumn line was paid: 75 of 313 days earned 86,046p; 47,039p clawed back; spring and summer cancelled', () =>
    given(autumnPaid).when(left('2026-11-20')).then([leftAfterAutumnPaid[leftAfterAutumnPaid.length - 1]]));
  it('before anything was paid: nothing to claw back; the 86,046p earned is one last line', () =>
    given(approval).when(left('2026-11-20')).then([{
      type: 'EyInclusionFundingClawedBack',
      data: {
        lastDay: '2026-11-20', fundedDays: 313, fundedDaysUpToLastDay: 75, earnedPence: 86_046, paidPence: 0, clawbackPence: 0,
        cancelledPeriodIds: ['2026-27-2-autumn', '2026-27-3-spring', '2027-28-1-summer'], balance: { periodId: 'balance', from: '2026-09-07', to: '2026-11-20', pence: 86_046 },
      },
    }]));
  it('the last line is then paid like any other', () =>
    given([...approval, {
      type: 'EyInclusionFundingClawedBack',
      data: {
        lastDay: '2026-11-20', fundedDays: 313, fundedDaysUpToLastDay: 75, earnedPence: 86_046, paidPence: 0, clawbackPence: 0,
        cancelledPeriodIds: ['2026-27-2-autumn', '2026-27-3-spring', '2027-28-1-summer'], balance: { periodId: 'balance', from: '2026-09-07', to: '2026-11-20', pence: 86_046 },
      },
    } as Event]).when(cmd('RecordEyInclusionPayment', { on: '2026-11-27', periodId: 'balance' })).then([paid('balance', 86_046, '2026-11-27')]));
  it('on the funded period\'s last day: all earned, the unpaid lines still to be paid as the balance', () =>
    given(autumnPaid).when(left('2027-07-16')).then([{
      type: 'EyInclusionFundingClawedBack',
      data: {
        lastDay: '2027-07-16', fundedDays: 313, fundedDaysUpToLastDay: 313, earnedPence: 359_100, paidPence: 133_085, clawbackPence: 0,
        cancelledPeriodIds: ['2026-27-3-spring', '2027-28-1-summer'], balance: { periodId: 'balance', from: '2026-09-07', to: '2027-07-16', pence: 226_015 },
      },
    }]));
  it('before the funded period began: nothing earned, everything paid clawed back', () =>
    given([...application, approved({ from: '2027-01-04', to: '2027-03-26', schedule: [{ periodId: '2026-27-3-spring', from: '2027-01-04', to: '2027-03-26', pence: 359_100 }] }),
      paid('2026-27-3-spring', 359_100, '2026-12-01')]).when(left('2026-12-18')).then([{
      type: 'EyInclusionFundingClawedBack',
      data: { lastDay: '2026-12-18', fundedDays: 82, fundedDaysUpToLastDay: 0, earnedPence: 0, paidPence: 359_100, clawbackPence: 359_100, cancelledPeriodIds: [], balance: null },
    }]));
  it('after the funded period ended there is nothing to prorate', () => given(approval).when(left('2027-07-19')).thenFails('LastDayAfterFundedPeriod'));
  it('before a decision, the application is withdrawn instead', () =>
    given(awaiting).when(left('2026-09-25')).then([{ type: 'EyInclusionApplicationWithdrawn', data: { withdrawnOn: '2026-09-25', childLeftSetting: true } }]));
  it('once', () => given(leftAfterAutumnPaid).when(left('2026-11-27')).thenFails('ChildLeft'));
  it('nothing to end after a refusal', () => given([...application, refused]).when(left('2026-11-20')).thenFails('NotApproved'));
  it('not before the application', () => given(approval).when(left('2026-09-04')).thenFails('DateBeforeApplication'));
  it('not in the future', () => given(approval).when(cmd('RecordChildLeftSetting', { on: '2026-11-20' }, '2026-11-19')).thenFails('DateInFuture'));
});

describe('withdrawal (WithdrawEyInclusionApplication)', () => {
  const withdraw = (on: CalendarDate) => cmd('WithdrawEyInclusionApplication', { on });
  it('before a decision', () => given([...application, triaged()]).when(withdraw('2026-09-20')).then([withdrawn]));
  it('while the LA waits for information', () => given(awaiting).when(withdraw('2026-09-20')).then([withdrawn]));
  it('not once decided', () => given(approval).when(withdraw('2026-10-05')).thenFails('AlreadyDecided'));
  it('once', () => given([...application, withdrawn]).when(withdraw('2026-09-21')).thenFails('ApplicationWithdrawn'));
});
