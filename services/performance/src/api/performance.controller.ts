import { Controller, Get, Inject, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { QueryReader, problem } from '@ehc/http';
import { Allow, callerOf } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import { packCsv, packWorkbook, renderPackHtml, UnknownMeasure } from '@ehc/performance-pack';
import { addMonthsTo, monthOf } from '../domain/months';
import { MEASURES, type Pack } from '../domain/measures';
import { suppressPack, suppressRestatement } from '../domain/suppression';
import type { PackReader } from '../application/pack-reader';
import { asAtInstant, readAsAt, readChoice, readMonth } from './query-rules';
import { DRILL_DOWN, PACK_READERS, PERFORMANCE_READER } from './tokens';

const FORMATS = ['json', 'html', 'xlsx', 'csv'] as const;
const MEASURE_NAMES = MEASURES.map((m) => m.name);
const AS_AT = 'a Europe/London date YYYY-MM-DD (the facts recorded by the end of that day) or an instant with its offset (2026-11-30T09:00:00Z); default: everything recorded so far';

/** The monthly SEND performance pack, as at any date, and its restatement. */
@ApiTags('performance')
@Allow(...PACK_READERS)
@Controller('performance')
export class PerformanceController {
  constructor(@Inject(PERFORMANCE_READER) private readonly reader: PackReader) {}

  /** Staff who work cases see the cases behind each figure; everyone else sees aggregates with counts of 1 to 4 suppressed. */
  private drillsDown(req: Request): boolean {
    return (callerOf(req)?.roles ?? []).some((r) => (DRILL_DOWN as string[]).includes(r));
  }

  @Get('pack')
  @AuditedRead('list')
  @ApiOperation({ summary: 'The monthly performance pack for a month, as it was (or would have been) produced from the facts recorded by the as-at time' })
  @ApiQuery({ name: 'month', required: false, description: 'the reporting month, YYYY-MM (default: last month, Europe/London)', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } })
  @ApiQuery({ name: 'as-at', required: false, description: AS_AT, schema: { type: 'string', maxLength: 40 } })
  @ApiQuery({ name: 'format', required: false, schema: { type: 'string', enum: [...FORMATS], default: 'json' }, description: 'json; html (a printable page, charts drawn on the server as SVG); xlsx (one sheet per measure, typed cells); csv (one row per measure and month)' })
  @ApiQuery({ name: 'measure', required: false, schema: { type: 'string', enum: MEASURE_NAMES }, description: 'csv only: just this measure' })
  @ApiProduces('application/json', 'text/html', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({
    status: 200,
    description: '{ month, asAt, snapshotOn, measures: { <name>: { title, value, numerator, denominator, unit (count|share|mean|pence), definition, source, status (ok|no-cases|source-not-landed), provisional, breakdown, trend: [{ month, value, numerator, denominator }] (12 months to the month), cases: [{ caseId, reference, inNumerator, detail, daysOverdue }] (staff who work cases only), suppressed (aggregate-only readers) } } }. A share is a fraction (0.459), pence are whole pence.',
  })
  @ApiResponse({ status: 400, description: 'month not YYYY-MM, as-at neither a date nor an instant with its offset, format or measure not one listed: the problem names the parameter' })
  async pack(@Query() query: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const q = new QueryReader(query);
    const month = readMonth(q, 'month', addMonthsTo(monthOf(this.reader.today()), -1));
    const asAt = readAsAt(q, 'as-at') ?? null;
    const format = readChoice(q, 'format', FORMATS, 'json');
    const measure = q.text('measure', { maxLength: 60 });
    if (measure !== undefined && !MEASURE_NAMES.includes(measure)) q.reject('measure', 'NotOneOf', `measure must be one of the pack's measures (${MEASURE_NAMES.join(', ')})`);
    if (measure !== undefined && format !== 'csv') q.reject('measure', 'CsvOnly', 'measure picks one measure of the csv format');
    q.done();
    const computed = await this.reader.pack(month!, asAt);
    const pack: Pack = this.drillsDown(req) ? computed : suppressPack(computed);
    const name = `performance-pack-${pack.month}${pack.asAt ? `-as-at-${pack.asAt.slice(0, 10)}` : ''}`;
    switch (format) {
      case 'html':
        res.type('text/html');
        return renderPackHtml(pack, { standalone: true });
      case 'xlsx':
        return new StreamableFile(await packWorkbook(pack), {
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: `attachment; filename="${name}.xlsx"`,
        });
      case 'csv':
        res.type('text/csv');
        res.setHeader('Content-Disposition', `attachment; filename="${name}${measure ? `-${measure}` : ''}.csv"`);
        try {
          return packCsv(pack, measure);
        } catch (error) {
          if (error instanceof UnknownMeasure) throw problem(400, 'NotOneOf', 'No such measure', error.message);
          throw error;
        }
      default:
        return pack;
    }
  }

  @Get('restatement')
  @AuditedRead('list')
  @ApiOperation({ summary: 'How month M\'s pack changed between two as-at times: each measure before and after, and the cases that came in or left (late recording made visible)' })
  @ApiQuery({ name: 'month', required: true, description: 'the reporting month, YYYY-MM', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } })
  @ApiQuery({ name: 'from-as-at', required: true, description: `the earlier as-at: ${AS_AT}`, schema: { type: 'string', maxLength: 40 } })
  @ApiQuery({ name: 'to-as-at', required: false, description: `the later as-at: ${AS_AT}`, schema: { type: 'string', maxLength: 40 } })
  @ApiResponse({ status: 200, description: '{ month, fromAsAt, toAsAt, restated: [names of the measures that changed], measures: { <name>: { from: { value, numerator, denominator }, to: { … }, restated, casesAdded, casesRemoved } } }' })
  @ApiResponse({ status: 400, description: 'month or from-as-at missing or malformed, to-as-at before from-as-at: the problem names the parameter' })
  async restatement(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const q = new QueryReader(query);
    const month = readMonth(q, 'month');
    const from = readAsAt(q, 'from-as-at');
    if (from === undefined && query['from-as-at'] === undefined) q.reject('from-as-at', 'Required', 'from-as-at is required: the as-at of the published figures');
    const to = readAsAt(q, 'to-as-at') ?? null;
    if (from && asAtInstant(to) < asAtInstant(from)) q.reject('to-as-at', 'ToBeforeFrom', 'to-as-at is before from-as-at');
    q.done();
    const restatement = await this.reader.restatement(month!, from!, to);
    return this.drillsDown(req) ? restatement : suppressRestatement(restatement);
  }
}
