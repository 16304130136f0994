import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags, ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { caseDateFault, dateOfBirthFault, isUuid, onOrBefore, todayInLondon, type Clock } from '@ehc/domain-kernel';
import { LIST_LIMIT, LIST_OFFSET, listFilters, problem, QueryReader } from '@ehc/http';
import { commandNamed, deprecationWarning, documentsToWrite, requestContext, type Executed } from '@ehc/commands';
import { erasureAnswer, PersonalData } from '@ehc/personal-data';
import { WrongExpectedRevisionError } from '@ehc/event-store';
import { timelineEntry } from '@ehc/messaging';
import { viewOnceApplied, type ServiceRuntime } from '@ehc/host';
import type { ProjectionRunner } from '@ehc/messaging';
import { RecordNeedsAssessmentRequest, type RecordedRequest } from '../application/record-request';
import { ExecuteCaseCommand } from '../application/case-command';
import { CASE_FILES, type CaseFiles } from '../application/ports';
import { caseStream, evolve, initialState, personErasureStream, type Event, type RuleBroken } from '../domain/needs-assessment';
import { nextSteps } from '../domain/next-steps';
import { CaseFile, CaseTimelineEntry } from '../infrastructure/read-models/case-file.entity';
import { caseView } from './case-view';
import { CASE_COMMANDS } from './case-commands';
import { renderLetter } from './letters';
import { ruleProblem } from './problems';
import { CASE_STATUSES, caseloadByCaseworker, casesMatching } from '../infrastructure/queries/caseload';
import type { NeedsAssessmentSettings } from '../config';
import { caseExample } from './examples';
import { readRequestBody, RequestBody } from './request-body';
import { Allow, allocationProblem, asSeenBy, CASE_READERS, CASEWORK, listScopeFor, RELATED_OUTSIDERS, ScopedTo } from '@ehc/identity';
import { CASE_FACTS } from '../infrastructure/case-access';
import { AuditedErasure, AuditedRead, auditSubjects } from '@ehc/audit';

export const RUNTIME = Symbol('NEEDS_ASSESSMENT_RUNTIME');
export const CLOCK = Symbol('CLOCK');
export const CASE_FILES_RUNNER = Symbol('CASE_FILES_RUNNER');
export const SETTINGS = Symbol('NEEDS_ASSESSMENT_SETTINGS');





