import { bodyFaults, LIST_LIMIT, LIST_OFFSET, MAX_BODY_DEPTH, QueryReader, queryFaults, textFault } from './input-rules';
import { listFilters } from './validation';
import { ProblemException } from './problem';

const faultsOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.problem.status, errors: error.problem.errors };
    throw error;
  }
  return null;
};

describe('text rules (every string of every body)', () => {
  it.each([
    ['a NUL character', 'Am\u0000ara', 'NulCharacter'],
    ['a lone high surrogate', 'Am\ud800ara', 'LoneSurrogate'],
    ['a lone low surrogate', 'Am\udc00ara', 'LoneSurrogate'],
    ['a high surrogate at the end', 'Amara\ud83d', 'LoneSurrogate'],
  ])('refuses %s', (_label, text, rule) => {
    expect(textFault('child.givenName', text)).toMatchObject({ field: 'child.givenName', rule });
  });

  it.each([['plain text', 'Amara Okafor'], ['a surrogate pair (an emoji)', 'Amara 😀'], ['a right-to-left name', 'أمارة'], ['an empty string', '']])('takes %s', (_label, text) => {
    expect(textFault('f', text)).toBeNull();
  });

  it('names each string at fault by its path, through objects and arrays', () => {
    expect(bodyFaults({ child: { givenName: 'A\u0000', familyName: 'B' }, notes: ['ok', 'x\ud800'], on: '2026-01-05' })).toEqual([
      { field: 'child.givenName', rule: 'NulCharacter', message: expect.stringContaining('U+0000') },
      { field: 'notes[1]', rule: 'LoneSurrogate', message: expect.any(String) },
    ]);
  });

  it('refuses a field name holding a NUL, naming the object it is in', () => {
    expect(bodyFaults({ child: { 'given\u0000Name': 'A' } })).toEqual([expect.objectContaining({ field: 'child', rule: 'NulCharacter' })]);
  });

  it('refuses a number beyond 2^53, which no revision or count can be (expectedRevision 1e20)', () => {
    expect(bodyFaults({ expectedRevision: 1e20 })).toEqual([expect.objectContaining({ field: 'expectedRevision', rule: 'NumberTooLarge' })]);
    expect(bodyFaults({ expectedRevision: Number.MAX_SAFE_INTEGER, ratings: [1, 2, -3.5] })).toEqual([]);
  });

  it('names a text body (a CSV) as body', () => {
    expect(bodyFaults('reference\nA\u0000')).toEqual([expect.objectContaining({ field: 'body', rule: 'NulCharacter' })]);
  });

  it(`stops at ${MAX_BODY_DEPTH} levels, so a hostile nesting cannot exhaust the stack`, () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(bodyFaults(deep)).toEqual([expect.objectContaining({ rule: 'NestedTooDeeply' })]);
  });
});

describe('query parameters', () => {
  it('refuses a parameter given twice, or as a structure, or holding a NUL', () => {
    expect(queryFaults({ q: ['a', 'b'], limit: { a: 'b' }, caseworker: 'c\u0000w', status: 'open' })).toEqual([
      expect.objectContaining({ field: 'q', rule: 'RepeatedParameter' }),
      expect.objectContaining({ field: 'limit', rule: 'MustBeSingleValue' }),
      expect.objectContaining({ field: 'caseworker', rule: 'NulCharacter' }),
    ]);
  });

  describe('a list page: limit and offset', () => {
    const page = (query: Record<string, unknown>) => {
      const q = new QueryReader(query);
      const filters = listFilters(q);
      q.done();
      return filters;
    };

    it('defaults to the first 100', () => {
      expect(page({})).toEqual({ dueWithinDays: undefined, overdue: undefined, limit: LIST_LIMIT.default, offset: LIST_OFFSET.default });
      expect(page({ limit: '1000', offset: '1000000', 'due-within-days': '0', overdue: 'true' })).toEqual({ dueWithinDays: 0, overdue: true, limit: 1000, offset: 1_000_000 });
    });

    it.each([
      ['limit', '-1', 'OutOfRange'], ['limit', '0', 'OutOfRange'], ['limit', '1001', 'OutOfRange'], ['limit', '1.5', 'MustBeWholeNumber'],
      ['limit', '1e2', 'MustBeWholeNumber'], ['limit', ' 10', 'MustBeWholeNumber'], ['limit', '0x10', 'MustBeWholeNumber'], ['limit', 'ten', 'MustBeWholeNumber'],
      ['offset', '-1', 'OutOfRange'], ['offset', '1e20', 'MustBeWholeNumber'], ['offset', '100000000000000000000', 'MustBeWholeNumber'], ['offset', '1000001', 'OutOfRange'],
      ['due-within-days', 'soon', 'MustBeWholeNumber'], ['due-within-days', '-3', 'OutOfRange'], ['overdue', 'yes', 'MustBeBoolean'],
      ['limit', ['1', '2'], 'RepeatedParameter'],
    ])('refuses %s=%j (%s) with a 400 naming it', (name, value, rule) => {
      expect(faultsOf(() => page({ [name]: value }))).toEqual({ status: 400, errors: [expect.objectContaining({ field: name, rule })] });
    });

    it('names every parameter at fault in one 400', () => {
      expect(faultsOf(() => page({ limit: '-1', offset: '1.5' }))?.errors?.map((e) => e.field)).toEqual(['limit', 'offset']);
    });
  });

  it('reads text bounded, and a value from a list', () => {
    const q = new QueryReader({ q: '  Okafor ', status: 'open', sort: 'sideways', caseworker: 'x'.repeat(101) });
    expect(q.text('q', { maxLength: 200 })).toBe('Okafor');
    expect(q.oneOf('status', ['open', 'closed'])).toBe('open');
    expect(q.oneOf('sort', ['next-due', 'received'])).toBeUndefined();
    expect(q.text('caseworker', { maxLength: 100 })).toBeUndefined();
    expect(faultsOf(() => q.done())?.errors?.map((e) => [e.field, e.rule])).toEqual([['sort', 'NotAllowedValue'], ['caseworker', 'TooLong']]);
  });
});
