import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { isUploadedFile } from '@ehc/host';
import { Page } from '@ehc/identity';
import type { ApiProblem } from '../hub-api';
import { inputId } from '../forms/steps';
import { doneTitle } from '../forms/tribunal-steps';
import { EY_APPLICATION_STEP, eyApplicationSteps } from '../forms/ey-eotas-steps';
import {
  amountWorking, decisionDeadlineWords, EY_STATUS_WORDS, paymentRows, profileRows, rateRows, type DecisionDeadline, type EyRate,
} from '../funding/ey-eotas';
import { FUNDING_PAGES, FUNDING_WORKERS, fundingHelpers } from '../funding/funding-pages';
import { optionsOf } from '../funding/words';
import { DOMAINS } from '../valuing-send';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { matrixProblemErrors } from './banding.controller';
import { isFundingWorker, readRecord, sendStep, stepsShown, type RecordOutcome } from './funding-record-forms';
import { fieldErrorsOf, linkTo, listOrRefuse, listPage, paginationItems, textParam } from './list-query';
import { PageErrors } from './page-errors';

export const EY_PAGE_SIZE = 25;
/** The path of the rates table's upload form: a page path that takes a multipart body (workspace.module.ts). */
export const EY_RATES_UPLOAD_PATH = FUNDING_PAGES.earlyYearsRates;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URN = /^(EY)?[0-9]{5,8}$/i;
const API = '/funding/ey-inclusion/applications';

interface ApplicationItem {
  id: string; childId: string; settingUrn: string; status: string; appliedOn: CalendarDate; hoursPerWeek: number; weeks: number;
  deadlines: { decision: DecisionDeadline };
}

const notFound = () => new PageRefused(404, 'Application not found', 'There is no such application for early years inclusion funding, or it is not one you may see.');

/**
 * Early years inclusion funding: the applications (`GET /funding/ey-inclusion/applications`, the
 * decision due soonest first), an application entered from the setting's form, an application's
 * page with one form for each command it takes now (its `nextSteps`), and the rates table with its
 * CSV import. Every call carries the signed-in user's token: the API decides who may see and act.
 */
