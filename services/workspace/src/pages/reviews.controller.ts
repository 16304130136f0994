import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { daysBetween, type CalendarDate } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import { WORKSPACE, type Workspace } from '../workspace';
import { fieldErrorsOf, linkTo, listPage, paginationItems, textParam, wholeNumber } from './list-query';
import { PageErrors } from './page-errors';

export const REVIEWS_PAGE_SIZE = 25;

/** The plan statuses the API filters by, in words ("active" is every plan not ceased or closed). */
export const PLAN_STATUS_WORDS: Record<string, string> = {
  active: 'Active (not ceased or closed)', maintained: 'Maintained', 'review-in-progress': 'Review in progress',
  'amendment-in-progress': 'Amendment in progress', 'cease-proposed': 'Cease proposed', 'cease-decided': 'Cease decided', ceased: 'Ceased', closed: 'Closed',
};

interface PlanItem {
  planId: string; reference: string; status: string; caseworker: string | null;
  setting: { urn: string | null; name: string } | null;
  child: { givenName?: string | null; familyName?: string | null; erased?: boolean };
  nextReviewDue: CalendarDate | null; overdue: boolean;
}

/**
 * Reviews due and overdue: the API's list of plans (`GET /annual-reviews`), filtered and paged by
 * the API (limit and offset), one row a plan with its next review date and the days left or late.
 */
@ApiExcludeController()
@Page('reviews due and overdue: the rows come from the API\'s list, called with the signed-in user\'s token')
@UseFilters(PageErrors)
@Controller('reviews')
export class ReviewsController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async reviews(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { session } = signedIn;
    const manager = session.roles.includes('team-manager');
    const current = {
      within: textParam(query.within, 10), overdue: query.overdue === 'yes' ? 'yes' : undefined, setting: textParam(query.setting, 20),
      status: typeof query.status === 'string' && query.status in PLAN_STATUS_WORDS ? query.status : undefined,
      caseworker: manager ? textParam(query.caseworker) : undefined, q: textParam(query.q, 200),
    };
    const within = wholeNumber(current.within, { min: 0, max: 3660 });
    const errors = [
      ...(within.fault ? [{ text: `Due within how many days must be ${within.fault}`, href: '#within' }] : []),
      ...(current.setting && !/^\d{5,8}$/.test(current.setting) ? [{ text: 'Setting URN must be the 5 to 8 digits of a URN, like 120345', href: '#setting' }] : []),
    ];
    const context = { title: 'Reviews due and overdue', section: 'reviews', manager, query: current, statusWords: PLAN_STATUS_WORDS, errors, fieldErrors: fieldErrorsOf(errors) };
    if (errors.length) return this.workspace.page(res.status(400), 'reviews.njk', { ...context, list: null }, signedIn);

    const { list, page, pages } = await listPage<{ asOf: CalendarDate; total: number; items: PlanItem[] }>(query.page, REVIEWS_PAGE_SIZE, (p) => this.workspace.api.get('/annual-reviews', session.accessToken, {
      'due-within-days': within.value, overdue: current.overdue ? 'true' : undefined, setting: current.setting, status: current.status ?? 'active',
      caseworker: current.caseworker, q: current.q, limit: REVIEWS_PAGE_SIZE, offset: (p - 1) * REVIEWS_PAGE_SIZE,
    }), 'the reviews due');
    const rows = list.items.map((item) => ({
      ...item,
      child: item.child.erased ? '(details erased)' : `${item.child.givenName ?? ''} ${item.child.familyName ?? ''}`.trim(),
      daysLeft: item.nextReviewDue ? daysBetween(list.asOf, item.nextReviewDue) : null,
    }));
    return this.workspace.page(res, 'reviews.njk', {
      ...context, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo('/reviews', current, { page: String(p) })) : null,
      filtered: Object.values(current).some(Boolean),
    }, signedIn);
  }
}
