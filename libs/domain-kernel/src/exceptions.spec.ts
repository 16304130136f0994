import {
  absenceLimbApplies,
  closureExceptionWindow,
  closureLimbApplies,
  EXCEPTION_LIMBS,
  liftsLimit,
  limitsLiftedBy,
  localExpectedDateUnderException,
  TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS,
  type ClosurePeriod,
} from './exceptions';

const summer: ClosurePeriod = { closedFrom: '2026-07-23', reopensOn: '2026-09-03' };

describe('closure limbs (a) and (b): reg 5(4)(a), 10(4)(a)/(b)', () => {
  it('window runs from a week before closing to a week before reopening (example 5)', () => {
    expect(closureExceptionWindow(summer)).toEqual({ ok: true, value: { opensOn: '2026-07-16', closesOn: '2026-08-27' } });
  });

  it.each([
    ['2026-07-15', false, 'before-window'],
    ['2026-07-16', true, undefined],
    ['2026-08-03', true, undefined],
    ['2026-08-27', true, undefined],
    ['2026-08-28', false, 'after-window'],
    ['2026-09-10', false, 'after-window'],
  ])('advice asked %s: applies %p', (askedOn, applies, reason) => {
    const outcome = closureLimbApplies(summer, askedOn);
    expect(outcome.applies).toBe(applies);
    if (!outcome.applies) expect(outcome.reason).toBe(reason);
  });

  it('needs a closure of at least 4 continuous weeks', () => {
    expect(closureExceptionWindow({ closedFrom: '2026-07-23', reopensOn: '2026-08-20' }).ok).toBe(true); // 28 days
    expect(closureExceptionWindow({ closedFrom: '2026-07-23', reopensOn: '2026-08-19' })).toEqual({
      ok: false,
      error: 'ClosureShorterThanFourWeeks',
    });
    expect(closureLimbApplies({ closedFrom: '2026-12-19', reopensOn: '2027-01-05' }, '2026-12-15')).toEqual({
      applies: false,
      reason: 'closure-too-short',
    });
    expect(closureLimbApplies({ closedFrom: '2026-09-03', reopensOn: '2026-07-23' }, '2026-08-01')).toEqual({
      applies: false,
      reason: 'closure-dates-invalid',
    });
  });
});

describe('absence limb (d)', () => {
  it.each([
    [{ leftOn: '2026-07-01', returnedOn: '2026-07-29' }, true], // 28 days away
    [{ leftOn: '2026-07-01', returnedOn: '2026-07-28' }, false],
  ])('%p at least 4 weeks: %p', (absence, expected) => {
    expect(absenceLimbApplies(absence)).toBe(expected);
  });

  it('for a tribunal order 2 weeks is enough (reg 44(3))', () => {
    const fortnight = { leftOn: '2026-07-01', returnedOn: '2026-07-15' };
    expect(absenceLimbApplies(fortnight)).toBe(false);
    expect(absenceLimbApplies(fortnight, TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS)).toBe(true);
  });
});

describe('which limits an exception lifts', () => {
  it.each(EXCEPTION_LIMBS)('%s lifts the 16- and 20-week limits (reg 10(4), 13(3))', (limb) => {
    expect(liftsLimit(limb, 'decision-not-to-issue')).toBe(true);
    expect(liftsLimit(limb, 'final-plan')).toBe(true);
  });

  it('only the early years limb leaves the 6-week decision binding (reg 5(4) has no such limb, check)', () => {
    expect(EXCEPTION_LIMBS.filter((limb) => !liftsLimit(limb, 'decision-to-assess'))).toEqual(['early-years-closure']);
    expect(limitsLiftedBy('early-years-closure')).toEqual(['decision-not-to-issue', 'final-plan']);
  });
});

describe('local expected date (policy, not law)', () => {
  it('adds the configured extension to the statutory date (example 7)', () => {
    expect(localExpectedDateUnderException('2026-05-25', { extensionDays: 35 })).toBe('2026-06-29');
    expect(localExpectedDateUnderException('2026-05-25', { extensionDays: 0 })).toBe('2026-05-25');
  });
});
