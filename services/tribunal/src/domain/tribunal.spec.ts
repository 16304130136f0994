import { deciderSpec } from '@ehc/testing';
import type { CalendarDate } from '@ehc/domain-kernel';
import { tribunalDecider, type Command, type Event } from './tribunal';

// Worked examples of the domain reference: 12 (letter Wed 2026-06-10, certificate Fri 07-24 → appeal
// deadline Tue 09-01), 15 (LA told Tue 03-03, mediation ended Thu 03-26 → mediation by Thu 04-02,
// certificate by Tue 03-31), 16 (declined Thu 04-02 → certificate by Thu 04-09) and 17 (order Mon
// 2026-11-02: section I only 11-16; amend B/F 12-07; plan: draft 12-07, final 2027-01-18; assess:
// notify 11-16, no-plan 2027-01-11, final 2027-02-08).
const given = deciderSpec(tribunalDecider);
const TODAY = '2027-06-30';
const DECISION = '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a';
const M = 'mediation-1';
const A = 'appeal-1';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today: CalendarDate = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

type Opened = Extract<Event, { type: 'AppealWindowOpened' }>['data'];
const opened = (over: Partial<Opened> = {}): Event => ({
  type: 'AppealWindowOpened',
  data: {
    decisionId: DECISION, source: { service: 'needs-assessment', id: 'case-1' }, childId: 'c-1', decisionType: 'refusal-to-assess', letterOn: '2026-06-10',
    letterId: 'letter-1', recipient: 'parent', openedBy: 'published-decision', certificateOn: null, mediationContactDueBy: '2026-08-10', appealDueBy: '2026-09-01', ...over,
  },
});
const requested = (requestedOn: CalendarDate, wantsMediation = true, healthInvolved = false, over: Record<string, unknown> = {}): Event => ({
  type: 'MediationRequested',
  data: {
    mediationId: M, requestedOn, wantsMediation, healthInvolved, issuesDocumentId: null, withinContactWindow: true,
    healthNotificationDueBy: null, mediationDueBy: null, certificateDueBy: null, ...over,
  },
} as Event);
const arranged = (arrangedOn: CalendarDate, takesPlaceOn: CalendarDate): Event => ({ type: 'MediationArranged', data: { mediationId: M, arrangedOn, takesPlaceOn, withinThirtyDays: true } });
const heldOn = (on: CalendarDate, certificateDueBy: CalendarDate): Event => ({ type: 'MediationHeld', data: { mediationId: M, heldOn: on, withinThirtyDays: true, certificateDueBy } });
const certificate = (issuedOn: CalendarDate, appealDueBy: CalendarDate): Event => ({
  type: 'MediationCertificateIssued', data: { mediationId: M, issuedOn, after: 'mediation-ended', dueBy: null, onTime: true, appealDueBy },
});
type Registered = Extract<Event, { type: 'AppealRegistered' }>['data'];
const registered = (over: Partial<Registered> = {}): Event => ({
  type: 'AppealRegistered',
  data: {
    appealId: A, registeredOn: '2026-08-03', type: 'refusal-to-assess', grounds: [], lateAppealAdmitted: false, late: false, certificateOnFile: true,
    sentToLaOn: '2026-08-03', laResponseDueBy: '2026-09-15', ...over,
  },
});
const decidedWith = (kind: string, orderedOn: CalendarDate, steps: { step: string; dueBy: string }[], extra: Record<string, unknown> = {}): Event => ({
  type: 'AppealDecided',
  data: {
    appealId: A, decidedOn: orderedOn, outcome: 'allowed', grounds: [],
    orders: [{ orderId: 'order-1', kind, orderedOn, concession: false, amendmentOrdered: false, steps }], recommendationsResponseDueBy: null, costs: { awarded: false }, ...extra,
  },
} as Event);
const ASSESS_ORDER = [{ step: 'notify', dueBy: '2026-11-16' }, { step: 'decision-not-to-issue', dueBy: '2027-01-11' }, { step: 'final-plan', dueBy: '2027-02-08' }];

const window = [opened()];
const mediating = [...window, requested('2026-07-01', true, false, { mediationDueBy: '2026-07-31' })];
const mediationHeld = [...mediating, arranged('2026-07-02', '2026-07-20'), heldOn('2026-07-20', '2026-07-23')];
const certified = [...mediationHeld, certificate('2026-07-24', '2026-09-01')];
const appealing = [...certified, registered()];
const ordered = [...appealing, decidedWith('assess-or-reassess', '2026-11-02', ASSESS_ORDER)];

