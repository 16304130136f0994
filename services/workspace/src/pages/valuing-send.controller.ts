import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { formatDate } from '../views';
import { profileChart, type NeedsProfile } from '../valuing-send';
import { PageRefused, WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The records that carry Valuing SEND profiles, by their pages' path: where the API keeps each, and its name in words. */
const RECORDS: Record<string, { api: string; noun: string }> = {
  cases: { api: '/needs-assessments', noun: 'case' },
  plans: { api: '/annual-reviews', noun: 'plan' },
};

/**
 * A Valuing SEND profile's chart, as an SVG image: drawn on the server from the case or plan the API
 * gives the signed-in user (someone else's record is the API's 404, so its chart is too).
 */
@ApiExcludeController()
@Page('a chart of a case\'s or a plan\'s Valuing SEND ratings, drawn from the record the API gives the signed-in user')
@UseFilters(PageErrors)
@Controller()
export class ValuingSendController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get(Object.keys(RECORDS).map((pages) => `${pages}/:id/valuing-send/:profileId`))
  async chart(@Param('id') id: string, @Param('profileId') profileId: string, @Req() req: Request, @Res() res: Response) {
    const { session } = await this.workspace.signedIn(req);
    // the route matched one of RECORDS' paths: the segment before the id says which (wherever the workspace is mounted)
    const record = RECORDS[/\/([a-z]+)\/[^/]+\/valuing-send\/[^/]+\/?$/.exec(req.path)?.[1] ?? ''];
    if (!record || !UUID.test(id)) throw new PageRefused(404, 'Chart not found', `There is no such ${record?.noun ?? 'record'}.`);
    const found = await this.workspace.api.get(`${record.api}/${id}`, session.accessToken);
    const profiles = found.status === 200 ? ((found.body.needsProfiles ?? []) as NeedsProfile[]) : [];
    const profile = profiles.find((p) => p.profileId === profileId);
    if (!profile) throw new PageRefused(404, 'Chart not found', `There is no such profile on this ${record.noun}, or it is not one you may see.`);
    // an image runs no script; its drawing's own style attributes are all it needs
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('cache-control', 'no-store');
    res.type('image/svg+xml').send(await profileChart(profile, `Valuing SEND, ${formatDate(profile.ratedOn)}`));
  }
}
