import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { ImportBody } from '@ehc/host';
import { penceToPounds } from '@ehc/money';
import { EY_INCLUSION_RATES } from '../../application/aggregates';
import { conflictingRates, rateVersions, type Command as EyRatesCommand, type EyInclusionRatesState } from '../../domain/ey-inclusion/rates-table';
import { importPriceList, type PriceList } from '../price-list-import';
import type { RateVersion } from '../../domain/ey-inclusion/rates';
import type { FundingRecords } from '../funding-records';
import { EY_INCLUSION_RECORDS, FUNDING_READERS, FUNDING_WORK } from '../tokens';
import { readEyInclusionRates } from './rates-csv';

const WHY = 'the rates table is the authority\'s price list: it names no child';


/** The rates table as its events leave it (a short stream: one event per import that added rates). */
export async function eyInclusionRates(records: FundingRecords): Promise<RateVersion[]> {
  return (await records.read<EyInclusionRatesState>(EY_INCLUSION_RATES, 'rates'))?.state.rates ?? [];
}

const EY_RATES_LIST: PriceList<RateVersion, EyRatesCommand> = {
  aggregate: EY_INCLUSION_RATES, id: 'rates', the: 'the rates table', read: readEyInclusionRates, current: eyInclusionRates,
  conflicting: (current, rows) => conflictingRates({ rates: current }, rows),
  describe: (r) => ({ field: `${r.level} ${r.validFrom}`, message: `£${penceToPounds(r.hourlyPence)} differs from the rate already set` }),
  command: (importId, today, rates) => ({ type: 'ImportEyInclusionRates', data: { importId, today, rates } }),
};

/** The LA's rates table for early-years inclusion funding: each level's hourly rate, versioned by the date it is valid from. */
@ApiTags('ey-inclusion')
@Allow(...FUNDING_READERS)
@Controller('funding/ey-inclusion/rates')
export class EyInclusionRatesController {
  constructor(@Inject(EY_INCLUSION_RECORDS) private readonly records: FundingRecords) {}

  @Post()
  @Allow(...FUNDING_WORK)
  @NotScoped(WHY)
  @HttpCode(200)
  @ImportBody()
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Import levels and their hourly rates (CSV `level,hourly_pounds,valid_from`). A new year\'s rates are a new version (a later valid_from); the same file twice adds nothing; a bad row refuses the whole file' })
  @ApiBody({ schema: { type: 'string', example: 'level,hourly_pounds,valid_from\ntargeted,12.50,2026-04-01\nenhanced,18,2026-04-01\n' } })
  @ApiResponse({ status: 200, description: '{ added, unchanged, rates: [{ level, hourlyPence, validFrom }] } (the rates added)' })
  @ApiResponse({ status: 400, description: 'CsvRequired, MalformedCsv (the line) or NotAnEyInclusionRatesTable (the columns missing): nothing imported' })
  @ApiResponse({ status: 409, description: 'RateAlreadySet: a row would change a rate already set for the same level and valid_from (the rows under `errors`): nothing imported' })
  @ApiResponse({ status: 422, description: 'EyInclusionRatesInvalid: each faulty row and column under `errors` (`row N: column`: level format, hourly_pounds, valid_from, a duplicate): nothing imported' })
  import(@Body() body: unknown, @Req() req: Request) {
    return importPriceList(EY_RATES_LIST, this.records, body, req);
  }

  @Get()
  @NotScoped(WHY)
  @ApiOperation({ summary: 'The rates table: every level\'s hourly rate versions (validFrom, validTo), or the rates in force on a date' })
  @ApiQuery({ name: 'on', required: false, description: 'only the rates in force on this date (YYYY-MM-DD)' })
  @ApiResponse({ status: 200, description: '{ asOf, rates: [{ level, hourlyPence, validFrom, validTo }] }' })
  @ApiResponse({ status: 400, description: 'on is not a date' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const on = q.date('on');
    q.done();
    const rates = await eyInclusionRates(this.records);
    const versions = rateVersions(rates);
    const inForce = (v: { validFrom: CalendarDate; validTo: CalendarDate | null }, day: CalendarDate) => onOrBefore(v.validFrom, day) && (v.validTo === null || onOrBefore(day, v.validTo));
    return { asOf: on ?? this.records.today(), rates: on ? versions.filter((v) => inForce(v, on)) : versions };
  }
}
