import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUploadedFile } from '@ehc/host';
import { Page } from '@ehc/identity';
import type { ApiProblem } from '../hub-api';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { fieldErrorsOf } from './list-query';
import { PageErrors } from './page-errors';

/** The imports the hub takes, where each goes in the API, and its words. */
export const IMPORT_KINDS = {
  plans: { post: '/annual-reviews/import', runs: '/annual-reviews/import/runs', text: 'Plans made before the hub', hint: 'A CSV with the columns reference, given_name, family_name, date_of_birth, plan_issued_on, last_reviewed_on, setting_urn, caseworker.' },
  settings: { post: '/settings/import', runs: '/settings/import/runs', text: 'Settings directory (GIAS extract)', hint: 'An establishment extract from Get Information about Schools, as CSV.' },
} as const;
export type ImportKind = keyof typeof IMPORT_KINDS;
const isKind = (value: unknown): value is ImportKind => typeof value === 'string' && Object.hasOwn(IMPORT_KINDS, value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The path of the upload form's POST: the only page path that takes a multipart body (workspace.module.ts). */
export const IMPORT_UPLOAD_PATH = '/imports';

interface ImportRun { importId: string; kind: string; status: 'running' | 'completed' | 'refused' | 'failed' | 'interrupted'; startedAt: string; finishedAt: string | null; actor: string; report: any }

/**
 * Imports: a plans CSV or a GIAS extract uploaded with a form (multipart, the session's CSRF token
 * checked before the file goes anywhere), sent on to the API as text/csv; then the run's own page,
 * read from the API by its id: in progress (with a link to look again), its report (rows read, taken,
 * unchanged, and each refused row with its number and reason), or the problem that refused it.
 */
@ApiExcludeController()
@Page('imports: files are sent on to the API with the signed-in user\'s token (the API decides who may import), runs read back by id')
@UseFilters(PageErrors)
@Controller('imports')
export class ImportsController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async form(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.render(res, signedIn, {});
  }

  @Post()
  @HttpCode(200)
  async upload(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    // before anything is read from the form, and before the file goes anywhere
    this.workspace.checkCsrf(req, signedIn.session);
    const kind = form?.kind;
    const file = form?.file;
    const errors = [
      ...(isKind(kind) ? [] : [{ text: 'Select what the file is', href: '#kind' }]),
      ...(isUploadedFile(file) && file.bytes > 0 ? [] : [{ text: isUploadedFile(file) && file.filename ? 'The selected file is empty' : 'Select a CSV file', href: '#file' }]),
    ];
    if (errors.length || !isKind(kind) || !isUploadedFile(file)) return this.render(res.status(400), signedIn, { errors, kind: isKind(kind) ? kind : undefined });

    const answer = await this.workspace.api.postCsv(IMPORT_KINDS[kind].post, signedIn.session.accessToken, file.text);
    const problem = answer.body as (ApiProblem & { runningImportId?: string | null }) | null;
    const importId = answer.location?.split('/').pop();
    // run (or refused with its record): the run's own page
    if ((answer.status === 200 || answer.status === 400) && importId && UUID.test(importId)) throw new RedirectTo(`/imports/${kind}/${importId}`);
    if (answer.status === 409 && problem?.runningImportId && UUID.test(problem.runningImportId)) throw new RedirectTo(`/imports/${kind}/${problem.runningImportId}?busy=yes`);
    if (answer.status === 403) throw new PageRefused(403, 'You cannot import files', 'Imports are for team managers and administrators.');
    if (answer.status >= 400 && answer.status < 500) {
      const words = problem?.errors?.map((e) => e.message).filter(Boolean).join('; ') || [problem?.title, problem?.detail].filter(Boolean).join(': ') || 'The hub refused the file.';
      return this.render(res.status(answer.status === 409 ? 409 : 400), signedIn, { errors: [{ text: words, href: '#file' }], kind });
    }
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The file may not have been imported. Try again later: importing the same file again changes nothing already imported.');
  }

  @Get(':kind/:importId')
  async run(@Param('kind') kind: string, @Param('importId') importId: string, @Query('busy') busy: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    if (!isKind(kind) || !UUID.test(importId)) throw new PageRefused(404, 'Import not found', 'There is no such import.');
    const answer = await this.workspace.api.get(`${IMPORT_KINDS[kind].runs}/${importId}`, signedIn.session.accessToken);
    if (answer.status === 404) throw new PageRefused(404, 'Import not found', 'There is no such import.');
    if (answer.status === 403) throw new PageRefused(403, 'You cannot see imports', 'Imports are for team managers and administrators.');
    if (answer.status !== 200) throw new PageRefused(502, 'This import could not be shown', 'The hub did not answer as expected. Try again later.');
    const run = answer.body as ImportRun;
    return this.workspace.page(res, 'import-run.njk', {
      title: run.status === 'running' ? 'Import in progress' : run.status === 'completed' ? 'Import report' : run.status === 'refused' ? 'Import refused' : 'Import not finished',
      section: 'imports', run, kind, kindText: IMPORT_KINDS[kind].text, busy: busy === 'yes', selfLink: `/imports/${kind}/${importId}`,
      report: run.status === 'completed' ? reportOf(run.report) : null,
      problem: run.status === 'refused' ? problemWords(run.report as ApiProblem & { line?: number }) : null,
    }, signedIn);
  }

  private render(res: Response, signedIn: SignedIn, outcome: { errors?: { text: string; href: string }[]; kind?: ImportKind }) {
    const roles = signedIn.session.roles;
    return this.workspace.page(res, 'imports.njk', {
      title: 'Imports', section: 'imports', kinds: IMPORT_KINDS, kind: outcome.kind, errors: outcome.errors ?? [], fieldErrors: fieldErrorsOf(outcome.errors ?? []),
      mayImport: roles.includes('team-manager') || roles.includes('administrator'), action: IMPORT_UPLOAD_PATH,
    }, signedIn);
  }
}

/** Both reports alike: a settings import does not count rows read or unchanged, so they are worked out or left out. */
function reportOf(report: { rowsRead?: number; rowsTaken?: number; rowsUnchanged?: number; rowsRefused?: { row: number; reference?: string | null; reason: string }[] }) {
  const refused = report.rowsRefused ?? [];
  return {
    rowsRead: report.rowsRead ?? (report.rowsTaken ?? 0) + refused.length, rowsTaken: report.rowsTaken ?? 0,
    rowsUnchanged: report.rowsUnchanged ?? null, rowsRefused: refused, hasReferences: refused.some((r) => r.reference),
  };
}

/** A refusal's problem as sentences: its title, what it says, the line it names. */
function problemWords(problem: ApiProblem & { line?: number }) {
  const messages = (problem.errors ?? []).map((e) => e.message).filter((m): m is string => !!m && m !== problem.detail);
  return { title: problem.title ?? 'The file was refused', detail: problem.detail ?? null, line: typeof problem.line === 'number' ? problem.line : null, messages };
}
