import { fail, ok } from './result';
import {
  absenceLimbApplies,
  applyException,
  closureExceptionWindow,
  closureLimbApplies,
  EXCEPTION_LIMBS,
  liftsLimit,
  limitsLiftedBy,
  localExpectedDateUnderException,
  TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS,
  type ClosurePeriod,
  type RunningLimit,
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

describe('applyException: each limb with its evidence and dates (domain §2.6, examples 5-7)', () => {
  // example 5: request Mon 2026-07-27; school closed 07-23, reopens 09-03
  const summer = { closedFrom: '2026-07-23', reopensOn: '2026-09-03' };
  const example5Limits: RunningLimit[] = [
    { limit: 'decision-to-assess', due: '2026-09-07', running: true },
    { limit: 'decision-not-to-issue', due: '2026-11-16', running: true },
    { limit: 'final-plan', due: '2026-12-14', running: true },
  ];
  // example 7: request 2026-01-05, decided to assess on time; parent in hospital 03-02 to 04-06
  const example7Limits: RunningLimit[] = [
    { limit: 'decision-to-assess', due: '2026-02-16', running: false },
    { limit: 'decision-not-to-issue', due: '2026-04-27', running: true },
    { limit: 'final-plan', due: '2026-05-25', running: true },
  ];

  it('example 5: head asked 08-03, inside the window: the limits still running are lifted, until the school reopens', () =>
    expect(applyException({ limb: 'school-closure', closure: summer, adviceRequestedOn: '2026-08-03', evidence: true }, example5Limits)).toEqual(ok({
      from: '2026-08-03', to: '2026-09-03', closureWindow: { opensOn: '2026-07-16', closesOn: '2026-08-27' },
      limitsLifted: ['decision-to-assess', 'decision-not-to-issue', 'final-plan'],
    })));

  it('example 5: head asked 08-28, after the window: no exception', () =>
    expect(applyException({ limb: 'school-closure', closure: summer, adviceRequestedOn: '2026-08-28', evidence: true }, example5Limits))
      .toEqual(fail('AdviceAskedAfterClosureWindow')));

  it('example 6: head asked 07-13, before the window opens: no exception', () =>
    expect(applyException({ limb: 'school-closure', closure: summer, adviceRequestedOn: '2026-07-13', evidence: true }, example5Limits))
      .toEqual(fail('AdviceAskedBeforeClosureWindow')));

  it('a closure of less than 4 weeks is no exception', () =>
    expect(applyException({ limb: 'early-years-closure', closure: { closedFrom: '2026-12-19', reopensOn: '2027-01-05' }, adviceRequestedOn: '2026-12-20', evidence: true }, example5Limits))
      .toEqual(fail('ClosureShorterThanFourWeeks')));

  it('the early years limb does not lift the 6-week decision (reg 5(4) has no such limb)', () => {
    const applied = applyException({ limb: 'early-years-closure', closure: summer, adviceRequestedOn: '2026-08-03', evidence: true }, example5Limits);
    expect(applied.ok && applied.value.limitsLifted).toEqual(['decision-not-to-issue', 'final-plan']);
  });

  it('example 7: lifts the limits still running, not the decision already made', () =>
    expect(applyException({ limb: 'exceptional-personal-circumstances', from: '2026-03-02', to: '2026-04-06', evidence: true }, example7Limits))
      .toEqual(ok({ from: '2026-03-02', to: '2026-04-06', closureWindow: null, limitsLifted: ['decision-not-to-issue', 'final-plan'] })));

  it('a limit already due before the exception began is not lifted by it', () => {
    const applied = applyException({ limb: 'exceptional-personal-circumstances', from: '2026-05-01', to: '2026-05-20', evidence: true }, example7Limits);
    expect(applied.ok && applied.value.limitsLifted).toEqual(['final-plan']);
  });

  it('refuses an exception that lifts nothing still running', () =>
    expect(applyException({ limb: 'exceptional-personal-circumstances', from: '2026-06-01', to: '2026-06-20', evidence: true }, example7Limits))
      .toEqual(fail('NoRunningTimeLimitToLift')));

  it('refuses any limb without evidence', () =>
    expect(applyException({ limb: 'exceptional-personal-circumstances', from: '2026-03-02', to: '2026-04-06', evidence: false }, example7Limits))
      .toEqual(fail('ExceptionNeedsEvidence')));

  it('refuses dates the wrong way round', () =>
    expect(applyException({ limb: 'exceptional-personal-circumstances', from: '2026-04-06', to: '2026-03-02', evidence: true }, example7Limits))
      .toEqual(fail('ExceptionEndsBeforeItStarts')));

  it('absence: at least 4 continuous weeks away (reg 10(4)(d))', () => {
    expect(applyException({ limb: 'absence-from-area', absence: { leftOn: '2026-03-02', returnedOn: '2026-03-30' }, evidence: true }, example7Limits))
      .toEqual(ok({ from: '2026-03-02', to: '2026-03-30', closureWindow: null, limitsLifted: ['decision-not-to-issue', 'final-plan'] }));
    expect(applyException({ limb: 'absence-from-area', absence: { leftOn: '2026-03-02', returnedOn: '2026-03-29' }, evidence: true }, example7Limits))
      .toEqual(fail('AbsenceShorterThanFourWeeks'));
  });
});
