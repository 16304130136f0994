import { rateOn, type RateVersion } from './rates';

const RATES: RateVersion[] = [
  { level: 'targeted', hourlyPence: 945, validFrom: '2026-04-01' },
  { level: 'targeted', hourlyPence: 980, validFrom: '2027-04-01' },
  { level: 'enhanced', hourlyPence: 1_260, validFrom: '2026-04-01' },
  { level: 'targeted', hourlyPence: 900, validFrom: '2025-04-01' },
];

describe('the rate of a level on a day', () => {
  it('is the version with the latest validFrom on or before the day', () => {
    expect(rateOn(RATES, 'targeted', '2026-09-07')).toBe(945);
    expect(rateOn(RATES, 'targeted', '2026-04-01')).toBe(945);
    expect(rateOn(RATES, 'targeted', '2026-03-31')).toBe(900);
    expect(rateOn(RATES, 'targeted', '2027-04-01')).toBe(980);
    expect(rateOn(RATES, 'enhanced', '2030-01-01')).toBe(1_260);
  });
  it('is null before the level\'s first version, or for a level the table does not have', () => {
    expect(rateOn(RATES, 'enhanced', '2026-03-31')).toBeNull();
    expect(rateOn(RATES, 'specialist', '2026-09-07')).toBeNull();
    expect(rateOn([], 'targeted', '2026-09-07')).toBeNull();
  });
  it('two versions of a level from the same day are a configuration bug', () => {
    expect(() => rateOn([...RATES, { level: 'targeted', hourlyPence: 950, validFrom: '2026-04-01' }], 'targeted', '2026-09-07')).toThrow(RangeError);
  });
});
