import { deciderSpec } from '@ehc/testing';
import { invitationDecider, invitationIdOfLetter, statusOf, type Command, type Event, type InvitationSubject } from './invitation';
import { recipientDecider, suppressionOf, type Event as RecipientEvent } from './recipient';

/*
 * The worked invitation: the final plan letter of case 5b1f… was sent on Mon 2026-03-02 and the
 * survey invitation went the same day, its link lasting 28 days (last day Mon 03-30) with a reminder
 * due after 14 (Mon 03-16).
 */
const invitation = deciderSpec(invitationDecider);
const SUBJECT: InvitationSubject = {
  invitationId: '0b7c3a52-54a3-4b87-9e1f-2f7f4d6c1a10', letterId: 'letter-3', service: 'needs-assessment', letterKind: 'final-plan', letterSentOn: '2026-03-02',
  caseId: '5b1f2e3d-4c5b-4a69-8877-665544332211', childId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', trigger: 'final-plan', respondentRole: 'parent', questionSet: 'final-plan', team: 'north',
};
const send = (over: Partial<Extract<Command, { type: 'SendSurveyInvitation' }>['data']> = {}): Command =>
  ({ type: 'SendSurveyInvitation', data: { subject: SUBJECT, today: '2026-03-02', expiresAfterDays: 28, reminderAfterDays: 14, suppressedBy: null, ...over } });
const sent: Event = { type: 'SurveyInvitationSent', data: { ...SUBJECT, sentOn: '2026-03-02', expiresOn: '2026-03-30', reminderDueOn: '2026-03-16' } };
const reminded: Event = { type: 'SurveyReminderSent', data: { invitationId: SUBJECT.invitationId, sentOn: '2026-03-16' } };
const answer = (today: string): Command => ({ type: 'RecordSurveyResponse', data: { today, scores: { feltListenedTo: 4 }, choices: {}, commentDocumentId: null, themes: [] } });
const answered: Event = { type: 'SurveyResponseReceived', data: { invitationId: SUBJECT.invitationId, answeredOn: '2026-03-10', scores: { feltListenedTo: 4 }, choices: {}, commentDocumentId: null, themes: [] } };

describe('a survey invitation', () => {
  it('is sent for a letter with a link lasting 28 days and a reminder due after 14', () => invitation([]).when(send()).then([sent]));

  it('is recorded as suppressed, with its reason, instead of being sent', () =>
    invitation([]).when(send({ suppressedBy: 'quiet-period' })).then([{ type: 'SurveyInvitationSuppressed', data: { ...SUBJECT, suppressedOn: '2026-03-02', reason: 'quiet-period' } }]));

  it('is recorded once per letter: the same letter again is refused, so a replay sends nothing', () => invitation([sent]).when(send()).thenFails('InvitationAlreadyRecorded'));

  it('has no reminder when none is configured, or when it would fall on or after the last day', () => {
    invitation([]).when(send({ reminderAfterDays: null })).then([{ ...sent, data: { ...sent.data, reminderDueOn: null } } as Event]);
    invitation([]).when(send({ reminderAfterDays: 28 })).then([{ ...sent, data: { ...sent.data, reminderDueOn: null } } as Event]);
  });

  it('derives its id from the letter: the same letter lands on the same invitation, another letter on another', () => {
    expect(invitationIdOfLetter('needs-assessment', 'ehcna-1', 'letter-3')).toBe(invitationIdOfLetter('needs-assessment', 'ehcna-1', 'letter-3'));
    expect(invitationIdOfLetter('needs-assessment', 'ehcna-1', 'letter-3')).not.toBe(invitationIdOfLetter('needs-assessment', 'ehcna-1', 'letter-4'));
    expect(invitationIdOfLetter('needs-assessment', 'ehcna-1', 'letter-3')).not.toBe(invitationIdOfLetter('annual-review', 'ehcna-1', 'letter-3'));
  });

  describe('answers', () => {
    it('takes one answer through the link\'s last day', () =>
      invitation([sent]).when(answer('2026-03-30')).then([{ ...answered, data: { ...answered.data, answeredOn: '2026-03-30' } } as Event]));
    it('refuses a second answer', () => invitation([sent, answered]).when(answer('2026-03-11')).thenFails('SurveyAlreadyAnswered'));
    it('refuses an answer the day after the last day', () => invitation([sent]).when(answer('2026-03-31')).thenFails('InvitationExpired'));
    it('refuses an answer to a suppressed invitation', () =>
      invitation([{ type: 'SurveyInvitationSuppressed', data: { ...SUBJECT, suppressedOn: '2026-03-02', reason: 'died' } }]).when(answer('2026-03-03')).thenFails('InvitationSuppressed'));
    it('refuses an answer to an invitation never sent', () => invitation([]).when(answer('2026-03-03')).thenFails('NoSuchInvitation'));
  });

  describe('the reminder', () => {
    const remind = (today: string): Command => ({ type: 'SendSurveyReminder', data: { today } });
    it('is sent once it is due', () => invitation([sent]).when(remind('2026-03-16')).then([reminded]));
    it('is not sent before it is due', () => invitation([sent]).when(remind('2026-03-15')).thenFails('ReminderNotDue'));
    it('is sent once only', () => invitation([sent, reminded]).when(remind('2026-03-20')).thenFails('ReminderAlreadySent'));
    it('is not sent after an answer', () => invitation([sent, answered]).when(remind('2026-03-16')).thenFails('SurveyAlreadyAnswered'));
    it('is not sent once the link has expired', () => invitation([sent]).when(remind('2026-03-31')).thenFails('InvitationExpired'));
    it('is never due when none was set', () =>
      invitation([{ ...sent, data: { ...sent.data, reminderDueOn: null } } as Event]).when(remind('2026-03-20')).thenFails('ReminderNotDue'));
  });

  it('shows its status: sent, reminded, answered, expired, suppressed', () => {
    const fold = (events: Event[]) => events.reduce(invitationDecider.evolve, invitationDecider.initialState());
    expect(statusOf(fold([sent]), '2026-03-10')).toBe('sent');
    expect(statusOf(fold([sent, reminded]), '2026-03-20')).toBe('reminded');
    expect(statusOf(fold([sent, reminded, answered]), '2026-04-20')).toBe('answered');
    expect(statusOf(fold([sent]), '2026-03-30')).toBe('sent');
    expect(statusOf(fold([sent]), '2026-03-31')).toBe('expired');
    expect(statusOf(fold([{ type: 'SurveyInvitationSuppressed', data: { ...SUBJECT, suppressedOn: '2026-03-02', reason: 'safeguarding' } }]), '2026-03-10')).toBe('suppressed');
  });
});

