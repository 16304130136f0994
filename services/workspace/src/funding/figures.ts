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
