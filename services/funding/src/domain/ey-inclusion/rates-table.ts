import { fail, nameBasedUuid, ok, type CalendarDate, type Decider, type Result } from '@ehc/domain-kernel';
import { conflictingRows, newRows, withValidTo } from '../price-list';
import { EY_RATES, type RateVersion } from './rates';

/*
 * The LA's rates table for early-years inclusion funding: each level's hourly rate, versioned by
 * the date it is valid from (a new year's rates are a new version, not an edit; domain §11.11).
 * Kept as events on one stream, like the banding matrix, so the rate an application was approved
 * at can always be traced to the import that set it.
 */

export type Event = { type: 'EyInclusionRatesImported'; data: { importId: string; importedOn: CalendarDate; rates: RateVersion[]; unchanged: number } };
export type Command = { type: 'ImportEyInclusionRates'; data: { importId: string; today: CalendarDate; rates: RateVersion[] } };
export type RuleBroken = 'RateAlreadySet';
export interface EyInclusionRatesState { rates: RateVersion[] }

export const EY_INCLUSION_RATES_SCHEMA_VERSIONS = { EyInclusionRatesImported: 1 } as const;
/** The one rates table of the authority: a fixed stream (its category is not `eyInclusion`, so the applications' lists never read it). */
export const EY_INCLUSION_RATES_STREAM = `eyInclusionRates-${nameBasedUuid('ehc-hub/funding/ey-inclusion-rates')}`;

/** Rates that would change a rate already set (or set twice in the same import) for the same level and date. */
export const conflictingRates = (state: EyInclusionRatesState, rates: readonly RateVersion[]): RateVersion[] => conflictingRows(EY_RATES, state.rates, rates);

export function decide(command: Command, state: EyInclusionRatesState): Result<Event[], RuleBroken> {
  const { importId, today, rates } = command.data;
  // an hourly rate, once set for a level and a date, is a fact applications were approved at: a new rate is a new version
  if (conflictingRates(state, rates).length > 0) return fail('RateAlreadySet');
  const added = newRows(EY_RATES, state.rates, rates).map((r) => ({ level: r.level, hourlyPence: r.hourlyPence, validFrom: r.validFrom }));
  // the same file imported again is recognised: nothing new, nothing appended
  if (added.length === 0) return ok([]);
  return ok([{ type: 'EyInclusionRatesImported', data: { importId, importedOn: today, rates: added, unchanged: rates.length - added.length } }]);
}

export const evolve = (state: EyInclusionRatesState, event: Event): EyInclusionRatesState => ({ rates: [...state.rates, ...event.data.rates] });
export const initialState = (): EyInclusionRatesState => ({ rates: [] });
export const eyInclusionRatesDecider: Decider<Command, Event, EyInclusionRatesState, RuleBroken> = { decide, evolve, initialState };

/** The table as it stands: each level's versions, oldest first, each with the day before the next began. */
export const rateVersions = (rates: readonly RateVersion[]): (RateVersion & { validTo: CalendarDate | null })[] => withValidTo(EY_RATES, rates);
