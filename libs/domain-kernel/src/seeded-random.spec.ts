import { hash32, mulberry32 } from './seeded-random';

describe('seeded randomness for synthetic data', () => {
  it('draws the same numbers from the same seed, in [0, 1), and others from another', () => {
    const draw = (seed: number) => { const next = mulberry32(seed); return Array.from({ length: 1000 }, next); };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42).every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('hashes a purpose to a 32-bit seed, the same every time', () => {
    expect(hash32('county|7|case|41')).toBe(hash32('county|7|case|41'));
    expect(hash32('county|7|case|41')).not.toBe(hash32('county|7|case|42'));
    expect(Number.isInteger(hash32('x')) && hash32('x') >= 0 && hash32('x') < 2 ** 32).toBe(true);
  });
});
