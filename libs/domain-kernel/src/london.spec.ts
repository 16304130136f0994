import { fixedClock } from './clock';
import { londonDateOf, todayInLondon } from './london';

describe('londonDateOf: the local date in Europe/London', () => {
  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-28'], // GMT
    ['2026-03-29T00:30:00Z', '2026-03-29'], // GMT, half an hour before BST starts at 01:00Z
    ['2026-03-29T00:59:59Z', '2026-03-29'],
    ['2026-03-29T23:30:00Z', '2026-03-30'], // BST: 00:30 the next day
    ['2026-06-30T23:30:00Z', '2026-07-01'],
    ['2026-10-24T23:30:00Z', '2026-10-25'], // BST: 00:30 on the 25th
    ['2026-10-25T00:30:00Z', '2026-10-25'], // BST ends at 01:00Z
    ['2026-10-25T23:30:00Z', '2026-10-25'], // GMT again
    ['2026-12-31T23:59:59Z', '2026-12-31'],
    ['2027-01-01T00:00:00Z', '2027-01-01'],
    ['2026-07-01T00:00:00+01:00', '2026-07-01'],
    ['2026-01-05T08:00:00-05:00', '2026-01-05'],
  ])('%s -> %s', (instant, expected) => {
    expect(londonDateOf(new Date(instant))).toBe(expected);
  });

  it('throws on an invalid Date (a bug)', () => {
    expect(() => londonDateOf(new Date('not a date'))).toThrow(RangeError);
  });

  it('"today" comes only from the injected clock', () => {
    expect(todayInLondon(fixedClock('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInLondon(fixedClock(new Date('2026-01-05T12:00:00Z')))).toBe('2026-01-05');
  });
});