describe('a family\'s surveys', () => {
  const recipient = deciderSpec(recipientDecider);
  const PERSON = SUBJECT.childId;
  const flagged: RecipientEvent = { type: 'SurveysFlaggedOff', data: { personId: PERSON, reason: 'safeguarding', flaggedOn: '2026-03-01', flaggedBy: 'cw-1' } };
  const fold = (events: RecipientEvent[]) => events.reduce(recipientDecider.evolve, recipientDecider.initialState());

  it('are flagged off by staff, and the same flag again changes nothing', () => {
    recipient([]).when({ type: 'FlagSurveysOff', data: { personId: PERSON, reason: 'safeguarding', today: '2026-03-01', by: 'cw-1' } }).then([flagged]);
    recipient([flagged]).when({ type: 'FlagSurveysOff', data: { personId: PERSON, reason: 'safeguarding', today: '2026-03-05', by: 'cw-2' } }).thenNothingHappened();
  });
  it('are sent again once the flag is lifted; lifting no flag is refused', () => {
    recipient([flagged]).when({ type: 'LiftSurveysFlag', data: { personId: PERSON, today: '2026-04-01', by: 'tm-1' } })
      .then([{ type: 'SurveysFlagLifted', data: { personId: PERSON, liftedOn: '2026-04-01', liftedBy: 'tm-1' } }]);
    recipient([]).when({ type: 'LiftSurveysFlag', data: { personId: PERSON, today: '2026-04-01', by: 'tm-1' } }).thenFails('NoFlagToLift');
    expect(suppressionOf(fold([flagged, { type: 'SurveysFlagLifted', data: { personId: PERSON, liftedOn: '2026-04-01', liftedBy: 'tm-1' } }]))).toBeNull();
  });
  it('stop after an opt-out, which a staff flag lifted does not undo, and after a death', () => {
    const optedOut: RecipientEvent = { type: 'SurveysOptedOut', data: { personId: PERSON, optedOutOn: '2026-03-03', invitationId: SUBJECT.invitationId } };
    recipient([optedOut]).when({ type: 'OptOutOfSurveys', data: { personId: PERSON, today: '2026-03-04', invitationId: SUBJECT.invitationId } }).thenNothingHappened();
    expect(suppressionOf(fold([flagged, optedOut, { type: 'SurveysFlagLifted', data: { personId: PERSON, liftedOn: '2026-04-01', liftedBy: 'tm-1' } }]))).toBe('opted-out');
    expect(suppressionOf(fold([flagged]))).toBe('safeguarding');
    expect(suppressionOf(fold([optedOut, { type: 'ChildDeathRecorded', data: { personId: PERSON, recordedOn: '2026-05-01', source: 'needs-assessment' } }]))).toBe('died');
  });
});
