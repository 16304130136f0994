import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CalendarDate } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import type { ApiProblem } from '../hub-api';
import { inputId, type FormError } from '../forms/steps';
import { planFundingSteps, type FundingStep } from '../forms/funding-steps';
import { doneTitle, tribunalBody } from '../forms/tribunal-steps';
import { commitmentRows, daysWaiting, waitWords, type BandRate } from '../funding/figures';
import { FUNDING_PAGES, FUNDING_WORKERS, fundingHelpers } from '../funding/funding-pages';
import { TRAYS, type Tray } from '../funding/words';
import { tribunalProblemErrors } from '../tribunal/tribunal-pages';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { fieldErrorsOf, linkTo, listOrRefuse, paginationItems, textParam } from './list-query';
import { PageErrors } from './page-errors';

export const PLANS_PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URN = /^[0-9A-Za-z-]{1,20}$/;

interface PlanItem {
  planId: string; reference: string | null; childId: string | null; status: string; awaitingSince: CalendarDate | null; source: string | null;
  setting: { urn: string | null; name: string | null; type: string | null }; band: string | null; annualPence: number | null;
}

/** What a plan's page shows after a form: the command taken, or the form again with its errors. */
interface Outcome { done?: string | null; failed?: { step: string; errors: FormError[]; values: Record<string, unknown> } }

/**
 * The funding team's plans: the awaiting-funding tray (`GET /funding/plans?tray=awaiting-funding`,
 * the longest wait first) and the other trays; a plan's funding (`GET /funding/plans/{planId}`) with
 * its commitments by financial year, top-ups, placements, dual registration and personal budget; and
 * one form for each command the plan takes now (its `nextSteps`), each a POST to the API with the
 * signed-in user's token, its refusal shown in the rule's words beside its field.
 */
