import { decisionToAssessDueBy, fail, ok, onOrBefore, type CalendarDate, type Result } from '@ehc/domain-kernel';
import type { Requester } from '@ehc/contracts/needs-assessment';

export type { Requester };

// The decider for one EHC needs assessment case (Act s.36 onwards). Pure: dates arrive on commands.

export type Command = {
  type: 'RecordNeedsAssessmentRequest';
  data: {
    reference: string;
    childId: string;
    requestedBy: Requester;
    receivedOn: CalendarDate;
    caseworkerId: string | null;
    /** Europe/London "today" when the command was made: an effective date may not be later. */
    today: CalendarDate;
  };
};

export type Event = {
  type: 'NeedsAssessmentRequested';
  data: {
    reference: string;
    childId: string;
    requestedBy: Requester;
    receivedOn: CalendarDate;
    caseworkerId: string | null;
    decisionDueBy: CalendarDate;
  };
};

export type RuleBroken = 'RequestAlreadyRecorded' | 'DateInFuture';

export type State =
  | { stage: 'none' }
  | { stage: 'awaiting-decision'; receivedOn: CalendarDate; decisionDueBy: CalendarDate };

export const initialState = (): State => ({ stage: 'none' });

export const evolve = (state: State, event: Event): State => {
  switch (event.type) {
    case 'NeedsAssessmentRequested':
      return { stage: 'awaiting-decision', receivedOn: event.data.receivedOn, decisionDueBy: event.data.decisionDueBy };
    default:
      return state;
  }
};

export const decide = (command: Command, state: State): Result<Event[], RuleBroken> => {
  switch (command.type) {
    case 'RecordNeedsAssessmentRequest': {
      if (state.stage !== 'none') return fail('RequestAlreadyRecorded');
      const { today, ...data } = command.data;
      // recorded after the fact is normal; recorded before it happened is a keying error
      if (!onOrBefore(data.receivedOn, today)) return fail('DateInFuture');
      return ok([{ type: 'NeedsAssessmentRequested', data: { ...data, decisionDueBy: decisionToAssessDueBy(data.receivedOn) } }]);
    }
  }
};

export const needsAssessmentDecider = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen. */
export const caseStream = (caseId: string): string => `ehcna-${caseId}`;
export const caseIdOf = (stream: string): string => stream.replace(/^ehcna-/, '');
