import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { academicYearOf, todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { isUploadedFile } from '@ehc/host';
import { Page } from '@ehc/identity';
import { monthWords, renderPackHtml, type PackView } from '@ehc/performance-pack';
import { dateParts, readDate } from '../forms/date-input';
import type { ApiProblem } from '../hub-api';
import {
  academicYears, academicYearWords, asAtWords, caseHref, defaultSen2Year, isAsAt, issuesByRule, mayAny, MEETING_PAGES, MONTH, monthItems,
  PLACE_PLANNERS, restatementTables, SEN2_OUTCOME_WORDS, SEN2_PREPARERS, sen2Years, type Restatement, type Sen2Issue,
} from '../performance/meeting';
import { addMonthsTo } from '../surveys/figures';
import { formatDate } from '../views';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { fieldErrorsOf, linkTo, listOrRefuse, textParam } from './list-query';
import { PageErrors } from './page-errors';

/** The path of the places upload's POST: a page path that takes a multipart body (workspace.module.ts). */
export const CAPACITY_UPLOAD_PATH = MEETING_PAGES.capacity;

type Errors = { text: string; href: string }[];

/** An as-at typed in a date input's three boxes (`<name>-day` …), or carried in a link as a date or an instant. */
function readAsAtField(query: Record<string, unknown>, name: string, label: string) {
  const typed = { day: textParam(query[`${name}-day`], 2) ?? '', month: textParam(query[`${name}-month`], 2) ?? '', year: textParam(query[`${name}-year`], 4) ?? '' };
  const carried = textParam(query[name], 40);
  const isTyped = !!(typed.day || typed.month || typed.year);
  const read = isTyped ? readDate(typed, label) : null;
  const errors: Errors = read && !read.ok ? [{ text: read.message, href: `#${name}-${read.part}` }]
    : !isTyped && carried && !isAsAt(carried) ? [{ text: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a real date`, href: `#${name}-day` }] : [];
  const asAt = read?.ok ? read.date : !isTyped && isAsAt(carried) ? carried : undefined;
  return {
    asAt, errors, error: errors.length ? { text: errors[0].text } : null,
    // an instant carried in a link shows as its London date: typed again, it means the end of that day
    parts: isTyped ? typed : dateParts(asAt && /^\d{4}-\d{2}-\d{2}$/.test(asAt) ? asAt : asAt ? londonDate(asAt) : undefined),
  };
}

const londonDate = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

/**
 * The monthly performance meeting: the pack for a month as at any date (the service's own page
 * content inside the workspace's layout, with its downloads and printable page fetched with the
 * signed-in user's token), what changed in a month's figures between two as-at times, the SEN2
 * return's checks before submission, and place planning at the special schools with the places
 * import. The API decides who sees what: cases behind a figure for staff who work cases, counts of
 * 1 to 4 withheld from everyone else.
 */
@ApiExcludeController()
@Page('the monthly performance pack, its restatement, the SEN2 return and place planning: read from the API with the signed-in user\'s token (the API decides who may read them, who sees cases and who imports places)')
@UseFilters(PageErrors)
@Controller('meeting')
export class MeetingController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  private today(): CalendarDate {
    return todayInLondon(this.workspace.options.clock);
  }

  private tabs(signedIn: SignedIn) {
    return { meetingPages: MEETING_PAGES, maySen2: mayAny(signedIn.session.roles, SEN2_PREPARERS) };
  }

  /** The month and as-at the address asks for, each fault named by its box. */
  private packQuery(query: Record<string, unknown>) {
    const lastMonth = addMonthsTo(this.today().slice(0, 7), -1);
    const month = textParam(query.month, 7) ?? lastMonth;
    const asAt = readAsAtField(query, 'as-at', 'the date to show the figures as at');
    const errors: Errors = [...(MONTH.test(month) ? [] : [{ text: 'Choose a month from the list', href: '#month' }]), ...asAt.errors];
    return { month, asAt, errors, current: { month, 'as-at': asAt.asAt } };
  }

  @Get()
  async packPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { month, asAt, errors, current } = this.packQuery(query);
    const context = {
      title: 'Monthly performance pack', section: 'meeting', ...this.tabs(signedIn), errors, fieldErrors: fieldErrorsOf(errors),
      months: monthItems(this.today(), month), asAtParts: asAt.parts, asAtError: asAt.error,
    };
    if (errors.length) return this.workspace.page(res.status(400), 'meeting-pack.njk', { ...context, pack: null }, signedIn);
    const pack = listOrRefuse<PackView>(await this.workspace.api.get('/performance/pack', signedIn.session.accessToken, current), 'the performance pack');
    const content = await renderPackHtml(pack, {
      standalone: false, caseHref,
      links: { xlsx: linkTo(MEETING_PAGES.xlsx, current), csv: (measure?: string) => linkTo(MEETING_PAGES.csv, { ...current, measure }) },
    });
    return this.workspace.page(res, 'meeting-pack.njk', {
      ...context, pack: { monthWords: monthWords(pack.month), asAt: pack.asAt, asAtWords: asAtWords(pack.asAt, formatDate) }, content,
      print: linkTo(MEETING_PAGES.print, current),
      // the figures as published at this as-at, against everything recorded since
      restatement: pack.asAt ? linkTo(MEETING_PAGES.restatement, { month, 'from-as-at': pack.asAt }) : null,
    }, signedIn);
  }

  /** The pack as a spreadsheet: the API's file, handed on (the browser holds no token). */
  @Get('pack.xlsx')
  async packXlsx(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { errors, current } = this.packQuery(query);
    if (errors.length) throw new PageRefused(404, 'Page not found', errors.map((e) => e.text).join('; '));
    await this.handOn(res, signedIn, '/performance/pack', { ...defined(current), format: 'xlsx' }, 'the performance pack');
  }

  /** The pack month by month as CSV, every measure or one. */
  @Get('pack.csv')
  async packCsv(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { errors, current } = this.packQuery(query);
    const measure = textParam(query.measure, 60);
    if (errors.length || (measure && !/^[A-Za-z0-9]+$/.test(measure))) throw new PageRefused(404, 'Page not found', errors.map((e) => e.text).join('; ') || 'There is no such measure.');
    await this.handOn(res, signedIn, '/performance/pack', { ...defined(current), format: 'csv', ...(measure ? { measure } : {}) }, 'the performance pack');
  }

  /** The pack as the API's printable page: a whole document with its own style and no script. */
  @Get('print')
  async print(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { errors, current } = this.packQuery(query);
    if (errors.length) throw new PageRefused(404, 'Page not found', errors.map((e) => e.text).join('; '));
    const file = await this.workspace.api.download('/performance/pack', signedIn.session.accessToken, { ...defined(current), format: 'html' });
    refuseUnlessOk(file.status, 'the performance pack');
    // the document carries its stylesheet inline; nothing in it runs, loads or submits
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    res.setHeader('cache-control', 'no-store');
    res.status(200).type('text/html; charset=utf-8').send(file.bytes);
  }

  @Get('restatement')
  async restatementPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const month = textParam(query.month, 7) ?? addMonthsTo(this.today().slice(0, 7), -1);
    const from = readAsAtField(query, 'from-as-at', 'the date the figures were published');
    const to = readAsAtField(query, 'to-as-at', 'the date to compare them with');
    const asked = Object.keys(query).some((k) => k.startsWith('from-as-at'));
    const errors: Errors = [
      ...(MONTH.test(month) ? [] : [{ text: 'Choose a month from the list', href: '#month' }]),
      ...(asked && !from.asAt && !from.errors.length ? [{ text: 'Enter the date the figures were published', href: '#from-as-at-day' }] : []),
      ...from.errors, ...to.errors,
    ];
    const context = {
      title: 'What changed in a month\'s figures', section: 'meeting', ...this.tabs(signedIn), errors, fieldErrors: fieldErrorsOf(errors),
      months: monthItems(this.today(), month), fromParts: from.parts, fromError: from.error, toParts: to.parts, toError: to.error,
    };
    if (errors.length || !from.asAt) return this.workspace.page(res.status(errors.length ? 400 : 200), 'meeting-restatement.njk', { ...context, restatement: null }, signedIn);
    const current = { month, 'from-as-at': from.asAt, 'to-as-at': to.asAt };
    const [answer, later] = await Promise.all([
      this.workspace.api.get('/performance/restatement', signedIn.session.accessToken, current),
      this.workspace.api.get('/performance/pack', signedIn.session.accessToken, { month, 'as-at': to.asAt }),
    ]);
    if (answer.status === 400) {
      const problem = answer.body as ApiProblem;
      const boxes: Record<string, string> = { month: '#month', 'from-as-at': '#from-as-at-day', 'to-as-at': '#to-as-at-day' };
      const refused = (problem?.errors ?? []).map((e) => ({ text: sentence(e.message ?? 'Check the dates'), href: boxes[e.field ?? ''] ?? '#from-as-at-day' }));
      const shown = refused.length ? refused : [{ text: sentence(problem?.detail ?? problem?.title ?? 'The hub did not take the dates'), href: '#from-as-at-day' }];
      return this.workspace.page(res.status(400), 'meeting-restatement.njk', { ...context, errors: shown, fieldErrors: fieldErrorsOf(shown), restatement: null }, signedIn);
    }
    const restatement = listOrRefuse<Restatement>(answer, 'the restatement');
    const pack = listOrRefuse<PackView>(later, 'the performance pack');
    return this.workspace.page(res, 'meeting-restatement.njk', {
      ...context, restatement, tables: restatementTables(restatement, pack), monthWords: monthWords(month),
      fromWords: asAtWords(restatement.fromAsAt, formatDate), toWords: asAtWords(restatement.toAsAt, formatDate),
      packLink: linkTo(MEETING_PAGES.pack, { month, 'as-at': from.asAt }),
    }, signedIn);
  }

  /** The collection year the address asks for, or the one being prepared. */
  private sen2Year(query: Record<string, unknown>): { year: number; errors: Errors } {
    const raw = textParam(query.year, 4);
    if (raw === undefined) return { year: defaultSen2Year(this.today()), errors: [] };
    return /^\d{4}$/.test(raw) && Number(raw) >= 2015 && Number(raw) <= 2100 ? { year: Number(raw), errors: [] }
      : { year: defaultSen2Year(this.today()), errors: [{ text: 'Choose a collection year from the list', href: '#year' }] };
  }

  @Get('sen2')
  async sen2Page(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { year, errors } = this.sen2Year(query);
    const context = { title: 'SEN2 return', section: 'meeting', ...this.tabs(signedIn), errors, fieldErrors: fieldErrorsOf(errors), years: sen2Years(this.today(), year), year };
    if (errors.length) return this.workspace.page(res.status(400), 'meeting-sen2.njk', { ...context, ret: null }, signedIn);
    const token = signedIn.session.accessToken;
    const [retAnswer, validationAnswer] = await Promise.all([
      this.workspace.api.get('/performance/sen2', token, { year }), this.workspace.api.get('/performance/sen2/validation', token, { year }),
    ]);
    const ret = listOrRefuse<Sen2Return>(retAnswer, 'the SEN2 return');
    const validation = listOrRefuse<{ records: number; issues: Sen2Issue[] }>(validationAnswer, 'the SEN2 checks');
    const t = ret.totals;
    return this.workspace.page(res, 'meeting-sen2.njk', {
      ...context, ret,
      totals: [
        { key: 'Plans active on the census date', value: t.activePlans },
        { key: `Requests for an EHC needs assessment received in ${year - 1}`, value: t.requestsReceived },
        ...Object.entries(t.requestOutcomes).map(([code, n]) => ({ key: `Of them, outcome ${SEN2_OUTCOME_WORDS[code] ?? code}`, value: n })),
        { key: 'Assessments that ended in a plan', value: t.assessmentsPlanIssued },
        { key: 'Assessments that ended without a plan', value: t.assessmentsNoPlan },
        { key: `New plans in ${year - 1}`, value: t.newPlans },
        { key: 'Of them, with an exception to the 20-week limit', value: t.newPlansWithException },
        { key: `Plans ceased in ${year - 1}`, value: t.ceasedPlans },
      ],
      ageBands: Object.entries(t.activePlansByAgeBand).map(([band, n]) => ({ band, n })),
      records: validation.records, issues: validation.issues.length, groups: issuesByRule(validation.issues),
      xml: linkTo(MEETING_PAGES.sen2Xml, { year: String(year) }), csv: linkTo(MEETING_PAGES.sen2Csv, { year: String(year) }),
    }, signedIn);
  }

  @Get('sen2.xml')
  async sen2Xml(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    await this.sen2File(query, req, res, 'xml');
  }

  @Get('sen2.csv')
  async sen2Csv(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    await this.sen2File(query, req, res, 'csv');
  }

  private async sen2File(query: Record<string, unknown>, req: Request, res: Response, format: 'xml' | 'csv') {
    const signedIn = await this.workspace.signedIn(req);
    const { year, errors } = this.sen2Year(query);
    if (errors.length) throw new PageRefused(404, 'Page not found', errors.map((e) => e.text).join('; '));
    await this.handOn(res, signedIn, '/performance/sen2', { year: String(year), format }, 'the SEN2 return');
  }

  /** The academic year the address asks for (by the calendar year it starts in), or this one. */
  private academicYear(query: Record<string, unknown>): { year: number; errors: Errors } {
    const raw = textParam(query.year, 4);
    const current = academicYearOf(this.today());
    if (raw === undefined) return { year: current, errors: [] };
    return /^\d{4}$/.test(raw) && Number(raw) >= 2015 && Number(raw) <= 2100 ? { year: Number(raw), errors: [] }
      : { year: current, errors: [{ text: 'Choose an academic year from the list', href: '#year' }] };
  }

  @Get('places')
  async placesPage(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { year, errors } = this.academicYear(query);
    const taken = textParam(query.imported, 6);
    return this.renderPlaces(errors.length ? res.status(400) : res, signedIn, year, { errors, imported: taken && /^\d{1,6}$/.test(taken) ? Number(taken) : null });
  }

  /** The special schools' places, from a CSV uploaded with the form (multipart; the CSRF token checked before the file goes anywhere). */
  @Post('places/capacity')
  @HttpCode(200)
  async importCapacity(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const { year } = this.academicYear({ year: form?.year });
    const file = form?.file;
    if (!isUploadedFile(file) || file.bytes === 0) {
      return this.renderPlaces(res.status(400), signedIn, year, { errors: [{ text: isUploadedFile(file) && file.filename ? 'The selected file is empty' : 'Select a CSV file', href: '#file' }] });
    }
    const answer = await this.workspace.api.putCsv<{ rowsTaken: number }>('/performance/place-planning/capacity', signedIn.session.accessToken, file.text);
    if (answer.status === 200) throw new RedirectTo(`${MEETING_PAGES.places}?year=${year}&imported=${answer.body.rowsTaken}`);
    if (answer.status === 403) throw new PageRefused(403, 'You cannot import the special schools\' places', 'The places are imported by team managers, performance readers and administrators.');
    if (answer.status >= 400 && answer.status < 500) {
      const problem = answer.body as ApiProblem | null;
      const listed = (problem?.errors ?? []).filter((e) => e.message).map((e) => ({ text: sentence(e.message!), href: '#file' }));
      const shown = listed.length ? listed : [{ text: sentence([problem?.title, problem?.detail].filter(Boolean).join(': ') || 'The hub refused the file'), href: '#file' }];
      return this.renderPlaces(res.status(400), signedIn, year, { errors: shown });
    }
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The places may not have been imported. Try again later: importing the same file again replaces the same rows.');
  }

  private async renderPlaces(res: Response, signedIn: SignedIn, year: number, outcome: { errors: Errors; imported?: number | null }) {
    const planning = listOrRefuse<PlacePlanning>(await this.workspace.api.get('/performance/place-planning', signedIn.session.accessToken, { year }), 'place planning');
    return this.workspace.page(res, 'meeting-places.njk', {
      title: 'Special school places', section: 'meeting', ...this.tabs(signedIn), years: academicYears(this.today(), year), year, yearWords: academicYearWords(year),
      // the file's first fault beside it; every fault in the summary
      errors: outcome.errors, fieldErrors: fieldErrorsOf(outcome.errors.slice(0, 1)), imported: outcome.imported ?? null,
      planning, independent: planning.independentSpecialPlacements.cases.map((c) => ({ ...c, href: caseHref(c.caseId), reference: c.reference ?? 'no reference' })),
      mayImport: mayAny(signedIn.session.roles, PLACE_PLANNERS), action: CAPACITY_UPLOAD_PATH,
    }, signedIn);
  }

  /** A file the API makes, handed on with its type and name; a refusal as a page. */
  private async handOn(res: Response, signedIn: SignedIn, path: string, query: Record<string, string>, what: string) {
    const file = await this.workspace.api.download(path, signedIn.session.accessToken, query);
    refuseUnlessOk(file.status, what);
    res.status(200).setHeader('content-type', file.contentType ?? 'application/octet-stream');
    if (file.disposition) res.setHeader('content-disposition', file.disposition);
    res.setHeader('cache-control', 'no-store');
    res.send(file.bytes);
  }
}

