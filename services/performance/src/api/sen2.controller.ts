import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { QueryReader } from '@ehc/http';
import { Allow } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import { SEN2_FACT_KINDS, sen2Return, validateSen2, type Sen2Return } from '../domain/sen2';
import { censusDateOf } from '../domain/months';
import { sen2Csv, sen2Xml } from '../infrastructure/sen2-export';
import type { PackReader } from '../application/pack-reader';
import type { PerformanceSettings } from '../config';
import { readAsAt, readChoice } from './query-rules';
import { PERFORMANCE_READER, PERFORMANCE_SETTINGS, SEN2_PREPARERS } from './tokens';

const FORMATS = ['json', 'xml', 'csv'] as const;
const YEAR = { type: 'integer', minimum: 2015, maximum: 2100 } as const;

/** The DfE's SEN2 return, derived from the published events only, and its checks before submission. */
@ApiTags('sen2')
@Allow(...SEN2_PREPARERS)
@Controller('performance/sen2')
export class Sen2Controller {
  constructor(
    @Inject(PERFORMANCE_READER) private readonly reader: PackReader,
    @Inject(PERFORMANCE_SETTINGS) private readonly settings: PerformanceSettings,
  ) {}

  private async build(query: Record<string, unknown>, formats: readonly string[]) {
    const q = new QueryReader(query);
    const year = q.integer('year', { min: YEAR.minimum, max: YEAR.maximum, required: true });
    const format = formats.length > 1 ? readChoice(q, 'format', FORMATS, 'json') : 'json';
    const asAt = readAsAt(q, 'as-at') ?? null;
    q.done();
    const facts = await this.reader.history(censusDateOf(year!), asAt, SEN2_FACT_KINDS);
    return { ret: sen2Return(facts, year!), format };
  }

  @Get()
  @AuditedRead('list')
  @ApiOperation({ summary: 'The SEN2 return for a collection year: the plans active on the census date (the third Thursday in January) and the previous calendar year\'s requests, assessments, new and ceased plans and placements, person-level' })
  @ApiQuery({ name: 'year', required: true, description: 'the collection year: its census date is in January of it, its flows are the calendar year before', schema: YEAR })
  @ApiQuery({ name: 'format', required: false, schema: { type: 'string', enum: [...FORMATS], default: 'json' }, description: 'json; xml (the DfE COLLECT layout); csv (one row per request record)' })
  @ApiQuery({ name: 'as-at', required: false, description: 'the facts recorded by this date (YYYY-MM-DD) or instant; default: everything recorded so far', schema: { type: 'string', maxLength: 40 } })
  @ApiProduces('application/json', 'application/xml', 'text/csv')
  @ApiResponse({ status: 200, description: '{ year, censusDate, flowsFrom, flowsTo, stock, requests, assessments, namedPlans, newPlans, ceased, placements, totals, gaps: [{ item, why }] } — each record with its caseId and reference; gaps are the SEN2 items the hub does not record (left out, never invented)' })
  @ApiResponse({ status: 400, description: 'year missing or outside 2015–2100, format not one listed, as-at malformed: the problem names the parameter' })
  async sen2(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<Sen2Return | string> {
    const { ret, format } = await this.build(query, FORMATS);
    if (format === 'xml') {
      res.type('application/xml').setHeader('Content-Disposition', `attachment; filename="sen2-${ret.year}.xml"`);
      return sen2Xml(ret, this.settings.laCode);
    }
    if (format === 'csv') {
      res.type('text/csv').setHeader('Content-Disposition', `attachment; filename="sen2-${ret.year}.csv"`);
      return sen2Csv(ret);
    }
    return ret;
  }

  @Get('validation')
  @AuditedRead('list')
  @ApiOperation({ summary: 'The DfE-style checks the return can be put through before submission: each failing record with its rule, the item at fault and the case to open' })
  @ApiQuery({ name: 'year', required: true, description: 'the collection year', schema: YEAR })
  @ApiQuery({ name: 'as-at', required: false, description: 'the facts recorded by this date or instant', schema: { type: 'string', maxLength: 40 } })
  @ApiResponse({ status: 200, description: '{ year, censusDate, records, issues: [{ rule, message, caseId, reference, field }], byRule: { <rule>: count } }' })
  @ApiResponse({ status: 400, description: 'year missing or outside 2015–2100, as-at malformed: the problem names the parameter' })
  async validation(@Query() query: Record<string, unknown>) {
    const { ret } = await this.build(query, ['json']);
    const issues = validateSen2(ret);
    const byRule: Record<string, number> = {};
    for (const i of issues) byRule[i.rule] = (byRule[i.rule] ?? 0) + 1;
    return { year: ret.year, censusDate: ret.censusDate, records: ret.requests.length, issues, byRule };
  }
}
