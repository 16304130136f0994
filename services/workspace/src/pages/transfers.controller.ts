import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { WORKSPACE, type Workspace } from '../workspace';
import { fieldErrorsOf, listOrRefuse, textParam, wholeNumber } from './list-query';
import { PageErrors } from './page-errors';

/** The reg 2 moves, in words. */
export const TRANSFER_KIND_WORDS: Record<string, string> = {
  'early-years-to-school': 'Early years to school', 'infant-to-junior': 'Infant to junior', 'primary-to-middle': 'Primary to middle',
  'primary-to-secondary': 'Primary to secondary', 'middle-to-secondary': 'Middle to secondary', 'secondary-to-post-16': 'Secondary to post-16',
};

type Child = { givenName?: string | null; familyName?: string | null };
const nameOf = (child: Child) => (child.givenName || child.familyName ? `${child.givenName ?? ''} ${child.familyName ?? ''}`.trim() : '(details erased)');

/**
 * Phase transfers of a calendar year (`GET /annual-reviews/transfers`): the cohort moving in
 * September, each with the last lawful day to amend the plan in the rule's words and the latest safe
 * dates for the amendment notice and the review meeting; and the moves between post-16 institutions.
 */
@ApiExcludeController()
@Page('phase transfers of a year: the rows come from the API, called with the signed-in user\'s token')
@UseFilters(PageErrors)
@Controller('transfers')
export class TransfersController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async transfers(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const given = textParam(query.year, 10);
    const year = wholeNumber(given, { min: 2000, max: 2100 });
    const errors = year.fault ? [{ text: `Year must be a year from 2000 to 2100, like 2027`, href: '#year' }] : [];
    const context = { title: 'Phase transfers', section: 'transfers', errors, fieldErrors: fieldErrorsOf(errors), givenYear: given, kindWords: TRANSFER_KIND_WORDS };
    if (errors.length) return this.workspace.page(res.status(400), 'transfers.njk', { ...context, transfers: null }, signedIn);
    const answer = await this.workspace.api.get('/annual-reviews/transfers', signedIn.session.accessToken, { year: year.value });
    const transfers = listOrRefuse<{ year: number; asOf: string; total: number; items: (Record<string, unknown> & { child: Child })[]; post16Transfers: (Record<string, unknown> & { child: Child })[] }>(answer, 'the phase transfers');
    return this.workspace.page(res, 'transfers.njk', {
      ...context, title: `Phase transfers, September ${transfers.year}`,
      transfers: {
        ...transfers,
        items: transfers.items.map((t) => ({ ...t, childName: nameOf(t.child) })),
        post16Transfers: transfers.post16Transfers.map((t) => ({ ...t, childName: nameOf(t.child) })),
      },
      years: { previous: transfers.year - 1, next: transfers.year + 1 },
    }, signedIn);
  }
}
