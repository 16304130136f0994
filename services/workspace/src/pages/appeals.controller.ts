import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { daysBetween, type CalendarDate } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import { appealSteps, registerAppeal } from '../forms/tribunal-steps';
import { TRIBUNAL_PAGES, TribunalPages, tribunalHelpers } from '../tribunal/tribunal-pages';
import { APPEAL_STAGE_WORDS, APPEAL_TYPE_WORDS, inWords, OPEN_APPEAL_STAGES } from '../tribunal/words';
import { WORKSPACE, type Workspace } from '../workspace';
import { linkTo, listPage, paginationItems, requestedPage } from './list-query';
import { PageErrors } from './page-errors';

export const APPEALS_PAGE_SIZE = 25;
/** The list's choices: open or concluded, one stage, or every appeal. */
const STATUSES = ['open', 'concluded', 'any', ...Object.keys(APPEAL_STAGE_WORDS)];

interface AppealItem {
  id: string; decisionId: string; source: { service: string; id: string } | null; type: string; stage: string; registeredOn: CalendarDate;
  outcome: string | null; nextDeadline: { kind: string; due: CalendarDate; daysLeft?: number | null } | null;
}

/**
 * Appeals to the First-tier Tribunal (SEND): the list (`GET /appeals`), open ones by stage with the
 * next deadline each is waiting on; and an appeal's page (`GET /appeals/{id}`): its stage, grounds,
 * the authority's response, the hearing, the outcome and each order with its reg 44 steps, and one
 * form for each command the appeal allows now.
 */
@ApiExcludeController()
@Page('appeals: the rows and the appeal come from the API, called with the signed-in user\'s token (an appeal not theirs is the API\'s 404)')
@UseFilters(PageErrors)
@Controller('tribunal/appeals')
export class AppealsController {
  private readonly appeals: TribunalPages;

  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {
    this.appeals = new TribunalPages(workspace, {
      noun: 'appeal', template: 'tribunal-appeal.njk',
      api: (id) => `/appeals/${id}`, page: (id) => `${TRIBUNAL_PAGES.appeals}/${id}`,
      steps: (view) => appealSteps(view), arrivals: [registerAppeal('')],
      context: (view) => ({ section: 'appeals', title: `Appeal: ${inWords(APPEAL_TYPE_WORDS, view.type)}` }),
    });
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const current = {
      status: typeof query.status === 'string' && STATUSES.includes(query.status) ? query.status : 'open',
      type: typeof query.type === 'string' && query.type in APPEAL_TYPE_WORDS ? query.type : undefined,
    };
    const fetchPage = (page: number) => this.workspace.api.get('/appeals', signedIn.session.accessToken, {
      status: current.status === 'any' ? undefined : current.status, type: current.type, limit: APPEALS_PAGE_SIZE, offset: (page - 1) * APPEALS_PAGE_SIZE,
    });
    // the open appeals by stage: how many at each, each a link to its own list
    const [first, ...atStages] = await Promise.all([
      fetchPage(requestedPage(query.page)),
      ...OPEN_APPEAL_STAGES.map((stage) => this.workspace.api.get('/appeals', signedIn.session.accessToken, { status: stage, type: current.type, limit: 1 })),
    ]);
    const { list, page, pages } = await listPage<{ asOf: CalendarDate; total: number; items: AppealItem[] }>(query.page, APPEALS_PAGE_SIZE, fetchPage, 'the appeals', first);
    const byStage = OPEN_APPEAL_STAGES.map((stage, i) => ({
      stage, words: APPEAL_STAGE_WORDS[stage], total: atStages[i].status === 200 ? (atStages[i].body as { total: number }).total : null,
      href: linkTo(TRIBUNAL_PAGES.appeals, { ...current, status: stage }), current: current.status === stage,
    }));
    const rows = list.items.map((item) => ({
      item, href: `${TRIBUNAL_PAGES.appeals}/${encodeURIComponent(item.id)}`,
      nextDays: item.nextDeadline ? item.nextDeadline.daysLeft ?? daysBetween(list.asOf, item.nextDeadline.due) : null,
    }));
    return this.workspace.page(res, 'tribunal-appeals.njk', {
      title: current.status === 'concluded' ? 'Appeals concluded' : current.status === 'any' ? 'Appeals' : current.status === 'open' ? 'Open appeals' : `Appeals: ${APPEAL_STAGE_WORDS[current.status].toLowerCase()}`,
      section: 'appeals', ...tribunalHelpers, query: current, byStage, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo(TRIBUNAL_PAGES.appeals, current, { page: String(p) })) : null,
      filtered: current.status !== 'open' || !!current.type, errors: [],
    }, signedIn);
  }

  @Get(':id')
  appeal(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.appeals.page(id, done, req, res);
  }

  @Post(':id/:step')
  @HttpCode(200)
  takeStep(@Param('id') id: string, @Param('step') step: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.appeals.takeStep(id, step, form, req, res);
  }
}
