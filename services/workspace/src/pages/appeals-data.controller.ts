import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { todayInLondon } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import { figuresOf, lastTwelveMonths, monthWords } from '../tribunal/figures';
import { tribunalHelpers } from '../tribunal/tribunal-pages';
import { WORKSPACE, type Workspace } from '../workspace';
import { fieldErrorsOf, listOrRefuse, textParam } from './list-query';
import { PageErrors } from './page-errors';

/** A month typed as its month and year boxes, as YYYY-MM, or what is wrong in words. */
export function readMonth(month: string | undefined, year: string | undefined, label: string): { month?: string; fault?: string } {
  if (!month && !year) return {};
  if (!month || !year) return { fault: `${label} must include a ${!month ? 'month' : 'year'}` };
  if (!/^\d{1,2}$/.test(month) || Number(month) < 1 || Number(month) > 12 || !/^\d{4}$/.test(year)) return { fault: `${label} must be a real month, like 4 2026` };
  return { month: `${year}-${month.padStart(2, '0')}` };
}

/**
 * Appeals data for the monthly meeting (`GET /appeals/stats?from&to`): the figures the API gives
 * for a range of months, as GOV.UK tables. The first view is the last twelve months.
 */
@ApiExcludeController()
@Page('appeals data: the figures come from the API, called with the signed-in user\'s token')
@UseFilters(PageErrors)
@Controller('tribunal/appeals-data')
export class AppealsDataController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async figures(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const given = Object.fromEntries(['from-month', 'from-year', 'to-month', 'to-year'].map((k) => [k, textParam(query[k], 4)]));
    const from = readMonth(given['from-month'], given['from-year'], 'From');
    const to = readMonth(given['to-month'], given['to-year'], 'To');
    const first = lastTwelveMonths(todayInLondon(this.workspace.options.clock));
    const range = { from: from.month ?? first.from, to: to.month ?? first.to };
    const errors = [
      ...(from.fault ? [{ text: from.fault, href: '#from-month' }] : []),
      ...(to.fault ? [{ text: to.fault, href: '#to-month' }] : []),
      ...(!from.fault && !to.fault && range.to < range.from ? [{ text: 'To must be the same month as From or after it', href: '#to-month' }] : []),
    ];
    const shown = { 'from-month': String(Number(range.from.slice(5))), 'from-year': range.from.slice(0, 4), 'to-month': String(Number(range.to.slice(5))), 'to-year': range.to.slice(0, 4) };
    const context = {
      title: 'Appeals data', section: 'appeals-data', ...tribunalHelpers, errors, fieldErrors: fieldErrorsOf(errors),
      values: errors.length ? given : shown,
    };
    if (errors.length) return this.workspace.page(res.status(400), 'tribunal-appeals-data.njk', { ...context, figures: null }, signedIn);
    const stats = listOrRefuse<Record<string, unknown>>(await this.workspace.api.get('/appeals/stats', signedIn.session.accessToken, range), 'the appeals data');
    return this.workspace.page(res, 'tribunal-appeals-data.njk', {
      ...context, months: `${monthWords(range.from)} to ${monthWords(range.to)}`, asOf: stats.asOf, figures: figuresOf(stats),
    }, signedIn);
  }
}
