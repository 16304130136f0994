import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { newId } from '@ehc/domain-kernel';
import { LIST_LIMIT, LIST_OFFSET, problem, QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { AuditedRead, auditSubjects } from '@ehc/audit';
import type { ProjectionRunner } from '@ehc/messaging';
import { OpenWindowBody, readOpenWindowBody } from './bodies';
import { TribunalRecords } from './tribunal-records';
import { windowView } from './views';
import { windowsMatching, WINDOW_STATUSES } from '../infrastructure/queries/windows';
import type { TribunalSettings } from '../config';
import { renderTribunalLetter } from './letters';

export const TRIBUNAL_SETTINGS = Symbol('TRIBUNAL_SETTINGS');

export const TRIBUNAL_RECORDS = Symbol('TRIBUNAL_RECORDS');
export const APPEALS_DATA_RUNNER = Symbol('APPEALS_DATA_RUNNER');

/** Who works on disagreements: the tribunal team, and the caseworkers and managers whose decisions are disputed. */
export const TRIBUNAL_WORK = ['tribunal-officer', 'team-manager', 'caseworker'] as const;
export const WHY_NOT_SCOPED = 'the tribunal team works every disagreement across the service\'s teams; outside parties have no route here';

@ApiTags('appeal-windows')
@Allow(...TRIBUNAL_WORK)
@Controller('appeal-windows')
export class AppealWindowsController {
  constructor(
    @Inject(TRIBUNAL_RECORDS) private readonly records: TribunalRecords,
    @Inject(APPEALS_DATA_RUNNER) private readonly appealsData: ProjectionRunner,
    @Inject(TRIBUNAL_SETTINGS) private readonly settings: TribunalSettings,
  ) {}

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'Appeal windows, soonest to close first: open (no appeal registered, the deadline not passed today, Europe/London), closed, or closing within N days; by the case or plan they came from' })
  @ApiQuery({ name: 'source-id', required: false, description: 'the needs-assessment case id or annual-review plan id (or the LA\'s reference for a decision before the hub)' })
  @ApiQuery({ name: 'status', required: false, enum: WINDOW_STATUSES })
  @ApiQuery({ name: 'closing-within-days', required: false, schema: { type: 'integer', minimum: 0, maximum: 366 } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ asOf, total, items: [{ decisionId, source, childId, child, decisionType, letterOn, certificateOn, status, deadlines: { mediationContact, appeal }, href }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed: the problem names it' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const sourceId = q.text('source-id', { maxLength: 100 });
    const status = q.oneOf('status', WINDOW_STATUSES);
    const closingWithinDays = q.integer('closing-within-days', { min: 0, max: 366 });
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    return windowsMatching(this.records.runtime.dataSource, this.records.runtime.schema, { sourceId, status, closingWithinDays, limit: limit!, offset: offset! }, this.records.today());
  }

  @Allow('tribunal-officer', 'team-manager')
  @Post()
  @HttpCode(201)
  @AuditedRead('list')
  @ApiOperation({ summary: 'Open an appeal window by hand, for a decision made before the hub (windows of the hub\'s own decisions open by themselves from their letters)' })
  @ApiBody({ schema: OpenWindowBody as unknown as Record<string, unknown> })
  @ApiCreatedResponse({ description: '{ id } (the decisionId) and the window with its deadlines; Location: /appeal-windows/{id}' })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field and rule' })
  @ApiResponse({ status: 409, description: 'WindowAlreadyOpen: a window with that decisionId is open' })
  @ApiResponse({ status: 422, description: 'DateInFuture (letterOn or certificateOn after today), CertificateBeforeLetter' })
  async open(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { value } = readOpenWindowBody(body);
    this.records.notInFuture(value.letterOn, 'letterOn');
    if (value.certificateOn) this.records.notInFuture(value.certificateOn, 'certificateOn');
    const decisionId = (value.decisionId ?? newId()).toLowerCase();
    const result = await this.records.run(decisionId, {
      type: 'OpenAppealWindow',
      data: {
        decisionId, source: value.source ?? { service: 'before-the-hub', id: decisionId }, childId: value.childId ?? null, decisionType: value.decisionType, letterOn: value.letterOn, letterId: null,
        recipient: value.recipient ?? 'parent', openedBy: 'by-hand', certificateOn: value.certificateOn ?? null, today: this.records.today(),
      },
    }, req, value.letterOn, { dateField: 'letterOn' });
    res.setHeader('Location', `/appeal-windows/${decisionId}`);
    return this.records.answer(res, result, `/appeal-windows/${decisionId}`, async () => ({ id: decisionId, ...(await this.view(decisionId, req)) }));
  }

  @Allow('administrator')
  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild the appeal windows, mediations, appeals, orders, deadlines and timelines from event zero' })
  rebuild() {
    return this.appealsData.rebuild();
  }

  @Get(':decisionId')
  @NotScoped(WHY_NOT_SCOPED)
  @AuditedRead('person')
  @ApiOperation({ summary: 'An appeal window: the decision and its letter, the family\'s mediation-adviser contact deadline (reg 33: 2 months) and the appeal deadline (TR r.20, r.12: the later of letter + 2 months and certificate + 1 month, with the adjustment explained), its mediations and appeals' })
  @ApiResponse({ status: 200, description: '{ decisionId, source: { service, id }, decisionType, letterOn, certificateOn, status, deadlines: { mediationContact: { due, done, … }, appeal: { due, done, unadjusted, adjustment, … } }, mediations, appeals }' })
  @ApiResponse({ status: 404, description: 'No such appeal window' })
  async get(@Param('decisionId') decisionId: string, @Req() req: Request) {
    return this.view(decisionId, req);
  }

  @Get(':decisionId/letters/:letterId')
  @NotScoped(WHY_NOT_SCOPED)
  @Header('content-type', 'text/html; charset=utf-8')
  @AuditedRead('person')
  @ApiOperation({ summary: 'A letter of the disagreement to the family (mediation arranged, the response to the tribunal\'s recommendations, confirmation of compliance), as HTML to open and print' })
  @ApiResponse({ status: 200, description: 'The letter, text/html' })
  @ApiResponse({ status: 404, description: 'No such letter' })
  async letter(@Param('decisionId') decisionId: string, @Param('letterId') letterId: string, @Req() req: Request) {
    const found = await this.records.disagreement(decisionId);
    const letter = found?.state.letters.find((l) => l.letterId === letterId);
    if (!found || !letter) throw problem(404, 'LetterNotFound', 'No such letter', `No letter ${letterId} on decision ${decisionId}`);
    auditSubjects(req, found.state.window?.childId ?? undefined);
    const person = found.state.window?.childId ? await this.records.personal.person(found.state.window.childId) : null;
    return renderTribunalLetter(letter, found.state, person, this.settings.authorityName);
  }

  private async view(decisionId: string, req: Request) {
    const found = await this.records.disagreement(decisionId);
    if (!found?.state.window) throw problem(404, 'AppealWindowNotFound', 'No such appeal window', `No appeal window ${decisionId}`);
    auditSubjects(req, found.state.window.childId ?? undefined);
    const view = windowView(found.state, this.records.today());
    return { ...view, letters: found.state.letters.map((l) => ({ ...l, href: `/appeal-windows/${view.decisionId}/letters/${l.letterId}` })), revision: found.revision };
  }
}