@ApiExcludeController()
@Page('plans\' funding: the trays and the plan come from the API, called with the signed-in user\'s token (the API decides who may see and change funding)')
@UseFilters(PageErrors)
@Controller('high-needs/plans')
export class FundingPlansController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async tray(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const tray = TRAYS.find((t) => t.tray === query.tray) ?? TRAYS[0];
    const urn = textParam(query['setting-urn'], 20);
    const errors = urn && !URN.test(urn) ? [{ text: 'Setting URN must be its URN or UKPRN: letters, digits and hyphens, like 120345', href: '#setting-urn' }] : [];
    const current = { tray: tray.tray as Tray, 'setting-urn': urn };
    const context = {
      title: tray.heading, section: 'funding-plans', ...fundingHelpers, query: current, errors, fieldErrors: fieldErrorsOf(errors),
      trays: TRAYS.map((t) => ({ ...t, href: linkTo(FUNDING_PAGES.plans, { tray: t.tray, 'setting-urn': errors.length ? undefined : urn }), current: t.tray === tray.tray })),
      tray,
    };
    if (errors.length) return this.workspace.page(res.status(400), 'funding-plans.njk', { ...context, list: null }, signedIn);

    const requested = Math.max(1, Math.min(Number(query.page) || 1, 10_000));
    const fetchPage = (page: number) => this.workspace.api.get('/funding/plans', signedIn.session.accessToken, {
      tray: tray.tray, 'setting-urn': urn, limit: PLANS_PAGE_SIZE, offset: (page - 1) * PLANS_PAGE_SIZE,
    });
    let list = listOrRefuse<{ asOf: CalendarDate; total: number; items: PlanItem[] }>(await fetchPage(requested), 'the plans');
    const pages = Math.max(1, Math.ceil(list.total / PLANS_PAGE_SIZE));
    // a page past the end (the tray emptied as plans were funded): the last one instead
    const page = Math.min(requested, pages);
    if (page !== requested) list = listOrRefuse(await fetchPage(page), 'the plans');
    const rows = list.items.map((item) => {
      const days = item.awaitingSince ? daysWaiting(item.awaitingSince, list.asOf) : null;
      return { item, href: `${FUNDING_PAGES.plans}/${encodeURIComponent(item.planId)}`, days, waitWords: days === null ? '' : waitWords(days) };
    });
    return this.workspace.page(res, 'funding-plans.njk', {
      ...context, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo(FUNDING_PAGES.plans, { ...current, page: String(p) })) : null,
    }, signedIn);
  }

  @Get(':planId')
  async plan(@Param('planId') planId: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { view, bands } = await this.read(signedIn, planId);
    return this.render(res, signedIn, view, bands, { done: doneTitle(planFundingSteps(view, bands, view.asOf), done) });
  }

  @Post(':planId/:step')
  @HttpCode(200)
  async takeStep(@Param('planId') planId: string, @Param('step') stepName: string, @Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const { view, bands } = await this.read(signedIn, planId);
    const step = planFundingSteps(view, bands, view.asOf).find((s) => s.name === stepName);
    if (!step) throw new PageRefused(404, 'Page not found', 'That step does not exist.');
    const { body, errors } = tribunalBody(step, form ?? {});
    if (errors.length) return this.render(res.status(400), signedIn, view, bands, { failed: { step: step.name, errors, values: form ?? {} } });
    // the revision the officer saw: a plan changed since (by another officer, or a plan ceasing) is a 409, shown as it is now
    const answer = await this.workspace.api.post(`/funding/plans/${planId}/${step.name}`, signedIn.session.accessToken, { ...body, expectedRevision: view.revision });
    if (answer.status === 200 || answer.status === 201) throw new RedirectTo(`${FUNDING_PAGES.plans}/${planId}?done=${step.name}`);
    if (answer.status === 404) throw notFound();
    if (answer.status >= 500 || answer.status < 400) throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
    const now = await this.read(signedIn, planId);
    return this.render(res.status(answer.status === 409 ? 409 : answer.status === 403 ? 403 : answer.status === 422 ? 422 : 400), signedIn, now.view, now.bands, {
      failed: { step: step.name, errors: tribunalProblemErrors(step, answer.body as ApiProblem), values: form ?? {} },
    });
  }

  private async read(signedIn: SignedIn, planId: string): Promise<{ view: any; bands: BandRate[] }> {
    if (!UUID.test(planId)) throw notFound();
    const token = signedIn.session.accessToken;
    const [found, matrix] = await Promise.all([this.workspace.api.get(`/funding/plans/${planId}`, token), this.workspace.api.get('/funding/bands', token)]);
    if (found.status === 404) throw notFound();
    if (found.status === 403) throw new PageRefused(403, 'You cannot see this plan\'s funding', (found.body as ApiProblem)?.detail ?? 'Your role does not allow it. Ask your team manager if you need it.');
    if (found.status !== 200) throw new PageRefused(502, 'This plan\'s funding could not be shown', (found.body as ApiProblem)?.title ?? 'The hub did not answer as expected. Try again later.');
    return { view: found.body, bands: matrix.status === 200 ? (matrix.body as { bands: BandRate[] }).bands : [] };
  }

  private render(res: Response, signedIn: SignedIn, view: any, bands: BandRate[], outcome: Outcome) {
    const all = planFundingSteps(view, bands, view.asOf);
    const mayChange = FUNDING_WORKERS.some((r) => signedIn.session.roles.includes(r));
    const offered = mayChange ? all.filter((s) => ((view.nextSteps as string[] | undefined) ?? []).includes(s.name)) : [];
    // a refused form stays on the page, even if the plan no longer offers it, so its errors have a field to stand beside
    const failedStep = outcome.failed && !offered.some((s) => s.name === outcome.failed!.step) ? all.find((s) => s.name === outcome.failed!.step) : undefined;
    const steps: FundingStep[] = failedStep ? [failedStep, ...offered] : offered;
    const topUps = (view.topUps ?? []) as { endReason: string | null }[];
    const running = topUps.length && topUps[topUps.length - 1].endReason === null ? topUps[topUps.length - 1] : null;
    return this.workspace.page(res, 'funding-plan.njk', {
      section: 'funding-plans', ...fundingHelpers, title: `Funding for plan ${view.reference ?? view.planId}`, view, outcome, inputId, steps, mayChange,
      running, commitments: commitmentRows(view.commitmentsByYear), matrixEmpty: bands.length === 0, settingNames: settingNamesOf(view),
      waiting: view.awaitingFunding ? waitWords(daysWaiting(view.awaitingFunding.since, view.asOf)) : null,
      errors: outcome.failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }
}

/** The names the plan's funding knows for its settings' URNs: a top-up names only the URN. */
function settingNamesOf(view: any): Record<string, string> {
  const names: Record<string, string> = {};
  const add = (urn: unknown, name: unknown) => { if (typeof urn === 'string' && typeof name === 'string' && name) names[urn] = name; };
  for (const s of [view.namedSetting, view.awaitingFunding?.namedSetting]) add(s?.urn, s?.name);
  for (const p of view.placements ?? []) add(p.settingUrn, p.settingName);
  add(view.dualRegistration?.mainstreamUrn, view.dualRegistration?.mainstreamName);
  return names;
}

const notFound = () => new PageRefused(404, 'Plan not found', 'No funding is recorded for such a plan. A plan reaches the awaiting-funding tray when a final or amended plan names a setting.');
