import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { executeCommand, type CommandContext, type Executed } from '@ehc/commands';
import { cohortOf, isYoungPerson, type CalendarDate } from '@ehc/domain-kernel';
import { caseStream, needsAssessmentDecider, type Command, type Requester, type RuleBroken } from '../domain/needs-assessment';
import { CASE_FILES, type CaseFiles } from './ports';

export interface ChildDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate | null;
  /** The family's e-mail and phone, when the request gave them (kept with the details, never in an event). */
  contact?: { email?: string | null; phone?: string | null } | null;
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

/**
 * A new case: decide first, then take the case reference, write the child's details and append the
 * request in one transaction. A refused request leaves no person behind and uses no reference
 * number; an append that fails takes the person and the number back with it.
 */
@CommandHandler(RecordNeedsAssessmentRequest)
export class RecordNeedsAssessmentRequestHandler implements ICommandHandler<RecordNeedsAssessmentRequest, RecordedRequest> {
  constructor(@Inject(CASE_FILES) private readonly files: CaseFiles) {}

  async execute(command: RecordNeedsAssessmentRequest): Promise<RecordedRequest> {
    const caseId = randomUUID();
    const childId = randomUUID();
    const { dateOfBirth } = command.child;
    const request = (reference: string): Command => ({
      type: 'RecordNeedsAssessmentRequest',
      data: {
        reference, childId, cohort: dateOfBirth ? cohortOf(dateOfBirth) : null, requestedBy: command.requestedBy, receivedOn: command.receivedOn,
        caseworkerId: command.caseworkerId, youngPersonOnReceipt: dateOfBirth ? isYoungPerson(dateOfBirth, command.receivedOn) : null, today: command.today,
      },
    });
    // a new stream's state is the initial one, so the decision is known before anything is written;
    // the reference does not take part in it
    const decided = needsAssessmentDecider.decide(request('pending'), needsAssessmentDecider.initialState());
    if (!decided.ok) return { ok: false, error: decided.error, caseId };
    return this.files.sideTables.transaction(async (client) => {
      const reference = await this.files.nextReference(command.receivedOn, client);
      await this.files.person(command.child, childId)(client);
      const result = await executeCommand(this.files.store, needsAssessmentDecider, caseStream(caseId), request(reference),
        { ...command.context, occurredAt: command.receivedOn }, {}, { within: client, newStream: true });
      if (!result.ok) throw new Error(`the request was refused after it was decided: ${result.error}`);
      return { ...result, caseId, reference };
    });
  }
}
