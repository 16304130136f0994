import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ehc/event-store';
import { executeCommand, type Alongside, type CommandContext, type CommandDocument, type Decider, type DomainEvent, type Executed, type SideTables, type SideWrite } from '@ehc/commands';

export const FUNDING_STORE = Symbol('FUNDING_STORE');

/** One kind of funding aggregate: its decider, how its stream is named, its events' schema versions. */
export interface FundingAggregate<C = unknown, R = string> {
  // the deciders differ in their event and state types; the handler only runs them
  decider: Decider<C, any, any, R>;
  stream(id: string): string;
  schemaVersions: Record<string, number>;
}

/** Any command on a funding aggregate (a plan's funding, the banding matrix, an EY application, an EOTAS package): the same four steps (STYLE §3). */
export class ExecuteFundingCommand<C = unknown> {
  constructor(readonly aggregate: FundingAggregate<C>, readonly id: string, readonly command: C, readonly context: CommandContext, readonly documents: CommandDocument[] = []) {}
}

/** What a funding command needs besides its decider: the store, and where its free text is kept. */
export interface FundingStore {
  store: EventStore;
  sideTables: SideTables;
  document(stream: string, kind: string, content: unknown, documentId: string): SideWrite;
}

@CommandHandler(ExecuteFundingCommand)
export class ExecuteFundingCommandHandler implements ICommandHandler<ExecuteFundingCommand, Executed<string>> {
  constructor(@Inject(FUNDING_STORE) private readonly funding: FundingStore) {}

  execute({ aggregate, id, command, context, documents }: ExecuteFundingCommand): Promise<Executed<string>> {
    const stream = aggregate.stream(id);
    const writes = documents.map((d) => this.funding.document(stream, d.kind, d.content, d.documentId));
    return executeFundingCommand(this.funding.store, aggregate, id, command, context, { sideTables: this.funding.sideTables, writes });
  }
}

/** `alongside`: rows to write with the events once the command is decided, or the consumer's open transaction. */
export function executeFundingCommand<C>(store: EventStore, aggregate: FundingAggregate<C>, id: string, command: C, context: CommandContext, alongside?: Alongside): Promise<Executed<string>> {
  return executeCommand<C, DomainEvent, unknown, string>(store, aggregate.decider, aggregate.stream(id), command, context, aggregate.schemaVersions, alongside);
}
