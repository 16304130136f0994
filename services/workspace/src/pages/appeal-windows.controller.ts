import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { daysBetween, type CalendarDate } from '@ehc/domain-kernel';
import { API_CONTENT_SECURITY_POLICY } from '@ehc/host';
import { Page } from '@ehc/identity';
import type { ApiProblem } from '../hub-api';
import { inputId } from '../forms/steps';
import { OPEN_WINDOW, REQUEST_MEDIATION, registerAppeal, tribunalBody } from '../forms/tribunal-steps';
import { TRIBUNAL_PAGES, TribunalPages, tribunalHelpers, tribunalProblemErrors } from '../tribunal/tribunal-pages';
import { appealDeadlineWords, childName, DECISION_TYPE_WORDS, inWords, SOURCE_WORDS, sourcePage, windowDaysWords } from '../tribunal/words';
import { PageRefused, RedirectTo, WORKSPACE, type Workspace } from '../workspace';
import { fieldErrorsOf, listPage, paginationItems, textParam, wholeNumber } from './list-query';
import { PageErrors } from './page-errors';

export const WINDOWS_PAGE_SIZE = 25;
/** The list's first view: windows whose appeal deadline is within the next 14 days. */
export const DEFAULT_CLOSING_WITHIN_DAYS = 14;
/** Who may open a window by hand (POST /appeal-windows): the others are not offered the form. */
const OPENERS = ['tribunal-officer', 'team-manager'];
/** The API's own policy for a letter: nothing runs; its one style allowed by its hash. */
const LETTER_POLICY = `default-src 'none'; style-src ${API_CONTENT_SECURITY_POLICY.styleSrc.join(' ')}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Deadline { due: CalendarDate | null; done?: CalendarDate | null; daysLeft?: number | null }
interface WindowItem {
  decisionId: string; source: { service: string; id: string }; childId: string | null;
  child: { givenName?: string | null; familyName?: string | null; erased?: boolean } | null;
  decisionType: string; letterOn: CalendarDate; certificateOn: CalendarDate | null; status: string;
  deadlines: { mediationContact: Deadline; appeal: Deadline };
}

/**
 * Appeal windows closing soon (`GET /appeal-windows`), an appeal window with its deadlines, its
 * mediations and appeals (`GET /appeal-windows/{decisionId}`), and the forms that start a mediation
 * or record an appeal about it; and the form that opens a window by hand for a decision the hub did
 * not record. The pages live under /tribunal: the API answers /appeal-windows on the same host.
 */
@ApiExcludeController()
@Page('appeal windows: the rows and the window come from the API, called with the signed-in user\'s token (a window not theirs is the API\'s 404)')
@UseFilters(PageErrors)
@Controller('tribunal/appeal-windows')
export class AppealWindowsController {
  private readonly windows: TribunalPages;

  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {
    this.windows = new TribunalPages(workspace, {
      noun: 'appeal window', template: 'tribunal-window.njk',
      api: (id) => `/appeal-windows/${id}`, page: (id) => `${TRIBUNAL_PAGES.windows}/${id}`,
      steps: (view) => [REQUEST_MEDIATION, registerAppeal(view.decisionType)],
      // a second mediation only once the first has ended; an appeal at any time (the tribunal may admit a late one)
      offered: (view, steps) => steps.filter((s) => s.name !== REQUEST_MEDIATION.name || !view.openMediation),
      arrivals: [OPEN_WINDOW],
      command: (step, id, body) => ({ path: step.name === REQUEST_MEDIATION.name ? '/mediations' : '/appeals', body: { decisionId: id, ...body } }),
      after: (step, id, answer) => {
        const created = typeof answer?.id === 'string' ? encodeURIComponent(answer.id) : null;
        if (!created) return `${TRIBUNAL_PAGES.windows}/${id}?done=${step.name}`;
        return step.name === REQUEST_MEDIATION.name ? `${TRIBUNAL_PAGES.mediations}/${created}?done=${step.name}` : `${TRIBUNAL_PAGES.appeals}/${created}?done=${step.name}`;
      },
      context: (view) => {
        const appeal = view.deadlines?.appeal;
        return {
          section: 'appeal-windows', title: `Appeal window: ${inWords(DECISION_TYPE_WORDS, view.decisionType)}`,
          child: childName(view.child),
          sourceLink: sourcePage(view.source),
          // the letter is the decision's own record's (a case's or a plan's letters page)
          letterLink: view.letterId && sourcePage(view.source) ? `${sourcePage(view.source)}/letters/${encodeURIComponent(view.letterId)}` : null,
          appealWords: appeal?.due && appeal.unadjusted ? appealDeadlineWords(appeal, { letterOn: view.letterOn, certificateOn: view.certificateOn ?? null }) : null,
        };
      },
    });
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { session } = signedIn;
    // no "within" at all is the first view (14 days); a blank one, every window
    const current = {
      within: query.within === undefined ? String(DEFAULT_CLOSING_WITHIN_DAYS) : (textParam(query.within, 10) ?? ''),
      status: query.status === 'closed' || query.status === 'any' ? query.status : 'open',
      source: textParam(query.source, 100),
    };
    // the API looks at most a year ahead
    const within = wholeNumber(current.within || undefined, { min: 0, max: 366 });
    const errors = within.fault ? [{ text: `Appeal deadline within how many days must be ${within.fault}`, href: '#within' }] : [];
    const context = {
      title: 'Appeal windows closing soon', section: 'appeal-windows', ...tribunalHelpers, query: current, errors, fieldErrors: fieldErrorsOf(errors),
      // opening a window by hand is the tribunal team's and the managers' (the API refuses others)
      mayOpen: OPENERS.some((r) => session.roles.includes(r)),
    };
    if (errors.length) return this.workspace.page(res.status(400), 'tribunal-windows.njk', { ...context, list: null }, signedIn);

    const { list, page, pages } = await listPage<{ asOf: CalendarDate; total: number; items: WindowItem[] }>(query.page, WINDOWS_PAGE_SIZE, (p) => this.workspace.api.get('/appeal-windows', session.accessToken, {
      'closing-within-days': within.value, status: current.status === 'any' ? undefined : current.status, 'source-id': current.source,
      limit: WINDOWS_PAGE_SIZE, offset: (p - 1) * WINDOWS_PAGE_SIZE,
    }), 'the appeal windows');
    const daysLeft = (d: Deadline | undefined) => (d?.daysLeft ?? (d?.due ? daysBetween(list.asOf, d.due) : null));
    const rows = list.items.map((item) => ({
      item, href: `${TRIBUNAL_PAGES.windows}/${encodeURIComponent(item.decisionId)}`,
      decision: inWords(DECISION_TYPE_WORDS, item.decisionType), source: inWords(SOURCE_WORDS, item.source?.service), sourceLink: sourcePage(item.source),
      child: childName(item.child), appealDays: daysLeft(item.deadlines?.appeal),
      appealWords: windowDaysWords(daysLeft(item.deadlines?.appeal)), contactWords: windowDaysWords(daysLeft(item.deadlines?.mediationContact)),
    }));
    // "within" stays in every link even when blank: blank is every window, absent the first view
    const pageLink = (p: number) => `${TRIBUNAL_PAGES.windows}?${new URLSearchParams({ within: current.within, status: current.status, ...(current.source ? { source: current.source } : {}), page: String(p) })}`;
    return this.workspace.page(res, 'tribunal-windows.njk', {
      ...context, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, pageLink) : null,
      filtered: !!current.within || current.status !== 'open' || !!current.source,
    }, signedIn);
  }

  @Get('new')
  async openForm(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.workspace.page(res, 'tribunal-open-window.njk', { title: OPEN_WINDOW.title, section: 'appeal-windows', ...tribunalHelpers, step: OPEN_WINDOW, failed: null, inputId, errors: [] }, signedIn);
  }

  @Post()
  @HttpCode(200)
  async open(@Body() form: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const again = (status: number, errors: { text: string; href: string; field: string }[]) => this.workspace.page(res.status(status), 'tribunal-open-window.njk', {
      title: OPEN_WINDOW.title, section: 'appeal-windows', ...tribunalHelpers, step: OPEN_WINDOW, inputId,
      failed: { step: OPEN_WINDOW.name, errors, values: form ?? {} }, errors: errors.map((e) => ({ text: e.text, href: e.href })),
    }, signedIn);
    const { body, errors } = tribunalBody(OPEN_WINDOW, form ?? {});
    if (errors.length) return again(400, errors);
    const answer = await this.workspace.api.post('/appeal-windows', signedIn.session.accessToken, body);
    if (answer.status === 201 || answer.status === 200) {
      const id = answer.body?.id ?? answer.body?.decisionId;
      throw new RedirectTo(typeof id === 'string' ? `${TRIBUNAL_PAGES.windows}/${encodeURIComponent(id)}?done=${OPEN_WINDOW.name}` : TRIBUNAL_PAGES.windows);
    }
    if (answer.status >= 500 || answer.status < 400) throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The appeal window was not opened. Try again later.');
    return again(answer.status === 409 ? 409 : answer.status === 403 ? 403 : answer.status === 422 ? 422 : 400, tribunalProblemErrors(OPEN_WINDOW, answer.body as ApiProblem));
  }

  /** A letter of the disagreement (mediation arranged, the response to recommendations, compliance confirmed), as the API renders it. */
  @Get(':decisionId/letters/:letterId')
  async letter(@Param('decisionId') decisionId: string, @Param('letterId') letterId: string, @Req() req: Request, @Res() res: Response) {
    const { session } = await this.workspace.signedIn(req);
    if (!UUID.test(decisionId) || !/^[\w-]{1,60}$/.test(letterId)) throw new PageRefused(404, 'Letter not found', 'There is no such letter.');
    const letter = await this.workspace.api.html(`/appeal-windows/${decisionId}/letters/${encodeURIComponent(letterId)}`, session.accessToken);
    if (letter.status !== 200) throw new PageRefused(404, 'Letter not found', 'There is no such letter about this decision, or it is not one you may see.');
    // the API renders the letter (every value escaped) under its own strict policy: passed on as it is
    res.status(200).type('text/html; charset=utf-8').setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', LETTER_POLICY);
    res.send(letter.html);
  }

  @Get(':decisionId')
  window(@Param('decisionId') decisionId: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.windows.page(decisionId, done, req, res);
  }

  @Post(':decisionId/:step')
  @HttpCode(200)
  takeStep(@Param('decisionId') decisionId: string, @Param('step') step: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.windows.takeStep(decisionId, step, form, req, res);
  }
}
