import { Controller, Get, Inject, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { formatDate } from '../views';
import { profileChart, type NeedsProfile } from '../valuing-send';
import { PageRefused, WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Valuing SEND profile's chart, as an SVG image: drawn on the server from the case the API gives
 * the signed-in user (someone else's case is the API's 404, so its chart is too).
 */
@ApiExcludeController()
@Page('a chart of a case\'s Valuing SEND ratings, drawn from the case the API gives the signed-in user')
@UseFilters(PageErrors)
@Controller('cases')
export class ValuingSendController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get(':id/valuing-send/:profileId')
  async chart(@Param('id') id: string, @Param('profileId') profileId: string, @Req() req: Request, @Res() res: Response) {
    const { session } = await this.workspace.signedIn(req);
    if (!UUID.test(id)) throw new PageRefused(404, 'Chart not found', 'There is no such case.');
    const found = await this.workspace.api.get(`/needs-assessments/${id}`, session.accessToken);
    const profile = found.status === 200 ? (found.body.needsProfiles as NeedsProfile[]).find((p) => p.profileId === profileId) : undefined;
    if (!profile) throw new PageRefused(404, 'Chart not found', 'There is no such profile on this case, or it is not one you may see.');
    // an image runs no script; its drawing's own style attributes are all it needs
    res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('cache-control', 'no-store');
    res.type('image/svg+xml').send(await profileChart(profile, `Valuing SEND, ${formatDate(profile.ratedOn)}`));
  }
}
