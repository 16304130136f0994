import { ConfigError } from '@ehc/config';
import { needsAssessmentSettings } from './config';

describe('needs assessment settings, read once at start-up', () => {
  it('has the defaults a new authority starts with', () =>
    expect(needsAssessmentSettings({})).toEqual({ authorityName: 'The Local Authority', earlyFinalisation: 'allowed', exceptionExtensionDays: 35, plausibleDates: { earliestCaseDate: '2014-09-01', maxAgeAtRequest: 25 } }));

  it('takes a whole number of days for the local expected date under an exception', () =>
    expect(needsAssessmentSettings({ EXCEPTION_EXPECTED_EXTENSION_DAYS: '28' }).exceptionExtensionDays).toBe(28));

  it.each(['abc', '', ' ', '3.5', '-1', '366', 'NaN', '1e3'])('refuses EXCEPTION_EXPECTED_EXTENSION_DAYS=%j rather than letting NaN through', (value) =>
    expect(() => needsAssessmentSettings({ EXCEPTION_EXPECTED_EXTENSION_DAYS: value })).toThrow(ConfigError));
});
