import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ehc/event-store';
import { executeCommand, type CommandContext, type Executed } from '@ehc/platform';
import { annualReviewDecider, planStream, type Command, type RuleBroken } from '../domain/annual-review';
import { SCHEMA_VERSIONS } from '../domain/events';

export const PLAN_STORE = Symbol('PLAN_STORE');

/** Any command on a plan, entering it included: the same four steps for every one (STYLE §3). */
export class ExecutePlanCommand {
  constructor(readonly planId: string, readonly command: Command, readonly context: CommandContext) {}
}

@CommandHandler(ExecutePlanCommand)
export class ExecutePlanCommandHandler implements ICommandHandler<ExecutePlanCommand, Executed<RuleBroken>> {
  constructor(@Inject(PLAN_STORE) private readonly store: EventStore) {}

  execute({ planId, command, context }: ExecutePlanCommand): Promise<Executed<RuleBroken>> {
    return executePlanCommand(this.store, planId, command, context);
  }
}

export function executePlanCommand(store: EventStore, planId: string, command: Command, context: CommandContext): Promise<Executed<RuleBroken>> {
  return executeCommand(store, annualReviewDecider, planStream(planId), command, context, SCHEMA_VERSIONS);
}
