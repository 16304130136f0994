import { deciderSpec } from '@ehc/testing';
import { eyInclusionRatesDecider, rateVersions, type Command, type Event } from './rates-table';

const given = deciderSpec(eyInclusionRatesDecider);
const importing = (rates: { level: string; hourlyPence: number; validFrom: string }[]): Command => ({ type: 'ImportEyInclusionRates', data: { importId: 'import-2', today: '2026-11-30', rates } });
const imported: Event = {
  type: 'EyInclusionRatesImported',
  data: { importId: 'import-1', importedOn: '2026-04-01', rates: [{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01' }, { level: 'enhanced', hourlyPence: 1_800, validFrom: '2026-04-01' }], unchanged: 0 },
};

describe('the early-years inclusion rates table', () => {
  describe('empty', () => {
    it('records the rates imported', () =>
      given([]).when(importing([{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01' }]))
        .then([{ type: 'EyInclusionRatesImported', data: { importId: 'import-2', importedOn: '2026-11-30', rates: [{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01' }], unchanged: 0 } }]));

    it('refuses two different rates for one level and date in the same import', () =>
      given([]).when(importing([{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01' }, { level: 'targeted', hourlyPence: 1_300, validFrom: '2026-04-01' }]))
        .thenFails('RateAlreadySet'));
  });

  describe('with rates set', () => {
    it('adds a new version and counts the rows it already has', () =>
      given([imported]).when(importing([{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01' }, { level: 'targeted', hourlyPence: 1_300, validFrom: '2027-04-01' }]))
        .then([{ type: 'EyInclusionRatesImported', data: { importId: 'import-2', importedOn: '2026-11-30', rates: [{ level: 'targeted', hourlyPence: 1_300, validFrom: '2027-04-01' }], unchanged: 1 } }]));

    it('recognises the same file again: nothing appended', () =>
      given([imported]).when(importing([{ level: 'enhanced', hourlyPence: 1_800, validFrom: '2026-04-01' }])).thenNothingHappened());

    it('refuses a row that changes a rate already set for the level and date', () =>
      given([imported]).when(importing([{ level: 'enhanced', hourlyPence: 1_900, validFrom: '2026-04-01' }])).thenFails('RateAlreadySet'));
  });

  it('lists each level\'s versions with the day before the next began', () =>
    expect(rateVersions([
      { level: 'targeted', hourlyPence: 1_300, validFrom: '2027-04-01' }, { level: 'enhanced', hourlyPence: 1_800, validFrom: '2026-04-01' }, { level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01' },
    ])).toEqual([
      { level: 'enhanced', hourlyPence: 1_800, validFrom: '2026-04-01', validTo: null },
      { level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01', validTo: '2027-03-31' },
      { level: 'targeted', hourlyPence: 1_300, validFrom: '2027-04-01', validTo: null },
    ]));
});
