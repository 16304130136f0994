/**
 * Turns a synthetic case's steps into the domain commands the HTTP controller would build from the
 * same bodies (api/case-commands.ts, the same schemas and validation), and folds the real decider over
 * them. The seed sends those commands through the CommandBus; the benchmark folds them into events
 * to fill a store.
 */
import { cohortOf, isYoungPerson, type CalendarDate } from '@ehc/domain-kernel';
import type { NewEvent } from '@ehc/event-store';
import { commandNamed } from '@ehc/commands';
import { CASE_COMMANDS, type ParsedCaseCommand } from '../api/case-commands';
import { needsAssessmentDecider, type CaseState, type Command, type RuleBroken } from '../domain/needs-assessment';
import type { CaseStep, SyntheticCase } from './synthetic-county';

/** A step's command as the controller parses it; a malformed body throws the same 400 problem. */
export function parseStep(step: CaseStep): ParsedCaseCommand {
  return commandNamed(CASE_COMMANDS, step.command).read(step.body);
}

/** A case's human reference, e.g. NA-2026-00042: the n-th request received in that year. */
export const referenceOf = (receivedOn: CalendarDate, n: number): string => `NA-${receivedOn.slice(0, 4)}-${String(n).padStart(5, '0')}`;

export interface ReplayedCase {
  /** Every event the decider produced, with the metadata the command handler adds. */
  events: NewEvent[];
  /** The state after the request and after each step (index 0: after the request). */
  states: CaseState[];
  /** Events each command produced (index 0: the request). */
  eventsPerCommand: number[];
  /** Steps the decider refused: a generator bug if ever non-empty. */
  refused: { step: CaseStep; error: RuleBroken }[];
}

/**
 * Folds the decider over a case, as executeCommand would against an empty stream: the same
 * commands, the same events, without a store. `ids` draws event and document ids.
 */
export function replayCase(c: SyntheticCase, options: { reference: string; childId: string; today: CalendarDate; correlationId: string; ids: () => string }): ReplayedCase {
  const { decide, evolve, initialState } = needsAssessmentDecider;
  let state = initialState();
  const out: ReplayedCase = { events: [], states: [], eventsPerCommand: [], refused: [] };
  const run = (command: Command, occurredAt: CalendarDate, actor: string, step: CaseStep | null) => {
    const decided = decide(command, state);
    if (!decided.ok) {
      if (step) out.refused.push({ step, error: decided.error });
      else throw new Error(`request refused: ${decided.error}`);
      out.eventsPerCommand.push(0);
    } else {
      for (const e of decided.value) {
        state = evolve(state, e);
        out.events.push({
          id: options.ids(), type: e.type, schemaVersion: 1, data: e.data,
          metadata: { occurredAt, actor: { kind: 'user', id: actor }, correlationId: options.correlationId, causationId: null },
        });
      }
      out.eventsPerCommand.push(decided.value.length);
    }
    out.states.push(state);
  };
  const r = c.request;
  // as RecordNeedsAssessmentRequestHandler: the event carries the child's cohort, never the date of birth
  run({ type: 'RecordNeedsAssessmentRequest', data: {
    reference: options.reference, childId: options.childId, cohort: cohortOf(r.child.dateOfBirth), requestedBy: r.requestedBy, receivedOn: r.receivedOn,
    caseworkerId: r.caseworker, youngPersonOnReceipt: isYoungPerson(r.child.dateOfBirth, r.receivedOn), today: options.today,
  } }, r.receivedOn, r.caseworker, null);
  for (const step of c.steps) {
    const parsed = parseStep(step);
    const documentIds = parsed.documents.map((d) => (d ? options.ids() : null));
    run(parsed.build({ today: options.today, policies: { earlyFinalisation: 'allowed' } }, documentIds), step.body.on, step.actor, step);
  }
  return out;
}
