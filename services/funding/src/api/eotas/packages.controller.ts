import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUuid, newId } from '@ehc/domain-kernel';
import { LIST_LIMIT, LIST_OFFSET, problem, QueryReader } from '@ehc/http';
import { actorOf, Allow, callerOf, NotScoped } from '@ehc/identity';
import { AuditedRead, auditSubjects } from '@ehc/audit';
import { EOTAS_PACKAGE } from '../../application/aggregates';
import { isOnFile, outstandingChecks, type EotasPackage, type EotasPackageState, type RuleBroken } from '../../domain/eotas/eotas';
import { eotasPackages, EOTAS_PACKAGE_STATUSES } from '../../infrastructure/queries/eotas-packages';
import { uuidOr404, type FundingRecords } from '../funding-records';
import { EOTAS_RECORDS, FUNDING_READERS, FUNDING_WORK, WHY_NOT_SCOPED } from '../tokens';
import { ProposeEotasPackageBody, readProposeEotasPackageBody } from './bodies';
import { EOTAS_COMMANDS, proposeEotasPackage, type EotasContext } from './commands';
import { ruleProblem } from './problems';
import { eotasPackageView } from './views';

const location = (id: string) => `/funding/eotas-packages/${id}`;
/** Domain §6: an EOTAS package is signed off by management. */
export const SIGN_OFF_ROLE = 'team-manager';

/** The signed-in user, as the events record them: the proposer and the manager who signs off are never body fields. */
const actorIdOf = (req: Request): string => actorOf(callerOf(req)).id;

/** A refused command's answer; the outstanding checks named when they stand in the way of sign-off. */
const answerFor = (state: EotasPackageState | null) => (rule: string) =>
  rule === 'ChecksOutstanding' && state && isOnFile(state)
    ? ruleProblem('ChecksOutstanding', `Outstanding: ${outstandingChecks(state).join(', ')}`)
    : ruleProblem(rule as RuleBroken);

/** EOTAS packages (s.61 CFA 2014): proposed by a funding officer, considered by the weekly panel, signed off by a manager, reviewed and ended. */
@ApiTags('eotas-packages')
@Allow(...FUNDING_READERS)
@Controller('funding/eotas-packages')
export class EotasPackagesController {
  constructor(@Inject(EOTAS_RECORDS) private readonly records: FundingRecords) {}

