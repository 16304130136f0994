import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ageOn, isUuid, onOrBefore, todayInLondon, type Clock } from '@ehc/domain-kernel';
import { BodyReader, correlation, problem, waitUntilProcessed, type ServiceRuntime } from '@ehc/platform';
import { REQUESTERS } from '@ehc/contracts/needs-assessment';
import { RecordNeedsAssessmentRequest, type RecordedRequest } from '../application/record-request';
import { ASSESSMENT_REQUESTS_CONSUMER } from '../infrastructure/assessment-requests.projection';
import { AssessmentRequest } from '../infrastructure/assessment-request.entity';
import { Person } from '../infrastructure/person.entity';
import { caseView } from './case-view';
import { ruleProblem } from './problems';
import { requestExample, caseExample } from './examples';

export const RUNTIME = Symbol('NEEDS_ASSESSMENT_RUNTIME');
export const CLOCK = Symbol('CLOCK');

@ApiTags('needs-assessments')
@Controller('needs-assessments')
export class NeedsAssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a request for an EHC needs assessment (day 0 of every statutory clock)' })
  @ApiBody({ schema: { type: 'object', required: ['child', 'requestedBy', 'receivedOn'], example: requestExample } })
  @ApiCreatedResponse({ description: 'The case, with its statutory deadlines', schema: { example: caseExample } })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field and rule' })
  @ApiResponse({ status: 422, description: 'Well-formed but breaks a rule (e.g. a date in the future)' })
  async record(@Body() body: unknown, @Req() req: Request) {
    const today = todayInLondon(this.clock);
    const input = new BodyReader(body);
    const child = input.object('child');
    const givenName = child?.string('givenName', { maxLength: 200 });
    const familyName = child?.string('familyName', { maxLength: 200 });
    const dateOfBirth = child?.date('dateOfBirth', { required: false });
    child?.done();
    const requestedBy = input.oneOf('requestedBy', REQUESTERS);
    const receivedOn = input.date('receivedOn');
    const caseworker = input.string('caseworker', { required: false, maxLength: 100 });
    input.done();
    if (!onOrBefore(receivedOn!, today)) throw ruleProblem('DateInFuture', `receivedOn ${receivedOn} is after today (${today}, Europe/London)`);
    if (dateOfBirth && !onOrBefore(dateOfBirth, receivedOn!)) {
      throw problem(422, 'BornAfterRequest', 'The child cannot be born after the request was received', undefined,
        { errors: [{ field: 'child.dateOfBirth', rule: 'BornAfterRequest', message: 'dateOfBirth must be on or before receivedOn' }] });
    }
    if (requestedBy === 'young-person' && dateOfBirth) {
      const age = ageOn(dateOfBirth, receivedOn!);
      // Act s.36(1): a young person (over compulsory school age, under 25) may request for themselves
      if (age < 16 || age >= 25) {
        throw problem(422, 'NotAYoungPerson', 'Only a young person aged 16 to 25 may request their own assessment', undefined,
          { errors: [{ field: 'requestedBy', rule: 'NotAYoungPerson', message: `the young person is ${age} on ${receivedOn}` }] });
      }
    }
    const result: RecordedRequest = await this.commands.execute(new RecordNeedsAssessmentRequest(
      { givenName: givenName!, familyName: familyName!, dateOfBirth: dateOfBirth ?? null },
      requestedBy!, receivedOn!, caseworker ?? null, today, this.context(req),
    ));
    if (!result.ok) throw ruleProblem(result.error);
    await waitUntilProcessed(this.runtime, ASSESSMENT_REQUESTS_CONSUMER, result.events[0].id);
    return (await this.view(result.caseId)) ?? { id: result.caseId, reference: result.reference };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A case with its status and statutory deadlines' })
  @ApiOkResponse({ schema: { example: caseExample } })
  @ApiResponse({ status: 404, description: 'No such case' })
  async get(@Param('id') id: string) {
    if (!isUuid(id)) throw problem(404, 'CaseNotFound', 'No such case', `${id} is not a case id`);
    const view = await this.view(id.toLowerCase());
    if (!view) throw problem(404, 'CaseNotFound', 'No such case', `No case ${id}`);
    return view;
  }

  private async view(caseId: string) {
    const row = await this.runtime.dataSource.getRepository(AssessmentRequest).findOneBy({ caseId: `ehcna-${caseId}` });
    if (!row) return null;
    const person = await this.runtime.dataSource.getRepository(Person).findOneBy({ personId: row.childId });
    return caseView(row, person, todayInLondon(this.clock));
  }

  private context(req: Request) {
    const user = req.header('x-user-id');
    return {
      actor: { kind: 'user' as const, id: user && /^[\w.@-]{1,100}$/.test(user) ? user : 'anonymous' },
      correlationId: correlation.getStore()?.correlationId ?? 'none',
      occurredAt: '',
    };
  }
}
