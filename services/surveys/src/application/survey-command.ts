import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@ehc/event-store';
import { executeCommand, type CommandContext, type Decider, type DomainEvent, type Executed, type SideTables, type SideWrite } from '@ehc/commands';
import { invitationDecider, invitationStream, SCHEMA_VERSIONS } from '../domain/invitation';
import { recipientDecider, recipientStream, SCHEMA_VERSIONS as RECIPIENT_SCHEMA_VERSIONS } from '../domain/recipient';

export const SURVEYS_STORE = Symbol('SURVEYS_STORE');

/** One kind of surveys aggregate: its decider, its stream, its events' schema versions. */
export interface SurveysAggregate {
  // the deciders differ in their event and state types; the handler only runs them
  decider: Decider<any, any, any, string>;
  stream(id: string): string;
  schemaVersions: Record<string, number>;
}

export const INVITATION: SurveysAggregate = { decider: invitationDecider, stream: invitationStream, schemaVersions: SCHEMA_VERSIONS };
export const RECIPIENT: SurveysAggregate = { decider: recipientDecider, stream: recipientStream, schemaVersions: RECIPIENT_SCHEMA_VERSIONS };

/** A command on an invitation or a family's surveys, with the rows to write beside its events (a redacted comment). */
export class ExecuteSurveyCommand {
  constructor(readonly aggregate: SurveysAggregate, readonly id: string, readonly command: DomainEvent, readonly context: CommandContext, readonly writes: SideWrite[] = []) {}
}

export interface SurveysStore {
  store: EventStore;
  sideTables: SideTables;
}

@CommandHandler(ExecuteSurveyCommand)
export class ExecuteSurveyCommandHandler implements ICommandHandler<ExecuteSurveyCommand, Executed<string>> {
  constructor(@Inject(SURVEYS_STORE) private readonly surveys: SurveysStore) {}

  execute({ aggregate, id, command, context, writes }: ExecuteSurveyCommand): Promise<Executed<string>> {
    return executeCommand(this.surveys.store, aggregate.decider, aggregate.stream(id), command, context, aggregate.schemaVersions,
      writes.length ? { sideTables: this.surveys.sideTables, writes } : {});
  }
}
