import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CalendarDate } from '@ehc/domain-kernel';
import { isUploadedFile } from '@ehc/host';
import { Page } from '@ehc/identity';
import type { ApiProblem } from '../hub-api';
import { matrixTables, type BandRate } from '../funding/figures';
import { FUNDING_PAGES, FUNDING_WORKERS, fundingHelpers } from '../funding/funding-pages';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { fieldErrorsOf, listOrRefuse } from './list-query';
import { PageErrors } from './page-errors';

/** The path of the matrix's upload form: a page path that takes a multipart body (workspace.module.ts). */
export const BANDS_UPLOAD_PATH = FUNDING_PAGES.bands;

/** The API's refusal of a file as error summary lines, each pointing at the file input ("Row 2, setting_type: …"). */
export function matrixProblemErrors(problem: ApiProblem | null): { text: string; href: string }[] {
  const where = (field: string | undefined) => {
    const row = /^row (\d+): (.+)$/.exec(field ?? '');
    return row ? `Row ${row[1]}, ${row[2]}: ` : field && field !== 'body' ? `${field}: ` : '';
  };
  const listed = (problem?.errors ?? []).filter((e) => e.message).map((e) => ({ text: `${where(e.field)}${e.message}`, href: '#file' }));
  if (listed.length) return [...(problem?.title ? [{ text: problem.title, href: '#file' }] : []), ...listed];
  return [{ text: [problem?.title, problem?.detail].filter(Boolean).join(': ') || 'The hub refused the file', href: '#file' }];
}

/**
 * The banding matrix (`GET /funding/bands`): each setting type's bands and their annual rates, every
 * version by the date it is valid from; and the form that imports a new one (a CSV file, sent on to
 * `POST /funding/bands` as text/csv with the signed-in user's token: nothing is taken from a file
 * with a bad row).
 */
@ApiExcludeController()
@Page('the banding matrix: read from the API, and a file sent on to it, with the signed-in user\'s token (the API decides who may import)')
@UseFilters(PageErrors)
@Controller('high-needs/bands')
export class BandingController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async matrix(@Query('added') added: unknown, @Query('unchanged') unchanged: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const count = (value: unknown) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : null);
    const imported = count(added) !== null ? { added: count(added), unchanged: count(unchanged) ?? 0 } : null;
    return this.render(res, signedIn, { imported });
  }

  @Post()
  @HttpCode(200)
  async upload(@Body() form: Record<string, unknown> | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    // before anything is read from the form, and before the file goes anywhere
    this.workspace.checkCsrf(req, signedIn.session);
    const file = form?.file;
    if (!isUploadedFile(file) || file.bytes === 0) {
      return this.render(res.status(400), signedIn, { errors: [{ text: isUploadedFile(file) && file.filename ? 'The selected file is empty' : 'Select a CSV file', href: '#file' }] });
    }
    const answer = await this.workspace.api.postCsv('/funding/bands', signedIn.session.accessToken, file.text, 60_000);
    if (answer.status === 200) {
      const { added, unchanged } = answer.body as { added: number; unchanged: number };
      throw new RedirectTo(`${FUNDING_PAGES.bands}?added=${added}&unchanged=${unchanged}`);
    }
    if (answer.status === 403) throw new PageRefused(403, 'You cannot import the banding matrix', 'The banding matrix is imported by the funding team and team managers.');
    if (answer.status >= 400 && answer.status < 500) return this.render(res.status(answer.status === 409 ? 409 : answer.status === 422 ? 422 : 400), signedIn, { errors: matrixProblemErrors(answer.body as ApiProblem) });
    throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The banding matrix may not have been imported. Try again later: importing the same file again changes nothing already imported.');
  }

  private async render(res: Response, signedIn: SignedIn, outcome: { errors?: { text: string; href: string }[]; imported?: { added: number | null; unchanged: number } | null }) {
    const matrix = listOrRefuse<{ asOf: CalendarDate; bands: BandRate[] }>(await this.workspace.api.get('/funding/bands', signedIn.session.accessToken), 'the banding matrix');
    return this.workspace.page(res, 'funding-bands.njk', {
      title: 'Banding matrix', section: 'funding-bands', ...fundingHelpers, asOf: matrix.asOf, tables: matrixTables(matrix.bands, matrix.asOf),
      // the file's first fault beside it; every fault in the summary
      errors: outcome.errors ?? [], fieldErrors: fieldErrorsOf((outcome.errors ?? []).slice(0, 1)), imported: outcome.imported ?? null,
      mayImport: FUNDING_WORKERS.some((r) => signedIn.session.roles.includes(r)), action: BANDS_UPLOAD_PATH,
    }, signedIn);
  }
}