describe('an appeal window (domain §3.3)', () => {
  const open = (over: Record<string, unknown> = {}) => cmd('OpenAppealWindow', {
    decisionId: DECISION, source: { service: 'needs-assessment', id: 'case-1' }, childId: 'c-1', decisionType: 'refusal-to-assess', letterOn: '2026-06-10',
    letterId: 'letter-1', recipient: 'parent', openedBy: 'published-decision', certificateOn: null, ...over,
  } as never);

  it('opens with the mediation-adviser contact deadline (2 months) and the appeal deadline from the letter', () => {
    given([]).when(open()).then([opened()]);
  });
  it('a window opened by hand with a certificate already issued counts it (example 12: 2026-09-01)', () => {
    given([]).when(open({ openedBy: 'by-hand', letterId: null, certificateOn: '2026-07-24' }))
      .then([opened({ openedBy: 'by-hand', letterId: null, certificateOn: '2026-07-24', appealDueBy: '2026-09-01' })]);
  });
  it('example 13: letter Mon 2026-10-26 → Sat 12-26 in the Christmas window → Mon 2027-01-04', () => {
    given([]).when(open({ letterOn: '2026-10-26' })).then([opened({ letterOn: '2026-10-26', mediationContactDueBy: '2026-12-26', appealDueBy: '2027-01-04' })]);
  });
  it('opens once: a second opening is refused (the consumer takes that as done)', () => given(window).when(open()).thenFails('WindowAlreadyOpen'));
  it('a letter in the future is refused', () => given([]).when(open({ letterOn: '2027-07-01' })).thenFails('DateInFuture'));
  it('a certificate in the future is refused', () => given([]).when(open({ certificateOn: '2027-07-01' })).thenFails('DateInFuture'));
  it('a certificate before the letter is refused', () => given([]).when(open({ certificateOn: '2026-06-01' })).thenFails('CertificateBeforeLetter'));
  it('nothing else is possible before the window is open', () =>
    given([]).when(cmd('RequestMediation', { mediationId: M, requestedOn: '2026-07-01', wantsMediation: true, healthInvolved: false, issuesDocumentId: null })).thenFails('NoAppealWindow'));
});

