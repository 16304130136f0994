import { addDays, daysBetween, isAfter, isBefore, onOrAfter, type CalendarDate } from './calendar-date';
import { fail, ok, type Result } from './result';

/*
 * Exceptions to the EHC needs assessment time limits (domain §2.6). reg 5(4) and reg 10(4)(a)-(d);
 * reg 13(3) applies the reg 10(4) list to the 20-week limit. The LA "need not comply with the time
 * limit ... if it is impractical to do so because" one of these limbs applies. An exception is a
 * dated flag, not a state, and it gives no fixed extension: the statutory date is kept.
 */

/** The reg 10(4) limbs, named for what happened. */
export type ExceptionLimb =
  /** (a) advice asked of a school or post-16 institution's head/principal around a closure of >= 4 weeks */
  | 'school-closure'
  /** (b) the same test for an early years provider's SEN lead */
  | 'early-years-closure'
  /** (c) exceptional personal circumstances affect the child, the parent or the young person */
  | 'exceptional-personal-circumstances'
  /** (d) the child, parent or young person is away from the LA's area for >= 4 continuous weeks */
  | 'absence-from-area';

export const EXCEPTION_LIMBS: readonly ExceptionLimb[] = [
  'school-closure',
  'early-years-closure',
  'exceptional-personal-circumstances',
  'absence-from-area',
];

/** The LA time limits an exception can lift. */
export type AssessmentTimeLimit = 'decision-to-assess' | 'decision-not-to-issue' | 'final-plan';

const LIFTED: Readonly<Record<ExceptionLimb, readonly AssessmentTimeLimit[]>> = {
  // reg 5(4)(a), 10(4)(a), 13(3)
  'school-closure': ['decision-to-assess', 'decision-not-to-issue', 'final-plan'],
  // reg 10(4)(b), 13(3). reg 5(4) lists only the school/post-16 closure, personal circumstances and
  // absence, so the 6-week decision is not lifted by an early years closure **(check)**.
  'early-years-closure': ['decision-not-to-issue', 'final-plan'],
  // reg 5(4)(b), 10(4)(c), 13(3)
  'exceptional-personal-circumstances': ['decision-to-assess', 'decision-not-to-issue', 'final-plan'],
  // reg 5(4)(c), 10(4)(d), 13(3)
  'absence-from-area': ['decision-to-assess', 'decision-not-to-issue', 'final-plan'],
};
// Not modelled here: the advisers' own 6-week relief in reg 8(2) (e.g. a missed examination or
// test appointment); its limbs are unverified **(check)**.

/** Which LA time limits a limb lifts. */
export const limitsLiftedBy = (limb: ExceptionLimb): readonly AssessmentTimeLimit[] => LIFTED[limb];

export const liftsLimit = (limb: ExceptionLimb, limit: AssessmentTimeLimit): boolean => LIFTED[limb].includes(limit);

/**
 * A closure of a school, post-16 institution or early years provider.
 * `closedFrom` is the first day it is closed; `reopensOn` is the first day it is open again.
 * Example 5 reads "closed 07-23 to 09-03" this way: 09-03 is the first day back, which is the only
 * reading that gives the window end of 08-27 the example states.
 */
export type ClosurePeriod = { readonly closedFrom: CalendarDate; readonly reopensOn: CalendarDate };

/** The dates, inclusive at both ends, during which asking for advice engages limb (a) or (b). */
export type ClosureWindow = { readonly opensOn: CalendarDate; readonly closesOn: CalendarDate };

export const MINIMUM_CLOSURE_WEEKS = 4;

/**
 * reg 10(4)(a)/(b), reg 5(4)(a): the window runs from "one week before any date on which [the
 * institution] was closed for a continuous period of not less than 4 weeks from that date" to "one
 * week before the date on which it re-opens", both ends included.
 * Example 5: closed 2026-07-23, reopens 09-03 -> window 07-16 to 08-27.
 */
