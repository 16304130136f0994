import { isUuid, nameBasedUuid, newId } from './ids';

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

describe('name-based ids', () => {
  it('gives the same id for the same name, a different one for another, in the version 5 layout', () => {
    expect(nameBasedUuid('person-of/abc')).toBe(nameBasedUuid('person-of/abc'));
    expect(nameBasedUuid('person-of/abc')).not.toBe(nameBasedUuid('person-of/abd'));
    expect(nameBasedUuid('person-of/abc')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps the ids already derived and stored: the plan imported as LEG-0001 keeps its id', () =>
    expect(nameBasedUuid('ehc-hub/annual-review/import:LEG-0001')).toBe('434daa9a-ab78-55de-94a5-d358a048750b'));
});
