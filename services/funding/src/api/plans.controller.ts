import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CalendarDate } from '@ehc/domain-kernel';
import { LIST_LIMIT, LIST_OFFSET, problem, QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { AuditedRead, auditSubjects } from '@ehc/audit';
import { PLAN_FUNDING } from '../application/aggregates';
import { laterVersions, rateOn, settingTypesWithBand } from '../domain/banding/banding-matrix';
import type { PlanFundingState } from '../domain/plan-funding/state';
import { runningTopUp } from '../domain/plan-funding/state';
import type { SettingType } from '../domain/plan-funding/events';
import { plansInTray, PLAN_TRAYS } from '../infrastructure/queries/plans';
import { FundingRecords, uuidOr404 } from './funding-records';
import { bandingRates } from './banding';
import { PLAN_COMMANDS, type PlanContext } from './plan-commands';
import { planFundingView } from './plan-view';
import { ruleProblem } from './problems';
import { FUNDING_READERS, FUNDING_RECORDS, WHY_NOT_SCOPED } from './tokens';

/** A plan is the annual review's plan id, which is the assessment case's uuid: either service's full id finds it too. */
const planUuid = (id: string) => id.replace(/^(ehcna-|annualReview-)/, '');

const planNotFound = (planId: string) => problem(404, 'PlanFundingNotFound', 'No funding is recorded for that plan', `No funding for plan ${planId}: it enters the awaiting-funding tray when a final or amended plan names a setting, or with agree-top-up`);

/** A plan's funding: the awaiting-funding tray, the top-up and its changes, placements, dual registration, personal budget. */
@ApiTags('plans')
@Allow(...FUNDING_READERS)
@Controller('funding/plans')
export class PlansController {
  constructor(@Inject(FUNDING_RECORDS) private readonly records: FundingRecords) {}

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'Plans by funding tray: awaiting-funding (the longest wait first: a final or amended plan named a setting and no top-up answers it), funded, no-top-up, ceased' })
  @ApiQuery({ name: 'tray', required: false, enum: PLAN_TRAYS })
  @ApiQuery({ name: 'setting-urn', required: false, description: 'only plans whose top-up (or named setting) is at this URN/UKPRN' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ asOf, total, items: [{ planId, reference, childId, status, awaitingSince, source, setting: { urn, name, type }, band, annualPence, href }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed: the problem names it' })
  list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const tray = q.oneOf('tray', PLAN_TRAYS);
    const settingUrn = q.text('setting-urn', { maxLength: 20 });
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    return plansInTray(this.records.runtime.dataSource, this.records.runtime.schema, { tray, settingUrn, limit, offset }, this.records.today());
  }

  @Get(':planId')
  @NotScoped(WHY_NOT_SCOPED)
  @AuditedRead('person')
  @ApiOperation({ summary: 'A plan\'s funding: placements, top-up segments (band, from, to, annualPence), commitmentsByYear (pence per financial year; an open-ended top-up to the end of the current year), dual registration, personal budget and direct payments, and the commands it takes now' })
  @ApiResponse({ status: 200, description: '{ planId, reference, status, placements: [{ settingUrn, from, to }], topUps: [{ band, from, to, annualPence }], commitmentsByYear: { "2026-27": pence }, dualRegistration, personalBudget, nextSteps, revision }' })
  @ApiResponse({ status: 404, description: 'PlanFundingNotFound: no funding recorded for the plan yet' })
  get(@Param('planId') planId: string, @Req() req: Request) {
    return this.view(planId, req);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (service.ts). */
  @Allow('funding-officer', 'team-manager')
  @Post(':planId/:command')
  @NotScoped(WHY_NOT_SCOPED)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('person', { literalParams: ['command'] })
  async command(@Param('planId') rawId: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const planId = uuidOr404(planUuid(rawId), 'plan', 'PlanNotFound');
    const context = async (): Promise<PlanContext> => {
      const [found, rates] = await Promise.all([this.records.read<PlanFundingState>(PLAN_FUNDING, planId), bandingRates(this.records)]);
      return planContext(planId, found?.state ?? null, rates, this.records.today());
    };
    return this.records.command(PLAN_FUNDING, PLAN_COMMANDS, planId, name, body, req, res, context, (rule) => ruleProblem(rule as never), `/funding/plans/${planId}`, () => this.view(planId, req));
  }

  private async view(rawId: string, req: Request) {
    const planId = uuidOr404(planUuid(rawId), 'plan', 'PlanFundingNotFound');
    const found = await this.records.read<PlanFundingState>(PLAN_FUNDING, planId);
    if (!found) throw planNotFound(planId);
    auditSubjects(req, found.state.childId ?? undefined);
    return { ...planFundingView(planId, found.state, this.records.today()), revision: found.revision };
  }
}

/** What building a plan command needs: the matrix's rates, and what the plan already knows of its settings. */
export function planContext(planId: string, state: PlanFundingState | null, rates: Parameters<typeof rateOn>[0], today: CalendarDate): PlanContext {
  const known = new Map<string, SettingType>();
  const named = state?.awaiting?.namedSetting ?? state?.namedSetting;
  if (named?.urn && named.type) known.set(named.urn, named.type);
  for (const p of state?.placements ?? []) known.set(p.settingUrn, p.settingType);
  for (const t of state?.topUps ?? []) known.set(t.settingUrn, t.settingType);
  const running = state ? runningTopUp(state) : null;
  return {
    planId, today,
    rates: (band, settingType, from) => ({ rate: rateOn(rates, band, settingType, from), later: laterVersions(rates, band, settingType, from) }),
    settingTypeOf: (urn) => known.get(urn) ?? null,
    typesWithBand: (band, on) => settingTypesWithBand(rates, band, on),
    running: running ? { settingUrn: running.settingUrn, settingType: running.settingType } : null,
    nextTopUpId: `top-up-${(state?.topUps.length ?? 0) + 1}`,
    nextRequestId: `increase-request-${(state?.increaseRequests.length ?? 0) + 1}`,
  };
}