export const closureExceptionWindow = (
  closure: ClosurePeriod,
): Result<ClosureWindow, 'ReopensBeforeItCloses' | 'ClosureShorterThanFourWeeks'> => {
  const daysClosed = daysBetween(closure.closedFrom, closure.reopensOn);
  if (daysClosed <= 0) return fail('ReopensBeforeItCloses');
  if (daysClosed < MINIMUM_CLOSURE_WEEKS * 7) return fail('ClosureShorterThanFourWeeks');
  return ok({ opensOn: addDays(closure.closedFrom, -7), closesOn: addDays(closure.reopensOn, -7) });
};

export type ClosureLimbOutcome =
  | { readonly applies: true; readonly window: ClosureWindow }
  | { readonly applies: false; readonly reason: 'before-window' | 'after-window'; readonly window: ClosureWindow }
  | { readonly applies: false; readonly reason: 'closure-too-short' | 'closure-dates-invalid' };

/**
 * Does asking for advice on `adviceRequestedOn` fall in the closure window, so that limb (a)
 * (school or post-16) or (b) (early years) may apply? The LA still has to judge that meeting the
 * limit is impractical; this answers only the date test.
 * Example 5: asked 08-03 -> applies; asked 08-28 -> after-window. Example 6: asked 07-13 -> before-window.
 */
export const closureLimbApplies = (closure: ClosurePeriod, adviceRequestedOn: CalendarDate): ClosureLimbOutcome => {
  const window = closureExceptionWindow(closure);
  if (!window.ok)
    return {
      applies: false,
      reason: window.error === 'ClosureShorterThanFourWeeks' ? 'closure-too-short' : 'closure-dates-invalid',
    };
  if (isBefore(adviceRequestedOn, window.value.opensOn))
    return { applies: false, reason: 'before-window', window: window.value };
  if (isAfter(adviceRequestedOn, window.value.closesOn))
    return { applies: false, reason: 'after-window', window: window.value };
  return { applies: true, window: window.value };
};

/** Away from the LA's area: `leftOn` is the first day away, `returnedOn` the first day back. */
export type AbsencePeriod = { readonly leftOn: CalendarDate; readonly returnedOn: CalendarDate };

/** reg 5(4)(c), 10(4)(d): absence "for a continuous period of not less than 4 weeks". */
export const ASSESSMENT_ABSENCE_MINIMUM_WEEKS = 4;

/** reg 44(3)(b): for complying with a First-tier Tribunal (SEND) order the absence need be only 2 weeks. */
export const TRIBUNAL_ORDER_ABSENCE_MINIMUM_WEEKS = 2;

/** True when the absence lasted at least `minimumWeeks` continuous weeks (default: the 4 of reg 10(4)(d)). */
export const absenceLimbApplies = (
  absence: AbsencePeriod,
  minimumWeeks: number = ASSESSMENT_ABSENCE_MINIMUM_WEEKS,
): boolean => daysBetween(absence.leftOn, absence.returnedOn) >= minimumWeeks * 7;

/**
 * LOCAL POLICY, NOT LAW (domain §2.6, §11.5). The law gives no extension when an exception
 * applies: the LA must act as soon as practicable and the statutory date is kept. Some LAs show a
 * locally configured "expected date" beside it; this computes it from the configured extension.
 * Example 7: final plan due 2026-05-25, extension 35 days -> expected 2026-06-29.
 */
export type LocalExceptionPolicy = { readonly extensionDays: number };

export const localExpectedDateUnderException = (
  statutoryDue: CalendarDate,
  policy: LocalExceptionPolicy,
): CalendarDate => addDays(statutoryDue, policy.extensionDays);

/**
 * What a caseworker claims when recording an exception, limb by limb (domain §2.6, examples 5-7).
 * Every limb needs evidence and dates: an exception with no end would lift the limits for ever.
 * - (a)/(b) closure: the closure (first day closed, first day open again) and the day the head,
 *   principal or early years SEN lead was asked for advice; the exception runs from that request
 *   until the setting reopens.
 * - (c) exceptional personal circumstances: from and to (e.g. a parent in hospital).
 * - (d) absence from the area: the first day away and the first day back, at least 4 weeks apart.
 */
