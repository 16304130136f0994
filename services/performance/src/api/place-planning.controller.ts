import { Body, Controller, Get, HttpCode, Inject, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { academicYearOf, academicYearEndsOn } from '@ehc/domain-kernel';
import { QueryReader, problem } from '@ehc/http';
import { ImportBody, type ServiceRuntime } from '@ehc/host';
import { Allow } from '@ehc/identity';
import { PLACE_PLANNING_FACT_KINDS, placePlanning } from '../domain/place-planning';
import { MalformedCsvError, malformedCsvProblem } from '@ehc/csv';
import { CAPACITY_CSV_HEADER, parseCapacityCsv } from '../infrastructure/capacity-csv';
import { capacityFor, listCapacity, replaceCapacity } from '../infrastructure/capacity';
import type { PackReader } from '../application/pack-reader';
import { PACK_READERS, PERFORMANCE_READER, PERFORMANCE_RUNTIME, PLACE_PLANNERS } from './tokens';

/** The three special-school funnels against the places each school has (seed 000). */
@ApiTags('place-planning')
@Allow(...PACK_READERS)
@Controller('performance/place-planning')
export class PlacePlanningController {
  constructor(
    @Inject(PERFORMANCE_READER) private readonly reader: PackReader,
    @Inject(PERFORMANCE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Places needed against places available per special school for an academic year: new plans directed there, preference moves (independent and non-local placements among them), the waiting list where recorded' })
  @ApiQuery({ name: 'year', required: false, description: 'the academic year by the calendar year it starts in (2026 is 2026/27); default: this one (Europe/London)', schema: { type: 'integer', minimum: 2015, maximum: 2100 } })
  @ApiResponse({ status: 200, description: '{ academicYear, startsOn, endsOn, schools: [{ urn, name, placesAvailable, placesUsed, newPlansDirected, placesNeeded, shortfall, movesIn, movesOut, movesOutToIndependentSpecial, cases }], independentSpecialPlacements, waitingList: { recorded: false, why }, totals }' })
  @ApiResponse({ status: 400, description: 'year outside 2015–2100: the problem names it' })
  async placePlanning(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const year = q.integer('year', { min: 2015, max: 2100, default: academicYearOf(this.reader.today()) });
    q.done();
    const facts = await this.reader.history(academicYearEndsOn(year), null, PLACE_PLANNING_FACT_KINDS);
    return placePlanning(facts, await capacityFor(this.runtime.pool, this.runtime.schema, year), year);
  }

  @Get('capacity')
  @ApiOperation({ summary: 'The special schools\' places as imported, every academic year' })
  @ApiResponse({ status: 200, description: '{ items: [{ urn, name, academicYear, places, importedAt }] }' })
  async capacity() {
    return { items: await listCapacity(this.runtime.pool, this.runtime.schema) };
  }

  @Put('capacity')
  @Allow(...PLACE_PLANNERS)
  @HttpCode(200)
  @ImportBody()
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: `Import the special schools' places: a CSV (RFC 4180) with the header ${CAPACITY_CSV_HEADER.join(',')}. Each (urn, academic_year) in it replaces the one held; a file with any fault imports nothing.` })
  @ApiBody({ schema: { type: 'string', example: 'urn,name,academic_year,places\n120345,Oakfield Special School,2026/27,140\n' } })
  @ApiResponse({ status: 200, description: '{ rowsTaken }' })
  @ApiResponse({ status: 400, description: 'CsvRequired (no CSV body), or InvalidCapacity: each fault named by line and column (`errors: [{ line, field, rule, message }]`), or MalformedCsv: not well-formed CSV (bad quoting, a row with another number of fields than the header), the line named; nothing was imported' })
  async importCapacity(@Body() body: unknown) {
    if (typeof body !== 'string' || body.trim() === '') {
      throw problem(400, 'CsvRequired', 'Send the places as a text/csv body', undefined, { errors: [{ field: 'body', rule: 'CsvRequired', message: 'a CSV body is required' }] });
    }
    const { rows, errors } = await parseCapacityCsv(body).catch((error: unknown) => {
      throw error instanceof MalformedCsvError ? malformedCsvProblem(error) : error;
    });
    if (errors.length > 0) {
      throw problem(400, 'InvalidCapacity', 'The places file has faults; nothing was imported', `${errors.length} fault(s), the first on line ${errors[0].line}: ${errors[0].message}`, {
        errors: errors.map((e) => ({ line: e.line, field: e.field, rule: 'InvalidCapacity', message: `line ${e.line}, ${e.field}: ${e.message}` })),
      });
    }
    await replaceCapacity(this.runtime.pool, this.runtime.schema, rows);
    return { rowsTaken: rows.length };
  }
}
