import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { problem } from '@ehc/platform';
import type { SettingsDirectory } from '../infrastructure/settings/settings-directory';
import { SETTINGS_DIRECTORY } from './annual-reviews.controller';

/** The settings directory: schools, colleges and early years settings, from the DfE register. */
@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(@Inject(SETTINGS_DIRECTORY) private readonly settings: SettingsDirectory) {}

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Import a "Get Information about Schools" establishment extract (CSV). Importing it again updates, never duplicates.' })
  @ApiBody({ schema: { type: 'string' } })
  async import(@Body() body: unknown) {
    const csv = typeof body === 'string' ? body : typeof (body as { csv?: unknown })?.csv === 'string' ? (body as { csv: string }).csv : null;
    if (!csv) throw problem(400, 'CsvRequired', 'Send the GIAS extract as a text/csv body', undefined, { errors: [{ field: 'body', rule: 'CsvRequired', message: 'a CSV body is required' }] });
    try {
      return await this.settings.importGias(csv);
    } catch (error) {
      throw problem(400, 'NotAGiasExtract', 'The CSV is not a GIAS establishment extract', (error as Error).message, { errors: [{ field: 'body', rule: 'NotAGiasExtract', message: (error as Error).message }] });
    }
  }

  @Get()
  @ApiOperation({ summary: 'Find settings by name and type' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'type', required: false, enum: ['mainstream', 'resourced-provision', 'special', 'independent-special', 'further-education', 'early-years'] })
  search(@Query('q') q?: string, @Query('type') type?: string) {
    return this.settings.search({ name: q, type });
  }

  @Get(':urn')
  @ApiOperation({ summary: 'A setting by URN' })
  async get(@Param('urn') urn: string) {
    const setting = await this.settings.byUrn(urn);
    if (!setting) throw problem(404, 'SettingNotFound', 'No such setting', `URN ${urn} is not in the settings directory`);
    return setting;
  }
}
