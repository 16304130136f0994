import { fail, ok, type CalendarDate, type Decider, type Result } from '@ehc/domain-kernel';

/*
 * Whether a child's family may be sent surveys: a person-level fact, kept on the child's own stream
 * (letters name the child; the family is reached through the child's case). A staff flag
 * (safeguarding, or any reason given) is set and lifted by staff; an opt-out is the family's and
 * stays; a death closes it for good.
 */

export type Event =
  | { type: 'SurveysFlaggedOff'; data: { personId: string; reason: string; flaggedOn: CalendarDate; flaggedBy: string } }
  | { type: 'SurveysFlagLifted'; data: { personId: string; liftedOn: CalendarDate; liftedBy: string } }
  | { type: 'SurveysOptedOut'; data: { personId: string; optedOutOn: CalendarDate; invitationId: string } }
  | { type: 'ChildDeathRecorded'; data: { personId: string; recordedOn: CalendarDate; source: string } };

export type Command =
  | { type: 'FlagSurveysOff'; data: { personId: string; reason: string; today: CalendarDate; by: string } }
  | { type: 'LiftSurveysFlag'; data: { personId: string; today: CalendarDate; by: string } }
  | { type: 'OptOutOfSurveys'; data: { personId: string; today: CalendarDate; invitationId: string } }
  | { type: 'RecordChildDeath'; data: { personId: string; today: CalendarDate; source: string } };

export type Refusal = 'NoFlagToLift';

export interface RecipientState {
  flag: { reason: string; on: CalendarDate } | null;
  optedOutOn: CalendarDate | null;
  diedOn: CalendarDate | null;
}

export const SCHEMA_VERSIONS = { SurveysFlaggedOff: 1, SurveysFlagLifted: 1, SurveysOptedOut: 1, ChildDeathRecorded: 1 } as const;

export const recipientStream = (personId: string): string => `surveyRecipient-${personId}`;

/** Why no survey may go to this family now, most lasting first; null when one may. */
export function suppressionOf(state: RecipientState): 'died' | 'opted-out' | 'safeguarding' | null {
  if (state.diedOn) return 'died';
  if (state.optedOutOn) return 'opted-out';
  return state.flag ? 'safeguarding' : null;
}

export function decide(command: Command, state: RecipientState): Result<Event[], Refusal> {
  const { personId, today } = command.data;
  switch (command.type) {
    case 'FlagSurveysOff':
      // the same reason again changes nothing; another reason is recorded (the latest stands)
      if (state.flag?.reason === command.data.reason) return ok([]);
      return ok([{ type: 'SurveysFlaggedOff', data: { personId, reason: command.data.reason, flaggedOn: today, flaggedBy: command.data.by } }]);
    case 'LiftSurveysFlag':
      if (!state.flag) return fail('NoFlagToLift');
      return ok([{ type: 'SurveysFlagLifted', data: { personId, liftedOn: today, liftedBy: command.data.by } }]);
    case 'OptOutOfSurveys':
      if (state.optedOutOn) return ok([]);
      return ok([{ type: 'SurveysOptedOut', data: { personId, optedOutOn: today, invitationId: command.data.invitationId } }]);
    case 'RecordChildDeath':
      if (state.diedOn) return ok([]);
      return ok([{ type: 'ChildDeathRecorded', data: { personId, recordedOn: today, source: command.data.source } }]);
  }
}

export function evolve(state: RecipientState, event: Event): RecipientState {
  switch (event.type) {
    case 'SurveysFlaggedOff': return { ...state, flag: { reason: event.data.reason, on: event.data.flaggedOn } };
    case 'SurveysFlagLifted': return { ...state, flag: null };
    case 'SurveysOptedOut': return { ...state, optedOutOn: event.data.optedOutOn };
    case 'ChildDeathRecorded': return { ...state, diedOn: event.data.recordedOn };
  }
}

export const initialState = (): RecipientState => ({ flag: null, optedOutOn: null, diedOn: null });

export const recipientDecider: Decider<Command, Event, RecipientState, Refusal> = { decide, evolve, initialState };
