import type { Request, Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { isUuid, onOrBefore, todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { problem, type ProblemException } from '@ehc/http';
import { commandNamed, deprecationWarning, documentsToWrite, requestContext, type CommandDefinition, type CommandDocument, type Executed } from '@ehc/commands';
import { viewOnceApplied, type ServiceRuntime } from '@ehc/host';
import { PersonalData } from '@ehc/personal-data';
import type { ProjectionRunner } from '@ehc/messaging';
import { ExecuteFundingCommand, type FundingAggregate } from '../application/funding-command';
import { ruleProblem } from './problems';

/** A refused command's rule, as its aggregate's table answers it. */
export type RuleAnswerOf = (rule: string) => ProblemException;

/**
 * What the funding controllers share: an aggregate read from its events (never older than the last
 * command), a command run and answered once the lists show it. Controllers only translate HTTP.
 */
export class FundingRecords {
  private readonly personal: PersonalData;

  constructor(private readonly commands: CommandBus, readonly runtime: ServiceRuntime, private readonly views: ProjectionRunner) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
  }

  /** Free text kept outside the events (erasable), by document id: an erased or unknown one is absent. */
  texts(documentIds: (string | null | undefined)[]): Promise<Map<string, string>> {
    return this.personal.texts(documentIds.filter((d): d is string => !!d));
  }

  today(): CalendarDate {
    return todayInLondon(this.runtime.clock);
  }

  /** The aggregate's state folded from its stream, and its revision; null when it has no events. */
  async read<S>(aggregate: FundingAggregate, id: string): Promise<{ state: S; revision: number } | null> {
    const events = await this.runtime.store.readStream(aggregate.stream(id));
    if (events.length === 0) return null;
    const { decider } = aggregate;
    return { state: events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data }), decider.initialState()) as S, revision: events[events.length - 1].revision };
  }

  /** The effective date is refused before anything is decided when it is after today (Europe/London). */
  notInFuture(on: CalendarDate, field: string): void {
    const today = this.today();
    if (!onOrBefore(on, today)) throw ruleProblem('DateInFuture', `${field} ${on} is after today (${today}, Europe/London)`, field);
  }

  async run<C>(aggregate: FundingAggregate<C>, id: string, command: C, req: Request, on: CalendarDate, answerOf: RuleAnswerOf, options: { expectedRevision?: number; documents?: CommandDocument[] } = {}): Promise<Executed<string> & { ok: true }> {
    const context = { ...requestContext(req, on), expectedRevision: options.expectedRevision };
    const result: Executed<string> = await this.commands.execute(new ExecuteFundingCommand(aggregate as FundingAggregate, id, command, context, options.documents ?? []));
    if (!result.ok) throw answerOf(result.error);
    return result;
  }

  /** A named command on an aggregate (`POST …/{id}/{name}`): read, built, run, answered with its view. */
  async command<X, C, V>(
    aggregate: FundingAggregate<C>, definitions: readonly CommandDefinition<X, C>[], id: string, name: string, body: unknown, req: Request, res: Response,
    context: (on: CalendarDate) => Promise<X>, answerOf: RuleAnswerOf, location: string, view: () => Promise<V>,
  ) {
    const definition = commandNamed(definitions, name);
    const parsed = definition.read(body);
    const warning = deprecationWarning(parsed.deprecated, definition.deprecatedAliases);
    if (warning) res.setHeader('warning', warning);
    this.notInFuture(parsed.on, 'on');
    const { ids, documents } = documentsToWrite(parsed.documents);
    const command = parsed.build(await context(parsed.on), ids);
    const result = await this.run(aggregate, id, command, req, parsed.on, answerOf, { expectedRevision: parsed.expectedRevision, documents });
    return this.answer(res, result, location, view);
  }

  /** A command's answer once the lists show it (202 with Location if they lag), like the other services'. */
  answer<V>(res: Response, result: Executed<string> & { ok: true }, location: string, view: () => Promise<V>) {
    return viewOnceApplied(res, this.views, result, location, view);
  }
}

/** A path id that must be a uuid: a 404 naming what was not found otherwise. */
export function uuidOr404(id: string, what: string, rule: string): string {
  if (!isUuid(id)) throw problem(404, rule, `No such ${what}`, `No ${what} ${id}`);
  return id.toLowerCase();
}