  @Post()
  @Allow(...FUNDING_WORK)
  @HttpCode(201)
  @AuditedRead('list')
  @ApiOperation({ summary: 'Propose an EOTAS package for a plan: the provider (an unregulated one needs every commissioning check before sign-off), the weekly cost, the start and the review date. The signed-in user is its proposer' })
  @ApiBody({ schema: ProposeEotasPackageBody as unknown as Record<string, unknown> })
  @ApiCreatedResponse({ description: '{ id, …the package: status, checks { required, done, outstanding }, weeklyCostPence, deadlines.review, proposedBy, nextSteps, revision }; Location: /funding/eotas-packages/{id}' })
  @ApiResponse({ status: 202, description: 'Recorded, but the list has not caught up within a few seconds: the body gives the revision and position; read the Location header\'s URL after Retry-After seconds' })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field at fault and the rule it breaks' })
  @ApiResponse({ status: 422, description: 'DateInFuture (proposedOn), CostNotPositive, ReviewDateNotAfter (the review must be after the start and the proposal)' })
  async propose(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { value } = readProposeEotasPackageBody(body);
    this.records.notInFuture(value.proposedOn, 'proposedOn');
    const packageId = newId();
    const command = proposeEotasPackage(value, { packageId, today: this.records.today(), actorId: actorIdOf(req) });
    const result = await this.records.run(EOTAS_PACKAGE, packageId, command, req, value.proposedOn,
      (rule) => ruleProblem(rule as RuleBroken, undefined, rule === 'DateInFuture' ? 'proposedOn' : undefined));
    res.setHeader('Location', location(packageId));
    return this.records.answer(res, result, location(packageId), () => this.view(packageId, req));
  }

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'EOTAS packages, the review due soonest first (packages not running after them): by status and plan' })
  @ApiQuery({ name: 'status', required: false, enum: EOTAS_PACKAGE_STATUSES })
  @ApiQuery({ name: 'plan-id', required: false, description: 'only the packages of this EHC plan (its uuid)', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'planId', required: false, description: 'the same as plan-id', schema: { type: 'string', format: 'uuid' } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ asOf, total, items: [{ id, planId, childId, status, provider, weeklyCostPence, startOn, reviewDate, deadlines: { review: { dueBy, status } | null }, checks, href }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed (a status not listed, a plan id not a uuid): the problem names it' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const status = q.oneOf('status', EOTAS_PACKAGE_STATUSES);
    const planParam = query['plan-id'] !== undefined ? 'plan-id' : 'planId';
    const planId = q.text(planParam, { maxLength: 36 });
    if (planId !== undefined && !isUuid(planId)) q.reject(planParam, 'InvalidFormat', `${planParam} must be a uuid`);
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    const today = this.records.today();
    const { total, items } = await eotasPackages(this.records.runtime.dataSource, this.records.runtime.schema, { status, planId: planId?.toLowerCase(), limit, offset });
    return {
      asOf: today,
      total,
      items: items.map(({ packageId, state }) => {
        const v = eotasPackageView(state, today);
        return {
          id: packageId, planId: v.planId, childId: v.childId, status: v.status, provider: v.provider, weeklyCostPence: v.weeklyCostPence, startOn: v.startOn,
          reviewDate: v.reviewDate, deadlines: v.deadlines, checks: v.checks, href: location(packageId),
        };
      }),
    };
  }

  @Get(':id')
  @NotScoped(WHY_NOT_SCOPED)
  @AuditedRead('person')
  @ApiOperation({ summary: 'An EOTAS package: its provider and commissioning checks (done and outstanding), the weekly cost now and its history, the review deadline while it runs, the panel and the sign-off, and the commands it takes now' })
  @ApiResponse({ status: 200, description: '{ id, planId, childId, status, provider, checks, weeklyCostPence, costHistory, startOn, reviewDate, deadlines: { review }, proposedOn, proposedBy, panelOn, approvedOn, signedOffBy, …, nextSteps, revision }' })
  @ApiResponse({ status: 404, description: 'NoSuchPackage' })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.view(id, req);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (service.ts); `approve` also needs the team-manager role. */
  @Post(':id/:command')
  @Allow(...FUNDING_WORK)
  @NotScoped(WHY_NOT_SCOPED)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('person', { literalParams: ['command'] })
  async command(@Param('id') rawId: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const id = uuidOr404(rawId, 'EOTAS package', 'NoSuchPackage');
    const actorId = actorIdOf(req);
    let state: EotasPackage | null = null;
    // the body is checked first (a 400 names its fields), then the package is looked up
    const context = async (): Promise<EotasContext> => {
      state = (await this.found(id)).state;
      // management sign-off (domain §6). The proposer is told the rule that always bars them (SignOffByProposer, 422), whatever their role
      if (name === 'approve' && state.proposedBy !== actorId && !callerOf(req)?.roles.includes(SIGN_OFF_ROLE)) {
        throw problem(403, 'RoleNotAllowed', 'Only a team manager signs off an EOTAS package', `approve needs the ${SIGN_OFF_ROLE} role (management sign-off)`);
      }
      return { packageId: id, today: this.records.today(), actorId };
    };
    return this.records.command(EOTAS_PACKAGE, EOTAS_COMMANDS, id, name, body, req, res, context, (rule) => answerFor(state)(rule), location(id), () => this.view(id, req));
  }

  private async found(rawId: string) {
    const id = uuidOr404(rawId, 'EOTAS package', 'NoSuchPackage');
    const found = await this.records.read<EotasPackageState>(EOTAS_PACKAGE, id);
    if (!found || !isOnFile(found.state)) throw ruleProblem('NoSuchPackage', `No EOTAS package ${id}`);
    return { id, state: found.state, revision: found.revision };
  }

  private async view(rawId: string, req: Request) {
    const { id, state, revision } = await this.found(rawId);
    auditSubjects(req, state.childId);
    // the panel's reasons for declining, kept outside the events (erasable)
    const reasons = state.declined?.reasonsDocumentId ?? null;
    const declineReasons = reasons ? (await this.records.texts([reasons])).get(reasons) ?? null : null;
    return { ...eotasPackageView(state, this.records.today()), id, revision, text: { declineReasons } };
  }
}
