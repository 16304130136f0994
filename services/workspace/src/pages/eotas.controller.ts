import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import { inputId } from '../forms/steps';
import { doneTitle } from '../forms/tribunal-steps';
import { EOTAS_PROPOSAL_STEP, eotasPackageSteps } from '../forms/ey-eotas-steps';
import { checkRows, costRows, EOTAS_STATUS_WORDS, reviewDeadlineWords } from '../funding/ey-eotas';
import { FUNDING_PAGES, FUNDING_WORKERS, fundingHelpers } from '../funding/funding-pages';
import { optionsOf } from '../funding/words';
import { PageRefused, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { isFundingWorker, readRecord, sendStep, stepsShown, type RecordOutcome } from './funding-record-forms';
import { fieldErrorsOf, linkTo, listPage, paginationItems, textParam } from './list-query';
import { PageErrors } from './page-errors';

export const EOTAS_PAGE_SIZE = 25;
/** Domain §6: an EOTAS package is signed off by management, never by the officer who proposed it (the API refuses both). */
export const SIGN_OFF_ROLE = 'team-manager';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const API = '/funding/eotas-packages';

interface PackageItem {
  id: string; planId: string; childId: string; status: string; provider: { name: string; ukprn: string | null; unregulated: boolean };
  weeklyCostPence: number; startOn: CalendarDate; reviewDate: CalendarDate; deadlines: { review: { dueBy: CalendarDate; status: string } | null };
  checks: { required: boolean; done: string[]; outstanding: string[] };
}

const notFound = () => new PageRefused(404, 'EOTAS package not found', 'There is no such EOTAS package, or it is not one you may see.');

/**
 * EOTAS packages: the list (`GET /funding/eotas-packages`, the review due soonest first), a package
 * proposed, and a package's page with its forms (the sign-off offered to team managers only, never
 * to its proposer: the API refuses both whatever the page shows). Every call carries the signed-in
 * user's token.
 */
@ApiExcludeController()
@Page('EOTAS packages: read from and sent to the API with the signed-in user\'s token (the API decides who may see, propose and sign off)')
@UseFilters(PageErrors)
@Controller('high-needs/eotas')
export class EotasController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const status = typeof query.status === 'string' && Object.hasOwn(EOTAS_STATUS_WORDS, query.status) ? query.status : undefined;
    const planId = textParam(query['plan-id'], 40);
    const errors = planId && !UUID.test(planId) ? [{ text: 'EHC plan id must be the id the hub gives, like 8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b', href: '#plan-id' }] : [];
    const current = { status, 'plan-id': planId };
    const context = {
      title: 'EOTAS packages', section: 'funding-eotas', ...fundingHelpers, query: current, errors, fieldErrors: fieldErrorsOf(errors),
      statuses: [{ value: '', text: 'Any status' }, ...optionsOf(EOTAS_STATUS_WORDS)].map((o) => ({ ...o, selected: o.value === (status ?? '') })),
      mayChange: isFundingWorker(signedIn, FUNDING_WORKERS),
    };
    if (errors.length) return this.workspace.page(res.status(400), 'funding-eotas-packages.njk', { ...context, list: null }, signedIn);

    const { list, page, pages } = await listPage<{ asOf: CalendarDate; total: number; items: PackageItem[] }>(query.page, EOTAS_PAGE_SIZE, (p) => this.workspace.api.get(API, signedIn.session.accessToken, {
      status, 'plan-id': planId?.toLowerCase(), limit: EOTAS_PAGE_SIZE, offset: (p - 1) * EOTAS_PAGE_SIZE,
    }), 'the EOTAS packages');
    const rows = list.items.map((item) => ({ item, href: `${FUNDING_PAGES.eotas}/${encodeURIComponent(item.id)}`, review: reviewDeadlineWords(item.deadlines.review, list.asOf) }));
    return this.workspace.page(res, 'funding-eotas-packages.njk', {
      ...context, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo(FUNDING_PAGES.eotas, { ...current, page: String(p) })) : null,
    }, signedIn);
  }

  @Get('new')
  async newPackage(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.newForm(res, signedIn, null);
  }

  @Post('new')
  @HttpCode(200)
  async propose(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    return sendStep({
      workspace: this.workspace, signedIn, step: EOTAS_PROPOSAL_STEP, form: form ?? {}, path: API,
      done: (body) => {
        const id = (body as { id?: unknown } | null)?.id;
        return typeof id === 'string' ? `${FUNDING_PAGES.eotas}/${encodeURIComponent(id)}?done=${EOTAS_PROPOSAL_STEP.name}` : FUNDING_PAGES.eotas;
      },
      notFound, again: (status, failed) => this.newForm(res.status(status), signedIn, failed),
    });
  }

  @Get(':id')
  async package(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const view = await this.read(signedIn, id);
    return this.render(res, signedIn, view, { done: doneTitle([EOTAS_PROPOSAL_STEP, ...eotasPackageSteps(view)], done) });
  }

  @Post(':id/:step')
  @HttpCode(200)
  async takeStep(@Param('id') id: string, @Param('step') stepName: string, @Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const view = await this.read(signedIn, id);
    const step = eotasPackageSteps(view).find((s) => s.name === stepName);
    if (!step) throw new PageRefused(404, 'Page not found', 'That step does not exist.');
    return sendStep({
      workspace: this.workspace, signedIn, step, form: form ?? {}, path: `${API}/${view.id}/${step.name}`, revision: view.revision,
      done: () => `${FUNDING_PAGES.eotas}/${view.id}?done=${step.name}`, notFound,
      again: async (status, failed) => this.render(res.status(status), signedIn, await this.read(signedIn, id), { failed }),
    });
  }

  private newForm(res: Response, signedIn: SignedIn, failed: RecordOutcome['failed'] | null) {
    return this.workspace.page(res, 'funding-new-record.njk', {
      title: EOTAS_PROPOSAL_STEP.title, caption: 'EOTAS packages', section: 'funding-eotas', ...fundingHelpers, step: EOTAS_PROPOSAL_STEP, failed, inputId,
      action: `${FUNDING_PAGES.eotas}/new`, back: { href: FUNDING_PAGES.eotas, text: 'Back to the EOTAS packages' },
      errors: failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }

  private read(signedIn: SignedIn, id: string): Promise<any> {
    if (!UUID.test(id)) throw notFound();
    return readRecord<any>(this.workspace, signedIn, `${API}/${id}`, 'EOTAS package', notFound);
  }

  private async render(res: Response, signedIn: SignedIn, view: any, outcome: RecordOutcome) {
    const { session } = signedIn;
    const mayChange = isFundingWorker(signedIn, FUNDING_WORKERS);
    const isProposer = view.proposedBy === session.subject;
    const maySignOff = session.roles.includes(SIGN_OFF_ROLE) && !isProposer;
    // the sign-off is offered to a team manager who did not propose the package; the API checks both again
    const offered = ((view.nextSteps ?? []) as string[]).filter((name) => name !== 'approve' || maySignOff);
    const steps = mayChange ? stepsShown(eotasPackageSteps(view), offered, outcome) : [];
    const asOf = todayInLondon(this.workspace.options.clock);
    const { names } = await this.workspace.staffNames(session);
    return this.workspace.page(res, 'funding-eotas-package.njk', {
      section: 'funding-eotas', ...fundingHelpers, title: `EOTAS package: ${view.provider?.name ?? 'provider'}`, view, outcome, inputId, steps, mayChange,
      checks: checkRows(view.checks), costs: costRows(view.costHistory ?? []), review: reviewDeadlineWords(view.deadlines?.review ?? null, asOf),
      signOff: { awaiting: view.status === 'proposed', isProposer, maySignOff, isManager: session.roles.includes(SIGN_OFF_ROLE) },
      staff: (id: string | null) => (id ? names[id] ?? id : ''),
      errors: outcome.failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }
}
