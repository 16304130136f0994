import { addDays, fail, nameBasedUuid, ok, onOrBefore, type CalendarDate, type Decider, type Result } from '@ehc/domain-kernel';
import type { LetterService, RespondentRole } from './model';

/*
 * A survey invitation: sent for one letter, to one respondent, with one question set; answered at
 * most once, reminded at most once, until its link expires. The link's token is derived from the
 * invitation id (see tokens), so nothing secret is kept in the events.
 */

/** Why an invitation was not sent (§7: after a death, on a safeguarding flag, after an opt-out; and the quiet period). */
export type SuppressionReason = 'died' | 'safeguarding' | 'opted-out' | 'quiet-period';

/** What the invitation is about: the letter that triggered it, and who is asked. Ids only, never a name. */
export interface InvitationSubject {
  invitationId: string;
  letterId: string;
  service: LetterService;
  letterKind: string;
  letterSentOn: CalendarDate;
  /** The case the letter belongs to (the assessment case; an annual review's plan shares its uuid; a disagreement's decision). */
  caseId: string;
  childId: string;
  trigger: string;
  respondentRole: RespondentRole;
  questionSet: string;
  /** The team of the case's caseworker when the letter was sent, or null when unallocated. */
  team: string | null;
}

export type Event =
  | { type: 'SurveyInvitationSent'; data: InvitationSubject & { sentOn: CalendarDate; expiresOn: CalendarDate; reminderDueOn: CalendarDate | null } }
  | { type: 'SurveyInvitationSuppressed'; data: InvitationSubject & { suppressedOn: CalendarDate; reason: SuppressionReason } }
  | { type: 'SurveyReminderSent'; data: { invitationId: string; sentOn: CalendarDate } }
  | {
    type: 'SurveyResponseReceived';
    data: {
      invitationId: string; answeredOn: CalendarDate; scores: Record<string, number>; choices: Record<string, string>;
      /** The comment, redacted, kept outside the events (erasable); null when none was written. */
      commentDocumentId: string | null; themes: string[];
    };
  };

export type Command =
  | {
    type: 'SendSurveyInvitation';
    data: { subject: InvitationSubject; today: CalendarDate; expiresAfterDays: number; reminderAfterDays: number | null; suppressedBy: SuppressionReason | null };
  }
  | { type: 'SendSurveyReminder'; data: { today: CalendarDate } }
  | { type: 'RecordSurveyResponse'; data: { today: CalendarDate; scores: Record<string, number>; choices: Record<string, string>; commentDocumentId: string | null; themes: string[] } };

export type Refusal =
  | 'InvitationAlreadyRecorded'
  | 'NoSuchInvitation'
  | 'InvitationSuppressed'
  | 'SurveyAlreadyAnswered'
  | 'InvitationExpired'
  | 'ReminderAlreadySent'
  | 'ReminderNotDue';

export interface InvitationState {
  subject: InvitationSubject | null;
  sentOn: CalendarDate | null;
  expiresOn: CalendarDate | null;
  reminderDueOn: CalendarDate | null;
  suppressed: SuppressionReason | null;
  remindedOn: CalendarDate | null;
  answeredOn: CalendarDate | null;
}

export const SCHEMA_VERSIONS = { SurveyInvitationSent: 1, SurveyInvitationSuppressed: 1, SurveyReminderSent: 1, SurveyResponseReceived: 1 } as const;

export const invitationStream = (invitationId: string): string => `surveyInvitation-${invitationId}`;

/** One invitation per letter: its id derived from the letter, so a redelivered or replayed letter finds it recorded. */
export const invitationIdOfLetter = (service: LetterService, letterStream: string, letterId: string): string =>
  nameBasedUuid(`ehc-hub/surveys/invitation:${service}/${letterStream}/${letterId}`);

/** The link works through its last day (Europe/London), and not after. */
export const isExpired = (state: Pick<InvitationState, 'expiresOn'>, today: CalendarDate): boolean =>
  state.expiresOn !== null && !onOrBefore(today, state.expiresOn);

export type InvitationStatus = 'sent' | 'reminded' | 'answered' | 'expired' | 'suppressed';

/** The status a list shows: answered wins; an unanswered link past its last day has expired. */
export function statusOf(state: InvitationState, today: CalendarDate): InvitationStatus {
  if (state.suppressed) return 'suppressed';
  if (state.answeredOn) return 'answered';
  if (isExpired(state, today)) return 'expired';
  return state.remindedOn ? 'reminded' : 'sent';
}

export function decide(command: Command, state: InvitationState): Result<Event[], Refusal> {
  switch (command.type) {
    case 'SendSurveyInvitation': {
      if (state.subject) return fail('InvitationAlreadyRecorded');
      const { subject, today, expiresAfterDays, reminderAfterDays, suppressedBy } = command.data;
      if (suppressedBy) return ok([{ type: 'SurveyInvitationSuppressed', data: { ...subject, suppressedOn: today, reason: suppressedBy } }]);
      const expiresOn = addDays(today, expiresAfterDays);
      // a reminder due on or after the last day would arrive with nothing left to answer
      const reminderDueOn = reminderAfterDays !== null && reminderAfterDays > 0 && reminderAfterDays < expiresAfterDays ? addDays(today, reminderAfterDays) : null;
      return ok([{ type: 'SurveyInvitationSent', data: { ...subject, sentOn: today, expiresOn, reminderDueOn } }]);
    }
    case 'SendSurveyReminder': {
      const refused = openRefusal(state, command.data.today);
      if (refused) return fail(refused);
      if (state.remindedOn) return fail('ReminderAlreadySent');
      if (!state.reminderDueOn || !onOrBefore(state.reminderDueOn, command.data.today)) return fail('ReminderNotDue');
      return ok([{ type: 'SurveyReminderSent', data: { invitationId: state.subject!.invitationId, sentOn: command.data.today } }]);
    }
    case 'RecordSurveyResponse': {
      const refused = openRefusal(state, command.data.today);
      if (refused) return fail(refused);
      const { today, ...answers } = command.data;
      return ok([{ type: 'SurveyResponseReceived', data: { invitationId: state.subject!.invitationId, answeredOn: today, ...answers } }]);
    }
  }
}

/** Why an invitation takes no answer or reminder today, or null when it is open. */
function openRefusal(state: InvitationState, today: CalendarDate): Refusal | null {
  if (!state.subject) return 'NoSuchInvitation';
  if (state.suppressed) return 'InvitationSuppressed';
  if (state.answeredOn) return 'SurveyAlreadyAnswered';
  if (isExpired(state, today)) return 'InvitationExpired';
  return null;
}

export function evolve(state: InvitationState, event: Event): InvitationState {
  switch (event.type) {
    case 'SurveyInvitationSent': {
      const { sentOn, expiresOn, reminderDueOn, ...subject } = event.data;
      return { ...state, subject, sentOn, expiresOn, reminderDueOn };
    }
    case 'SurveyInvitationSuppressed': {
      const { suppressedOn: _on, reason, ...subject } = event.data;
      return { ...state, subject, suppressed: reason };
    }
    case 'SurveyReminderSent':
      return { ...state, remindedOn: event.data.sentOn };
    case 'SurveyResponseReceived':
      return { ...state, answeredOn: event.data.answeredOn };
  }
}

export const initialState = (): InvitationState => ({ subject: null, sentOn: null, expiresOn: null, reminderDueOn: null, suppressed: null, remindedOn: null, answeredOn: null });

export const invitationDecider: Decider<Command, Event, InvitationState, Refusal> = { decide, evolve, initialState };
