import type { Request, Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { isUuid, onOrBefore, todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { problem } from '@ehc/http';
import { commandNamed, deprecationWarning, documentsToWrite, requestContext, type CommandDocument, type Executed } from '@ehc/commands';
import type { PartCommandDefinition } from './commands';
import { viewOnceApplied, type ServiceRuntime } from '@ehc/host';
import { auditSubjects } from '@ehc/audit';
import type { ProjectionRunner } from '@ehc/messaging';
import { PersonalData } from '@ehc/personal-data';
import { ExecuteDisagreementCommand, type NewPart } from '../application/disagreement-command';
import { disagreementStream, evolve, initialState, type Command, type DisagreementState, type Event, type RuleBroken } from '../domain/tribunal';
import { decisionOf } from '../infrastructure/disagreements';
import { ruleProblem } from './problems';

/**
 * What the three controllers share: a disagreement read from its events (never older than the
 * last command), a command run and answered once the lists show it, and a part's id resolved to
 * its decision. Controllers only translate HTTP.
 */
export const partNotFound = (kind: NewPart['kind'], id: string) =>
  problem(404, kind === 'mediation' ? 'MediationNotFound' : 'AppealNotFound', `No such ${kind}`, `No ${kind} ${id}`);

export class TribunalRecords {
  readonly personal: PersonalData;

  constructor(private readonly commands: CommandBus, readonly runtime: ServiceRuntime, private readonly views: ProjectionRunner) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
  }

  today(): CalendarDate {
    return todayInLondon(this.runtime.clock);
  }

  async disagreement(decisionId: string): Promise<{ state: DisagreementState; revision: number } | null> {
    if (!isUuid(decisionId)) return null;
    const events = await this.runtime.store.readStream(disagreementStream(decisionId.toLowerCase()));
    if (events.length === 0) return null;
    return { state: events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Event), initialState()), revision: events[events.length - 1].revision };
  }

  /** The decision a mediation or appeal id belongs to; a 404 naming the part when there is none. */
  async decisionOfPart(kind: NewPart['kind'], id: string): Promise<string> {
    if (!isUuid(id)) throw partNotFound(kind, id);
    const decisionId = await decisionOf(this.runtime, kind, id.toLowerCase());
    if (!decisionId) throw partNotFound(kind, id);
    return decisionId;
  }

  /** The disagreement a mediation or appeal belongs to, as its events leave it, recorded in the audit as a read of its child's. */
  async disagreementOfPart(kind: NewPart['kind'], id: string, req: Request): Promise<{ state: DisagreementState; revision: number }> {
    const found = await this.disagreement(await this.decisionOfPart(kind, id));
    if (!found) throw partNotFound(kind, id);
    auditSubjects(req, found.state.window?.childId ?? undefined);
    return found;
  }

  /** The effective date is refused before anything is decided when it is after today (Europe/London). */
  notInFuture(on: CalendarDate, field: string): void {
    const today = this.today();
    if (!onOrBefore(on, today)) throw ruleProblem('DateInFuture', `${field} ${on} is after today (${today}, Europe/London)`, field);
  }

  async run(decisionId: string, command: Command, req: Request, on: CalendarDate, options: { expectedRevision?: number; documents?: CommandDocument[]; newPart?: NewPart; dateField?: string } = {}): Promise<Executed<RuleBroken> & { ok: true }> {
    const context = { ...requestContext(req, on), expectedRevision: options.expectedRevision };
    const result: Executed<RuleBroken> = await this.commands.execute(new ExecuteDisagreementCommand(decisionId, command, context, options.documents ?? [], options.newPart ?? null));
    if (!result.ok) {
      const dated = result.error === 'DateInFuture' || result.error === 'DateBeforeLetter';
      throw ruleProblem(result.error, undefined, dated ? options.dateField : undefined);
    }
    return result;
  }

  /** A command on a mediation or an appeal (`POST /{kind}s/{id}/{name}`): read, built, run, answered with the part's view. */
  async partCommand<V>(kind: NewPart['kind'], definitions: readonly PartCommandDefinition[], id: string, name: string, body: unknown, req: Request, res: Response, view: () => Promise<V>) {
    const definition = commandNamed(definitions, name);
    const parsed = definition.read(body);
    const warning = deprecationWarning(parsed.deprecated, definition.deprecatedAliases);
    if (warning) res.setHeader('warning', warning);
    const decisionId = await this.decisionOfPart(kind, id);
    this.notInFuture(parsed.on, 'on');
    const { ids, documents } = documentsToWrite(parsed.documents);
    const command = parsed.build({ partId: id.toLowerCase(), today: this.today() }, ids);
    const result = await this.run(decisionId, command, req, parsed.on, { expectedRevision: parsed.expectedRevision, documents });
    return this.answer(res, result, `/${kind}s/${id}`, view);
  }

  /** A command's answer once the lists show it (202 with Location if they lag), like the other services'. */
  answer<V>(res: Response, result: Executed<RuleBroken> & { ok: true }, location: string, view: () => Promise<V>) {
    return viewOnceApplied(res, this.views, result, location, view);
  }

  /** Free text kept outside the events, read back as lines (issues) or JSON (an agreement). */
  async text(documentId: string | null): Promise<string | null> {
    if (!documentId) return null;
    return (await this.personal.texts([documentId])).get(documentId) ?? null;
  }
}
