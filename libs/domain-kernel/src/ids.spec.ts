import { isUuid, newId } from './ids';

describe('ids', () => {
  it('newId is a random version 4 UUID', () => {
    const ids = Array.from({ length: 1000 }, newId);
    expect(ids.every(isUuid)).toBe(true);
    expect(ids.every((id) => id[14] === '4')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['0190a6f4-8c2e-7b3a-9d4e-0123456789ab', true],
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', true],
    ['f47ac10b58cc4372a5670e02b2c3d479', false],
    ['ehcna-f47ac10b-58cc-4372-a567-0e02b2c3d479', false],
    [42, false],
  ])('isUuid(%p) = %p', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});
