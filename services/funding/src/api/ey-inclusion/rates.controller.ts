import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { isCalendarDate, newId, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { problem, QueryReader } from '@ehc/http';
import { Allow, NotScoped } from '@ehc/identity';
import { ImportBody } from '@ehc/host';
import { penceToPounds } from '@ehc/money';
import { EY_INCLUSION_RATES } from '../../application/aggregates';
import { conflictingRates, rateVersions, type EyInclusionRatesState } from '../../domain/ey-inclusion/rates-table';
import type { RateVersion } from '../../domain/ey-inclusion/rates';
import type { FundingRecords } from '../funding-records';
import { EY_INCLUSION_RECORDS, FUNDING_READERS, FUNDING_WORK } from '../tokens';
import { readEyInclusionRates } from './rates-csv';

const WHY = 'the rates table is the authority\'s price list: it names no child';

const rateAlreadySet = (rates: RateVersion[]) => problem(409, 'RateAlreadySet',
  'The rates table already has a different hourly rate for these levels and dates: import a new version (a later valid_from)', undefined, {
    errors: rates.map((r) => ({ field: `${r.level} ${r.validFrom}`, rule: 'RateAlreadySet', message: `£${penceToPounds(r.hourlyPence)} differs from the rate already set` })),
  });

/** The rates table as its events leave it (a short stream: one event per import that added rates). */
export async function eyInclusionRates(records: FundingRecords): Promise<RateVersion[]> {
  return (await records.read<EyInclusionRatesState>(EY_INCLUSION_RATES, 'rates'))?.state.rates ?? [];
}

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
  async import(@Body() body: unknown, @Req() req: Request) {
    const csv = typeof body === 'string' ? body : null;
    if (!csv) throw problem(400, 'CsvRequired', 'Send the rates table as a text/csv body', undefined, { errors: [{ field: 'body', rule: 'CsvRequired', message: 'a CSV body is required' }] });
    const rates = await readEyInclusionRates(csv);
    const conflicts = conflictingRates({ rates: await eyInclusionRates(this.records) }, rates);
    if (conflicts.length > 0) throw rateAlreadySet(conflicts);
    const today = this.records.today();
    // a concurrent import may still set a rate first: the decider's refusal is the same answer
    const result = await this.records.run(EY_INCLUSION_RATES, 'rates', { type: 'ImportEyInclusionRates', data: { importId: newId(), today, rates } }, req, today, () => rateAlreadySet([]));
    const added = result.events.flatMap((e) => (e.data as { rates: RateVersion[] }).rates);
    return { added: added.length, unchanged: rates.length - added.length, rates: added };
  }

  @Get()
  @NotScoped(WHY)
  @ApiOperation({ summary: 'The rates table: every level\'s hourly rate versions (validFrom, validTo), or the rates in force on a date' })
  @ApiQuery({ name: 'on', required: false, description: 'only the rates in force on this date (YYYY-MM-DD)' })
  @ApiResponse({ status: 200, description: '{ asOf, rates: [{ level, hourlyPence, validFrom, validTo }] }' })
  @ApiResponse({ status: 400, description: 'on is not a date' })
  async list(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const on = q.text('on', { maxLength: 10 });
    if (on !== undefined && !isCalendarDate(on)) q.reject('on', 'CalendarDate', 'on must be a date YYYY-MM-DD');
    q.done();
    const rates = await eyInclusionRates(this.records);
    const versions = rateVersions(rates);
    const inForce = (v: { validFrom: CalendarDate; validTo: CalendarDate | null }, day: CalendarDate) => onOrBefore(v.validFrom, day) && (v.validTo === null || onOrBefore(day, v.validTo));
    return { asOf: on ?? this.records.today(), rates: on ? versions.filter((v) => inForce(v, on)) : versions };
  }
}
