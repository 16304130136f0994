import type { DataSource } from 'typeorm';
import { onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearStart, type FinancialYear, type PaymentCadence } from '@ehc/money';
import type { SettingType } from '../../domain/plan-funding/events';
import { continuation, VISIBLE_AT } from './ledger-lines';

export interface ForecastRow { settingType: string; band: string; plans: number; spentPence: number; committedPence: number; forecastPence: number }

/**
 * The high-needs forecast of a financial year as at a date: spend to date (periods begun by then,
 * paid in advance, and adjustments recorded by then) plus what is committed to the year end, by
 * setting type and band, from the ledger as it stood that day.
 */
export async function forecastRows(dataSource: DataSource, schema: string, fy: FinancialYear, asAt: CalendarDate, cadenceOf: (type: SettingType) => PaymentCadence): Promise<{ rows: ForecastRow[]; plansByType: Map<string, number> }> {
  const t = (name: string) => `"${schema}".${name}`;
  const spent = `(kind = 'adjustment' OR period_from <= $2::date)`;
  // the ledger as at the date: the months before it summed by month, its own month by day
  const fromLines = (await dataSource.query(
    `SELECT payee_type, band, COALESCE(sum(pence) FILTER (WHERE ${spent}), 0)::bigint AS spent, COALESCE(sum(pence) FILTER (WHERE NOT ${spent}), 0)::bigint AS committed
     FROM (
       SELECT payee_type, band, period_from, kind, pence FROM ${t('rm_funding_forecast_months')} WHERE fy = $1 AND month < date_trunc('month', $2::date)
       UNION ALL
       SELECT payee_type, band, period_from, kind, pence FROM ${t('rm_funding_forecast_days')} WHERE fy = $1 AND day >= date_trunc('month', $2::date) AND day <= $2::date
     ) x GROUP BY payee_type, band`,
    [fy, asAt],
  )) as { payee_type: string; band: string; spent: string; committed: string }[];
  const open = (await dataSource.query(
    `SELECT payee_type, band, annual_share_pence, count(*)::int AS n FROM ${t('rm_funding_open_commitments')}
     WHERE materialised_to < $1::date AND ${VISIBLE_AT('$2::date')} GROUP BY payee_type, band, annual_share_pence`,
    [financialYearStart(fy), asAt],
  )) as { payee_type: string; band: string; annual_share_pence: number; n: number }[];
  // plans with money in the year as at the date, by band and by setting type (a plan whose band changed counts once for its type);
  // a plan beyond its ledger's horizon has no lines in the year, so the two sources do not overlap
  const plans = (await dataSource.query(
    `SELECT payee_type, band, count(DISTINCT plan_id)::int AS plans FROM (
       SELECT payee_type, band, plan_id FROM ${t('rm_funding_plan_years')} WHERE fy = $1 AND from_day <= $3::date AND (to_day IS NULL OR to_day > $3::date)
       UNION
       SELECT payee_type, band, plan_id FROM ${t('rm_funding_open_commitments')} WHERE materialised_to < $2::date AND ${VISIBLE_AT('$3::date')}
     ) x GROUP BY GROUPING SETS ((payee_type, band), (payee_type))`,
    [fy, financialYearStart(fy), asAt],
  )) as { payee_type: string; band: string | null; plans: number }[];

  const rows = new Map<string, ForecastRow>();
  const row = (settingType: string, band: string) => {
    const id = `${settingType}\u0000${band}`;
    if (!rows.has(id)) rows.set(id, { settingType, band, plans: 0, spentPence: 0, committedPence: 0, forecastPence: 0 });
    return rows.get(id)!;
  };
  for (const r of fromLines) {
    const x = row(r.payee_type, r.band);
    x.spentPence += Number(r.spent);
    x.committedPence += Number(r.committed);
  }
  // every plan with the same share of the same band is paid the same lines: scheduled once, counted n times
  for (const r of open) {
    const x = row(r.payee_type, r.band);
    for (const line of continuation(fy, r.annual_share_pence, cadenceOf(r.payee_type as SettingType))) {
      if (onOrBefore(line.from, asAt)) x.spentPence += line.pence * r.n;
      else x.committedPence += line.pence * r.n;
    }
  }
  const plansByType = new Map<string, number>();
  for (const p of plans) {
    if (p.band === null) plansByType.set(p.payee_type, p.plans);
    else row(p.payee_type, p.band).plans = p.plans;
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    rows: [...rows.values()]
      .map((r) => ({ ...r, forecastPence: r.spentPence + r.committedPence }))
      .sort((a, b) => order(a.settingType, b.settingType) || a.band.localeCompare(b.band, 'en', { numeric: true })),
    plansByType,
  };
}