describe('mediation (regs 32-42)', () => {
  const request = (requestedOn: CalendarDate, wantsMediation = true, healthInvolved = false) =>
    cmd('RequestMediation', { mediationId: M, requestedOn, wantsMediation, healthInvolved, issuesDocumentId: null });

  it('a request to mediate: must take place within 30 days of the LA being told (example 15: 03-03 → 04-02); the ICB told within 3 working days', () => {
    given([opened({ letterOn: '2026-02-20', mediationContactDueBy: '2026-04-20', appealDueBy: '2026-04-20' })]).when(request('2026-03-03', true, true)).then([
      requested('2026-03-03', true, true, { healthNotificationDueBy: '2026-03-06', mediationDueBy: '2026-04-02' }),
    ]);
  });
  it('a certificate only (the family declines mediation): the certificate within 3 working days (example 16: 04-02 → 04-09, Easter skipped)', () => {
    given([opened({ letterOn: '2026-03-02', mediationContactDueBy: '2026-05-02', appealDueBy: '2026-05-05' })]).when(request('2026-04-02', false))
      .then([requested('2026-04-02', false, false, { certificateDueBy: '2026-04-09' })]);
  });
  it('contact after the 2 months is recorded as outside the reg 33 window, not refused', () => {
    given(window).when(request('2026-08-11', false)).then([requested('2026-08-11', false, false, { withinContactWindow: false, certificateDueBy: '2026-08-14' })]);
  });
  it('one mediation at a time', () => given(mediating).when(request('2026-07-02')).thenFails('MediationAlreadyRequested'));
  it('after a withdrawal, the family may ask again', () => {
    given([...mediating, { type: 'MediationWithdrawn', data: { mediationId: M, withdrawnOn: '2026-07-03' } }])
      .when(cmd('RequestMediation', { mediationId: 'mediation-2', requestedOn: '2026-07-05', wantsMediation: false, healthInvolved: false, issuesDocumentId: null }))
      .then([{ ...requested('2026-07-05', false, false, { certificateDueBy: '2026-07-08' }), data: { ...(requested('2026-07-05', false, false, { certificateDueBy: '2026-07-08' }).data as object), mediationId: 'mediation-2' } } as Event]);
  });
  it('not once an appeal is registered', () => given([...window, registered({ certificateOnFile: false })]).when(request('2026-08-04')).thenFails('AppealAlreadyRegistered'));
  it('before the letter is refused', () => given(window).when(request('2026-06-09')).thenFails('DateBeforeLetter'));
  it('in the future is refused', () => given(window).when(request('2027-07-01')).thenFails('DateInFuture'));

  describe('the ICB told of health care issues', () => {
    const withHealth = [...window, requested('2026-07-01', true, true, { healthNotificationDueBy: '2026-07-06', mediationDueBy: '2026-07-31' })];
    const notify = (on: CalendarDate) => cmd('NotifyHealthBody', { mediationId: M, on });
    it('within 3 working days', () => given(withHealth).when(notify('2026-07-06')).then([{ type: 'HealthBodyNotified', data: { mediationId: M, notifiedOn: '2026-07-06', withinTime: true } }]));
    it('late is recorded as late', () => given(withHealth).when(notify('2026-07-07')).then([{ type: 'HealthBodyNotified', data: { mediationId: M, notifiedOn: '2026-07-07', withinTime: false } }]));
    it('once', () => given([...withHealth, { type: 'HealthBodyNotified', data: { mediationId: M, notifiedOn: '2026-07-02', withinTime: true } }]).when(notify('2026-07-03')).thenFails('HealthBodyAlreadyNotified'));
    it('only when health is involved', () => given(mediating).when(notify('2026-07-02')).thenFails('HealthNotInvolved'));
    it('an unknown mediation is refused', () => given(mediating).when(cmd('NotifyHealthBody', { mediationId: 'mediation-9', on: '2026-07-02' })).thenFails('NoSuchMediation'));
    it('before the request is refused', () => given(withHealth).when(notify('2026-06-30')).thenFails('DateBeforeRequest'));
  });

  describe('screening (the local step; inside the 30 days, never stopping them)', () => {
    const screen = (outcome: 'resolved' | 'proceed', on = '2026-07-06') => cmd('ScreenMediationRequest', { mediationId: M, on, outcome });
    it('proceed: the 30-day clock runs on', () => given(mediating).when(screen('proceed')).then([{ type: 'MediationRequestScreened', data: { mediationId: M, screenedOn: '2026-07-06', outcome: 'proceed' } }]));
    it('resolved: the disagreement settled early', () => given(mediating).when(screen('resolved')).then([{ type: 'MediationRequestScreened', data: { mediationId: M, screenedOn: '2026-07-06', outcome: 'resolved' } }]));
    it('once', () => given([...mediating, { type: 'MediationRequestScreened', data: { mediationId: M, screenedOn: '2026-07-02', outcome: 'proceed' } }]).when(screen('proceed')).thenFails('AlreadyScreened'));
    it('a certificate-only request is not screened', () => given([...window, requested('2026-07-01', false)]).when(screen('proceed')).thenFails('CertificateOnlyRequested'));
    it('not after it was withdrawn', () => given([...mediating, { type: 'MediationWithdrawn', data: { mediationId: M, withdrawnOn: '2026-07-03' } }]).when(screen('proceed')).thenFails('MediationEnded'));
  });

  describe('arranging and holding it', () => {
    const arrange = (on: CalendarDate, takesPlaceOn: CalendarDate) => cmd('ArrangeMediation', { mediationId: M, on, takesPlaceOn });
    it('arranged inside the 30 days, with the letter to the family', () => given(mediating).when(arrange('2026-07-02', '2026-07-20')).then([
      arranged('2026-07-02', '2026-07-20'),
      { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'mediation-arranged', recipient: 'parent', sentOn: '2026-07-02', about: M } },
    ]));
    it('arranged for a day past the 30 days is recorded as such', () => given(mediating).when(arrange('2026-07-02', '2026-08-03')).then([
      { type: 'MediationArranged', data: { mediationId: M, arrangedOn: '2026-07-02', takesPlaceOn: '2026-08-03', withinThirtyDays: false } },
      { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'mediation-arranged', recipient: 'parent', sentOn: '2026-07-02', about: M } },
    ]));
    it('a mediation cannot take place before it is arranged', () => given(mediating).when(arrange('2026-07-02', '2026-07-01')).thenFails('TakesPlaceBeforeArranged'));
    it('a certificate only cannot be arranged', () => given([...window, requested('2026-07-01', false)]).when(arrange('2026-07-02', '2026-07-20')).thenFails('CertificateOnlyRequested'));
    it('not once held', () => given(mediationHeld).when(arrange('2026-07-21', '2026-07-22')).thenFails('MediationAlreadyHeld'));
    it('held: the certificate due within 3 working days (example 15: Thu 03-26 → Tue 03-31)', () => {
      given([opened({ letterOn: '2026-02-20' }), requested('2026-03-03', true, false, { mediationDueBy: '2026-04-02' }), arranged('2026-03-04', '2026-03-26')])
        .when(cmd('HoldMediation', { mediationId: M, on: '2026-03-26' }))
        .then([{ type: 'MediationHeld', data: { mediationId: M, heldOn: '2026-03-26', withinThirtyDays: true, certificateDueBy: '2026-03-31' } }]);
    });
    it('held after the 30 days is recorded as such', () => {
      given([...mediating, arranged('2026-07-02', '2026-08-03')]).when(cmd('HoldMediation', { mediationId: M, on: '2026-08-03' }))
        .then([{ type: 'MediationHeld', data: { mediationId: M, heldOn: '2026-08-03', withinThirtyDays: false, certificateDueBy: '2026-08-06' } }]);
    });
    it('not before it is arranged', () => given(mediating).when(cmd('HoldMediation', { mediationId: M, on: '2026-07-20' })).thenFails('MediationNotArranged'));
    it('not held twice', () => given(mediationHeld).when(cmd('HoldMediation', { mediationId: M, on: '2026-07-21' })).thenFails('MediationAlreadyHeld'));
    it('not held before the day it was arranged', () => given([...mediating, arranged('2026-07-05', '2026-07-20')]).when(cmd('HoldMediation', { mediationId: M, on: '2026-07-04' })).thenFails('DateBeforeArranged'));
    it('cannot be arranged in time: the certificate within 3 working days of that', () => given(mediating).when(cmd('RecordMediationNotArranged', { mediationId: M, on: '2026-07-29' }))
      .then([{ type: 'MediationNotArranged', data: { mediationId: M, on: '2026-07-29', certificateDueBy: '2026-08-03' } }]));
    it('not arranged is recorded once', () => given([...mediating, { type: 'MediationNotArranged', data: { mediationId: M, on: '2026-07-29', certificateDueBy: '2026-08-03' } }])
      .when(cmd('RecordMediationNotArranged', { mediationId: M, on: '2026-07-30' })).thenFails('MediationNotArranged'));
  });

  describe('the agreement', () => {
    const agree = (on: CalendarDate, actionsDueBy: CalendarDate[]) => cmd('RecordMediationAgreement', { mediationId: M, on, actionsDueBy, termsDocumentId: 'doc-1' });
    it('its actions with their dates', () => given(mediationHeld).when(agree('2026-07-20', ['2026-08-14', '2026-09-04'])).then([{
      type: 'MediationAgreementRecorded',
      data: { mediationId: M, agreedOn: '2026-07-20', actions: [{ actionId: 'action-1', dueBy: '2026-08-14' }, { actionId: 'action-2', dueBy: '2026-09-04' }], termsDocumentId: 'doc-1' },
    }]));
    it('only after the mediation is held', () => given(mediating).when(agree('2026-07-20', [])).thenFails('MediationNotHeld'));
    it('once', () => given([...mediationHeld, { type: 'MediationAgreementRecorded', data: { mediationId: M, agreedOn: '2026-07-20', actions: [], termsDocumentId: null } }]).when(agree('2026-07-21', [])).thenFails('AgreementAlreadyRecorded'));
    it('not dated before the mediation', () => given(mediationHeld).when(agree('2026-07-19', [])).thenFails('DateBeforeHeld'));
    it('an action cannot be due before the agreement', () => given(mediationHeld).when(agree('2026-07-20', ['2026-07-10'])).thenFails('ActionDueBeforeAgreement'));
  });

  describe('the certificate (regs 34, 37, 39)', () => {
    const issue = (on: CalendarDate) => cmd('IssueMediationCertificate', { mediationId: M, on });
    it('after mediation: the appeal deadline moves to the later date (example 12: certificate 07-24 → 08-24 in August → Tue 09-01)', () => {
      given(mediationHeld).when(issue('2026-07-24')).then([{
        type: 'MediationCertificateIssued', data: { mediationId: M, issuedOn: '2026-07-24', after: 'mediation-ended', dueBy: '2026-07-23', onTime: false, appealDueBy: '2026-09-01' },
      }]);
    });
    it('after the family declined: on time within 3 working days', () => {
      given([...window, requested('2026-07-01', false, false, { certificateDueBy: '2026-07-06' })]).when(issue('2026-07-03')).then([{
        type: 'MediationCertificateIssued', data: { mediationId: M, issuedOn: '2026-07-03', after: 'declined', dueBy: '2026-07-06', onTime: true, appealDueBy: '2026-09-01' },
      }]);
    });
    it('after mediation could not be arranged', () => {
      given([...mediating, { type: 'MediationNotArranged', data: { mediationId: M, on: '2026-07-29', certificateDueBy: '2026-08-03' } }]).when(issue('2026-07-31')).then([{
        type: 'MediationCertificateIssued', data: { mediationId: M, issuedOn: '2026-07-31', after: 'not-arranged', dueBy: '2026-08-03', onTime: true, appealDueBy: '2026-09-01' },
      }]);
    });
    it('after a screening that settled it, if the family still wants one', () => {
      given([...mediating, { type: 'MediationRequestScreened', data: { mediationId: M, screenedOn: '2026-07-06', outcome: 'resolved' } }]).when(issue('2026-07-10')).then([{
        type: 'MediationCertificateIssued', data: { mediationId: M, issuedOn: '2026-07-10', after: 'screening', dueBy: null, onTime: true, appealDueBy: '2026-09-01' },
      }]);
    });
    it('not while the mediation is still to happen', () => given([...mediating, arranged('2026-07-02', '2026-07-20')]).when(issue('2026-07-10')).thenFails('MediationNotEnded'));
    it('once', () => given(certified).when(issue('2026-07-25')).thenFails('MediationEnded'));
    it('not before the mediation', () => given(mediationHeld).when(issue('2026-07-19')).thenFails('DateBeforeHeld'));
  });

  describe('withdrawal', () => {
    const withdraw = (on: CalendarDate) => cmd('WithdrawMediation', { mediationId: M, on });
    it('withdrawn', () => given(mediating).when(withdraw('2026-07-05')).then([{ type: 'MediationWithdrawn', data: { mediationId: M, withdrawnOn: '2026-07-05' } }]));
    it('not after the certificate', () => given(certified).when(withdraw('2026-07-25')).thenFails('MediationEnded'));
    it('not once held: the certificate follows', () => given(mediationHeld).when(withdraw('2026-07-21')).thenFails('MediationAlreadyHeld'));
  });
});

