import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { executeCommand, type CommandContext, type CommandDocument, type Executed } from '@ehc/commands';
import type { EventStore } from '@ehc/event-store';
import { caseStream, needsAssessmentDecider, type Command, type RuleBroken } from '../domain/needs-assessment';
import { CASE_FILES, type CaseFiles } from './ports';

/** Any command on an existing case: the same four steps for every one (STYLE §3). */
export class ExecuteCaseCommand {
  constructor(readonly caseId: string, readonly command: Command, readonly context: CommandContext, readonly documents: CommandDocument[] = []) {}
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, Executed<RuleBroken>> {
  constructor(@Inject(CASE_FILES) private readonly files: CaseFiles) {}

  execute({ caseId, command, context, documents }: ExecuteCaseCommand): Promise<Executed<RuleBroken>> {
    const stream = caseStream(caseId);
    const writes = documents.map((d) => this.files.document(stream, d.kind, d.content, d.documentId));
    return executeCommand(this.files.store, needsAssessmentDecider, stream, command, context, {}, { sideTables: this.files.sideTables, writes });
  }
}

/** A command on an existing case with nothing written beside its events (a tribunal order arriving from the tribunal service). */
export function executeCaseCommand(store: EventStore, caseId: string, command: Command, context: CommandContext): Promise<Executed<RuleBroken>> {
  return executeCommand(store, needsAssessmentDecider, caseStream(caseId), command, context);
}
