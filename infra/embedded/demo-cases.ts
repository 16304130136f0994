import { CommandBus } from '@nestjs/cqrs';
import type { CalendarDate } from '@ehc/domain-kernel';
import { documentsToWrite, type CommandContext } from '@ehc/commands';
import type { RunningHost } from '@ehc/host';
import { RecordNeedsAssessmentRequest, type RecordedRequest } from '../../services/needs-assessment/src/application/record-request';
import { ExecuteCaseCommand } from '../../services/needs-assessment/src/application/case-command';
import { caseStream } from '../../services/needs-assessment/src/domain/needs-assessment';
import { parseStep } from '../../services/needs-assessment/src/demo/case-replay';
import type { SyntheticCase } from '../../services/needs-assessment/src/demo/synthetic-county';

export interface CaseSeeding {
  /** The streams of the cases recorded. */
  caseIds: string[];
  failures: { case: number; command: string; on: string; error: string }[];
  commandsDone: number;
  eventsAppended: number;
  /** The store position of the last event appended: what the projections must reach. */
  lastPosition: number;
  casesDone: number;
}

/** Runs `work` one at a time, in the order asked: case references follow the order of receipt. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/**
 * Synthetic cases driven through the real command path — the Nest CommandBus with
 * RecordNeedsAssessmentRequest and ExecuteCaseCommand, documents written with the events of the
 * command that refers to them, as the controller does. Requests are recorded one at a time in order
 * of receipt (references follow it); the rest of each case runs `concurrency` cases at a time.
 */
export async function seedCases(host: RunningHost, cases: SyntheticCase[], o: {
  realToday: CalendarDate; concurrency: number; correlationPrefix: string;
  interrupted?: () => boolean; onCase?: (progress: CaseSeeding) => void;
}): Promise<CaseSeeding> {
  const commands = host.app.get(CommandBus);
  const recordInOrder = serial();
  const done: CaseSeeding = { caseIds: [], failures: [], commandsDone: 0, eventsAppended: 0, lastPosition: 0, casesDone: 0 };
  const context = (c: SyntheticCase, actor: string, occurredAt: CalendarDate): CommandContext => ({
    actor: { kind: 'user', id: actor }, correlationId: `${o.correlationPrefix}-${c.index}`, occurredAt,
  });

  const runCase = async (c: SyntheticCase) => {
    const r = c.request;
    const recorded: RecordedRequest = await recordInOrder(() => commands.execute(new RecordNeedsAssessmentRequest(
      { givenName: r.child.givenName, familyName: r.child.familyName, dateOfBirth: r.child.dateOfBirth },
      r.requestedBy, r.receivedOn, r.caseworker, o.realToday, context(c, r.caseworker, r.receivedOn),
    )));
    done.commandsDone++;
    if (!recorded.ok) {
      done.failures.push({ case: c.index, command: 'record-request', on: r.receivedOn, error: String(recorded.error) });
      return;
    }
    done.caseIds.push(caseStream(recorded.caseId));
    done.eventsAppended += recorded.events.length;
    done.lastPosition = Math.max(done.lastPosition, recorded.position);
    for (const step of c.steps) {
      const parsed = parseStep(step);
      // as the controller: free text is kept outside the event first, its id goes into the command
      const { ids, documents } = documentsToWrite(parsed.documents);
      const command = parsed.build({ today: o.realToday, policies: { earlyFinalisation: 'allowed' } }, ids);
      const result = await commands.execute(new ExecuteCaseCommand(recorded.caseId, command, context(c, step.actor, step.body.on), documents));
      done.commandsDone++;
      if (!result.ok) {
        done.failures.push({ case: c.index, command: step.command, on: step.body.on, error: String(result.error) });
        return;
      }
      done.eventsAppended += result.events.length;
      done.lastPosition = Math.max(done.lastPosition, result.position);
    }
  };

  let next = 0;
  const worker = async () => {
    while (!o.interrupted?.() && next < cases.length) {
      const c = cases[next++];
      await runCase(c);
      done.casesDone++;
      o.onCase?.(done);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return done;
}
