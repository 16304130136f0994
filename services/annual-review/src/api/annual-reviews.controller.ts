import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags, ApiExcludeEndpoint } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUuid, onOrBefore, todayInLondon, type Clock } from '@ehc/domain-kernel';
import type { AnnualReviewSettings } from '../config';
import { LIST_LIMIT, LIST_OFFSET, listFilters, problem, QueryReader } from '@ehc/http';
import { commandNamed, deprecationWarning, ImportRuns, requestContext, sideTablesOf, documentsToWrite, type Executed } from '@ehc/commands';
import { ImportBody, viewOnceApplied, type ServiceRuntime } from '@ehc/host';
import { MalformedCsvError, malformedCsvProblem } from '@ehc/csv';
import { erasureAnswer, PersonalData } from '@ehc/personal-data';
import { timelineEntry } from '@ehc/messaging';
import type { ProjectionRunner } from '@ehc/messaging';
import { ExecutePlanCommand } from '../application/plan-command';
import { evolve, initialState, planStream, type Event, type RuleBroken } from '../domain/annual-review';
import { nextSteps } from '../domain/next-steps';
import type { Setting } from '../domain/events';
import { ImportFileError, importPlans, PLAN_IMPORT_COLUMNS } from '../infrastructure/plan-import';
import { PlanFile, PlanTimelineEntry } from '../infrastructure/read-models/plan-file.entity';
import { settingForPlan } from '../infrastructure/settings/setting-for-plan';
import type { SettingsDirectory } from '../infrastructure/settings/settings-directory';
import { renderPlanLetter } from './letters';
import { PLAN_COMMANDS, type SettingRef } from './plan-commands';
import { comingTransferYear, planView } from './plan-view';
import { ruleProblem } from './problems';
import { PLAN_STATUSES, plansMatching } from '../infrastructure/queries/reviews-due';
import { transfersOfYear } from '../infrastructure/queries/transfers';
import { Allow, allocationProblem, asSeenBy, CASE_READERS, CASEWORK, listScopeFor, NotScoped, RELATED_OUTSIDERS, ScopedTo } from '@ehc/identity';
import { PLAN_FACTS } from '../infrastructure/plan-access';
import { AuditedErasure, AuditedRead, auditSubjects } from '@ehc/audit';

export const AR_RUNTIME = Symbol('ANNUAL_REVIEW_RUNTIME');
export const AR_CLOCK = Symbol('ANNUAL_REVIEW_CLOCK');
export const PLAN_FILES_RUNNER = Symbol('PLAN_FILES_RUNNER');
export const SETTINGS_DIRECTORY = Symbol('SETTINGS_DIRECTORY');
export const AR_SETTINGS = Symbol('ANNUAL_REVIEW_SETTINGS');



@ApiTags('annual-reviews')
@Allow(...CASE_READERS)
@Controller('annual-reviews')
export class AnnualReviewsController {
  private readonly personal: PersonalData;
  private readonly imports: ImportRuns;

  constructor(
    private readonly commands: CommandBus,
    @Inject(AR_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(AR_CLOCK) private readonly clock: Clock,
    @Inject(PLAN_FILES_RUNNER) private readonly planFiles: ProjectionRunner,
    @Inject(SETTINGS_DIRECTORY) private readonly settings: SettingsDirectory,
    @Inject(AR_SETTINGS) private readonly config: AnnualReviewSettings,
  ) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
    this.imports = new ImportRuns(runtime.pool, runtime.schema, clock, (importId) => `/annual-reviews/import/runs/${importId}`);
  }

  @Allow('administrator')
  @Post(':planId/erase-personal-data')
  @ScopedTo(PLAN_FACTS, 'planId')
  @HttpCode(200)
  @AuditedErasure()
  @ApiOperation({ summary: "UK GDPR erasure of the plan's child or young person in this service: blanks their details and the documents of every plan of theirs; the events, which hold none, stay as they were. A person whose details came from the needs-assessment service is erased there, and that erasure reaches here by itself. Erasing again answers the same, with `alreadyErased: true`." })
  @ApiResponse({ status: 200, description: '{ erased: true, alreadyErased, personId }' })
  @ApiResponse({ status: 404, description: 'No such plan' })
  async erase(@Param('planId') planIdRaw: string) {
    const row = await this.runtime.dataSource.getRepository(PlanFile).findOneBy({ streamId: planStream(this.planId(planIdRaw)) });
    if (!row) throw problem(404, 'PlanNotFound', 'No such plan', `No plan ${planIdRaw}`);
    const plans = await this.runtime.dataSource.getRepository(PlanFile).find({ where: { childId: row.childId }, select: { streamId: true } });
    const alreadyErased = !!(await this.personal.person(row.childId))?.erasedAt;
    await this.personal.erase(row.childId, plans.map((p) => p.streamId));
    return erasureAnswer(row.childId, alreadyErased);
  }