describe('appeals (First-tier Tribunal (SEND), domain §3.4)', () => {
  const register = (over: Record<string, unknown> = {}) => cmd('RegisterAppeal', {
    appealId: A, registeredOn: '2026-08-03', type: 'refusal-to-assess', grounds: [], lateAppealAdmitted: false, sentToLaOn: null, responseWorkingDays: 30, ...over,
  } as never);

  it('registered: the LA response due 30 working days after the appeal was sent (the summer bank holiday skipped)', () => {
    given(certified).when(register()).then([registered()]);
  });
  it('the working days for the response are the tribunal\'s directions: configurable', () => {
    given(certified).when(register({ responseWorkingDays: 20, sentToLaOn: '2026-08-05' })).then([registered({ sentToLaOn: '2026-08-05', laResponseDueBy: '2026-09-03' })]);
  });
  it('registered after the deadline is refused unless the tribunal admitted it late', () => {
    given(certified).when(register({ registeredOn: '2026-09-02' })).thenFails('AppealOutOfTime');
    given(certified).when(register({ registeredOn: '2026-09-02', lateAppealAdmitted: true }))
      .then([registered({ registeredOn: '2026-09-02', lateAppealAdmitted: true, late: true, sentToLaOn: '2026-09-02', laResponseDueBy: '2026-10-14' })]);
  });
  // letter Mon 2026-04-20: + 2 months is Sat 06-20, so Mon 06-22; a certificate on 06-01 gives Wed 07-01
  const spring = (decisionType: string, certificate: string | null) =>
    [opened({ decisionType: decisionType as never, letterOn: '2026-04-20', mediationContactDueBy: '2026-06-20', appealDueBy: certificate ? '2026-07-01' : '2026-06-22', certificateOn: certificate, openedBy: 'by-hand', letterId: null })];
  it('a certificate moves the deadline: on 06-25 the appeal is in time only because of it', () => {
    given(spring('refusal-to-assess', '2026-06-01')).when(register({ registeredOn: '2026-06-25' }))
      .then([registered({ registeredOn: '2026-06-25', sentToLaOn: '2026-06-25', laResponseDueBy: '2026-08-06' })]);
    given(spring('refusal-to-assess', null)).when(register({ registeredOn: '2026-06-25' })).thenFails('AppealOutOfTime');
  });
  it('an appeal about section I only needs no certificate: its deadline runs from the letter alone', () => {
    given(spring('final-plan', '2026-06-01')).when(register({ type: 'section-i-only', registeredOn: '2026-06-25' })).thenFails('AppealOutOfTime');
    given(spring('final-plan', '2026-06-01')).when(register({ type: 'section-i-only', registeredOn: '2026-06-22' }))
      .then([registered({ type: 'section-i-only', grounds: [{ section: 'I' }], registeredOn: '2026-06-22', sentToLaOn: '2026-06-22', laResponseDueBy: '2026-08-03' })]);
    given(spring('final-plan', '2026-06-01')).when(register({ type: 'contents', grounds: [{ section: 'I' }], registeredOn: '2026-06-25' }))
      .then([registered({ type: 'contents', grounds: [{ section: 'I' }], registeredOn: '2026-06-25', sentToLaOn: '2026-06-25', laResponseDueBy: '2026-08-06' })]);
  });
  it('the type must be one s.51 gives for the decision', () => given(certified).when(register({ type: 'contents' })).thenFails('AppealTypeNotForDecision'));
  it('a plan\'s contents are appealed on B, F or I; health and social care only alongside them', () => {
    const plan = [opened({ decisionType: 'amended-plan', source: { service: 'annual-review', id: 'plan-1' } }), ...certified.slice(1)];
    given(plan).when(register({ type: 'contents', grounds: [{ section: 'C' }] })).thenFails('GroundsNotAppealable');
    given(plan).when(register({ type: 'contents', grounds: [{ section: 'A' }] })).thenFails('GroundsNotAppealable');
    given(plan).when(register({ type: 'contents', grounds: [] })).thenFails('GroundsNotAppealable');
    given(plan).when(register({ type: 'contents', grounds: [{ section: 'F' }, { section: 'C' }] })).then([registered({ type: 'contents', grounds: [{ section: 'F' }, { section: 'C' }] })]);
  });
  it('section I only is about section I', () => {
    given([opened({ decisionType: 'final-plan' })]).when(register({ type: 'section-i-only', grounds: [{ section: 'F' }] })).thenFails('GroundsNotAppealable');
  });
  it('one appeal stands at a time', () => given(appealing).when(register({ appealId: 'appeal-2' })).thenFails('AppealAlreadyRegistered'));
  it('sent to the LA before it was registered is refused', () => given(certified).when(register({ sentToLaOn: '2026-08-01' })).thenFails('DateBeforeRegistration'));
  it('registered before the letter is refused', () => given(certified).when(register({ registeredOn: '2026-06-09' })).thenFails('DateBeforeLetter'));

  describe('response and hearing', () => {
    it('the response sent in time', () => given(appealing).when(cmd('SendAppealResponse', { appealId: A, on: '2026-09-14' }))
      .then([{ type: 'AppealResponseSent', data: { appealId: A, sentOn: '2026-09-14', withinTime: true } }]));
    it('late is recorded as late', () => given(appealing).when(cmd('SendAppealResponse', { appealId: A, on: '2026-09-16' }))
      .then([{ type: 'AppealResponseSent', data: { appealId: A, sentOn: '2026-09-16', withinTime: false } }]));
    it('once', () => given([...appealing, { type: 'AppealResponseSent', data: { appealId: A, sentOn: '2026-09-01', withinTime: true } }])
      .when(cmd('SendAppealResponse', { appealId: A, on: '2026-09-02' })).thenFails('ResponseAlreadySent'));
    it('an unknown appeal is refused', () => given(appealing).when(cmd('SendAppealResponse', { appealId: 'appeal-9', on: '2026-09-14' })).thenFails('NoSuchAppeal'));
    it('a hearing listed', () => given(appealing).when(cmd('ListHearing', { appealId: A, on: '2026-09-20', hearingOn: '2026-11-02' }))
      .then([{ type: 'HearingListed', data: { appealId: A, listedOn: '2026-09-20', hearingOn: '2026-11-02' } }]));
    it('a hearing cannot be before it was listed', () => given(appealing).when(cmd('ListHearing', { appealId: A, on: '2026-09-20', hearingOn: '2026-09-19' })).thenFails('HearingBeforeListing'));
    it('nothing dated before registration', () => given(appealing).when(cmd('ListHearing', { appealId: A, on: '2026-08-02', hearingOn: '2026-11-02' })).thenFails('DateBeforeRegistration'));
  });

  describe('outcomes and orders (reg 44, reg 45)', () => {
    const outcome = (data: Record<string, unknown>) => cmd('RecordAppealOutcome', { appealId: A, on: '2026-11-02', outcome: 'allowed', grounds: [], orders: [], costs: { awarded: false }, ...data } as never);
    it('allowed: the order to assess follows, with its reg 44 steps (example 17)', () => given(appealing).when(outcome({})).then([decidedWith('assess-or-reassess', '2026-11-02', ASSESS_ORDER)]));
    it('a plan\'s contents: amend B/F by 12-07, section I only by 11-16 (example 17)', () => {
      const plan = [opened({ decisionType: 'final-plan' }), ...certified.slice(1), registered({ type: 'contents', grounds: [{ section: 'F' }, { section: 'I' }] })];
      given(plan).when(outcome({ outcome: 'allowed-in-part', orders: [{ kind: 'amend-special-educational-provision', amendmentOrdered: false }], grounds: [{ section: 'F', outcome: 'upheld' }, { section: 'I', outcome: 'not-upheld' }] }))
        .then([decidedWith('amend-special-educational-provision', '2026-11-02', [{ step: 'amended-plan', dueBy: '2026-12-07' }], { outcome: 'allowed-in-part', grounds: [{ section: 'F', outcome: 'upheld' }, { section: 'I', outcome: 'not-upheld' }] })]);
      given(plan).when(outcome({ orders: [] })).thenFails('OrderRequired');
    });
    it('recommendations on health or social care: a written response within 5 weeks', () => {
      const plan = [opened({ decisionType: 'final-plan' }), ...certified.slice(1), registered({ type: 'contents', grounds: [{ section: 'F' }, { section: 'C' }] })];
      given(plan).when(outcome({ outcome: 'allowed', orders: [{ kind: 'amend-special-educational-provision', amendmentOrdered: false }], grounds: [{ section: 'F', outcome: 'upheld' }, { section: 'C', outcome: 'recommendation-made' }] }))
        .then([decidedWith('amend-special-educational-provision', '2026-11-02', [{ step: 'amended-plan', dueBy: '2026-12-07' }], { grounds: [{ section: 'F', outcome: 'upheld' }, { section: 'C', outcome: 'recommendation-made' }], recommendationsResponseDueBy: '2026-12-07' })]);
    });
    it('dismissed: no order (an appeal against a cease decision dismissed ends the plan at once)', () => {
      given(appealing).when(outcome({ outcome: 'dismissed' })).then([{ ...decidedWith('x', '2026-11-02', []), data: { ...(decidedWith('x', '2026-11-02', []).data as object), outcome: 'dismissed', orders: [] } } as unknown as Event]);
      const cease = [opened({ decisionType: 'cease', source: { service: 'annual-review', id: 'plan-1' } }), ...certified.slice(1), registered({ type: 'cease' })];
      given(cease).when(outcome({ outcome: 'dismissed' })).then([{ ...decidedWith('cease-appeal-dismissed', '2026-11-02', [{ step: 'plan-ceased', dueBy: '2026-11-02' }]), data: { ...(decidedWith('cease-appeal-dismissed', '2026-11-02', [{ step: 'plan-ceased', dueBy: '2026-11-02' }]).data as object), outcome: 'dismissed' } } as Event]);
    });
    it('a dismissed appeal orders nothing else', () => given(appealing).when(outcome({ outcome: 'dismissed', orders: [{ kind: 'assess-or-reassess', amendmentOrdered: false }] })).thenFails('OrdersNeedAnAllowedAppeal'));
    it('remitted: no order', () => given(appealing).when(outcome({ outcome: 'remitted' })).then([{ ...decidedWith('x', '2026-11-02', []), data: { ...(decidedWith('x', '2026-11-02', []).data as object), outcome: 'remitted', orders: [] } } as unknown as Event]));
    it('an order must fit what was appealed', () => given(appealing).when(outcome({ orders: [{ kind: 'make-and-maintain-plan', amendmentOrdered: false }] })).thenFails('OrderNotForAppealType'));
    it('costs are recorded with the outcome', () => given(appealing).when(outcome({ costs: { awarded: true, against: 'local-authority' } }))
      .then([decidedWith('assess-or-reassess', '2026-11-02', ASSESS_ORDER, { costs: { awarded: true, against: 'local-authority' } })]));
    it('conceded under reg 45: the periods run from the concession', () => {
      given(appealing).when(cmd('ConcedeAppeal', { appealId: A, on: '2026-11-02', orders: [] })).then([{
        type: 'AppealConceded', data: { appealId: A, concededOn: '2026-11-02', orders: [{ orderId: 'order-1', kind: 'assess-or-reassess', orderedOn: '2026-11-02', concession: true, amendmentOrdered: false, steps: ASSESS_ORDER }] },
      } as Event]);
    });
    it('a refusal to issue conceded: make and maintain a plan, draft 12-07, final 2027-01-18 (example 17)', () => {
      const notToIssue = [opened({ decisionType: 'decision-not-to-issue' }), ...certified.slice(1), registered({ type: 'refusal-to-issue' })];
      given(notToIssue).when(cmd('ConcedeAppeal', { appealId: A, on: '2026-11-02', orders: [] })).then([{
        type: 'AppealConceded', data: { appealId: A, concededOn: '2026-11-02', orders: [{ orderId: 'order-1', kind: 'make-and-maintain-plan', orderedOn: '2026-11-02', concession: true, amendmentOrdered: false, steps: [{ step: 'draft-plan', dueBy: '2026-12-07' }, { step: 'final-plan', dueBy: '2027-01-18' }] }] },
      } as Event]);
    });
    it('withdrawn by the family', () => given(appealing).when(cmd('WithdrawAppeal', { appealId: A, on: '2026-10-01' })).then([{ type: 'AppealWithdrawn', data: { appealId: A, withdrawnOn: '2026-10-01' } }]));
    it('nothing more once concluded', () => {
      given(ordered).when(cmd('WithdrawAppeal', { appealId: A, on: '2026-11-03' })).thenFails('AppealConcluded');
      given(ordered).when(outcome({ on: '2026-11-03' })).thenFails('AppealConcluded');
    });
    it('a withdrawn appeal leaves room for another', () => {
      given([...appealing, { type: 'AppealWithdrawn', data: { appealId: A, withdrawnOn: '2026-08-10' } }]).when(register({ appealId: 'appeal-2', registeredOn: '2026-08-20' }))
        .then([registered({ appealId: 'appeal-2', registeredOn: '2026-08-20', sentToLaOn: '2026-08-20', laResponseDueBy: '2026-10-02' })]);
    });
  });

  describe('recommendations answered', () => {
    const withRecommendations = [...appealing, decidedWith('assess-or-reassess', '2026-11-02', ASSESS_ORDER, { recommendationsResponseDueBy: '2026-12-07' })];
    const respond = (on: CalendarDate) => cmd('RespondToRecommendations', { appealId: A, on });
    it('within 5 weeks, with the letter', () => given(withRecommendations).when(respond('2026-12-01')).then([
      { type: 'RecommendationsResponded', data: { appealId: A, respondedOn: '2026-12-01', withinTime: true } },
      { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'recommendations-response', recipient: 'parent', sentOn: '2026-12-01', about: A } },
    ]));
    it('only when there were recommendations', () => given(ordered).when(respond('2026-12-01')).thenFails('NoRecommendations'));
    it('once', () => given([...withRecommendations, { type: 'RecommendationsResponded', data: { appealId: A, respondedOn: '2026-12-01', withinTime: true } }]).when(respond('2026-12-02')).thenFails('RecommendationsAlreadyAnswered'));
  });

  describe('compliance with an order (reg 44)', () => {
    const comply = (step: string, on: CalendarDate, by = 'recorded') => cmd('RecordCompliance', { orderId: 'order-1', step, on, by } as never);
    it('a step done: the order stays open until the assessment ends', () => given(ordered).when(comply('notify', '2026-11-13', 'needs-assessment'))
      .then([{ type: 'OrderStepCompleted', data: { orderId: 'order-1', step: 'notify', completedOn: '2026-11-13', by: 'needs-assessment' } }]));
    it('the final plan: complied with, on time, and the family told', () => {
      const notified = [...ordered, { type: 'OrderStepCompleted', data: { orderId: 'order-1', step: 'notify', completedOn: '2026-11-13', by: 'needs-assessment' } } as Event];
      given(notified).when(comply('final-plan', '2027-02-01', 'needs-assessment')).then([
        { type: 'OrderStepCompleted', data: { orderId: 'order-1', step: 'final-plan', completedOn: '2027-02-01', by: 'needs-assessment' } },
        { type: 'OrderCompliedWith', data: { orderId: 'order-1', compliedOn: '2027-02-01', onTime: true, excepted: false } },
        { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'compliance-confirmed', recipient: 'parent', sentOn: '2027-02-01', about: 'order-1' } },
      ]);
    });
    it('a step late: complied with, not on time', () => given(ordered).when(comply('decision-not-to-issue', '2027-01-12')).then([
      { type: 'OrderStepCompleted', data: { orderId: 'order-1', step: 'decision-not-to-issue', completedOn: '2027-01-12', by: 'recorded' } },
      { type: 'OrderCompliedWith', data: { orderId: 'order-1', compliedOn: '2027-01-12', onTime: false, excepted: false } },
      { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'compliance-confirmed', recipient: 'parent', sentOn: '2027-01-12', about: 'order-1' } },
    ]));
    it('a step once', () => given([...ordered, { type: 'OrderStepCompleted', data: { orderId: 'order-1', step: 'notify', completedOn: '2026-11-13', by: 'recorded' } }]).when(comply('notify', '2026-11-14')).thenFails('StepAlreadyCompleted'));
    it('only the order\'s own steps', () => given(ordered).when(comply('amended-plan', '2026-11-14')).thenFails('StepNotInOrder'));
    it('an unknown order is refused', () => given(ordered).when(cmd('RecordCompliance', { orderId: 'order-7', step: 'notify', on: '2026-11-14', by: 'recorded' })).thenFails('UnknownOrder'));
    it('not dated before the order', () => given(ordered).when(comply('notify', '2026-11-01')).thenFails('DateBeforeOrder'));
    it('reg 44(3): an absence of at least 2 weeks lifts the periods', () => {
      given(ordered).when(cmd('ApplyComplianceException', { orderId: 'order-1', on: '2026-11-20', reason: 'absence', absenceDays: 14 }))
        .then([{ type: 'ComplianceExceptionApplied', data: { orderId: 'order-1', appliedOn: '2026-11-20', reason: 'absence' } }]);
      given(ordered).when(cmd('ApplyComplianceException', { orderId: 'order-1', on: '2026-11-20', reason: 'absence', absenceDays: 13 })).thenFails('NoComplianceException');
    });
    it('an exception once, and not after compliance', () => {
      const excepted = [...ordered, { type: 'ComplianceExceptionApplied', data: { orderId: 'order-1', appliedOn: '2026-11-20', reason: 'personal-circumstances' } } as Event];
      given(excepted).when(cmd('ApplyComplianceException', { orderId: 'order-1', on: '2026-11-21', reason: 'closure', absenceDays: null })).thenFails('ExceptionAlreadyApplied');
      given([...ordered, { type: 'OrderCompliedWith', data: { orderId: 'order-1', compliedOn: '2027-01-12', onTime: true, excepted: false } } as Event])
        .when(cmd('ApplyComplianceException', { orderId: 'order-1', on: '2027-01-13', reason: 'closure', absenceDays: null })).thenFails('OrderAlreadyCompliedWith');
    });
  });
});
