import { Controller, Get, Inject, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { PageRefused, WORKSPACE, type Workspace } from '../workspace';
import { linkTo, listOrRefuse, textParam } from './list-query';
import { PageErrors } from './page-errors';

/** The setting types the directory knows, in words. */
export const SETTING_TYPE_WORDS: Record<string, string> = {
  mainstream: 'Mainstream school', 'resourced-provision': 'Mainstream with resourced provision', special: 'Special school',
  'independent-special': 'Independent special school', 'further-education': 'Further education', 'early-years': 'Early years',
};

/**
 * The settings directory (schools, colleges, early years settings from Get Information about
 * Schools): search by name and type (`GET /settings`), and one setting's page (`GET /settings/:urn`).
 */
@ApiExcludeController()
@Page('the settings directory: a public register, read from the API with the signed-in user\'s token')
@UseFilters(PageErrors)
@Controller('settings-directory')
export class SettingsDirectoryController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get()
  async search(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const current = { q: textParam(query.q, 200), type: typeof query.type === 'string' && query.type in SETTING_TYPE_WORDS ? query.type : undefined };
    const answer = await this.workspace.api.get('/settings', signedIn.session.accessToken, current);
    const settings = listOrRefuse<Record<string, unknown>[]>(answer, 'the settings directory');
    return this.workspace.page(res, 'settings-directory.njk', {
      title: 'Settings', section: 'settings', query: current, settings, typeWords: SETTING_TYPE_WORDS,
      searched: !!(current.q || current.type), clearLink: linkTo('/settings-directory', {}),
    }, signedIn);
  }

  @Get(':urn')
  async setting(@Param('urn') urn: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    if (!/^\d{5,8}$/.test(urn)) throw new PageRefused(404, 'Setting not found', 'A URN is 5 to 8 digits, like 120345.');
    const answer = await this.workspace.api.get(`/settings/${urn}`, signedIn.session.accessToken);
    if (answer.status === 404) throw new PageRefused(404, 'Setting not found', `URN ${urn} is not in the settings directory. It may not have been imported yet.`);
    const setting = listOrRefuse<{ urn: string; name: string } & Record<string, unknown>>(answer, 'this setting');
    return this.workspace.page(res, 'setting.njk', { title: setting.name, section: 'settings', setting, typeWords: SETTING_TYPE_WORDS }, signedIn);
  }
}
