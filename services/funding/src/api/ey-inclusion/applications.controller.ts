import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { newId } from '@ehc/domain-kernel';
import { documentsToWrite } from '@ehc/commands';
import { LIST_LIMIT, LIST_OFFSET, QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { AuditedRead, auditSubjects } from '@ehc/audit';
import { EY_INCLUSION } from '../../application/aggregates';
import type { FundingSettings } from '../../config';
import type { RuleBroken } from '../../domain/ey-inclusion/ey-inclusion';
import type { EyInclusionState } from '../../domain/ey-inclusion/state';
import { rateOn } from '../../domain/ey-inclusion/rates';
import { eyApplications, EY_APPLICATION_STATUSES } from '../../infrastructure/queries/ey-applications';
import { uuidOr404, type FundingRecords } from '../funding-records';
import { EY_INCLUSION_RECORDS, FUNDING_READERS, FUNDING_SETTINGS, FUNDING_WORK, WHY_NOT_SCOPED } from '../tokens';
import { ApplicationBody, applicationCommand, applicationDocuments, readApplicationBody } from './bodies';
import { EY_INCLUSION_COMMANDS, type EyContext } from './commands';
import { ruleProblem } from './problems';
import { eyInclusionRates } from './rates.controller';
import { eyInclusionView } from './views';

const WHAT = 'application for early-years inclusion funding';
const location = (id: string) => `/funding/ey-inclusion/applications/${id}`;

/** Applications for early-years SEN inclusion funding: made by a setting, triaged, decided within the LA's working days, paid termly, clawed back when the child leaves. */
@ApiTags('ey-inclusion')
@Allow(...FUNDING_READERS)
@Controller('funding/ey-inclusion/applications')
export class EyApplicationsController {
  constructor(@Inject(EY_INCLUSION_RECORDS) private readonly records: FundingRecords, @Inject(FUNDING_SETTINGS) private readonly settings: FundingSettings) {}

  @Post()
  @Allow(...FUNDING_WORK)
  @HttpCode(201)
  @AuditedRead('list')
  @ApiOperation({ summary: 'Record an application for early-years inclusion funding: the setting, the child, the extra hours a week and for how many weeks, the support, the Valuing SEND profile. The decision is due the configured working days after it was received' })
  @ApiBody({ schema: ApplicationBody as unknown as Record<string, unknown> })
  @ApiCreatedResponse({ description: '{ id, …the application: status, deadlines.decision { dueBy, status }, nextSteps, revision }; Location: /funding/ey-inclusion/applications/{id}' })
  @ApiResponse({ status: 202, description: 'Recorded, but the list has not caught up within a few seconds: the body gives the revision and position; read the Location header\'s URL after Retry-After seconds' })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field at fault and the rule it breaks' })
  @ApiResponse({ status: 422, description: 'DateInFuture (appliedOn), HoursOutOfRange, WeeksOutOfRange' })
  async apply(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { value } = readApplicationBody(body);
    this.records.notInFuture(value.appliedOn, 'appliedOn');
    const applicationId = newId();
    const { ids, documents } = documentsToWrite(applicationDocuments(value));
    const command = applicationCommand(value, { applicationId, today: this.records.today(), decisionWorkingDays: this.settings.eyDecisionWorkingDays }, ids);
    const result = await this.records.run(EY_INCLUSION, applicationId, command, req, value.appliedOn,
      (rule) => ruleProblem(rule as RuleBroken, undefined, rule === 'DateInFuture' ? 'appliedOn' : undefined), { documents });
    res.setHeader('Location', location(applicationId));
    return this.records.answer(res, result, location(applicationId), () => this.view(applicationId, req));
  }

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'Applications, the decision due soonest first (those whose clock is stopped, or decided, after them): by status and setting' })
  @ApiQuery({ name: 'status', required: false, enum: EY_APPLICATION_STATUSES })
  @ApiQuery({ name: 'setting-urn', required: false, description: 'only the applications of the setting with this Ofsted URN or UKPRN' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ asOf, total, items: [{ id, childId, settingUrn, status, appliedOn, hoursPerWeek, weeks, deadlines: { decision: { dueBy, status } }, decision, href }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed: the problem names it' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const status = q.oneOf('status', EY_APPLICATION_STATUSES);
    const settingUrn = q.text('setting-urn', { maxLength: 20 });
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    const today = this.records.today();
    const { total, items } = await eyApplications(this.records.runtime.dataSource, this.records.runtime.schema, { status, settingUrn, limit, offset });
    return {
      asOf: today,
      total,
      items: items.map(({ applicationId, state }) => {
        const v = eyInclusionView(state, today);
        return {
          id: applicationId, childId: v.childId, settingUrn: v.settingUrn, status: v.status, appliedOn: v.appliedOn, hoursPerWeek: v.hoursPerWeek, weeks: v.weeks,
          deadlines: v.deadlines, decision: v.decision, href: location(applicationId),
        };
      }),
    };
  }

  @Get(':id')
  @NotScoped(WHY_NOT_SCOPED)
  @AuditedRead('person')
  @ApiOperation({ summary: 'An application: its status, the decision deadline (due, overdue, paused while the LA waits for information, met or missed), the decision, the termly payments, the clawback when the child left, and the commands it takes now' })
  @ApiResponse({ status: 200, description: '{ id, childId, settingUrn, status, appliedOn, hoursPerWeek, weeks, needsProfile, triagedOn, informationRequests, deadlines: { decision: { dueBy, status } }, decision, payments, clawback, withdrawn, nextSteps, revision }' })
  @ApiResponse({ status: 404, description: 'NoSuchApplication' })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.view(id, req);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (service.ts). */
  @Post(':id/:command')
  @Allow(...FUNDING_WORK)
  @NotScoped(WHY_NOT_SCOPED)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('person', { literalParams: ['command'] })
  async command(@Param('id') rawId: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const id = uuidOr404(rawId, WHAT, 'NoSuchApplication');
    // the body is checked first (a 400 names its fields), then the application is looked up
    const context = async (): Promise<EyContext> => {
      await this.found(id);
      const rates = await eyInclusionRates(this.records);
      return { applicationId: id, today: this.records.today(), rate: (level, on) => rateOn(rates, level, on) };
    };
    return this.records.command(EY_INCLUSION, EY_INCLUSION_COMMANDS, id, name, body, req, res, context, (rule) => ruleProblem(rule as RuleBroken), location(id), () => this.view(id, req));
  }

  private async found(rawId: string) {
    const id = uuidOr404(rawId, WHAT, 'NoSuchApplication');
    const found = await this.records.read<EyInclusionState>(EY_INCLUSION, id);
    if (!found) throw ruleProblem('NoSuchApplication', `No ${WHAT} ${id}`);
    return { id, ...found };
  }

  private async view(rawId: string, req: Request) {
    const { id, state, revision } = await this.found(rawId);
    auditSubjects(req, state.application?.childId);
    return { ...eyInclusionView(state, this.records.today()), id, revision, text: await this.text(state) };
  }

  /** The application's free text, kept outside its events (erasable): null once erased or never given. */
  private async text(state: EyInclusionState) {
    const a = state.application;
    const refused = state.decision?.outcome === 'refused' ? state.decision.reasonsDocumentId : null;
    const texts = await this.records.texts([a?.supportDocumentId, a?.evidenceDocumentId, refused, ...state.informationRequests.flatMap((r) => [r.questionsDocumentId, r.answerDocumentId])]);
    const of = (d: string | null | undefined) => (d ? texts.get(d) ?? null : null);
    return {
      support: of(a?.supportDocumentId), evidence: of(a?.evidenceDocumentId), refusalReasons: of(refused),
      informationRequests: state.informationRequests.map((r) => ({ requestedOn: r.requestedOn, questions: of(r.questionsDocumentId), providedOn: r.providedOn, answer: of(r.answerDocumentId) })),
    };
  }
}
