import { fail, nameBasedUuid, ok, onOrBefore, type CalendarDate, type Decider, type Result } from '@ehc/domain-kernel';
import { conflictingRows, newRows, versionOn, withValidTo, type PriceList } from '../price-list';
import type { SettingType } from '../plan-funding/events';

/*
 * The banding matrix: each band's annual element 3 rate per setting type, versioned by the date a
 * rate is valid from (a new financial year's rates are a new version, not an edit). Kept as events
 * on one stream, so what rate a top-up was agreed at can always be traced to the import that set it.
 */

export interface BandRate { band: string; settingType: SettingType; annualPence: number; validFrom: CalendarDate }
export type Event = { type: 'BandRatesImported'; data: { importId: string; importedOn: CalendarDate; rates: BandRate[]; unchanged: number } };
export type Command = { type: 'ImportBandRates'; data: { importId: string; today: CalendarDate; rates: BandRate[] } };
export type RuleBroken = 'RateAlreadySet';
export interface BandingState { rates: BandRate[] }

export const BANDING_SCHEMA_VERSIONS = { BandRatesImported: 1 } as const;
/** The one banding matrix of the authority: a fixed stream. */
export const BANDING_MATRIX_STREAM = `bandingMatrix-${nameBasedUuid('ehc-hub/funding/banding-matrix')}`;

const bandLine = (band: string, settingType: SettingType) => `${band}\u0000${settingType}`;

/** The matrix as a price list: a rate is a band's for a setting type. */
export const BANDING: PriceList<BandRate> = {
  lineOf: (r) => bandLine(r.band, r.settingType),
  amountOf: (r) => r.annualPence,
  compareLines: (a, b) => a.settingType.localeCompare(b.settingType) || a.band.localeCompare(b.band, 'en', { numeric: true }),
};

/** Rates in the file that would change a rate already set for the same band, setting type and date. */
export const conflictingRates = (state: BandingState, rates: BandRate[]): BandRate[] => conflictingRows(BANDING, state.rates, rates);

export function decide(command: Command, state: BandingState): Result<Event[], RuleBroken> {
  const { importId, today, rates } = command.data;
  if (conflictingRates(state, rates).length > 0) return fail('RateAlreadySet');
  const added = newRows(BANDING, state.rates, rates);
  // the same file imported again is recognised: nothing new, nothing appended
  if (added.length === 0) return ok([]);
  return ok([{ type: 'BandRatesImported', data: { importId, importedOn: today, rates: added, unchanged: rates.length - added.length } }]);
}

export const evolve = (state: BandingState, event: Event): BandingState => ({ rates: [...state.rates, ...event.data.rates] });
export const initialState = (): BandingState => ({ rates: [] });
export const bandingDecider: Decider<Command, Event, BandingState, RuleBroken> = { decide, evolve, initialState };

/** The rate of a band for a setting type on a date: the latest version valid by then; null when the matrix has none. */
export function rateOn(rates: readonly BandRate[], band: string, settingType: SettingType, on: CalendarDate): { annualPence: number; validFrom: CalendarDate } | null {
  const found = versionOn(BANDING, rates, bandLine(band, settingType), on);
  return found ? { annualPence: found.annualPence, validFrom: found.validFrom } : null;
}

/** The versions of a band's rate for a setting type that begin after a date: a new year's rates, already imported. */
export const laterVersions = (rates: readonly BandRate[], band: string, settingType: SettingType, after: CalendarDate): { annualPence: number; validFrom: CalendarDate }[] =>
  rates.filter((r) => r.band === band && r.settingType === settingType && r.validFrom > after)
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom)).map((r) => ({ annualPence: r.annualPence, validFrom: r.validFrom }));

/** The setting types a band has a rate for on a date: a band that exists for one type only tells the type. */
export const settingTypesWithBand = (rates: readonly BandRate[], band: string, on: CalendarDate): SettingType[] =>
  [...new Set(rates.filter((r) => r.band === band && onOrBefore(r.validFrom, on)).map((r) => r.settingType))];

/** The matrix as it stands: each band and setting type's versions, each with the day before the next began. */
export const matrixVersions = (rates: readonly BandRate[]): (BandRate & { validTo: CalendarDate | null })[] => withValidTo(BANDING, rates);
