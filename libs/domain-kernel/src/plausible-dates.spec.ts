import { caseDateFault, dateOfBirthFault, DEFAULT_PLAUSIBLE_DATES, type PlausibleDates } from './plausible-dates';

describe('plausible dates', () => {
  it('start by default with the Children and Families Act 2014 EHC regime, for children and young people under 25', () => {
    expect(DEFAULT_PLAUSIBLE_DATES).toEqual({ earliestCaseDate: '2014-09-01', maxAgeAtRequest: 25 });
  });

  describe('a request received, or a plan issued', () => {
    it.each([
      ['1800-01-05', 'DateBeforeEarliestCaseDate'],
      ['2014-08-31', 'DateBeforeEarliestCaseDate'],
      ['2014-09-01', null],
      ['2026-01-05', null],
    ])('on %s: %s', (date, rule) => {
      expect(caseDateFault('receivedOn', date, DEFAULT_PLAUSIBLE_DATES)?.rule ?? null).toBe(rule);
    });

    it('names the field, the date and the setting', () => {
      expect(caseDateFault('receivedOn', '1800-01-05', DEFAULT_PLAUSIBLE_DATES)).toEqual({
        field: 'receivedOn', rule: 'DateBeforeEarliestCaseDate', message: expect.stringMatching(/^receivedOn 1800-01-05 is before 2014-09-01.*EARLIEST_CASE_DATE/),
      });
    });

    it('follows the local setting', () => {
      const local: PlausibleDates = { earliestCaseDate: '2020-01-01', maxAgeAtRequest: 25 };
      expect(caseDateFault('plan_issued_on', '2019-12-31', local)?.rule).toBe('DateBeforeEarliestCaseDate');
    });
  });

  describe('a date of birth against the request', () => {
    it.each([
      ['1800-03-14', 'TooOldAtRequest'],
      ['2001-01-05', 'TooOldAtRequest'], // 25 on the day of the request
      ['2001-01-06', null], // 25 tomorrow: still 24
      ['2019-03-14', null],
    ])('born %s, request 2026-01-05: %s', (dateOfBirth, rule) => {
      expect(dateOfBirthFault('child.dateOfBirth', dateOfBirth, '2026-01-05', DEFAULT_PLAUSIBLE_DATES)?.rule ?? null).toBe(rule);
    });

    it('counts a 29 February birthday as ageOn does (a year older on 1 March in a common year)', () => {
      expect(dateOfBirthFault('dob', '2000-02-29', '2025-02-28', DEFAULT_PLAUSIBLE_DATES)).toBeNull();
      expect(dateOfBirthFault('dob', '2000-02-29', '2025-03-01', DEFAULT_PLAUSIBLE_DATES)?.rule).toBe('TooOldAtRequest');
    });
  });
});
