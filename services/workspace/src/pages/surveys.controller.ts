import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { Page } from '@ehc/identity';
import type { ApiProblem } from '../hub-api';
import { trendChart } from '../surveys/chart';
import {
  distributionRows, INVITATION_STATUS_TAG, INVITATION_STATUS_WORDS, inWords, meanWords, MESSAGE_STATUS_TAG, MESSAGE_STATUS_WORDS, monthChoices, monthWords,
  rateWords, readRange, RESPONDENT_WORDS, SUPPRESSED_WORDS, suppressionReasons, SURVEY_PAGES, SURVEY_WORKERS, TRIGGER_WORDS, trendCsv, trendTable,
  type MonthResult, type QuestionResult, type Suppression,
} from '../surveys/figures';
import { formatDate } from '../views';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { fieldErrorsOf, linkTo, listOrRefuse, listPage, paginationItems, textParam } from './list-query';
import { PageErrors } from './page-errors';

export const INVITATIONS_PAGE_SIZE = 25;
export const OUTBOX_PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASE_ID = /^(?:(?:ehcna|annualReview)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9_-]{1,63}$/;

interface Results {
  from: string; to: string; invited: number; answered: number; suppressed: number; responseRate: number | null;
  byTrigger: { trigger: string; invited: number; answered: number; suppressed: number; responseRate: number | null }[];
  byTeam: { team: string; invited: number; answered: number; suppressed: number; responseRate: number | null }[];
  byMonth: MonthResult[]; questions: QuestionResult[];
  cypInvolvement: { question: string; text: string | null; n: number; mean: number | null; involvedShare: number | null };
  themes: { theme: string; count: number }[];
  comments: { invitationId: string; answeredOn: CalendarDate; trigger: string; themes: string[]; text: string }[];
}

/** What every survey template is given besides its own context: the words and the links. */
const surveyHelpers = {
  surveyPages: SURVEY_PAGES, inWords, rateWords, meanWords, monthWords,
  surveyWords: {
    trigger: TRIGGER_WORDS, status: INVITATION_STATUS_WORDS, statusTag: INVITATION_STATUS_TAG, suppressed: SUPPRESSED_WORDS, respondent: RESPONDENT_WORDS,
    messageStatus: MESSAGE_STATUS_WORDS, messageTag: MESSAGE_STATUS_TAG,
  },
};

/**
 * The family surveys: the results for the monthly meeting (`GET /surveys/results`, with its monthly
 * trend as a chart and as CSV), the invitations (`GET /surveys/invitations`), the outbox of messages
 * to open and send on (`GET /surveys/outbox`), and the families sent no surveys, with the forms that
 * flag a child's family off and lift the flag (`POST`/`DELETE /surveys/suppressions`). Every figure
 * and every refusal is the API's, called with the signed-in user's token.
 */
