import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ehc/event-store';
import { executeCommand, type Alongside, type CommandContext, type CommandDocument, type Executed, type SideTables, type SideWrite } from '@ehc/commands';
import { annualReviewDecider, planStream, type Command, type RuleBroken } from '../domain/annual-review';
import { SCHEMA_VERSIONS } from '../domain/events';

export const PLAN_STORE = Symbol('PLAN_STORE');

/** Any command on a plan, entering it included: the same four steps for every one (STYLE §3). */
export class ExecutePlanCommand {
  constructor(readonly planId: string, readonly command: Command, readonly context: CommandContext, readonly documents: CommandDocument[] = []) {}
}

/** What a plan command needs besides the decider: the store, and where its documents are kept. */
export interface PlanFiles {
  store: EventStore;
  sideTables: SideTables;
  document(planStream: string, kind: string, content: unknown, documentId: string): SideWrite;
}

@CommandHandler(ExecutePlanCommand)
export class ExecutePlanCommandHandler implements ICommandHandler<ExecutePlanCommand, Executed<RuleBroken>> {
  constructor(@Inject(PLAN_STORE) private readonly files: PlanFiles) {}

  execute({ planId, command, context, documents }: ExecutePlanCommand): Promise<Executed<RuleBroken>> {
    const writes = documents.map((d) => this.files.document(planStream(planId), d.kind, d.content, d.documentId));
    return executePlanCommand(this.files.store, planId, command, context, { sideTables: this.files.sideTables, writes });
  }
}

/** `alongside`: rows to write with the events once the command is decided (a refused command writes none). */
export function executePlanCommand(store: EventStore, planId: string, command: Command, context: CommandContext, alongside?: Alongside): Promise<Executed<RuleBroken>> {
  return executeCommand(store, annualReviewDecider, planStream(planId), command, context, SCHEMA_VERSIONS, alongside);
}
