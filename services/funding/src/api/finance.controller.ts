import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Type, type Static } from '@sinclair/typebox';
import type { CalendarDate } from '@ehc/domain-kernel';
import { problem, QueryReader } from '@ehc/http';
import { bodyReader } from '@ehc/commands';
import { Allow, NotScoped } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import { financialYearOf, parseFinancialYear, type FinancialYear } from '@ehc/money';
import { HIGH_NEEDS_BUDGET } from '../application/aggregates';
import type { BudgetState } from '../domain/budget/high-needs-budget';
import { cadenceOf, type FundingSettings } from '../config';
import { scheduleRows } from '../infrastructure/queries/ledger-lines';
import { forecastRows } from '../infrastructure/queries/forecast';
import { eotasForecastRow } from '../infrastructure/queries/eotas-forecast';
import { scheduleCsv, scheduleWorkbook } from '../infrastructure/exports/schedule-export';
import { FundingRecords } from './funding-records';
import { FUNDING_RECORDS, FUNDING_SETTINGS } from './tokens';

const WHY = 'the schedule and the forecast are the authority\'s accounts by setting and plan reference: they name no child';
const FY = { pattern: '^[0-9]{4}-[0-9]{2}$', example: '2026-27' };

const BudgetBody = Type.Object({
  fy: Type.String({ ...FY, description: 'the financial year, 1 April–31 March' }),
  totalPence: Type.Integer({ minimum: 0, maximum: 100_000_000_000_00, description: 'the high-needs budget for the year, in pence' }),
}, { additionalProperties: false, examples: [{ fy: '2026-27', totalPence: 4_250_000_000 }] });
const readBudgetBody = bodyReader<Static<typeof BudgetBody>>(BudgetBody);
const YearBudgetBody = Type.Object({ totalPence: BudgetBody.properties.totalPence }, { additionalProperties: false, examples: [{ totalPence: 4_250_000_000 }] });
const readYearBudgetBody = bodyReader<Static<typeof YearBudgetBody>>(YearBudgetBody);

/** What finance receives besides events: a year's payment schedule, and the high-needs forecast against the budget. */
@ApiTags('finance')
@Allow('funding-officer', 'team-manager', 'finance', 'performance-reader')
@Controller('funding')
export class FinanceController {
  constructor(@Inject(FUNDING_RECORDS) private readonly records: FundingRecords, @Inject(FUNDING_SETTINGS) private readonly settings: FundingSettings) {}

  /** fy (default: the current one) and as-at (default: today), each refused with a 400 naming it. */
  private yearAndDate(query: Record<string, unknown>, extra?: (q: QueryReader) => void): { fy: FinancialYear; asAt: CalendarDate } {
    const q = new QueryReader(query);
    const fyText = q.text('fy', { maxLength: 7 });
    const asAtText = q.date('as-at');
    extra?.(q);
    const parsed = parseFinancialYear(fyText ?? financialYearOf(this.records.today()));
    if (!parsed.ok) q.reject('fy', 'FinancialYear', 'fy must be a financial year such as 2026-27');
    q.done();
    return { fy: (parsed as { value: FinancialYear }).value, asAt: asAtText ?? this.records.today() };
  }

  @Get('schedule')
  @NotScoped(WHY)
  @AuditedRead('list')
  @ApiOperation({ summary: 'The payment schedule of a financial year per setting, as the ledger stood on a date: JSON, CSV (a line per payment line) or XLSX (a sheet per setting type, a row per setting and plan, a column per period, a totals row); plans by reference, never a name' })
  @ApiQuery({ name: 'fy', required: false, schema: { type: 'string', ...FY }, description: 'default: the current financial year' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiQuery({ name: 'as-at', required: false, schema: { type: 'string', format: 'date' }, description: 'the ledger as it stood on this day (default today)' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, description: 'json: { fy, asAt, lines: [{ planId, reference, settingUrn, settingName, settingType, band, periodId, periodFrom, from, to, pence, kind, recordedOn }], totals: { pence, bySettingType } }' })
  @ApiResponse({ status: 400, description: 'fy, format or as-at malformed: the problem names it' })
  async schedule(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    let format: 'json' | 'csv' | 'xlsx' | undefined;
    const { fy, asAt } = this.yearAndDate(query, (q) => { format = q.oneOf('format', ['json', 'csv', 'xlsx'] as const); });
    const rows = await scheduleRows(this.records.runtime.dataSource, this.records.runtime.schema, fy, asAt, cadenceOf(this.settings));
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="high-needs-schedule-${fy}.csv"`);
      return scheduleCsv(fy, rows);
    }
    if (format === 'xlsx') {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="high-needs-schedule-${fy}.xlsx"`);
      res.end(await scheduleWorkbook(fy, rows));
      return undefined;
    }
    const bySettingType = new Map<string, number>();
    for (const r of rows) bySettingType.set(r.settingType, (bySettingType.get(r.settingType) ?? 0) + r.pence);
    return {
      fy, asAt, lines: rows,
      totals: { pence: rows.reduce((sum, r) => sum + r.pence, 0), bySettingType: [...bySettingType.entries()].map(([settingType, pence]) => ({ settingType, pence })) },
    };
  }

