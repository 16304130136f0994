import { roundHalfUp } from '@ehc/money';

/*
 * Money on an application, in whole pence with exact integer arithmetic (BigInt), never floating
 * point: hours per week are held as hundredths of an hour, and every division rounds half up once.
 */

/** The most hours a week the fund tops up, and the most weeks in a year's application (local choices, domain §11.11). */
export const MAX_HOURS_PER_WEEK = 30;
export const MAX_WEEKS = 52;

/** Hours as whole hundredths of an hour, or null when given more finely than that (or not a number). */
export const toHundredths = (hours: number): number | null => {
  if (!Number.isFinite(hours)) return null;
  const hundredths = Math.round(hours * 100);
  // 10.15 * 100 is 1014.999…: a float's error is far below a hundredth, a third decimal is not
  return Math.abs(hours * 100 - hundredths) < 1e-6 ? hundredths : null;
};

const wholePence = (pence: number, what: string): bigint => {
  if (!Number.isSafeInteger(pence) || pence < 0) throw new RangeError(`${what} must be whole pence, got ${pence}`);
  return BigInt(pence);
};

/** The amount approved: hourly rate × hours a week × weeks, rounded half up to the penny. */
export const fundedAmountPence = (hourlyPence: number, hoursPerWeek: number, weeks: number): number => {
  const hundredths = toHundredths(hoursPerWeek);
  if (hundredths === null || hundredths < 0 || !Number.isSafeInteger(weeks) || weeks < 0) throw new RangeError(`hours ${hoursPerWeek} or weeks ${weeks} not valid`);
  return roundHalfUp(wholePence(hourlyPence, 'hourlyPence') * BigInt(hundredths) * BigInt(weeks), 100n);
};

/** What a share of the funded days earned: amount × days ÷ fundedDays, rounded half up. */
export const proratedPence = (amountPence: number, days: number, fundedDays: number): number => {
  if (!Number.isSafeInteger(days) || !Number.isSafeInteger(fundedDays) || days < 0 || fundedDays <= 0 || days > fundedDays) throw new RangeError(`days ${days} of ${fundedDays}`);
  return roundHalfUp(wholePence(amountPence, 'amountPence') * BigInt(days), BigInt(fundedDays));
};
