import { daysBetween, isBefore, type CalendarDate } from '@ehc/domain-kernel';
import { formatPounds } from '@ehc/money';
import { formatDate } from '../views';
import { inWords, SETTING_TYPE_WORDS } from './words';

/*
 * The funding pages' figures: what the API gives (integer pence, financial-year labels, rate
 * versions) arranged for a table. No rule is worked out here: the API has done the money.
 */

/** A band's rate for one setting type from a date, as `GET /funding/bands` gives it. */
export interface BandRate { band: string; settingType: string; annualPence: number; validFrom: CalendarDate; validTo: CalendarDate | null }

/** "2026-27" → "2026 to 2027" (GOV.UK writes a financial year's span in words). */
export function financialYearWords(fy: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(fy);
  return m ? `${m[1]} to ${Number(m[1]) + 1}` : fy;
}

/** Whole days a plan has waited, from the day it entered the tray to the API's today (0 on the day). */
export const daysWaiting = (since: CalendarDate, asOf: CalendarDate): number => Math.max(0, daysBetween(since, asOf));

/** How long a plan has waited, in words: "waiting 12 days". */
export function waitWords(days: number): string {
  if (days === 0) return 'waiting since today';
  return `waiting ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** A plan's commitments by financial year, earliest first, each in pounds, with their total. */
export function commitmentRows(byYear: Record<string, number> | null | undefined): { rows: { fy: string; year: string; pounds: string }[]; total: string } | null {
  const entries = Object.entries(byYear ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return {
    rows: entries.map(([fy, pence]) => ({ fy, year: financialYearWords(fy), pounds: formatPounds(pence) })),
    total: formatPounds(entries.reduce((sum, [, pence]) => sum + pence, 0)),
  };
}

/** Whether a rate version is in force on a day, ended, or not yet begun. */
export function rateStanding(rate: Pick<BandRate, 'validFrom' | 'validTo'>, today: CalendarDate): 'in-force' | 'ended' | 'future' {
  if (isBefore(today, rate.validFrom)) return 'future';
  if (rate.validTo && isBefore(rate.validTo, today)) return 'ended';
  return 'in-force';
}

/**
 * The banding matrix as a table per setting type: the setting types in the order the matrix's words
 * list them (any other after), each band's versions by band then date.
 */
export function matrixTables(bands: BandRate[], today: CalendarDate) {
  const known = Object.keys(SETTING_TYPE_WORDS);
  const order = (type: string) => (known.includes(type) ? known.indexOf(type) : known.length);
  const types = [...new Set(bands.map((b) => b.settingType))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return types.map((settingType) => ({
    settingType, text: inWords(SETTING_TYPE_WORDS, settingType),
    rows: bands.filter((b) => b.settingType === settingType)
      .sort((a, b) => a.band.localeCompare(b.band, 'en', { numeric: true }) || a.validFrom.localeCompare(b.validFrom))
      .map((b) => ({ ...b, pounds: formatPounds(b.annualPence), standing: rateStanding(b, today) })),
  }));
}

/**
 * The bands a top-up can be agreed or changed to: every band with a rate in force today or from a
 * later date, each with its rates by setting type in words (the API takes the rate on the top-up's
 * first day, so the select only names the band).
 */
export function bandOptions(bands: BandRate[], today: CalendarDate, settingType?: string | null): { value: string; text: string }[] {
  const live = bands.filter((b) => rateStanding(b, today) !== 'ended');
  const names = [...new Set(live.map((b) => b.band))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names.map((band) => {
    const all = live.filter((b) => b.band === band);
    // the plan's own setting type's rates, when the band has them; else every type's
    const own = all.filter((b) => b.settingType === settingType);
    const rates = (own.length ? own : all).sort((a, b) => a.settingType.localeCompare(b.settingType) || a.validFrom.localeCompare(b.validFrom));
    const words = rates.map((r) => `${inWords(SETTING_TYPE_WORDS, r.settingType).toLowerCase()} ${formatPounds(r.annualPence)} a year${rateStanding(r, today) === 'future' ? ` from ${formatDate(r.validFrom)}` : ''}`);
    return { value: band, text: `${band}: ${words.join('; ')}` };
  });
}

/** The financial years a page offers: the three before the current one, it, and the next. */
export function financialYearChoices(current: string): string[] {
  const start = Number(current.slice(0, 4));
  return [-3, -2, -1, 0, 1].map((d) => `${start + d}-${String((start + d + 1) % 100).padStart(2, '0')}`);
}

/** A schedule line as `GET /funding/schedule` gives it (the fields the page reads). */
export interface ScheduleLine { settingUrn: string; settingName?: string | null; settingType: string; planId: string; pence: number; kind: string }

/**
 * The year's schedule by setting: what each setting is paid in the year, how many plans, and the
 * adjustments among it (a clawback is negative), largest first.
 */
export function scheduleBySetting(lines: ScheduleLine[]) {
  const settings = new Map<string, { settingUrn: string; settingName: string | null; settingType: string; plans: Set<string>; pence: number; adjustmentsPence: number }>();
  for (const l of lines) {
    const s = settings.get(l.settingUrn) ?? { settingUrn: l.settingUrn, settingName: l.settingName ?? null, settingType: l.settingType, plans: new Set<string>(), pence: 0, adjustmentsPence: 0 };
    s.plans.add(l.planId);
    s.pence += l.pence;
    if (l.kind === 'adjustment') s.adjustmentsPence += l.pence;
    settings.set(l.settingUrn, s);
  }
  return [...settings.values()].sort((a, b) => b.pence - a.pence || a.settingUrn.localeCompare(b.settingUrn))
    .map((s) => ({ settingUrn: s.settingUrn, settingName: s.settingName, settingType: s.settingType, plans: s.plans.size, pounds: formatPounds(s.pence), adjustments: s.adjustmentsPence ? formatPounds(s.adjustmentsPence) : null }));
}

/** The forecast's totals, as the API gives them. */
export interface ForecastTotals { forecastPence: number; budgetPence: number | null; variancePence: number | null; outcome: 'overspend' | 'underspend' | 'on-budget' | null }

/**
 * The forecast against the budget in words, not only in colour (WCAG 1.4.1): "Forecast overspend of
 * £1,234.56", with a tag that says the same.
 */
export function varianceWords(totals: ForecastTotals, fy: string): { text: string; tag: string; classes: string } {
  const year = financialYearWords(fy);
  if (totals.outcome === null || totals.variancePence === null) {
    return { text: `No budget has been entered for ${year}: the forecast cannot be compared with it.`, tag: 'No budget', classes: 'govuk-tag--grey' };
  }
  const by = formatPounds(Math.abs(totals.variancePence));
  if (totals.outcome === 'overspend') return { text: `Forecast overspend of ${by} against the budget for ${year}.`, tag: 'Overspend', classes: 'govuk-tag--red' };
  if (totals.outcome === 'underspend') return { text: `Forecast underspend of ${by} against the budget for ${year}.`, tag: 'Underspend', classes: 'govuk-tag--green' };
  return { text: `The forecast is exactly the budget for ${year}.`, tag: 'On budget', classes: 'govuk-tag--blue' };
}

/** A forecast row as the API gives it. */
export interface ForecastRow { settingType: string; band: string; plans: number; spentPence: number; committedPence: number; forecastPence: number }

/** The forecast's rows grouped by setting type in the matrix's order, each group with its subtotal, money in pounds. */
export function forecastTables(rows: ForecastRow[]) {
  const known = Object.keys(SETTING_TYPE_WORDS);
  const order = (type: string) => (known.includes(type) ? known.indexOf(type) : known.length);
  const types = [...new Set(rows.map((r) => r.settingType))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const money = (r: Pick<ForecastRow, 'spentPence' | 'committedPence' | 'forecastPence'>) => ({ spent: formatPounds(r.spentPence), committed: formatPounds(r.committedPence), forecast: formatPounds(r.forecastPence) });
  return types.map((settingType) => {
    const of = rows.filter((r) => r.settingType === settingType);
    const sum = (pick: (r: ForecastRow) => number) => of.reduce((total, r) => total + pick(r), 0);
    return {
      settingType, text: inWords(SETTING_TYPE_WORDS, settingType),
      rows: of.map((r) => ({ band: r.band, plans: r.plans, ...money(r) })),
      subtotal: { plans: sum((r) => r.plans), ...money({ spentPence: sum((r) => r.spentPence), committedPence: sum((r) => r.committedPence), forecastPence: sum((r) => r.forecastPence) }) },
    };
  });
}
