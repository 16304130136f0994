import type { DataSource } from 'typeorm';
import type { CalendarDate } from '@ehc/domain-kernel';
import { daysInFinancialYear, financialYearEnd, financialYearStart, scheduleOf, type FinancialYear, type PaymentCadence } from '@ehc/money';
import type { SettingType } from '../../domain/plan-funding/events';

/** The lines of the ledger as it stood on `asAt`: recorded by then and not replaced by then. */
export const VISIBLE_AT = (d: string) => `recorded_on <= ${d} AND (superseded_on IS NULL OR superseded_on > ${d})`;

/** A line of a financial year's schedule, from the ledger or from an open-ended top-up beyond it. */
export interface ScheduleRow {
  planId: string; reference: string | null; settingUrn: string; settingName: string | null; settingType: string; band: string;
  periodId: string; periodFrom: CalendarDate; from: CalendarDate; to: CalendarDate; pence: number; kind: 'scheduled' | 'adjustment'; recordedOn: CalendarDate;
}

/** The periods of a whole financial year an open-ended share of the annual rate pays, by the payee's cadence. */
export function continuation(fy: FinancialYear, annualSharePence: number, cadence: PaymentCadence) {
  return scheduleOf({ fy, from: financialYearStart(fy), to: financialYearEnd(fy), days: daysInFinancialYear(fy), pence: annualSharePence }, cadence);
}

/**
 * Every line of a financial year's schedule as the ledger stood on `asAt`: the ledger's own lines,
 * and for a plan whose ledger ends before the year, its open-ended top-up's share for the whole year.
 */
export async function scheduleRows(dataSource: DataSource, schema: string, fy: FinancialYear, asAt: CalendarDate, cadenceOf: (type: SettingType) => PaymentCadence): Promise<ScheduleRow[]> {
  const t = (name: string) => `"${schema}".${name}`;
  const lines = (await dataSource.query(
    `SELECT plan_id::text, reference, payee, payee_name, payee_type, band, period_id, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(line_from, 'YYYY-MM-DD') AS line_from,
            to_char(line_to, 'YYYY-MM-DD') AS line_to, pence, kind, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on
     FROM ${t('rm_funding_lines')} WHERE fy = $1 AND ${VISIBLE_AT('$2::date')} ORDER BY payee_type, payee, reference, plan_id, period_from, kind`,
    [fy, asAt],
  )) as Record<string, string | number | null>[];
  const open = (await dataSource.query(
    `SELECT plan_id::text, reference, payee, payee_name, payee_type, band, annual_share_pence, to_char(recorded_on, 'YYYY-MM-DD') AS recorded_on
     FROM ${t('rm_funding_open_commitments')} WHERE materialised_to < $1::date AND ${VISIBLE_AT('$2::date')}`,
    [financialYearStart(fy), asAt],
  )) as Record<string, string | number | null>[];
  const rows: ScheduleRow[] = lines.map((r) => ({
    planId: String(r.plan_id), reference: r.reference as string | null, settingUrn: String(r.payee), settingName: r.payee_name as string | null, settingType: String(r.payee_type),
    band: String(r.band), periodId: String(r.period_id), periodFrom: String(r.period_from), from: String(r.line_from), to: String(r.line_to), pence: Number(r.pence),
    kind: r.kind as ScheduleRow['kind'], recordedOn: String(r.recorded_on),
  }));
  for (const r of open) {
    for (const line of continuation(fy, Number(r.annual_share_pence), cadenceOf(r.payee_type as SettingType))) {
      rows.push({
        planId: String(r.plan_id), reference: r.reference as string | null, settingUrn: String(r.payee), settingName: r.payee_name as string | null, settingType: String(r.payee_type),
        band: String(r.band), periodId: line.periodId, periodFrom: line.from, from: line.from, to: line.to, pence: line.pence, kind: 'scheduled', recordedOn: String(r.recorded_on),
      });
    }
  }
  return rows;
}

