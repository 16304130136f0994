import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { newId } from '@ehc/domain-kernel';
import { LIST_LIMIT, LIST_OFFSET, QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import { APPEAL_TYPES } from '@ehc/contracts/tribunal';
import type { TribunalSettings } from '../config';
import { AppealBody, readAppealBody } from './bodies';
import { APPEAL_COMMANDS } from './commands';
import { partNotFound, TribunalRecords } from './tribunal-records';
import { appealView } from './views';
import { TRIBUNAL_RECORDS, TRIBUNAL_SETTINGS, TRIBUNAL_WORK, WHY_NOT_SCOPED } from './appeal-windows.controller';
import { appealNextSteps } from '../domain/next-steps';
import { appealsMatching, APPEAL_STATUSES } from '../infrastructure/queries/appeals';
import { appealsStats, MONTH } from '../infrastructure/queries/appeals-stats';

@ApiTags('appeals')
@Allow(...TRIBUNAL_WORK)
@Controller('appeals')
export class AppealsController {
  constructor(@Inject(TRIBUNAL_RECORDS) private readonly records: TribunalRecords, @Inject(TRIBUNAL_SETTINGS) private readonly settings: TribunalSettings) {}

  @Post()
  @HttpCode(201)
  @AuditedRead('list')
  @ApiOperation({ summary: 'Record an appeal registered by the First-tier Tribunal (SEND): its type (one s.51 gives for the decision), grounds by section, and whether a late appeal was admitted; the LA response is due 30 working days (configurable) after the tribunal sent it' })
  @ApiBody({ schema: AppealBody as unknown as Record<string, unknown> })
  @ApiCreatedResponse({ description: '{ id } and the appeal with its deadlines; Location: /appeals/{id}' })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field and rule' })
  @ApiResponse({ status: 404, description: 'NoAppealWindow: no appeal window for that decisionId' })
  @ApiResponse({ status: 409, description: 'AppealAlreadyRegistered: an appeal against this decision stands' })
  @ApiResponse({ status: 422, description: 'DateInFuture, DateBeforeLetter, AppealOutOfTime (after the deadline and not admitted late: field registeredOn), AppealTypeNotForDecision (type), GroundsNotAppealable (grounds), DateBeforeRegistration (sentToLaOn)' })
  async register(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { value } = readAppealBody(body);
    this.records.notInFuture(value.registeredOn, 'registeredOn');
    if (value.sentToLaOn) this.records.notInFuture(value.sentToLaOn, 'sentToLaOn');
    const appealId = newId();
    const decisionId = value.decisionId.toLowerCase();
    const result = await this.records.run(decisionId, {
      type: 'RegisterAppeal',
      data: {
        appealId, registeredOn: value.registeredOn, type: value.type, grounds: value.grounds ?? [], lateAppealAdmitted: value.lateAppealAdmitted ?? false,
        sentToLaOn: value.sentToLaOn ?? null, responseWorkingDays: this.settings.responseWorkingDays, today: this.records.today(),
      },
    }, req, value.registeredOn, { newPart: { kind: 'appeal', partId: appealId }, dateField: 'registeredOn' });
    res.setHeader('Location', `/appeals/${appealId}`);
    return this.records.answer(res, result, `/appeals/${appealId}`, async () => ({ ...(await this.view(appealId, req)), id: appealId }));
  }

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'Appeals: open ones by their next deadline (LA response, recommendations, an order\'s reg 44 step), concluded ones latest first' })
  @ApiQuery({ name: 'status', required: false, enum: APPEAL_STATUSES })
  @ApiQuery({ name: 'type', required: false, enum: APPEAL_TYPES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ asOf, total, items: [{ id, decisionId, source, type, stage, registeredOn, outcome, nextDeadline, href }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed: the problem names it' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const status = q.oneOf('status', APPEAL_STATUSES);
    const type = q.oneOf('type', APPEAL_TYPES);
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    return appealsMatching(this.records.runtime.dataSource, this.records.runtime.schema, { status, type, limit, offset }, this.records.today());
  }

  @Get('stats')
  @Allow(...TRIBUNAL_WORK, 'performance-reader')
  @ApiOperation({ summary: 'The monthly meeting\'s appeals data for a range of months: appeals registered by month and type, the appeal rate as a cohort and as a flow, outcomes by type and ground, mediation, time to outcome, reg 44 compliance, open appeals by stage' })
  @ApiQuery({ name: 'from', required: true, schema: { type: 'string', pattern: MONTH.source } })
  @ApiQuery({ name: 'to', required: true, schema: { type: 'string', pattern: MONTH.source } })
  @ApiResponse({ status: 200, description: 'The figures (see the README, "Appeals data")' })
  @ApiResponse({ status: 400, description: 'from or to is not a month YYYY-MM, or to is before from, or the range is longer than 120 months' })
  stats(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const from = q.text('from', { maxLength: 7 });
    const to = q.text('to', { maxLength: 7 });
    q.done();
    return appealsStats(this.records.runtime.dataSource, this.records.runtime.schema, { from, to, lagMonths: this.settings.appealRateLagMonths }, this.records.today());
  }

  @Get(':id')
  @NotScoped(WHY_NOT_SCOPED)
  @AuditedRead('person')
  @ApiOperation({ summary: 'An appeal: its stage, grounds, deadlines laResponse and recommendationsResponse, its outcome, and orders[] each with its reg 44 step deadlines (due, done, overdue)' })
  @ApiResponse({ status: 200, description: '{ id, decisionId, type, stage, registeredOn, deadlines: { laResponse, recommendationsResponse }, orders: [{ orderId, kind, orderedOn, status, deadlines }], … }' })
  @ApiResponse({ status: 404, description: 'No such appeal' })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.view(id, req);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (service.ts). */
  @Allow('tribunal-officer', 'team-manager', 'caseworker')
  @Post(':id/:command')
  @NotScoped(WHY_NOT_SCOPED)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('person', { literalParams: ['command'] })
  command(@Param('id') id: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.records.partCommand('appeal', APPEAL_COMMANDS, id, name, body, req, res, () => this.view(id, req));
  }

  private async view(id: string, req: Request) {
    const found = await this.records.disagreementOfPart('appeal', id, req);
    const a = found.state.appeals.find((x) => x.appealId === id.toLowerCase());
    if (!a) throw partNotFound('appeal', id);
    return { ...appealView(found.state, a, this.records.today()), revision: found.revision, nextSteps: appealNextSteps(found.state, a) };
  }
}
