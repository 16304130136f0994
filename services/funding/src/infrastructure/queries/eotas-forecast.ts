import type { DataSource } from 'typeorm';
import { daysBetween, minDate, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearEnd, financialYearStart, type FinancialYear } from '@ehc/money';
import { eotasCommitment, evolve, initialState, penceForDays, type EotasPackageState, type Event } from '../../domain/eotas/eotas';
import type { ForecastRow } from './forecast';

/** The forecast's row for EOTAS packages: a setting type of its own, every package one "band". */
export const EOTAS_ROW = { settingType: 'otherwise-than-at-school', band: 'EOTAS package' } as const;

/**
 * EOTAS packages in a year's forecast as at a date: each package as its events dated by then left
 * it (approved, reviewed, ended), its weekly cost priced by days over the year; spent the days up to
 * the date, committed the rest to the year end (or its last day). Null when no package costs anything.
 */
export async function eotasForecastRow(dataSource: DataSource, schema: string, fy: FinancialYear, asAt: CalendarDate): Promise<ForecastRow | null> {
  const rows = (await dataSource.query(
    `SELECT stream_id, type, data FROM "${schema}".rm_eotas_timeline WHERE left(occurred_at, 10) <= $1 ORDER BY stream_id, revision`, [asAt],
  )) as { stream_id: string; type: string; data: unknown }[];
  const packages = new Map<string, EotasPackageState>();
  for (const r of rows) packages.set(r.stream_id, evolve(packages.get(r.stream_id) ?? initialState(), { type: r.type, data: r.data } as Event));
  return eotasForecast([...packages.values()], fy, asAt);
}

/** The packages' weekly costs priced by days over the year: spent the days up to the date, committed the rest. */
export function eotasForecast(packages: EotasPackageState[], fy: FinancialYear, asAt: CalendarDate): ForecastRow | null {
  const year = { from: financialYearStart(fy), to: financialYearEnd(fy) };
  const row: ForecastRow = { ...EOTAS_ROW, plans: 0, spentPence: 0, committedPence: 0, forecastPence: 0 };
  const plans = new Set<string>();
  for (const state of packages) {
    for (const piece of eotasCommitment(state, year)) {
      const spentTo = minDate(piece.to, asAt);
      const spent = spentTo < piece.from ? 0 : penceForDays(piece.weeklyCostPence, daysBetween(piece.from, spentTo) + 1);
      row.spentPence += spent;
      row.committedPence += piece.pence - spent;
      if (state.status !== 'none') plans.add(state.planId);
    }
  }
  row.plans = plans.size;
  row.forecastPence = row.spentPence + row.committedPence;
  return row.forecastPence > 0 || row.plans > 0 ? row : null;
}
