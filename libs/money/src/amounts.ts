import { fail, ok, type Result } from '@ehc/domain-kernel';

/**
 * An amount of money in whole pence. A plain integer, never a float: a stored or published amount
 * that is a fraction of a penny, or that carries a binary-float error (0.1 + 0.2), cannot be paid
 * and cannot be reconciled with the finance system. Negative only on a ledger adjustment (a clawback).
 */
export type Pence = number;

/** Throws a RangeError if `value` is not a whole number of pence a double holds exactly: a bug, not a rule. */
export function assertPence(value: number, what = 'amount'): asserts value is Pence {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number of pence, got ${value}`);
}

// '1234', '1234.5', '1234.56', '£1,234.56'; commas only as proper thousands groups ('1,23' is a typo,
// not 123 pounds), at most two decimals (a third would be a fraction of a penny), no sign.
const POUNDS = /^£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Reads an amount in pounds as typed by a person or found in a spreadsheet cell. Parsed as text
 * (pounds and pence digits joined), never by multiplying a float by 100, so '1234.56' is exactly
 * 123456p. Surrounding whitespace is ignored (CSV cells often carry it); negatives are refused:
 * a rate or a top-up is never below zero.
 */
export const poundsToPence = (text: string): Result<Pence, 'NotAnAmount'> => {
  const match = POUNDS.exec(text.trim());
  if (!match) return fail('NotAnAmount');
  const pounds = match[1].replaceAll(',', '');
  const pence = (match[2] ?? '').padEnd(2, '0');
  const total = BigInt(pounds) * 100n + BigInt(pence);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return fail('NotAnAmount');
  return ok(Number(total));
};

const poundsAndPence = (pence: Pence): { sign: '' | '-'; pounds: string; pence: string } => {
  assertPence(pence);
  const magnitude = Math.abs(pence);
  return {
    sign: pence < 0 ? '-' : '',
    pounds: String(Math.floor(magnitude / 100)),
    pence: String(magnitude % 100).padStart(2, '0'),
  };
};

/** '1234.56', '-0.05': for CSV and the finance workbook, which want a plain decimal with no symbol or grouping. */
export const penceToPounds = (pence: Pence): string => {
  const parts = poundsAndPence(pence);
  return `${parts.sign}${parts.pounds}.${parts.pence}`;
};

/**
 * '£1,234.56' for people. A negative is '-£0.05' with an ASCII hyphen-minus rather than U+2212:
 * it is what a spreadsheet and a screen reader both understand when the text is copied.
 */
export const formatPounds = (pence: Pence): string => {
  const parts = poundsAndPence(pence);
  const grouped = parts.pounds.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${parts.sign}£${grouped}.${parts.pence}`;
};

const asBigInt = (value: bigint | number, what: string): bigint => {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a whole number, got ${value}`);
  }
  return BigInt(value);
};

/**
 * numerator ÷ denominator to the nearest whole number, a half going up (0.5p is paid, not lost).
 * Exact for any size: the division is done in BigInt, so a caller may pass a product such as
 * annual pence × days that exceeds 2^53. Money here is never negative before rounding, so a
 * negative numerator or a denominator below 1 is a bug and throws.
 */
export const roundHalfUp = (numerator: bigint | number, denominator: bigint | number): number => {
  const n = asBigInt(numerator, 'numerator');
  const d = asBigInt(denominator, 'denominator');
  if (n < 0n) throw new RangeError(`roundHalfUp takes a non-negative numerator, got ${n}`);
  if (d <= 0n) throw new RangeError(`roundHalfUp takes a positive denominator, got ${d}`);
  const quotient = n / d;
  const rounded = 2n * (n % d) >= d ? quotient + 1n : quotient;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${n} / ${d} is too large for a number`);
  return Number(rounded);
};
