import { ConfigError } from '@ehc/config';
import { annualReviewSettings } from './config';

describe('annual review settings, read once at start-up', () => {
  it('has the defaults a new authority starts with', () =>
    expect(annualReviewSettings({})).toEqual({ authorityName: 'The Local Authority', earlyFinalisation: 'allowed', reviewAnchor: 'review-decision', plausibleDates: { earliestCaseDate: '2014-09-01', maxAgeAtRequest: 25 } }));

  it('reads what it is given from the host\'s environment, not the process\'s', () =>
    expect(annualReviewSettings({ REVIEW_ANCHOR: 'meeting', EARLY_FINALISATION: 'forbidden', AUTHORITY_NAME: 'Lincolnshire County Council', EARLIEST_CASE_DATE: '2018-04-01' }))
      .toEqual({ authorityName: 'Lincolnshire County Council', earlyFinalisation: 'forbidden', reviewAnchor: 'meeting', plausibleDates: { earliestCaseDate: '2018-04-01', maxAgeAtRequest: 25 } }));

  it.each([['REVIEW_ANCHOR', 'whenever'], ['EARLY_FINALISATION', 'sometimes']])('refuses %s=%s, naming it', (name, value) => {
    expect(() => annualReviewSettings({ [name]: value })).toThrow(ConfigError);
    expect(() => annualReviewSettings({ [name]: value })).toThrow(new RegExp(name));
  });
});