function refuseUnlessOk(status: number, what: string): void {
  if (status === 200) return;
  if (status === 403) throw new PageRefused(403, `You cannot see ${what}`, 'Your role does not allow it. Ask your team manager if you need it.');
  if (status === 400 || status === 404) throw new PageRefused(404, 'Page not found', 'If you typed the web address, check it is correct.');
  throw new PageRefused(502, `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be downloaded`, 'The hub did not answer as expected. Try again later.');
}

const defined = (query: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => !!e[1]));

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Sen2Return {
  year: number; censusDate: CalendarDate; flowsFrom: CalendarDate; flowsTo: CalendarDate;
  totals: {
    activePlans: number; activePlansByAgeBand: Record<string, number>; requestsReceived: number; requestOutcomes: Record<string, number>;
    assessmentsPlanIssued: number; assessmentsNoPlan: number; newPlans: number; newPlansWithException: number; ceasedPlans: number; ceasedByReason: Record<string, number>;
  };
  gaps: { item: string; why: string }[];
}

interface PlaceCase { caseId: string; reference: string | null; on: CalendarDate }
interface PlacePlanning {
  academicYear: number; startsOn: CalendarDate; endsOn: CalendarDate;
  schools: { urn: string; name: string; placesAvailable: number; placesUsed: number; newPlansDirected: number; placesNeeded: number; shortfall: number; movesIn: number; movesOut: number; movesOutToIndependentSpecial: number }[];
  independentSpecialPlacements: { count: number; fromListedSpecial: number; cases: PlaceCase[] };
  waitingList: { recorded: false; why: string };
  totals: { placesAvailable: number; placesUsed: number; newPlansDirected: number; placesNeeded: number; shortfall: number; movesIn: number; movesOut: number };
}