  @Allow('team-manager', 'administrator')
  @Post('import')
  @HttpCode(200)
  @ImportBody()
  @ApiConsumes('text/csv', 'application/json')
  @ApiOperation({ summary: `Import plans made before the hub: a CSV (RFC 4180) with columns ${PLAN_IMPORT_COLUMNS.join(',')} (last_reviewed_on may be empty). Importing the same file twice changes nothing; a malformed file imports nothing.` })
  @ApiBody({ schema: { type: 'string', example: 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker\nLEG-0001,Amara,Okafor,2016-03-14,2025-05-20,,120345,cw-ayesha\n' } })
  @ApiResponse({ status: 200, description: '{ rowsRead, rowsTaken, rowsUnchanged, rowsRefused: [{ row, reference, reason }] }' })
  @ApiResponse({ status: 409, description: 'ImportRunning: another import of plans is running; the problem gives its id and where its report will be (`runningImportReport`). Nothing was imported.' })
  @ApiResponse({ status: 400, description: 'CsvRequired (no CSV body), CsvColumnsMissing (not the plan layout), or MalformedCsv: not well-formed CSV (bad quoting, a row with another number of fields than the header, …); the problem names the line (`line`, and the message under `errors`). Nothing was imported.' })
  async import(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const csv = typeof body === 'string' ? body : typeof (body as { csv?: unknown })?.csv === 'string' ? (body as { csv: string }).csv : null;
    if (!csv) throw problem(400, 'CsvRequired', 'Send the plans as a text/csv body (or JSON {"csv": "..."})', undefined, { errors: [{ field: 'body', rule: 'CsvRequired', message: 'a CSV body is required' }] });
    const today = todayInLondon(this.clock);
    const context = requestContext(req, today);
    const report = await this.imports.run('plans', context.actor.id, async (importId) => {
      res.setHeader('Location', `/annual-reviews/import/runs/${importId}`);
      try {
        let lastEntered = 0;
        const report = await importPlans(csv, {
          store: this.runtime.store, dataSource: this.runtime.dataSource, schema: this.runtime.schema, sideTables: sideTablesOf(this.runtime.pool), settings: this.settings, today, plausibleDates: this.config.plausibleDates,
          reviewAnchor: this.config.reviewAnchor, context,
          onEntered: (position) => { lastEntered = Math.max(lastEntered, position); },
        });
        // as a command's answer: once the lists show what it entered (the head of the log can lag
        // behind the import's own events while another transaction is open)
        if (lastEntered > 0) await this.planFiles.waitFor(lastEntered);
        return report;
      } catch (error) {
        if (error instanceof MalformedCsvError) throw malformedCsvProblem(error);
        if (error instanceof ImportFileError) throw problem(400, 'CsvColumnsMissing', 'The CSV is not in the plan import layout', error.message, { errors: [{ field: 'body', rule: 'CsvColumnsMissing', message: error.message }] });
        throw error;
      }
    });
    return report;
  }

  @Allow('team-manager', 'administrator')
  @Get('import/runs/:importId')
  @NotScoped('an import run is its importer\'s record of rows read, not a case; it names no child')
  @ApiOperation({ summary: 'An import of plans by its id: running, completed (with its report), refused (with the problem) or interrupted' })
  @ApiResponse({ status: 200, description: '{ importId, kind, status, startedAt, finishedAt, actor, report }' })
  @ApiResponse({ status: 404, description: 'ImportNotFound' })
  async importRun(@Param('importId') importId: string) {
    const run = await this.imports.find(importId);
    if (!run || run.kind !== 'plans') throw problem(404, 'ImportNotFound', 'No such import', `No import of plans ${importId}`);
    return run;
  }

  @Allow('administrator')
  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild the plan files, deadlines and timelines from event zero' })
  rebuild() {
    return this.planFiles.rebuild();
  }

  @Get('transfers')
  @AuditedRead('list')
  @ApiOperation({ summary: 'The transfers of a calendar year: the reg 2 phase-transfer cohort for September (who moves, the kind of move, the last lawful day before 15 February / 31 March with the rule\'s words, and the latest safe dates for the amendment notice and the review meeting), and the reg 18(2) moves between post-16 institutions in that year' })
  @ApiQuery({ name: 'year', required: false, description: 'calendar year of the September move (default: the coming one)' })
  async transfers(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const today = todayInLondon(this.clock);
    const q = new QueryReader(query);
    const year = q.integer('year', { min: 2000, max: 2100, default: comingTransferYear(today) });
    q.done();
    return transfersOfYear(this.runtime.dataSource, this.runtime.schema, this.settings, year, today, await listScopeFor(req, this.runtime.access));
  }

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'Reviews due and overdue, by caseworker and by setting (a setting\'s pupils), with search by child name or reference' })
  @ApiQuery({ name: 'due-within-days', required: false, schema: { type: 'integer', minimum: 0, maximum: 3660 } })
  @ApiQuery({ name: 'overdue', required: false, type: Boolean })
  @ApiQuery({ name: 'caseworker', required: false })
  @ApiQuery({ name: 'setting', required: false, description: 'setting URN' })
  @ApiQuery({ name: 'status', required: false, enum: PLAN_STATUSES })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  async list(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const today = todayInLondon(this.clock);
    const q = new QueryReader(query);
    const status = q.oneOf('status', PLAN_STATUSES);
    const { dueWithinDays: within, overdue, limit, offset } = listFilters(q);
    const caseworker = q.text('caseworker', { maxLength: 100 });
    const setting = q.text('setting', { maxLength: 20 });
    const text = q.text('q', { maxLength: 200 });
    q.done();
    return plansMatching(this.runtime.dataSource, this.runtime.schema,
      { scope: await listScopeFor(req, this.runtime.access), caseworker, setting, status, dueWithinDays: within, overdue, text, limit, offset }, today);
  }

  @Get(':planId')
  @Allow(...CASE_READERS, ...RELATED_OUTSIDERS)
  @ScopedTo(PLAN_FACTS, 'planId')
  @AuditedRead('plan')
  @ApiOperation({ summary: 'A plan: planIssuedOn, status, and deadlines nextReview, report, decision, representations, amendedPlan, phaseTransfer (when one is coming); needsProfiles: the Valuing SEND profiles re-rated in the review cycle; for staff, nextSteps: the commands the plan allows now' })
  @ApiResponse({ status: 200, description: 'The plan as its review cycle stands today (Europe/London)' })
  @ApiResponse({ status: 404, description: 'No such plan' })
  async get(@Param('planId') planId: string, @Req() req: Request) {
    const view = await this.view(this.planId(planId));
    if (!view) throw problem(404, 'PlanNotFound', 'No such plan', `No plan ${planId}`);
    return asSeenBy(req, view);
  }

  @Get(':planId/timeline')
  @ScopedTo(PLAN_FACTS, 'planId')
  @AuditedRead('plan')
  @ApiOperation({ summary: 'Every event on the plan: what, when it happened, when it was recorded, and who' })
  async timeline(@Param('planId') planId: string, @Req() req: Request) {
    const streamId = planStream(this.planId(planId));
    const rows = await this.runtime.dataSource.getRepository(PlanTimelineEntry).find({ where: { streamId }, order: { revision: 'ASC' } });
    if (rows.length === 0) throw problem(404, 'PlanNotFound', 'No such plan', `No plan ${planId}`);
    const file = await this.runtime.dataSource.getRepository(PlanFile).findOne({ where: { streamId }, select: { streamId: true, childId: true } });
    auditSubjects(req, file?.childId);
    return rows.map(timelineEntry);
  }

  @Get(':planId/letters/:letterId')
  @Allow(...CASE_READERS, ...RELATED_OUTSIDERS)
  @ScopedTo(PLAN_FACTS, 'planId')
  @Header('content-type', 'text/html; charset=utf-8')
  @AuditedRead('plan')
  @ApiOperation({ summary: 'A letter to the family, as HTML to open and print' })
  async letter(@Param('planId') planId: string, @Param('letterId') letterId: string, @Req() req: Request) {
    const row = await this.runtime.dataSource.getRepository(PlanFile).findOneBy({ streamId: planStream(this.planId(planId)) });
    auditSubjects(req, row?.childId);
    const letter = row?.view.letters.find((l) => l.letterId === letterId);
    if (!row || !letter) throw problem(404, 'LetterNotFound', 'No such letter', `No letter ${letterId} on plan ${planId}`);
    const kindOfReasons: Partial<Record<string, string>> = { 'cease-decision': 'cease-decision-reasons', 'decision-not-to-amend': 'not-to-amend-reasons', 'decision-to-maintain': 'review-decision-reasons' };
    const reasonsKind = kindOfReasons[letter.kind];
    const reasons = reasonsKind ? await this.personal.latestText(row.streamId, reasonsKind) : null;
    return renderPlanLetter(letter, row.view, await this.personal.person(row.view.childId), reasons, this.config.authorityName);
  }

  /** Allocation is the team manager's: to a caseworker of their team (the command's own operation documents it). */
  @Allow('team-manager')
  @Post(':planId/reassign')
  @ScopedTo(PLAN_FACTS, 'planId')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('plan')
  async reassign(@Param('planId') planId: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { caseworker } = commandNamed(PLAN_COMMANDS, 'reassign').read(body).body as { caseworker: string };
    await allocationProblem(req, this.runtime.access, caseworker);
    return this.command(planId, 'reassign', body, req, res);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (service.ts). */
  @Allow(...CASEWORK)
  @Post(':planId/:command')
  @ScopedTo(PLAN_FACTS, 'planId')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  // the answer is the plan view, the child's details with it
  @AuditedRead('plan', { literalParams: ['command'] })
  async command(@Param('planId') planIdRaw: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const definition = commandNamed(PLAN_COMMANDS, name);
    const parsed = definition.read(body);
    const { on, expectedRevision } = parsed;
    const warning = deprecationWarning(parsed.deprecated, definition.deprecatedAliases);
    if (warning) res.setHeader('warning', warning);
    const planId = this.planId(planIdRaw);
    const today = todayInLondon(this.clock);
    if ((await this.runtime.store.readStream(planStream(planId), { maxCount: 1 })).length === 0) throw problem(404, 'PlanNotFound', 'No such plan', `No plan ${planIdRaw}`);
    if (!onOrBefore(on, today)) throw ruleProblem('DateInFuture', `on ${on} is after today (${today}, Europe/London)`);
    const settings = await this.resolveSettings(definition.settingRefs(parsed.body));
    // the documents' ids go into the command now; their rows are written with its events, if it is not refused
    const { ids, documents } = documentsToWrite(parsed.documents);
    const context = { ...requestContext(req, on), expectedRevision };
    const command = parsed.build({ today, settings, policies: { earlyFinalisation: this.config.earlyFinalisation } }, ids);
    const result: Executed<RuleBroken> = await this.commands.execute(new ExecutePlanCommand(planId, command, context, documents));
    if (!result.ok) throw ruleProblem(result.error);
    return viewOnceApplied(res, this.planFiles, result, `/annual-reviews/${planId}`, () => this.view(planId));
  }

  /** Settings named by URN come from the directory; an unknown URN is refused, a name alone is taken as given. */
  private async resolveSettings(refs: SettingRef[]): Promise<Setting[]> {
    const known = await this.settings.byUrns(refs.map((r) => r.urn).filter((u): u is string => !!u));
    return refs.map((r) => {
      if (r.urn && !known.has(r.urn)) {
        throw problem(422, 'UnknownSetting', 'That setting is not in the settings directory', `URN ${r.urn}`, { errors: [{ field: r.field, rule: 'UnknownSetting', message: `URN ${r.urn} is not in the settings directory` }] });
      }
      return settingForPlan(r.urn, r.name ?? r.urn ?? '', r.urn ? known.get(r.urn) : null);
    });
  }

  private planId(id: string): string {
    if (!isUuid(id)) throw problem(404, 'PlanNotFound', 'No such plan', `${id} is not a plan id`);
    return id.toLowerCase();
  }

  private async view(planId: string) {
    const row = await this.runtime.dataSource.getRepository(PlanFile).findOneBy({ streamId: planStream(planId) });
    if (!row) return null;
    const [person, setting, notes, events] = await Promise.all([
      this.personal.person(row.childId),
      row.settingUrn ? this.settings.byUrn(row.settingUrn) : Promise.resolve(null),
      this.personal.texts(row.view.notes.map((n) => n.noteId)),
      this.runtime.store.readStream(planStream(planId)),
    ]);
    // what the plan allows now is the decider's to say, from the events (the read model may lag a command)
    const state = events.reduce((s, e) => evolve(s, e as unknown as Event), initialState());
    return { ...planView(row.view, person, setting, notes, todayInLondon(this.clock)), nextSteps: nextSteps(state) };
  }
}
