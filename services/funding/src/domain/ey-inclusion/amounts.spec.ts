import { fundedAmountPence, proratedPence, toHundredths } from './amounts';

describe('money in whole pence', () => {
  it('hours are held as hundredths; a third decimal is not accepted', () => {
    expect(toHundredths(10)).toBe(1_000);
    expect(toHundredths(10.15)).toBe(1_015);
    expect(toHundredths(0.01)).toBe(1);
    expect(toHundredths(10.125)).toBeNull();
    expect(toHundredths(Number.POSITIVE_INFINITY)).toBeNull();
  });
  it.each([
    [945, 10, 38, 359_100],
    [945, 12.5, 3, 35_438], // 35,437.5 rounds up
    [945, 10.15, 1, 9_592], // 9,591.75
    [1_001, 0.01, 1, 10], // 10.01
    [1_234, 29.99, 52, 1_924_398], // 1,924,398.32
  ])('%ip an hour × %p hours × %i weeks = %ip', (hourlyPence, hours, weeks, pence) => {
    expect(fundedAmountPence(hourlyPence, hours, weeks)).toBe(pence);
  });
  it('prorates half up: 359,100p × 75 ÷ 313 = 86,046.33 → 86,046p', () => {
    expect(proratedPence(359_100, 75, 313)).toBe(86_046);
    expect(proratedPence(3, 1, 2)).toBe(2);
    expect(proratedPence(359_100, 313, 313)).toBe(359_100);
  });
  it('fractional pence are a bug', () => {
    expect(() => fundedAmountPence(94.5, 10, 38)).toThrow(RangeError);
    expect(() => proratedPence(100, 3, 2)).toThrow(RangeError);
  });
});