@ApiTags('needs-assessments')
@Allow(...CASE_READERS)
@Controller('needs-assessments')
export class NeedsAssessmentsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_FILES_RUNNER) private readonly caseFiles: ProjectionRunner,
    @Inject(CASE_FILES) private readonly files: CaseFiles,
    @Inject(SETTINGS) private readonly settings: NeedsAssessmentSettings,
  ) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
  }

  private readonly personal: PersonalData;

  @Allow(...CASEWORK)
  @Post()
  @HttpCode(201)
  // the answer shows the case, with the child's details: a read like any other
  @AuditedRead('case')
  @ApiOperation({ summary: 'Record a request for an EHC needs assessment (day 0 of every statutory clock)' })
  @ApiBody({ schema: RequestBody as unknown as Record<string, unknown> })
  @ApiCreatedResponse({ description: 'The case, with its statutory deadlines', schema: { example: caseExample } })
  @ApiResponse({ status: 202, description: 'Recorded, but the case view has not caught up within a few seconds: `revision`, `position`, and the case URL in `Location` to read after `Retry-After` seconds' })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field and rule' })
  @ApiResponse({ status: 422, description: 'Well-formed but breaks a rule: a date in the future (DateInFuture), a child born after the request (BornAfterRequest), a request before EARLIEST_CASE_DATE (DateBeforeEarliestCaseDate), a child or young person MAX_AGE_AT_REQUEST or older (TooOldAtRequest)' })
  async record(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const today = todayInLondon(this.clock);
    const { value, deprecated } = readRequestBody(body);
    if (deprecated.length) res.setHeader('warning', `299 - "deprecated: ${deprecated.join(', ')}; accepted until the next release"`);
    const { child, requestedBy, receivedOn, caseworker, contact } = value;
    await allocationProblem(req, this.runtime.access, caseworker ?? null);
    const givenName = child.givenName.trim();
    const familyName = child.familyName.trim();
    const dateOfBirth = child.dateOfBirth ?? null;
    if (!onOrBefore(receivedOn!, today)) throw ruleProblem('DateInFuture', `receivedOn ${receivedOn} is after today (${today}, Europe/London)`, 'receivedOn');
    const implausible = [caseDateFault('receivedOn', receivedOn!, this.settings.plausibleDates),
      dateOfBirth ? dateOfBirthFault('child.dateOfBirth', dateOfBirth, receivedOn!, this.settings.plausibleDates) : null].filter((f) => f !== null);
    if (implausible.length) {
      throw problem(422, implausible[0].rule, 'A date is earlier than it can plausibly be', implausible.map((f) => f.message).join('; '), { errors: implausible });
    }
    if (dateOfBirth && !onOrBefore(dateOfBirth, receivedOn!)) {
      throw problem(422, 'BornAfterRequest', 'The child cannot be born after the request was received', undefined,
        { errors: [{ field: 'child.dateOfBirth', rule: 'BornAfterRequest', message: 'dateOfBirth must be on or before receivedOn' }] });
    }
    const result: RecordedRequest = await this.commands.execute(new RecordNeedsAssessmentRequest(
      { givenName: givenName!, familyName: familyName!, dateOfBirth: dateOfBirth ?? null, contact: contact?.email || contact?.phone ? contact : null },
      requestedBy!, receivedOn!, caseworker ?? null, today, requestContext(req, receivedOn!),
    ));
    if (!result.ok) throw ruleProblem(result.error);
    res.setHeader('Location', `/needs-assessments/${result.caseId}`);
    return viewOnceApplied(res, this.caseFiles, result, `/needs-assessments/${result.caseId}`,
      async () => (await this.view(result.caseId)) ?? { id: result.caseId, reference: result.reference });
  }

  @Allow('administrator')
  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild the case files, deadlines and timelines from event zero' })
  async rebuild() {
    return this.caseFiles.rebuild();
  }

  @Allow('administrator')
  @Post(':id/erase-personal-data')
  @ScopedTo(CASE_FACTS, 'id')
  @HttpCode(200)
  @AuditedErasure()
  @ApiOperation({ summary: "UK GDPR erasure: blanks the child's details and the case's documents; the events, which hold none, stay as they were. Erasing again answers the same, with `alreadyErased: true`, and appends nothing." })
  @ApiResponse({ status: 200, description: '{ erased: true, alreadyErased, personId }' })
  @ApiResponse({ status: 404, description: 'No such case' })
  async erase(@Param('id') id: string, @Req() req: Request) {
    const caseId = caseStream(this.caseId(id));
    const row = await this.runtime.dataSource.getRepository(CaseFile).findOneBy({ caseId });
    if (!row) throw problem(404, 'CaseNotFound', 'No such case', `No case ${id}`);
    const cases = await this.runtime.dataSource.getRepository(CaseFile).find({ where: { childId: row.childId }, select: { caseId: true } });
    const alreadyErased = !!(await this.personal.person(row.childId))?.erasedAt;
    // blanks anything written since an earlier erasure; rows already blank are left as they are
    await this.personal.erase(row.childId, cases.map((c) => c.caseId));
    if (alreadyErased) return erasureAnswer(row.childId, true);
    // other services keep copies of the details: the erasure is published (by id only) so they erase
    // theirs, once: the person's erasure stream holds one event, so a second or concurrent erasure appends nothing
    try {
      await this.runtime.store.appendToStream(personErasureStream(row.childId), [{
        id: randomUUID(), type: 'PersonalDetailsErased', schemaVersion: 1, data: { personId: row.childId },
        metadata: { ...requestContext(req, todayInLondon(this.clock)), causationId: null },
      }], 'no-stream');
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return erasureAnswer(row.childId, true);
      throw error;
    }
    return erasureAnswer(row.childId, false);
  }

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'Caseload: cases by caseworker and status, what is due soon, what is overdue; search by child name or reference' })
  @ApiQuery({ name: 'caseworker', required: false })
  @ApiQuery({ name: 'status', required: false, enum: CASE_STATUSES })
  @ApiQuery({ name: 'due-within-days', required: false, schema: { type: 'integer', minimum: 0, maximum: 3660 } })
  @ApiQuery({ name: 'overdue', required: false, type: Boolean })
  @ApiQuery({ name: 'q', required: false, description: 'child name or case reference' })
  @ApiQuery({ name: 'sort', required: false, enum: ['next-due', 'received', 'reference'] })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  async list(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const today = todayInLondon(this.clock);
    const q = new QueryReader(query);
    const status = q.oneOf('status', CASE_STATUSES);
    const { dueWithinDays: within, overdue, limit, offset } = listFilters(q);
    const sort = q.oneOf('sort', ['next-due', 'received', 'reference'] as const) ?? 'next-due';
    const caseworker = q.text('caseworker', { maxLength: 100 });
    const text = q.text('q', { maxLength: 200 });
    q.done();

    return casesMatching(this.runtime.dataSource, this.runtime.schema,
      { scope: await listScopeFor(req, this.runtime.access), caseworker, status, dueWithinDays: within, overdue, text, sort, limit, offset }, today, this.settings.exceptionExtensionDays);
  }

  @Get('caseload')
  @ApiOperation({ summary: "The team's caseload: open cases per caseworker, due in the next 7 days, overdue" })
  async caseload(@Req() req: Request) {
    return caseloadByCaseworker(this.runtime.dataSource, this.runtime.schema, todayInLondon(this.clock), this.settings.exceptionExtensionDays, await listScopeFor(req, this.runtime.access));
  }

  @Get(':id')
  @Allow(...CASE_READERS, ...RELATED_OUTSIDERS)
  @ScopedTo(CASE_FACTS, 'id')
  @AuditedRead('case')
  @ApiOperation({ summary: 'A case: status, every statutory date (due, done, days left or late), advice, exceptions, plans, letters' })
  @ApiOkResponse({ schema: { example: caseExample } })
  @ApiResponse({ status: 404, description: 'No such case' })
  async get(@Param('id') id: string, @Req() req: Request) {
    const view = await this.view(this.caseId(id));
    if (!view) throw problem(404, 'CaseNotFound', 'No such case', `No case ${id}`);
    return asSeenBy(req, view);
  }

  @Get(':id/timeline')
  @ScopedTo(CASE_FACTS, 'id')
  @AuditedRead('case')
  @ApiOperation({ summary: 'Every event on the case: what, when it happened, when it was recorded, and who' })
  async timeline(@Param('id') id: string, @Req() req: Request) {
    const caseId = this.caseId(id);
    const rows = await this.runtime.dataSource.getRepository(CaseTimelineEntry).find({ where: { streamId: caseStream(caseId) }, order: { revision: 'ASC' } });
    if (rows.length === 0) throw problem(404, 'CaseNotFound', 'No such case', `No case ${id}`);
    const file = await this.runtime.dataSource.getRepository(CaseFile).findOne({ where: { caseId: caseStream(caseId) }, select: { caseId: true, childId: true } });
    auditSubjects(req, file?.childId);
    return rows.map(timelineEntry);
  }

  @Get(':id/letters/:letterId')
  @Allow(...CASE_READERS, ...RELATED_OUTSIDERS)
  @ScopedTo(CASE_FACTS, 'id')
  @Header('content-type', 'text/html; charset=utf-8')
  @AuditedRead('case')
  @ApiOperation({ summary: 'A letter to the family, as HTML to open and print' })
  async letter(@Param('id') id: string, @Param('letterId') letterId: string, @Req() req: Request) {
    const row = await this.runtime.dataSource.getRepository(CaseFile).findOneBy({ caseId: caseStream(this.caseId(id)) });
    auditSubjects(req, row?.childId);
    const letter = row?.view.letters.find((l) => l.letterId === letterId);
    if (!row || !letter) throw problem(404, 'LetterNotFound', 'No such letter', `No letter ${letterId} on case ${id}`);
    const person = await this.personal.person(row.view.childId);
    const reasons = await this.reasonsFor(row.caseId, letter.kind);
    return renderLetter(letter, row.view, person, reasons, this.settings.authorityName);
  }

  /** Allocation is the team manager's: to a caseworker of their team (the command's own operation documents it). */
  @Allow('team-manager')
  @Post(':id/reassign')
  @ScopedTo(CASE_FACTS, 'id')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('case')
  async reassign(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { caseworker } = commandNamed(CASE_COMMANDS, 'reassign').read(body).body as { caseworker: string };
    await allocationProblem(req, this.runtime.access, caseworker);
    return this.command(id, 'reassign', body, req, res);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (caseCommandOperations). */
  @Allow(...CASEWORK)
  @Post(':id/:command')
  @ScopedTo(CASE_FACTS, 'id')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  // the answer is the case view, the child's details with it
  @AuditedRead('case', { literalParams: ['command'] })
  async command(@Param('id') id: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const parsed = commandNamed(CASE_COMMANDS, name).read(body);
    const { on, expectedRevision } = parsed;
    const warning = deprecationWarning(parsed.deprecated, commandNamed(CASE_COMMANDS, name).deprecatedAliases);
    if (warning) res.setHeader('warning', warning);
    const caseId = this.caseId(id);
    const today = todayInLondon(this.clock);
    if ((await this.files.store.readStream(caseStream(caseId), { maxCount: 1 })).length === 0) {
      throw problem(404, 'CaseNotFound', 'No such case', `No case ${id}`);
    }
    if (!onOrBefore(on, today)) throw ruleProblem('DateInFuture', `on ${on} is after today (${today}, Europe/London)`);
    // the documents' ids go into the command now; their rows are written with its events, if it is not refused
    const { ids, documents } = documentsToWrite(parsed.documents);
    const context = { ...requestContext(req, on), expectedRevision };
    const command = parsed.build({ today, policies: { earlyFinalisation: this.settings.earlyFinalisation } }, ids);
    const result: Executed<RuleBroken> = await this.commands.execute(new ExecuteCaseCommand(caseId, command, context, documents));
    if (!result.ok) throw ruleProblem(result.error);
    return viewOnceApplied(res, this.caseFiles, result, `/needs-assessments/${caseId}`, () => this.view(caseId));
  }

  private caseId(id: string): string {
    if (!isUuid(id)) throw problem(404, 'CaseNotFound', 'No such case', `${id} is not a case id`);
    return id.toLowerCase();
  }

  private async view(caseId: string) {
    const row = await this.runtime.dataSource.getRepository(CaseFile).findOneBy({ caseId: caseStream(caseId) });
    if (!row) return null;
    const person = await this.personal.person(row.childId);
    const notes = await this.personal.texts(row.view.notes.map((n) => n.noteId));
    // what the case allows now is the decider's to say, from the events (the read model may lag a command)
    const state = (await this.runtime.store.readStream(caseStream(caseId))).reduce((s, e) => evolve(s, e as unknown as Event), initialState());
    return { ...caseView(row.view, person, notes, todayInLondon(this.clock), this.settings.exceptionExtensionDays), nextSteps: nextSteps(state) };
  }

  private async reasonsFor(caseId: string, kind: string): Promise<string | null> {
    const docKind = kind === 'refusal-to-assess' ? 'refusal-reasons' : kind === 'decision-not-to-issue' ? 'not-to-issue-reasons' : null;
    if (!docKind) return null;
    return this.personal.latestText(caseId, docKind);
  }
}