  @Get('forecast')
  @NotScoped(WHY)
  @ApiOperation({ summary: 'The high-needs forecast of a financial year as at a date: spend to date plus committed spend to the year end, by setting type and band (element 3 top-ups; EOTAS packages as their own row), against the budget, with the forecast over- or underspend' })
  @ApiQuery({ name: 'fy', required: false, schema: { type: 'string', ...FY } })
  @ApiQuery({ name: 'as-at', required: false, schema: { type: 'string', format: 'date' } })
  @ApiResponse({ status: 200, description: '{ fy, asAt, budget: { totalPence, setOn } | null, totals: { spentPence, committedPence, forecastPence, budgetPence, variancePence, outcome }, rows: [{ settingType, band, plans, spentPence, committedPence, forecastPence }], bySettingType }' })
  @ApiResponse({ status: 400, description: 'fy or as-at malformed: the problem names it' })
  async forecast(@Query() query: Record<string, unknown>) {
    const { fy, asAt } = this.yearAndDate(query);
    const { dataSource, schema } = this.records.runtime;
    const [{ rows: topUps, plansByType }, eotas, budget] = await Promise.all([
      forecastRows(dataSource, schema, fy, asAt, cadenceOf(this.settings)),
      eotasForecastRow(dataSource, schema, fy, asAt),
      this.records.read<BudgetState>(HIGH_NEEDS_BUDGET, fy),
    ]);
    const rows = eotas ? [...topUps, eotas] : topUps;
    // a plan with a top-up in a setting of that type and an EOTAS package is one plan at most twice: counted as the rows say
    if (eotas) plansByType.set(eotas.settingType, (plansByType.get(eotas.settingType) ?? 0) + eotas.plans);
    const sum = (pick: (r: (typeof rows)[number]) => number, of = rows) => of.reduce((total, r) => total + pick(r), 0);
    const forecastPence = sum((r) => r.forecastPence);
    const budgetPence = budget?.state.totalPence ?? null;
    const variancePence = budgetPence === null ? null : forecastPence - budgetPence;
    const types = [...new Set(rows.map((r) => r.settingType))];
    return {
      fy, asAt,
      budget: budget ? { totalPence: budget.state.totalPence, setOn: budget.state.setOn } : null,
      totals: {
        spentPence: sum((r) => r.spentPence), committedPence: sum((r) => r.committedPence), forecastPence, budgetPence, variancePence,
        outcome: variancePence === null ? null : variancePence > 0 ? 'overspend' : variancePence < 0 ? 'underspend' : 'on-budget',
      },
      rows,
      bySettingType: types.map((settingType) => {
        const of = rows.filter((r) => r.settingType === settingType);
        return { settingType, plans: plansByType.get(settingType) ?? 0, spentPence: sum((r) => r.spentPence, of), committedPence: sum((r) => r.committedPence, of), forecastPence: sum((r) => r.forecastPence, of) };
      }),
    };
  }

  @Post('budgets')
  @Allow('funding-officer', 'team-manager', 'finance')
  @NotScoped(WHY)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enter (or revise) the high-needs budget of a financial year: the forecast is read against it' })
  @ApiBody({ schema: BudgetBody as unknown as Record<string, unknown> })
  @ApiResponse({ status: 200, description: '{ fy, totalPence, setOn, revisions }' })
  @ApiResponse({ status: 400, description: 'Malformed: fy or totalPence, named' })
  setBudget(@Body() body: unknown, @Req() req: Request) {
    const { value } = readBudgetBody(body);
    return this.enterBudget(value.fy, value.totalPence, req);
  }

  @Put('budgets/:fy')
  @Allow('funding-officer', 'team-manager', 'finance')
  @NotScoped(WHY)
  @ApiOperation({ summary: 'Enter (or revise) the high-needs budget of the financial year in the path' })
  @ApiBody({ schema: YearBudgetBody as unknown as Record<string, unknown> })
  @ApiResponse({ status: 200, description: '{ fy, totalPence, setOn, revisions }' })
  @ApiResponse({ status: 400, description: 'Malformed: the year in the path or totalPence, named' })
  putBudget(@Param('fy') fy: string, @Body() body: unknown, @Req() req: Request) {
    const { value } = readYearBudgetBody(body);
    return this.enterBudget(fy, value.totalPence, req);
  }

  private async enterBudget(fyText: string, totalPence: number, req: Request) {
    const fy = parseFinancialYear(fyText);
    if (!fy.ok) throw problem(400, 'ValidationFailed', 'fy must be a financial year such as 2026-27', undefined, { errors: [{ field: 'fy', rule: 'FinancialYear', message: 'a financial year such as 2026-27' }] });
    const today = this.records.today();
    await this.records.run(HIGH_NEEDS_BUDGET, fy.value, { type: 'SetHighNeedsBudget', data: { fy: fy.value, totalPence, today } }, req, today, () => problem(409, 'Conflict', 'Conflict'));
    return this.budget(fy.value);
  }

  @Get('budgets/:fy')
  @NotScoped(WHY)
  @ApiOperation({ summary: 'The high-needs budget of a financial year' })
  @ApiResponse({ status: 200, description: '{ fy, totalPence, setOn, revisions }' })
  @ApiResponse({ status: 404, description: 'No budget entered for that year' })
  async budget(@Param('fy') fyText: string) {
    const fy = parseFinancialYear(fyText);
    const found = fy.ok ? await this.records.read<BudgetState>(HIGH_NEEDS_BUDGET, fy.value) : null;
    if (!found) throw problem(404, 'BudgetNotFound', 'No budget entered for that year', `No high-needs budget for ${fyText}`);
    return { fy: found.state.fy, totalPence: found.state.totalPence, setOn: found.state.setOn, revisions: found.state.revisions };
  }
}
