import fc from 'fast-check';
import { formatPounds, penceToPounds, poundsToPence, roundHalfUp } from './amounts';

describe('poundsToPence: exact, from text', () => {
  it.each([
    ['1234', 123400],
    ['1234.5', 123450],
    ['1234.56', 123456],
    ['£1,234.56', 123456],
    ['1,234', 123400],
    ['£1,234,567.89', 123456789],
    ['0', 0],
    ['£0.00', 0],
    ['0.05', 5],
    ['0.1', 10],
    // 4.35 × 100 is 434.99999999999994 in floating point; joined as digits it is 435
    ['4.35', 435],
    ['1.15', 115],
    ['007', 700],
    [' 12.50 ', 1250],
    ['90071992547409.91', 9007199254740991],
  ])('%j is %i pence', (text, pence) => {
    expect(poundsToPence(text)).toEqual({ ok: true, value: pence });
  });

  it.each([
    '', ' ', '£', '.', '.5', '1.', '1234.567', '0.001', '1.005', '-1', '-0.05', '−1', '£-1', '+1', '1,23', '12,34.5',
    ',123', '1,2345', '1 234', 'abc', '1e3', '0x10', 'NaN', 'Infinity', '12.3.4', '£ 1', '1£', '$1', '1.5p',
    '90071992547409.92', '99999999999999999999',
  ])('%j is not an amount', (text) => {
    expect(poundsToPence(text)).toEqual({ ok: false, error: 'NotAnAmount' });
  });
});

describe('penceToPounds and formatPounds', () => {
  it.each([
    [0, '0.00', '£0.00'],
    [5, '0.05', '£0.05'],
    [50, '0.50', '£0.50'],
    [100, '1.00', '£1.00'],
    [123456, '1234.56', '£1,234.56'],
    [100000, '1000.00', '£1,000.00'],
    [99999, '999.99', '£999.99'],
    [123456789, '1234567.89', '£1,234,567.89'],
    [-5, '-0.05', '-£0.05'],
    [-123456, '-1234.56', '-£1,234.56'],
  ])('%i pence is %s, %s', (pence, plain, formatted) => {
    expect(penceToPounds(pence)).toBe(plain);
    expect(formatPounds(pence)).toBe(formatted);
  });

  it.each([0.5, 1.1, NaN, Infinity, 2 ** 53])('refuses %d pence (a bug)', (pence) => {
    expect(() => penceToPounds(pence)).toThrow(RangeError);
    expect(() => formatPounds(pence)).toThrow(RangeError);
  });

  it('reads back what it writes, for any non-negative amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (pence) => {
        expect(poundsToPence(penceToPounds(pence))).toEqual({ ok: true, value: pence });
        expect(poundsToPence(formatPounds(pence))).toEqual({ ok: true, value: pence });
      }),
      { numRuns: 500 },
    );
  });

  it('a negative amount is the positive one with a leading minus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (pence) => {
        expect(penceToPounds(-pence)).toBe(`-${penceToPounds(pence)}`);
        expect(formatPounds(-pence)).toBe(`-${formatPounds(pence)}`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('roundHalfUp', () => {
  it.each([
    [0, 5, 0],
    [10, 5, 2],
    [1, 3, 0], // 0.33
    [2, 3, 1], // 0.67
    [1, 2, 1], // 0.5 goes up
    [3, 2, 2], // 1.5 goes up
    [5, 2, 3], // 2.5 goes up (not to even)
    [7, 2, 4], // 3.5
    [182, 366, 0], // 0.497
    [183, 366, 1], // exactly 0.5
    [254_400_000, 365, 696_986], // £12,000 × 212 days ÷ 365 = 696,986.30
  ])('%d / %d is %d', (numerator, denominator, expected) => {
    expect(roundHalfUp(numerator, denominator)).toBe(expected);
  });

  it('is exact beyond 2^53 when given a BigInt product', () => {
    // (2^53 + 1) × 3 ÷ 3 would lose the +1 as a double product
    const big = 2n ** 53n + 1n;
    expect(roundHalfUp(big * 3n, 3n * 2n)).toBe(Number((big + 1n) / 2n)); // (2^53+1)/2 = 2^52 + 0.5 → up
    expect(roundHalfUp(50_000_000n * 366n, 366)).toBe(50_000_000);
  });

  it.each([
    [-1, 2],
    [1, 0],
    [1, -2],
    [1.5, 2],
    [1, 0.5],
    [NaN, 1],
  ])('throws on %d / %d (a bug)', (numerator, denominator) => {
    expect(() => roundHalfUp(numerator, denominator)).toThrow(RangeError);
  });

  it('throws when the answer does not fit a number', () => {
    expect(() => roundHalfUp(2n ** 60n, 1n)).toThrow(RangeError);
  });

  it('is the nearest whole number, a half going up', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 80n }), fc.bigInt({ min: 1n, max: 2n ** 30n }), (n, d) => {
        fc.pre(n / d <= BigInt(Number.MAX_SAFE_INTEGER));
        const rounded = BigInt(roundHalfUp(n, d));
        // |n/d − rounded| ≤ 1/2, and exactly 1/2 only from below: 2n − d < 2·rounded·d ≤ 2n + d
        expect(2n * rounded * d <= 2n * n + d).toBe(true);
        expect(2n * rounded * d > 2n * n - d).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