@ApiExcludeController()
@Page('the surveys\' results, invitations, outbox and suppressions: read from the API with the signed-in user\'s token (the API decides who may read them and flag a family off)')
@UseFilters(PageErrors)
@Controller('feedback')
export class SurveysController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  private today(): CalendarDate {
    return todayInLondon(this.workspace.options.clock);
  }

  /** The filter of the results as the address gives it, its faults named by box. */
  private filter(query: Record<string, unknown>) {
    const range = readRange({ from: textParam(query.from, 7), to: textParam(query.to, 7) }, this.today());
    const trigger = textParam(query.trigger, 63);
    const team = textParam(query.team, 63);
    const errors = [
      ...range.errors,
      ...(trigger && !CODE.test(trigger) ? [{ text: 'Choose a trigger from the list', href: '#trigger' }] : []),
      ...(team && !CODE.test(team) ? [{ text: 'Team must be a team\'s id: letters, digits and hyphens', href: '#team' }] : []),
    ];
    return { current: { from: range.from, to: range.to, trigger, team }, errors };
  }

  private async results(signedIn: SignedIn, current: { from: string; to: string; trigger?: string; team?: string }): Promise<Results> {
    return listOrRefuse<Results>(await this.workspace.api.get('/surveys/results', signedIn.session.accessToken, current), 'the survey results');
  }

  @Get()
  async resultsPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { current, errors } = this.filter(query);
    const months = monthChoices(this.today());
    const withChosen = (value: string) => (months.some((m) => m.value === value) || !/^\d{4}-\d{2}$/.test(value) ? months : [{ value, text: monthWords(value) }, ...months]);
    const context = {
      title: 'Survey results', section: 'surveys', ...surveyHelpers, query: current, errors, fieldErrors: fieldErrorsOf(errors),
      fromMonths: withChosen(current.from).map((m) => ({ ...m, selected: m.value === current.from })),
      toMonths: withChosen(current.to).map((m) => ({ ...m, selected: m.value === current.to })),
      triggers: [{ value: '', text: 'All triggers' }, ...Object.entries(TRIGGER_WORDS).map(([value, text]) => ({ value, text }))]
        .concat(current.trigger && !(current.trigger in TRIGGER_WORDS) ? [{ value: current.trigger, text: current.trigger }] : [])
        .map((t) => ({ ...t, selected: t.value === (current.trigger ?? '') })),
      mayWork: SURVEY_WORKERS.some((r) => signedIn.session.roles.includes(r)),
    };
    if (errors.length) return this.workspace.page(res.status(400), 'surveys-results.njk', { ...context, results: null }, signedIn);
    const results = await this.results(signedIn, current);
    return this.workspace.page(res, 'surveys-results.njk', {
      ...context, results, trend: trendTable(results.byMonth, results.questions),
      questions: results.questions.map((q) => ({ ...q, rows: distributionRows(q) })),
      chart: linkTo(SURVEY_PAGES.chart, current), csv: linkTo(SURVEY_PAGES.trendCsv, current),
      range: current.from === current.to ? monthWords(current.from) : `${monthWords(current.from)} to ${monthWords(current.to)}`,
    }, signedIn);
  }

  /** The monthly trend as an SVG image: drawn on the server from the results the API gives the signed-in user. */
  @Get('trend.svg')
  async chart(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { current, errors } = this.filter(query);
    if (errors.length) throw new PageRefused(404, 'Chart not found', errors.map((e) => e.text).join('; '));
    const results = await this.results(signedIn, current);
    // an image runs no script; its drawing's own style attributes are all it needs
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('cache-control', 'no-store');
    res.type('image/svg+xml').send(await trendChart(results.byMonth, 'Invitations, answers and response rate by month'));
  }

  /** The monthly trend as CSV, for a spreadsheet. */
  @Get('trend.csv')
  async csv(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { current, errors } = this.filter(query);
    if (errors.length) throw new PageRefused(404, 'Page not found', errors.map((e) => e.text).join('; '));
    const results = await this.results(signedIn, current);
    res.status(200).setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="survey-trend-${current.from}-to-${current.to}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.send(trendCsv(results.byMonth, results.questions));
  }

  @Get('invitations')
  async invitations(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const caseId = textParam(query['case-id'], 60);
    const current = { status: typeof query.status === 'string' && query.status in INVITATION_STATUS_WORDS ? query.status : undefined, 'case-id': caseId };
    const errors = caseId && !CASE_ID.test(caseId) ? [{ text: 'Case or plan id must be the id of a case or a plan, like ehcna-… or the 36 characters of its id', href: '#case-id' }] : [];
    const context = { title: 'Survey invitations', section: 'surveys', ...surveyHelpers, query: current, errors, fieldErrors: fieldErrorsOf(errors), mayWork: SURVEY_WORKERS.some((r) => signedIn.session.roles.includes(r)) };
    if (errors.length) return this.workspace.page(res.status(400), 'surveys-invitations.njk', { ...context, list: null }, signedIn);
    const { list, page, pages } = await listPage<{ asOf: CalendarDate; total: number; items: Record<string, any>[] }>(query.page, INVITATIONS_PAGE_SIZE,
      (p) => this.workspace.api.get('/surveys/invitations', signedIn.session.accessToken, { ...current, limit: INVITATIONS_PAGE_SIZE, offset: (p - 1) * INVITATIONS_PAGE_SIZE }),
      'the survey invitations');
    const rows = list.items.map((item) => ({ ...item, caseHref: caseHref(item.service, item.caseId) }));
    return this.workspace.page(res, 'surveys-invitations.njk', {
      ...context, list: { total: list.total, asOf: list.asOf, rows, page, pages },
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo(SURVEY_PAGES.invitations, current, { page: String(p) })) : null,
      filtered: Object.values(current).some(Boolean),
    }, signedIn);
  }

  @Get('outbox')
  async outbox(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const current = { status: typeof query.status === 'string' && query.status in MESSAGE_STATUS_WORDS ? query.status : undefined };
    const { list, page, pages } = await listPage<{ total: number; items: Record<string, any>[] }>(query.page, OUTBOX_PAGE_SIZE,
      (p) => this.workspace.api.get('/surveys/outbox', signedIn.session.accessToken, { ...current, limit: OUTBOX_PAGE_SIZE, offset: (p - 1) * OUTBOX_PAGE_SIZE }),
      'the survey outbox');
    return this.workspace.page(res, 'surveys-outbox.njk', {
      title: 'Survey outbox', section: 'surveys', ...surveyHelpers, query: current, mayWork: true,
      list: { total: list.total, rows: list.items, page, pages },
      statuses: [{ value: '', text: 'Every status' }, ...Object.entries(MESSAGE_STATUS_WORDS).map(([value, text]) => ({ value, text }))].map((s) => ({ ...s, selected: s.value === (current.status ?? '') })),
      pagination: pages > 1 ? paginationItems(page, pages, (p) => linkTo(SURVEY_PAGES.outbox, current, { page: String(p) })) : null,
    }, signedIn);
  }

  @Get('suppressions')
  async suppressions(@Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.renderSuppressions(res, signedIn, { done: done === 'flagged' || done === 'lifted' || done === 'contact' ? done : undefined });
  }

  /** Flag a child's family off surveys: the form's faults beside their boxes, the API's refusal in its words beside the field it names. */
  @Post('suppressions')
  @HttpCode(200)
  async flag(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const values = { personId: textParam(form?.personId, 100) ?? '', reason: textParam(form?.reason, 1000) ?? '' };
    const errors = [
      ...(!values.personId ? [{ text: 'Enter the child or young person\'s id', href: '#personId' }]
        : !UUID.test(values.personId) ? [{ text: 'The child or young person\'s id must be the 36 characters of their id, like 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', href: '#personId' }] : []),
      ...(!values.reason ? [{ text: 'Enter the reason the family is not to be sent surveys', href: '#reason' }]
        : values.reason.length > 200 ? [{ text: 'The reason must be 200 characters or fewer', href: '#reason' }] : []),
    ];
    if (errors.length) return this.renderSuppressions(res.status(400), signedIn, { errors, values });
    const answer = await this.workspace.api.post('/surveys/suppressions', signedIn.session.accessToken, { personId: values.personId.toLowerCase(), reason: values.reason });
    if (answer.status === 200 || answer.status === 201 || answer.status === 202) throw new RedirectTo(`${SURVEY_PAGES.suppressions}?done=flagged`);
    if (answer.status === 403) throw new PageRefused(403, 'You cannot flag a family off surveys', 'Caseworkers and team managers flag a family off surveys. Ask your team manager if you need it.');
    if (answer.status >= 400 && answer.status < 500) {
      return this.renderSuppressions(res.status(answer.status === 409 ? 409 : 400), signedIn, { errors: problemErrors(answer.body as ApiProblem), values });
    }
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
  }

  /** A caseworker sent a message on themselves: recorded, so a colleague does not send it again. */
  @Post('outbox/:messageId/sent-by-hand')
  @HttpCode(200)
  async sentByHand(@Param('messageId') messageId: string, @Req() req: Request) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    if (!UUID.test(messageId)) throw new PageRefused(404, 'Page not found', 'There is no such message.');
    const answer = await this.workspace.api.post(`/surveys/outbox/${messageId.toLowerCase()}/sent-by-hand`, signedIn.session.accessToken, {});
    if (answer.status === 200 || answer.status === 409) throw new RedirectTo(SURVEY_PAGES.outbox);
    if (answer.status === 403) throw new PageRefused(403, 'You cannot record that a message was sent', 'Caseworkers and team managers send messages on. Ask your team manager if you need it.');
    if (answer.status === 404) throw new PageRefused(404, 'Page not found', 'There is no such message.');
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
  }

  /** Where a family's survey invitations go: the e-mail address they gave (a form's POST: the API's PUT). */
  @Post('contacts')
  @HttpCode(200)
  async contact(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const values = { contactPersonId: textParam(form?.contactPersonId, 100) ?? '', email: textParam(form?.email, 400) ?? '' };
    const errors = [
      ...(!values.contactPersonId ? [{ text: 'Enter the child or young person\'s id', href: '#contactPersonId' }]
        : !UUID.test(values.contactPersonId) ? [{ text: 'The child or young person\'s id must be the 36 characters of their id, like 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', href: '#contactPersonId' }] : []),
      ...(!values.email ? [{ text: 'Enter the family\'s e-mail address', href: '#email' }]
        : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) ? [{ text: 'Enter an e-mail address in the correct format, like name@example.com', href: '#email' }] : []),
    ];
    if (errors.length) return this.renderSuppressions(res.status(400), signedIn, { errors, values });
    const answer = await this.workspace.api.put(`/surveys/contacts/${values.contactPersonId.toLowerCase()}`, signedIn.session.accessToken, { email: values.email });
    if (answer.status === 200) throw new RedirectTo(`${SURVEY_PAGES.suppressions}?done=contact`);
    if (answer.status === 403) throw new PageRefused(403, 'You cannot record a family\'s e-mail address', 'Caseworkers and team managers record where a family\'s surveys go. Ask your team manager if you need it.');
    if (answer.status >= 400 && answer.status < 500) {
      const errors = problemErrors(answer.body as ApiProblem, { email: '#email', personId: '#contactPersonId' });
      return this.renderSuppressions(res.status(answer.status === 409 ? 409 : 400), signedIn, { errors, values });
    }
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
  }

  /** Lift a staff flag (a form's POST: a browser sends no DELETE); an opt-out or a death stays. */
  @Post('suppressions/:personId/lift')
  @HttpCode(200)
  async lift(@Param('personId') personId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    if (!UUID.test(personId)) throw new PageRefused(404, 'Page not found', 'There is no such child or young person.');
    const answer = await this.workspace.api.delete(`/surveys/suppressions/${personId.toLowerCase()}`, signedIn.session.accessToken);
    if (answer.status === 200 || answer.status === 202) throw new RedirectTo(`${SURVEY_PAGES.suppressions}?done=lifted`);
    if (answer.status === 403) throw new PageRefused(403, 'You cannot lift a flag on a family\'s surveys', 'Caseworkers and team managers lift flags. Ask your team manager if you need it.');
    if (answer.status === 404 || answer.status === 409) {
      return this.renderSuppressions(res.status(answer.status), signedIn, {
        errors: [{ text: answer.status === 404 ? 'There is no staff flag to lift on that family\'s surveys: it may have been lifted already' : 'Someone else changed that family\'s surveys at the same time: try again', href: '#suppressions' }],
      });
    }
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
  }

  private async renderSuppressions(res: Response, signedIn: SignedIn, outcome: { done?: string; errors?: { text: string; href: string }[]; values?: Record<string, string> }) {
    const list = listOrRefuse<{ items: Suppression[] }>(await this.workspace.api.get('/surveys/suppressions', signedIn.session.accessToken), 'the families sent no surveys');
    const errors = outcome.errors ?? [];
    return this.workspace.page(res, 'surveys-suppressions.njk', {
      title: 'Families sent no surveys', section: 'surveys', ...surveyHelpers, mayWork: true, done: outcome.done, values: outcome.values ?? {}, errors, fieldErrors: fieldErrorsOf(errors),
      rows: list.items.map((s) => ({ ...s, reasons: suppressionReasons(s, formatDate) })),
    }, signedIn);
  }
}

/** Where the workspace shows the case or plan an invitation's letter came from (a tribunal letter has no page of its own). */
function caseHref(service: string, caseId: string): string | null {
  const id = String(caseId ?? '').replace(/^(ehcna|annualReview)-/, '');
  if (!UUID.test(id)) return null;
  return service === 'needs-assessment' ? `/cases/${id}` : service === 'annual-review' ? `/plans/${id}` : null;
}

/** The API's refusal of a flag, each fault beside the form's box for its field. */
/** The API's problem as a form's errors, each beside the box of its field (`boxes`: field → box), else the first box. */
function problemErrors(problem: ApiProblem | null, boxes: Record<string, string> = { personId: '#personId', reason: '#reason' }): { text: string; href: string }[] {
  const first = Object.values(boxes)[0];
  const listed = (problem?.errors ?? []).filter((e) => e.message).map((e) => ({ text: sentence(e.message!), href: boxes[e.field ?? ''] ?? first }));
  return listed.length ? listed : [{ text: sentence(problem?.detail ?? problem?.title ?? 'The hub refused it'), href: first }];
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