export type ExceptionClaim =
  | { readonly limb: 'school-closure' | 'early-years-closure'; readonly closure: ClosurePeriod; readonly adviceRequestedOn: CalendarDate; readonly evidence: boolean }
  | { readonly limb: 'exceptional-personal-circumstances'; readonly from: CalendarDate; readonly to: CalendarDate; readonly evidence: boolean }
  | { readonly limb: 'absence-from-area'; readonly absence: AbsencePeriod; readonly evidence: boolean };

/** A time limit of the case and whether it is still running (not yet met). */
export type RunningLimit = { readonly limit: AssessmentTimeLimit; readonly due: CalendarDate; readonly running: boolean };

export type ExceptionRefusal =
  /** no evidence was given for the exception */
  | 'ExceptionNeedsEvidence'
  /** the dates are the wrong way round */
  | 'ExceptionEndsBeforeItStarts'
  /** (a)/(b): the setting was not closed for at least 4 continuous weeks */
  | 'ClosureShorterThanFourWeeks'
  /** (a)/(b): advice was asked before the window opened (example 6) */
  | 'AdviceAskedBeforeClosureWindow'
  /** (a)/(b): advice was asked after the window closed (example 5, asked 08-28) */
  | 'AdviceAskedAfterClosureWindow'
  /** (d): away for less than 4 continuous weeks */
  | 'AbsenceShorterThanFourWeeks'
  /** the limb lifts no time limit that was still running when the exception began */
  | 'NoRunningTimeLimitToLift';

export type ExceptionApplied = {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly limitsLifted: AssessmentTimeLimit[];
  /** (a)/(b): the window the advice request fell in. */
  readonly closureWindow: ClosureWindow | null;
};

/**
 * Does the exception apply, and to which limits? It lifts the limits its limb names that were still
 * running, and not yet due, when it began: a limit already met, or already missed, cannot have been
 * made impractical by it. The LA must still judge that meeting the limit is impractical; this
 * answers the tests the Regulations set. Refusals name the reason (ExceptionRefusal).
 */
export const applyException = (claim: ExceptionClaim, limits: readonly RunningLimit[]): Result<ExceptionApplied, ExceptionRefusal> => {
  if (!claim.evidence) return fail('ExceptionNeedsEvidence');
  let period: { from: CalendarDate; to: CalendarDate; closureWindow: ClosureWindow | null };
  switch (claim.limb) {
    case 'school-closure':
    case 'early-years-closure': {
      const outcome = closureLimbApplies(claim.closure, claim.adviceRequestedOn);
      if (!outcome.applies) {
        const reasons = {
          'closure-dates-invalid': 'ExceptionEndsBeforeItStarts', 'closure-too-short': 'ClosureShorterThanFourWeeks',
          'before-window': 'AdviceAskedBeforeClosureWindow', 'after-window': 'AdviceAskedAfterClosureWindow',
        } as const;
        return fail(reasons[outcome.reason]);
      }
      period = { from: claim.adviceRequestedOn, to: claim.closure.reopensOn, closureWindow: outcome.window };
      break;
    }
    case 'exceptional-personal-circumstances':
      if (isBefore(claim.to, claim.from)) return fail('ExceptionEndsBeforeItStarts');
      period = { from: claim.from, to: claim.to, closureWindow: null };
      break;
    case 'absence-from-area':
      if (isBefore(claim.absence.returnedOn, claim.absence.leftOn)) return fail('ExceptionEndsBeforeItStarts');
      if (!absenceLimbApplies(claim.absence)) return fail('AbsenceShorterThanFourWeeks');
      period = { from: claim.absence.leftOn, to: claim.absence.returnedOn, closureWindow: null };
      break;
  }
  const limitsLifted = limits
    .filter((l) => l.running && liftsLimit(claim.limb, l.limit) && onOrAfter(l.due, period.from))
    .map((l) => l.limit);
  if (limitsLifted.length === 0) return fail('NoRunningTimeLimitToLift');
  return ok({ ...period, limitsLifted });
};
