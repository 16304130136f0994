import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ImportRuns, requestContext } from '@ehc/commands';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ImportBody, type ServiceRuntime } from '@ehc/host';
import { MalformedCsvError, malformedCsvProblem } from '@ehc/csv';
import { problem, QueryReader } from '@ehc/http';
import { NotAGiasExtractError, type SettingsDirectory } from '../infrastructure/settings/settings-directory';
import { AR_RUNTIME, SETTINGS_DIRECTORY } from './annual-reviews.controller';
import { Allow, HUB_SERVICE_ROLE, STAFF_ROLES, NotScoped } from '@ehc/identity';

const SETTING_TYPES = ['mainstream', 'resourced-provision', 'special', 'independent-special', 'further-education', 'early-years'] as const;

/** The settings directory: schools, colleges and early years settings, from the DfE register. */
@ApiTags('settings')
@Allow(...STAFF_ROLES, HUB_SERVICE_ROLE)
@Controller('settings')
export class SettingsController {
  private readonly imports: ImportRuns;

  constructor(@Inject(SETTINGS_DIRECTORY) private readonly settings: SettingsDirectory, @Inject(AR_RUNTIME) runtime: ServiceRuntime) {
    this.imports = new ImportRuns(runtime.pool, runtime.schema, runtime.clock, (importId) => `/settings/import/runs/${importId}`);
  }

  @Allow('team-manager', 'administrator')
  @Post('import')
  @HttpCode(200)
  @ImportBody()
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Import a "Get Information about Schools" establishment extract (CSV, RFC 4180). Importing it again updates, never duplicates; a malformed file changes nothing.' })
  @ApiBody({ schema: { type: 'string' } })
  @ApiResponse({ status: 200, description: '{ rowsTaken, rowsRefused: [{ row, reason }] }' })
  @ApiResponse({ status: 409, description: 'ImportRunning: another import of the settings directory is running; the problem gives its id and where its report will be (`runningImportReport`). Nothing was imported.' })
  @ApiResponse({ status: 400, description: 'CsvRequired (no CSV body), NotAGiasExtract (the GIAS columns are missing), or MalformedCsv: not well-formed CSV (bad quoting, a row with another number of fields than the header, …); the problem names the line (`line`, and the message under `errors`). Nothing was imported.' })
  async import(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const csv = typeof body === 'string' ? body : typeof (body as { csv?: unknown })?.csv === 'string' ? (body as { csv: string }).csv : null;
    if (!csv) throw problem(400, 'CsvRequired', 'Send the GIAS extract as a text/csv body', undefined, { errors: [{ field: 'body', rule: 'CsvRequired', message: 'a CSV body is required' }] });
    const actor = requestContext(req, '').actor.id;
    return this.imports.run('settings', actor, async (importId) => {
      res.setHeader('Location', `/settings/import/runs/${importId}`);
      try {
        return await this.settings.importGias(csv);
      } catch (error) {
        if (error instanceof MalformedCsvError) throw malformedCsvProblem(error);
        if (error instanceof NotAGiasExtractError) throw problem(400, 'NotAGiasExtract', 'The CSV is not a GIAS establishment extract', error.message, { errors: [{ field: 'body', rule: 'NotAGiasExtract', message: error.message }] });
        throw error;
      }
    });
  }

  @Allow('team-manager', 'administrator')
  @Get('import/runs/:importId')
  @NotScoped('an import run is its importer\'s record of rows read, not a case; it names no child')
  @ApiOperation({ summary: 'An import of the settings directory by its id: running, completed (with its report), refused (with the problem) or interrupted' })
  @ApiResponse({ status: 200, description: '{ importId, kind, status, startedAt, finishedAt, actor, report }' })
  @ApiResponse({ status: 404, description: 'ImportNotFound' })
  async importRun(@Param('importId') importId: string) {
    const run = await this.imports.find(importId);
    if (!run || run.kind !== 'settings') throw problem(404, 'ImportNotFound', 'No such import', `No import of the settings directory ${importId}`);
    return run;
  }

  @Get()
  @ApiOperation({ summary: 'Find settings by name and type' })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'type', required: false, enum: SETTING_TYPES })
  search(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const name = q.text('q', { maxLength: 200 });
    const type = q.oneOf('type', SETTING_TYPES);
    q.done();
    return this.settings.search({ name, type });
  }

  @Get(':urn')
  @NotScoped('the settings directory is Get Information about Schools\' public register: no child, no case')
  @ApiOperation({ summary: 'A setting by URN' })
  async get(@Param('urn') urn: string) {
    // a URN is 5–8 digits: anything else names no setting, and is not worth a query
    const setting = /^\d{5,8}$/.test(urn) ? await this.settings.byUrn(urn) : null;
    if (!setting) throw problem(404, 'SettingNotFound', 'No such setting', `URN ${urn} is not in the settings directory`);
    return setting;
  }
}
