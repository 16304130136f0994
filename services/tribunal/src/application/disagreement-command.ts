import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ehc/event-store';
import { executeCommand, type Alongside, type CommandContext, type CommandDocument, type Executed, type SideTables, type SideWrite } from '@ehc/commands';
import { disagreementStream, tribunalDecider, type Command, type RuleBroken } from '../domain/tribunal';
import { SCHEMA_VERSIONS } from '../domain/events';

export const DISAGREEMENTS = Symbol('DISAGREEMENTS');

/** A mediation or an appeal a command starts: its id is found again through this row, written with its first event. */
export interface NewPart { kind: 'mediation' | 'appeal'; partId: string }

/** Any command on an appealable decision's disagreement: the same four steps for every one (STYLE §3). */
export class ExecuteDisagreementCommand {
  constructor(readonly decisionId: string, readonly command: Command, readonly context: CommandContext, readonly documents: CommandDocument[] = [], readonly newPart: NewPart | null = null) {}
}

/** What a disagreement command needs besides the decider: the store, where its documents are kept, and the part ids. */
export interface Disagreements {
  store: EventStore;
  sideTables: SideTables;
  document(stream: string, kind: string, content: unknown, documentId: string): SideWrite;
  part(part: NewPart, decisionId: string): SideWrite;
}

@CommandHandler(ExecuteDisagreementCommand)
export class ExecuteDisagreementCommandHandler implements ICommandHandler<ExecuteDisagreementCommand, Executed<RuleBroken>> {
  constructor(@Inject(DISAGREEMENTS) private readonly disagreements: Disagreements) {}

  execute({ decisionId, command, context, documents, newPart }: ExecuteDisagreementCommand): Promise<Executed<RuleBroken>> {
    const writes = [
      ...documents.map((d) => this.disagreements.document(disagreementStream(decisionId), d.kind, d.content, d.documentId)),
      ...(newPart ? [this.disagreements.part(newPart, decisionId)] : []),
    ];
    return executeDisagreementCommand(this.disagreements.store, decisionId, command, context, { sideTables: this.disagreements.sideTables, writes });
  }
}

/** `alongside`: rows to write with the events once the command is decided (a refused command writes none). */
export function executeDisagreementCommand(store: EventStore, decisionId: string, command: Command, context: CommandContext, alongside?: Alongside): Promise<Executed<RuleBroken>> {
  return executeCommand(store, tribunalDecider, disagreementStream(decisionId), command, context, SCHEMA_VERSIONS, alongside);
}
