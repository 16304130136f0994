import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import { financialYearOf, parseFinancialYear, penceToPounds, poundsToPence } from '@ehc/money';
import type { ApiProblem } from '../hub-api';
import { dateParts, readDate } from '../forms/date-input';
import {
  financialYearChoices, financialYearWords, forecastTables, scheduleBySetting, varianceWords, type ForecastRow, type ForecastTotals, type ScheduleLine,
} from '../funding/figures';
import { FUNDING_PAGES, fundingHelpers } from '../funding/funding-pages';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { fieldErrorsOf, listOrRefuse, textParam } from './list-query';
import { PageErrors } from './page-errors';

/** Who may enter the budget (`POST /funding/budgets`): the others see the forecast without the form. */
const BUDGET_SETTERS = ['funding-officer', 'team-manager', 'finance'];
const DOWNLOADS = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/**
 * What finance reads: a financial year's payment schedule (`GET /funding/schedule`) by setting type
 * and by setting, with the CSV and the workbook to download; and the high-needs forecast as at a
 * date (`GET /funding/forecast`) by setting type and band against the budget, with the form that
 * enters the budget (`POST /funding/budgets`). Every figure is the API's, in pounds to the penny.
 */
@ApiExcludeController()
@Page('the schedule and the forecast: read from the API with the signed-in user\'s token (the API decides who may read them and set the budget)')
@UseFilters(PageErrors)
@Controller('high-needs')
export class FundingFinanceController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  /** The year asked for, or the current one; a year that is not one is an error beside its select. */
  private year(value: unknown): { fy: string; current: string; fault?: string } {
    const current = financialYearOf(todayInLondon(this.workspace.options.clock));
    const given = textParam(value, 7);
    if (!given) return { fy: current, current };
    const parsed = parseFinancialYear(given);
    return parsed.ok ? { fy: parsed.value, current } : { fy: current, current, fault: 'Financial year must be a year such as 2026-27' };
  }

  private yearItems(fy: string, current: string) {
    const choices = financialYearChoices(current);
    return (choices.includes(fy) ? choices : [fy, ...choices]).map((value) => ({ value, text: financialYearWords(value), selected: value === fy }));
  }

  @Get('schedule')
  async schedule(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { fy, current, fault } = this.year(query.fy);
    const errors = fault ? [{ text: fault, href: '#fy' }] : [];
    const context = { title: 'Payment schedule', section: 'funding-schedule', ...fundingHelpers, fy, year: financialYearWords(fy), years: this.yearItems(fy, current), errors, fieldErrors: fieldErrorsOf(errors) };
    if (errors.length) return this.workspace.page(res.status(400), 'funding-schedule.njk', { ...context, schedule: null }, signedIn);
    const schedule = listOrRefuse<{ fy: string; asAt: CalendarDate; lines: ScheduleLine[]; totals: { pence: number; bySettingType: { settingType: string; pence: number }[] } }>(
      await this.workspace.api.get('/funding/schedule', signedIn.session.accessToken, { fy }), 'the payment schedule');
    return this.workspace.page(res, 'funding-schedule.njk', {
      ...context, schedule, bySetting: scheduleBySetting(schedule.lines),
      downloads: { csv: `${FUNDING_PAGES.schedule}/download?fy=${fy}&format=csv`, xlsx: `${FUNDING_PAGES.schedule}/download?fy=${fy}&format=xlsx` },
    }, signedIn);
  }

  /** The schedule as the API's CSV or workbook, handed on with its type and file name. */
  @Get('schedule/download')
  async download(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const { session } = await this.workspace.signedIn(req);
    const { fy, fault } = this.year(query.fy);
    const format = query.format === 'csv' || query.format === 'xlsx' ? query.format : null;
    if (fault || !format || !query.fy) throw new PageRefused(404, 'Page not found', 'A schedule is downloaded as CSV or XLSX for a financial year such as 2026-27.');
    const file = await this.workspace.api.download('/funding/schedule', session.accessToken, { fy, format });
    if (file.status === 403) throw new PageRefused(403, 'You cannot download the payment schedule', 'Your role does not allow it. Ask your team manager if you need it.');
    if (file.status !== 200) throw new PageRefused(502, 'The payment schedule could not be downloaded', 'The hub did not answer as expected. Try again later.');
    res.status(200).setHeader('content-type', file.contentType ?? DOWNLOADS[format]);
    res.setHeader('content-disposition', file.disposition ?? `attachment; filename="high-needs-schedule-${fy}.${format}"`);
    res.setHeader('cache-control', 'no-store');
    res.send(file.bytes);
  }

  @Get('forecast')
  async forecast(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.renderForecast(res, signedIn, query, {});
  }

  @Post('forecast/budget')
  @HttpCode(200)
  async setBudget(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const { fy, fault } = this.year(form?.fy);
    const typed = textParam(form?.budget, 30) ?? '';
    const pence = poundsToPence(typed);
    const again = (status: number, text: string) => this.renderForecast(res.status(status), signedIn, { fy, 'as-at': form?.['as-at'] }, { budget: typed, errors: [{ text, href: '#budget' }] });
    if (fault) throw new PageRefused(400, 'Financial year not known', fault);
    if (!typed) return again(400, 'Enter the budget for the year, in pounds');
    if (!pence.ok) return again(400, 'Budget must be an amount in pounds and pence, like 42500000 or 42,500,000.00');
    const answer = await this.workspace.api.post('/funding/budgets', signedIn.session.accessToken, { fy, totalPence: pence.value });
    if (answer.status === 200 || answer.status === 201) {
      const asAt = textParam(form?.['as-at'], 10);
      throw new RedirectTo(`${FUNDING_PAGES.forecast}?fy=${fy}${asAt && /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? `&as-at=${asAt}` : ''}&done=budget`);
    }
    if (answer.status === 403) throw new PageRefused(403, 'You cannot enter the budget', 'The high-needs budget is entered by the funding team, team managers and finance.');
    if (answer.status >= 400 && answer.status < 500) {
      const problem = answer.body as ApiProblem;
      return again(answer.status === 409 ? 409 : 400, problem?.errors?.map((e) => e.message).filter(Boolean).join('; ') || problem?.title || 'The hub refused the budget');
    }
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The budget was not entered. Try again later.');
  }

  private async renderForecast(res: Response, signedIn: SignedIn, query: Record<string, unknown>, outcome: { budget?: string; errors?: { text: string; href: string }[] }) {
    const { fy, current, fault } = this.year(query.fy);
    // the as-at date: typed in the date input's three boxes, or carried in a link as YYYY-MM-DD
    const typed = { day: textParam(query['as-at-day'], 2) ?? '', month: textParam(query['as-at-month'], 2) ?? '', year: textParam(query['as-at-year'], 4) ?? '' };
    const carried = textParam(query['as-at'], 10);
    const asAtTyped = typed.day || typed.month || typed.year;
    const read = asAtTyped ? readDate(typed, 'the date to forecast as at') : null;
    const errors = [
      ...(fault ? [{ text: fault, href: '#fy' }] : []),
      ...(read && !read.ok ? [{ text: read.message, href: `#as-at-${read.part}` }] : []),
      ...(outcome.errors ?? []),
    ];
    const asAt = read?.ok ? read.date : carried && /^\d{4}-\d{2}-\d{2}$/.test(carried) ? carried : undefined;
    const context = {
      title: 'High-needs forecast', section: 'funding-forecast', ...fundingHelpers, fy, year: financialYearWords(fy), years: this.yearItems(fy, current),
      asAtParts: asAtTyped ? typed : dateParts(asAt), asAtError: read && !read.ok ? { text: read.message } : null, asAt,
      errors, fieldErrors: fieldErrorsOf(errors), budgetTyped: outcome.budget, done: query.done === 'budget',
      maySetBudget: BUDGET_SETTERS.some((r) => signedIn.session.roles.includes(r)),
    };
    if (fault || (read && !read.ok)) return this.workspace.page(res.status(400), 'funding-forecast.njk', { ...context, forecast: null }, signedIn);
    const forecast = listOrRefuse<{ fy: string; asAt: CalendarDate; budget: { totalPence: number; setOn?: CalendarDate } | null; totals: ForecastTotals & { spentPence: number; committedPence: number }; rows: ForecastRow[] }>(
      await this.workspace.api.get('/funding/forecast', signedIn.session.accessToken, { fy, 'as-at': asAt }), 'the forecast');
    return this.workspace.page(res, 'funding-forecast.njk', {
      ...context, forecast, tables: forecastTables(forecast.rows), variance: varianceWords(forecast.totals, fy),
      // the budget as it was entered, to revise it: pounds as text, never through a float
      budgetPounds: forecast.budget ? penceToPounds(forecast.budget.totalPence) : '',
      asAtParts: asAtTyped ? typed : dateParts(forecast.asAt),
    }, signedIn);
  }
}