@ApiExcludeController()
@Page('early years inclusion funding: the applications and the rates table come from the API, called with the signed-in user\'s token (the API decides who may see and change them)')
@UseFilters(PageErrors)
@Controller('high-needs/early-years')
export class EyInclusionController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const status = typeof query.status === 'string' && Object.hasOwn(EY_STATUS_WORDS, query.status) ? query.status : undefined;
    const urn = textParam(query['setting-urn'], 20);
    const errors = urn && !URN.test(urn) ? [{ text: 'Setting URN must be its Ofsted URN (like EY123456) or its UKPRN (8 digits)', href: '#setting-urn' }] : [];
    const current = { status, 'setting-urn': urn };
    const context = {
      title: 'Early years inclusion funding', section: 'funding-ey', ...fundingHelpers, query: current, errors, fieldErrors: fieldErrorsOf(errors),
      statuses: [{ value: '', text: 'Any status' }, ...optionsOf(EY_STATUS_WORDS)].map((o) => ({ ...o, selected: o.value === (status ?? '') })),
      mayChange: isFundingWorker(signedIn, FUNDING_WORKERS),
    };
    if (errors.length) return this.workspace.page(res.status(400), 'funding-ey-applications.njk', { ...context, list: null }, signedIn);

    const { list, page, pages } = await listPage<{ asOf: CalendarDate; total: number; items: ApplicationItem[] }>(query.page, EY_PAGE_SIZE, (p) => this.workspace.api.get(API, signedIn.session.accessToken, {
      status, 'setting-urn': urn?.toUpperCase(), limit: EY_PAGE_SIZE, offset: (p - 1) * EY_PAGE_SIZE,
    }), 'the applications');
    const rows = list.items.map((item) => ({ item, href: `${FUNDING_PAGES.earlyYears}/${encodeURIComponent(item.id)}`, deadline: decisionDeadlineWords(item.deadlines.decision, list.asOf) }));
    return this.workspace.page(res, 'funding-ey-applications.njk', {
      ...context, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo(FUNDING_PAGES.earlyYears, { ...current, page: String(p) })) : null,
    }, signedIn);
  }

  @Get('new')
  async newApplication(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.newForm(res, signedIn, null);
  }

  @Post('new')
  @HttpCode(200)
  async apply(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    return sendStep({
      workspace: this.workspace, signedIn, step: EY_APPLICATION_STEP, form: form ?? {}, path: API,
      done: (body) => {
        const id = (body as { id?: unknown } | null)?.id;
        return typeof id === 'string' ? `${FUNDING_PAGES.earlyYears}/${encodeURIComponent(id)}?done=${EY_APPLICATION_STEP.name}` : FUNDING_PAGES.earlyYears;
      },
      notFound, again: (status, failed) => this.newForm(res.status(status), signedIn, failed),
    });
  }

  @Get('rates')
  async rates(@Query('added') added: unknown, @Query('unchanged') unchanged: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const count = (value: unknown) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null);
    const imported = count(added) !== null ? { added: count(added), unchanged: count(unchanged) ?? 0 } : null;
    return this.ratesPage(res, signedIn, { imported });
  }

  @Post('rates')
  @HttpCode(200)
  async uploadRates(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    // before anything is read from the form, and before the file goes anywhere
    this.workspace.checkCsrf(req, signedIn.session);
    const file = form?.file;
    if (!isUploadedFile(file) || file.bytes === 0) {
      return this.ratesPage(res.status(400), signedIn, { errors: [{ text: isUploadedFile(file) && file.filename ? 'The selected file is empty' : 'Select a CSV file', href: '#file' }] });
    }
    const answer = await this.workspace.api.postCsv('/funding/ey-inclusion/rates', signedIn.session.accessToken, file.text, 60_000);
    if (answer.status === 200) {
      const { added, unchanged } = answer.body as { added: number; unchanged: number };
      throw new RedirectTo(`${FUNDING_PAGES.earlyYearsRates}?added=${added}&unchanged=${unchanged}`);
    }
    if (answer.status === 403) throw new PageRefused(403, 'You cannot import the rates table', 'The early years inclusion rates are imported by the funding team and team managers.');
    if (answer.status >= 400 && answer.status < 500) return this.ratesPage(res.status(answer.status === 409 ? 409 : answer.status === 422 ? 422 : 400), signedIn, { errors: matrixProblemErrors(answer.body as ApiProblem) });
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The rates may not have been imported. Try again later: importing the same file again changes nothing already imported.');
  }

  @Get(':id')
  async application(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { view, rates, asOf } = await this.read(signedIn, id);
    return this.render(res, signedIn, view, rates, asOf, { done: doneTitle([EY_APPLICATION_STEP, ...eyApplicationSteps(view, rates, asOf)], done) });
  }

  @Post(':id/:step')
  @HttpCode(200)
  async takeStep(@Param('id') id: string, @Param('step') stepName: string, @Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const { view, rates, asOf } = await this.read(signedIn, id);
    const step = eyApplicationSteps(view, rates, asOf).find((s) => s.name === stepName);
    if (!step) throw new PageRefused(404, 'Page not found', 'That step does not exist.');
    return sendStep({
      // the revision the officer saw: an application changed since is a 409, shown as it is now
      workspace: this.workspace, signedIn, step, form: form ?? {}, path: `${API}/${view.id}/${step.name}`, revision: view.revision,
      done: () => `${FUNDING_PAGES.earlyYears}/${view.id}?done=${step.name}`, notFound,
      again: async (status, failed) => {
        const now = await this.read(signedIn, id);
        return this.render(res.status(status), signedIn, now.view, now.rates, now.asOf, { failed });
      },
    });
  }

  private newForm(res: Response, signedIn: SignedIn, failed: RecordOutcome['failed'] | null) {
    return this.workspace.page(res, 'funding-new-record.njk', {
      title: EY_APPLICATION_STEP.title, caption: 'Early years inclusion funding', section: 'funding-ey', ...fundingHelpers, step: EY_APPLICATION_STEP, failed, inputId,
      action: `${FUNDING_PAGES.earlyYears}/new`, back: { href: FUNDING_PAGES.earlyYears, text: 'Back to the applications' },
      errors: failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }

  private async ratesPage(res: Response, signedIn: SignedIn, outcome: { errors?: { text: string; href: string }[]; imported?: { added: number | null; unchanged: number } | null }) {
    const table = listOrRefuse<{ asOf: CalendarDate; rates: EyRate[] }>(await this.workspace.api.get('/funding/ey-inclusion/rates', signedIn.session.accessToken), 'the rates table');
    return this.workspace.page(res, 'funding-ey-rates.njk', {
      title: 'Early years inclusion rates', section: 'funding-ey', ...fundingHelpers, asOf: table.asOf, rows: rateRows(table.rates, table.asOf),
      // the file's first fault beside it; every fault in the summary
      errors: outcome.errors ?? [], fieldErrors: fieldErrorsOf((outcome.errors ?? []).slice(0, 1)), imported: outcome.imported ?? null,
      mayImport: isFundingWorker(signedIn, FUNDING_WORKERS), action: EY_RATES_UPLOAD_PATH,
    }, signedIn);
  }

  private async read(signedIn: SignedIn, id: string): Promise<{ view: any; rates: EyRate[]; asOf: CalendarDate }> {
    if (!UUID.test(id)) throw notFound();
    const token = signedIn.session.accessToken;
    const [view, table] = await Promise.all([
      readRecord<any>(this.workspace, signedIn, `${API}/${id}`, 'application', notFound),
      this.workspace.api.get<{ asOf: CalendarDate; rates: EyRate[] }>('/funding/ey-inclusion/rates', token),
    ]);
    const ok = table.status === 200 ? table.body : null;
    // the application's view has no date of its own: the rates table's is the API's today
    return { view, rates: ok?.rates ?? [], asOf: ok?.asOf ?? todayInLondon(this.workspace.options.clock) };
  }

  private render(res: Response, signedIn: SignedIn, view: any, rates: EyRate[], asOf: CalendarDate, outcome: RecordOutcome) {
    const mayChange = isFundingWorker(signedIn, FUNDING_WORKERS);
    const steps = mayChange ? stepsShown(eyApplicationSteps(view, rates, asOf), view.nextSteps ?? [], outcome) : [];
    const decision = view.decision?.outcome === 'approved' ? { ...view.decision, working: amountWorking(view.decision, view.hoursPerWeek, view.weeks) } : view.decision;
    return this.workspace.page(res, 'funding-ey-application.njk', {
      section: 'funding-ey', ...fundingHelpers, title: 'Application for early years inclusion funding', view, outcome, inputId, steps, mayChange, asOf, decision,
      deadline: decisionDeadlineWords(view.deadlines.decision, asOf), payments: paymentRows(view.payments ?? []), profile: profileRows(DOMAINS, view.needsProfile),
      ratesEmpty: rates.length === 0,
      errors: outcome.failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }
}
