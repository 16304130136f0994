import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { executeCommand, type CommandContext, type Executed } from '@ehc/platform';
import { cohortOf, isYoungPerson, type CalendarDate } from '@ehc/domain-kernel';
import { caseStream, needsAssessmentDecider, type Requester, type RuleBroken } from '../domain/needs-assessment';
import { CASE_FILES, type CaseFiles } from './ports';

export interface ChildDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate | null;
}

export class RecordNeedsAssessmentRequest {
  constructor(
    readonly child: ChildDetails,
    readonly requestedBy: Requester,
    readonly receivedOn: CalendarDate,
    readonly caseworkerId: string | null,
    readonly today: CalendarDate,
    readonly context: CommandContext,
  ) {}
}

export type RecordedRequest = Executed<RuleBroken> & { caseId: string; reference?: string };

@CommandHandler(RecordNeedsAssessmentRequest)
export class RecordNeedsAssessmentRequestHandler implements ICommandHandler<RecordNeedsAssessmentRequest, RecordedRequest> {
  constructor(@Inject(CASE_FILES) private readonly files: CaseFiles) {}

  async execute(command: RecordNeedsAssessmentRequest): Promise<RecordedRequest> {
    const caseId = randomUUID();
    const reference = await this.files.nextReference(command.receivedOn);
    // the person's details are written first: if the append then fails, an unreferenced row is
    // harmless, whereas an event pointing at no person would not be
    const childId = await this.files.recordPerson(command.child);
    const { dateOfBirth } = command.child;
    const result = await executeCommand(this.files.store, needsAssessmentDecider, caseStream(caseId), {
      type: 'RecordNeedsAssessmentRequest',
      data: {
        reference, childId, cohort: dateOfBirth ? cohortOf(dateOfBirth) : null, requestedBy: command.requestedBy, receivedOn: command.receivedOn,
        caseworkerId: command.caseworkerId, youngPersonOnReceipt: dateOfBirth ? isYoungPerson(dateOfBirth, command.receivedOn) : null, today: command.today,
      },
    }, { ...command.context, occurredAt: command.receivedOn });
    return { ...result, caseId, reference };
  }
}
