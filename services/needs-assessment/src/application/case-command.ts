import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { executeCommand, type CommandContext, type Executed } from '@ehc/platform';
import { caseStream, needsAssessmentDecider, type Command, type RuleBroken } from '../domain/needs-assessment';
import { CASE_FILES, type CaseFiles } from './ports';

/** Any command on an existing case: the same four steps for every one (STYLE §3). */
export class ExecuteCaseCommand {
  constructor(readonly caseId: string, readonly command: Command, readonly context: CommandContext) {}
}

@CommandHandler(ExecuteCaseCommand)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommand, Executed<RuleBroken>> {
  constructor(@Inject(CASE_FILES) private readonly files: CaseFiles) {}

  execute({ caseId, command, context }: ExecuteCaseCommand): Promise<Executed<RuleBroken>> {
    return executeCommand(this.files.store, needsAssessmentDecider, caseStream(caseId), command, context);
  }
}
