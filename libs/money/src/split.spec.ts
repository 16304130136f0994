import fc from 'fast-check';
import { splitByWeights } from './split';

describe('splitByWeights: largest remainder, exact sum', () => {
  it.each([
    // 100 in thirds: 33.33 each; floors 99, 1p left; the remainders tie, so the first gets it
    [100, [1, 1, 1], [34, 33, 33]],
    // 10 in 3:3:1: quotas 4.29, 4.29, 1.43; floors 4 + 4 + 1 = 9; the largest remainder (3/7) is the last
    [10, [3, 3, 1], [4, 4, 2]],
    // dual registration, 6 and 4 half-day sessions: 696,986 × 6/10 = 418,191.6 and × 4/10 = 278,794.4;
    // floors 696,985, the penny goes to the .6
    [696_986, [6, 4], [418_192, 278_794]],
    [1, [1, 1], [1, 0]],
    [0, [3, 4], [0, 0]],
    [7, [0, 5, 0], [0, 7, 0]],
    [5, [2], [5]],
    // a zero weight never gets a leftover penny, even when it is first
    [2, [0, 1, 1, 1], [0, 1, 1, 0]],
  ])('%i by %j is %j', (amount, weights, shares) => {
    expect(splitByWeights(amount, weights)).toEqual(shares);
  });

  it('stays exact where amount × weight passes 2^53', () => {
    const amount = Number.MAX_SAFE_INTEGER; // 2^53 − 1, odd
    const shares = splitByWeights(amount, [1_000_000, 1_000_000]);
    expect(shares).toEqual([(amount + 1) / 2, (amount - 1) / 2]);
  });

  it.each([
    [-1, [1]],
    [1.5, [1]],
    [10, []],
    [10, [0, 0]],
    [10, [1, -1]],
    [10, [1.5, 1]],
    [10, [NaN]],
  ])('throws on %d by %j (a bug)', (amount, weights) => {
    expect(() => splitByWeights(amount, weights)).toThrow(RangeError);
  });

  it('the shares add up exactly and each is within a penny of its exact quota', () => {
    const weightsArb = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
      .filter((weights) => weights.some((weight) => weight > 0));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000 }), weightsArb, (amount, weights) => {
        const shares = splitByWeights(amount, weights);
        const total = weights.reduce((sum, weight) => sum + weight, 0);
        expect(shares).toHaveLength(weights.length);
        expect(shares.reduce((sum, share) => sum + share, 0)).toBe(amount);
        shares.forEach((share, index) => {
          expect(Number.isSafeInteger(share)).toBe(true);
          // floor(quota) ≤ share ≤ floor(quota) + 1, i.e. share × total − amount × weight in (−total, total)
          const excess = BigInt(share) * BigInt(total) - BigInt(amount) * BigInt(weights[index]);
          expect(excess > -BigInt(total) && excess < BigInt(total)).toBe(true);
          if (weights[index] === 0) expect(share).toBe(0);
        });
      }),
      { numRuns: 500 },
    );
  });
});
