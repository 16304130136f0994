import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { ImportBody } from '@ehc/host';
import { penceToPounds } from '@ehc/money';
import { BANDING_MATRIX, PLAN_FUNDING } from '../application/aggregates';
import { planIdOf } from '../domain/plan-funding/plan-funding';
import { ruleProblem } from './problems';
import { conflictingRates, matrixVersions, rateOn, type BandRate, type Command as BandingCommand } from '../domain/banding/banding-matrix';
import { importPriceList, type PriceList } from './price-list-import';
import type { FundingRecords } from './funding-records';
import { readBandRates } from './band-rates-csv';
import { bandingRates } from './banding';
import { FUNDING_READERS, FUNDING_RECORDS } from './tokens';

const WHY = 'the banding matrix is the authority\'s price list: it names no child';

const BANDING_MATRIX_LIST: PriceList<BandRate, BandingCommand> = {
  aggregate: BANDING_MATRIX, id: 'matrix', the: 'the banding matrix', read: readBandRates,
  current: bandingRates,
  conflicting: (current, rows) => conflictingRates({ rates: current }, rows),
  describe: (r) => ({ field: `${r.band} ${r.settingType} ${r.validFrom}`, message: `£${penceToPounds(r.annualPence)} differs from the rate already set` }),
  command: (importId, today, rates) => ({ type: 'ImportBandRates', data: { importId, today, rates } }),
  afterImport: async (rates, records, req) => ({ plansRerated: await applyToTopUps(rates, records, req) }),
};

/**
 * Each version of the matrix applied to the plans whose top-up has that band and setting type: the
 * new year's rate from its date, recorded today (months already paid are adjusted). A plan already
 * at the version is left as it is, so the same file imported again re-rates only what a crash left.
 */
async function applyToTopUps(rates: BandRate[], records: FundingRecords, req: Request): Promise<number> {
  const { dataSource, schema } = records.runtime;
  const today = records.today();
  let rerated = 0;
  for (const rate of rates) {
    const plans = (await dataSource.query(`SELECT stream_id FROM "${schema}".rm_funding_plans WHERE view->'topUps' @> $1::jsonb`, [JSON.stringify([{ band: rate.band, settingType: rate.settingType }])])) as { stream_id: string }[];
    for (const { stream_id } of plans) {
      const result = await records.run(PLAN_FUNDING, planIdOf(stream_id), {
        type: 'ApplyMatrixRate', data: { on: today, today, band: rate.band, settingType: rate.settingType, rate: { annualPence: rate.annualPence, validFrom: rate.validFrom } },
      }, req, today, (rule) => ruleProblem(rule as never));
      if (result.events.length > 0) rerated++;
    }
  }
  return rerated;
}

/** The banding matrix: each band's annual element 3 rate per setting type, versioned by the date it is valid from. */
@ApiTags('bands')
@Allow(...FUNDING_READERS)
@Controller('funding/bands')
export class BandsController {
  constructor(@Inject(FUNDING_RECORDS) private readonly records: FundingRecords) {}

  @Post()
  @Allow('funding-officer', 'team-manager')
  @NotScoped(WHY)
  @HttpCode(200)
  @ImportBody()
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Import bands and their annual rates (CSV `band,setting_type,annual_pounds,valid_from`). A new year\'s rates are a new version (a later valid_from); the same file twice adds nothing; a bad row refuses the whole file' })
  @ApiBody({ schema: { type: 'string', example: 'band,setting_type,annual_pounds,valid_from\nC,mainstream,12000,2026-04-01\nD,mainstream,15500,2026-04-01\n' } })
  @ApiResponse({ status: 200, description: '{ added, unchanged, rates: [{ band, settingType, annualPence, validFrom }] (the rates added), plansRerated (plans whose top-up took a version\'s rate from its date) }' })
  @ApiResponse({ status: 400, description: 'CsvRequired, MalformedCsv (the line) or NotABandingMatrix (the columns missing): nothing imported' })
  @ApiResponse({ status: 409, description: 'RateAlreadySet: a row would change a rate already set for the same band, setting type and valid_from (the rows under `errors`): nothing imported' })
  @ApiResponse({ status: 422, description: 'BandRatesInvalid: each faulty row and field under `errors` (band format, setting_type, annual_pounds, valid_from, a duplicate): nothing imported' })
  import(@Body() body: unknown, @Req() req: Request) {
    return importPriceList(BANDING_MATRIX_LIST, this.records, body, req);
  }

  @Get()
  @NotScoped(WHY)
  @ApiOperation({ summary: 'The banding matrix: every band and setting type\'s rate versions (validFrom, validTo), or the rates in force on a date' })
  @ApiQuery({ name: 'on', required: false, description: 'only the rates in force on this date (YYYY-MM-DD)' })
  @ApiResponse({ status: 200, description: '{ asOf, bands: [{ band, settingType, annualPence, validFrom, validTo }] }' })
  @ApiResponse({ status: 400, description: 'on is not a date' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const on = q.date('on');
    q.done();
    const rates = await bandingRates(this.records);
    const versions = matrixVersions(rates);
    const bands = on ? versions.filter((v) => rateOn(rates, v.band, v.settingType, on)?.validFrom === v.validFrom) : versions;
    return { asOf: on ?? this.records.today(), bands };
  }
}
