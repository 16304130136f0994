import { assertPence, type Pence } from './amounts';

/**
 * Shares `amount` in proportion to `weights` so the shares add up to the amount exactly, by the
 * largest remainder (Hamilton) method: each share is first its quota rounded down, and the pence
 * left over go one each to the shares whose quotas lost the most in rounding, a tie to the earlier
 * index. Rounding each share on its own instead would pay a penny too many or too few.
 *
 * Every share is within a penny of its exact quota, and a zero weight gets nothing. Products are
 * taken in BigInt, so large amounts and weights stay exact. A negative amount, a weight that is not
 * a non-negative whole number, or no positive weight at all is a bug and throws.
 */
export const splitByWeights = (amount: Pence, weights: readonly number[]): Pence[] => {
  assertPence(amount);
  if (amount < 0) throw new RangeError(`splitByWeights takes a non-negative amount, got ${amount}`);
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`weights must be non-negative whole numbers, got ${weight}`);
    }
  }
  const total = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (total === 0n) throw new RangeError('splitByWeights needs at least one positive weight');

  const exact = weights.map((weight) => BigInt(amount) * BigInt(weight));
  const shares = exact.map((product) => product / total);
  const remainders = exact.map((product) => product % total);
  const leftOver = Number(BigInt(amount) - shares.reduce((sum, share) => sum + share, 0n));

  const byLargestRemainder = weights
    .map((_, index) => index)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  for (const index of byLargestRemainder.slice(0, leftOver)) shares[index] += 1n;

  return shares.map(Number);
};
