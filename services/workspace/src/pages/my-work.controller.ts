import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { caseRow, planRow, SORTS, TAG_WORDS, trayPage, type Sort, type TrayQuery, type TrayRow, type TrayTag } from '../tray';
import { PageRefused, WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

/** The most open items a tray fetches from each list: a caseworker's work is far fewer. */
const FETCH_LIMIT = 1000;

const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
const text = (value: unknown, max = 100) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);

/**
 * My work, the landing page: the signed-in caseworker's open assessments and reviews, by next
 * statutory date; a team manager's is the team's (the API's lists are already the caller's teams').
 */
@ApiExcludeController()
@Page('a caseworker\'s tray: its rows come from the API\'s lists, called with the signed-in user\'s token')
@UseFilters(PageErrors)
@Controller()
export class MyWorkController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async myWork(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const { session } = signedIn;
    const manager = session.roles.includes('team-manager');
    const caseworks = manager || session.roles.includes('caseworker');
    // a tribunal officer's work is the appeal windows closing soon
    if (!caseworks && session.roles.includes('tribunal-officer')) return res.redirect(303, '/tribunal/appeal-windows');
    // a funding officer's (and finance's) is the awaiting-funding tray
    if (!caseworks && (session.roles.includes('funding-officer') || session.roles.includes('finance'))) return res.redirect(303, '/high-needs/plans');
    if (!caseworks) {
      return this.workspace.page(res, 'my-work.njk', { title: 'My work', section: 'my-work', noTray: true }, signedIn);
    }
    const q = text(query.q, 200);
    const mine = manager ? undefined : session.subject;
    const [cases, plans, staff] = await Promise.all([
      this.workspace.api.get('/needs-assessments', session.accessToken, { status: 'open', caseworker: mine, q, limit: FETCH_LIMIT }),
      this.workspace.api.get('/annual-reviews', session.accessToken, { status: 'active', caseworker: mine, q, limit: FETCH_LIMIT }),
      // names are for a manager's tray (its caseworker column and caseload); a caseworker's tray is their own
      manager ? this.workspace.staffNames(session) : Promise.resolve({ names: { [session.subject]: session.name }, team: [] }),
    ]);
    for (const answer of [cases, plans]) {
      if (answer.status !== 200) throw new PageRefused(answer.status === 403 ? 403 : 502, 'Your work could not be shown', answer.body?.title ?? 'The hub did not answer as expected.');
    }
    const rows: TrayRow[] = [...cases.body.items.map(caseRow), ...plans.body.items.map(planRow)];
    const trayQuery: TrayQuery = {
      sort: oneOf<Sort>(query.sort, SORTS) ?? 'next', descending: query.order === 'descending',
      tag: oneOf<TrayTag>(query.status, Object.keys(TAG_WORDS) as TrayTag[]), kind: oneOf(query.kind, ['assessment', 'review'] as const),
      caseworker: manager ? text(query.caseworker) : undefined, setting: text(query.setting), page: Number(query.page) || 1,
    };
    const tray = trayPage(rows, trayQuery);
    const caseworkers = manager ? [...new Set(rows.map((r) => r.caseworker).filter((c): c is string => !!c))].sort() : [];
    const caseload = manager ? caseworkers.map((c) => ({
      caseworker: c, name: staff.names[c] ?? c, open: rows.filter((r) => r.caseworker === c).length, overdue: rows.filter((r) => r.caseworker === c && r.tag === 'overdue').length,
    })) : [];
    // every link keeps the other choices: the query without the one it changes
    const current = { q, sort: trayQuery.sort, order: trayQuery.descending ? 'descending' : undefined, status: trayQuery.tag, kind: trayQuery.kind, caseworker: trayQuery.caseworker, setting: trayQuery.setting };
    const link = (change: Record<string, string | undefined>) => {
      const params = new URLSearchParams(Object.entries({ ...current, ...change }).filter((e): e is [string, string] => !!e[1]));
      return params.size ? `/?${params}` : '/';
    };
    const sortLink = (column: Sort) => link({ sort: column, order: trayQuery.sort === column && !trayQuery.descending ? 'descending' : undefined, page: undefined });
    return this.workspace.page(res, 'my-work.njk', {
      title: manager ? 'Team work' : 'My work', section: 'my-work', manager, tray, tagWords: TAG_WORDS, query: current, caseload, caseworkers, names: staff.names,
      sortLinks: Object.fromEntries(SORTS.map((s) => [s, sortLink(s)])),
      ariaSort: (column: Sort) => (trayQuery.sort === column ? (trayQuery.descending ? 'descending' : 'ascending') : 'none'),
      pageLink: (page: number) => link({ page: String(page) }),
    }, signedIn);
  }
}
