import { ConfigError, plausibleDates } from './config';

describe('plausible-date settings', () => {
  it('default to 2014-09-01 and under 25', () => {
    expect(plausibleDates({})).toEqual({ earliestCaseDate: '2014-09-01', maxAgeAtRequest: 25 });
    expect(plausibleDates({ EARLIEST_CASE_DATE: '', MAX_AGE_AT_REQUEST: '25' })).toEqual({ earliestCaseDate: '2014-09-01', maxAgeAtRequest: 25 });
  });

  it('take a local earliest date and age', () => {
    expect(plausibleDates({ EARLIEST_CASE_DATE: '2018-04-01', MAX_AGE_AT_REQUEST: '19' })).toEqual({ earliestCaseDate: '2018-04-01', maxAgeAtRequest: 19 });
  });

  it.each([
    [{ EARLIEST_CASE_DATE: '2014-02-30' }, /^EARLIEST_CASE_DATE must be a calendar date/],
    [{ EARLIEST_CASE_DATE: '01/09/2014' }, /^EARLIEST_CASE_DATE must be a calendar date/],
    [{ MAX_AGE_AT_REQUEST: '0' }, /^MAX_AGE_AT_REQUEST must be a whole number from 1 to 30/],
    [{ MAX_AGE_AT_REQUEST: '25.5' }, /^MAX_AGE_AT_REQUEST must be a whole number/],
  ])('stop the start on %j, naming the variable', (source, message) => {
    expect(() => plausibleDates(source)).toThrow(ConfigError);
    expect(() => plausibleDates(source)).toThrow(message);
  });
});
