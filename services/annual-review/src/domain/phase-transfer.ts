import {
  academicYearStartsOn, compare, phaseTransferDeadline, phaseTransferLatestAmendmentNotice, phaseTransferLatestReviewMeeting,
  type CalendarDate, type PhaseTransferKind,
} from '@ehc/domain-kernel';
import { yearGroupOn, type Cohort } from './cohort';
import type { SettingPhase, SettingType } from './events';

/*
 * Which children and young people make a reg 2 phase transfer in a given September, so the plan
 * can be reviewed and amended, naming the new setting, by the reg 18 deadline (domain §4, §10
 * example 11). Reg 2 lists the moves: relevant early years education -> school, infant -> junior,
 * primary -> middle, primary -> secondary, middle -> secondary, secondary school -> post-16
 * institution.
 *
 * The answer comes from two things only: the year group the child will be in (cohort and offset),
 * and the age range of the setting attended now, in the academic year before the move. Where the
 * setting or its age range is unknown, the national year-group boundaries decide. Where the answer
 * is unsure it errs towards a transfer: a review held early costs little, a missed 15 February
 * cannot be undone.
 */

/** What the rule needs to know of the setting attended now: the plan's setting and its GIAS age range. */
export interface PhaseTransferSetting {
  type: SettingType;
  phase: SettingPhase;
  /** GIAS `StatutoryLowAge`; null when unknown. Not needed by the rule, kept so callers can pass the directory row. */
  lowAge: number | null;
  /** GIAS `StatutoryHighAge`; null when unknown. */
  highAge: number | null;
}

export interface PhaseTransferDue {
  kind: PhaseTransferKind;
  /** The calendar year of the move (September), reg 18's "calendar year of the transfer". */
  transferYear: number;
  /** National curriculum year (Reception 0) in the academic year before the move, and in the one it starts. */
  fromYearGroup: number;
  toYearGroup: number;
  /** reg 18: 15 Feb of the transfer year; 31 Mar for secondary -> post-16. */
  deadline: CalendarDate;
  latestAmendmentNotice: CalendarDate;
  latestReviewMeeting: CalendarDate;
}

const RECEPTION = 0;
const YEAR_3 = 3;
const YEAR_7 = 7;
const YEAR_12 = 12;
const YEAR_13 = 13;

/**
 * The highest national curriculum year a setting teaches, from its GIAS statutory high age: the age
 * its oldest pupils reach during their last year there, so high age - 5 (11 -> Year 6, 7 -> Year 2,
 * 13 -> Year 8, 16 -> Year 11, 18 -> Year 13). A high age of 19 (special schools keeping young
 * people for a further year) is still school sixth-form education and is capped at Year 13; no
 * reg 2 transfer lies beyond Year 12, so the cap changes no answer.
 */
export const highestYearGroupServed = (highAge: number): number => Math.min(highAge - 5, YEAR_13);

const due = (kind: PhaseTransferKind, transferYear: number, toYearGroup: number): PhaseTransferDue => {
  const deadline = phaseTransferDeadline(transferYear, kind);
  return {
    kind, transferYear, fromYearGroup: toYearGroup - 1, toYearGroup, deadline,
    latestAmendmentNotice: phaseTransferLatestAmendmentNotice(deadline),
    latestReviewMeeting: phaseTransferLatestReviewMeeting(deadline),
  };
};

/** Leaving the current setting at the end of Year `toYearGroup - 1`: which reg 2 move that is. */
const kindOnLeaving = (setting: PhaseTransferSetting, toYearGroup: number): PhaseTransferKind | null => {
  // A middle school's leavers go to secondary (upper) school whatever year it ends at: 12 -> Y8, 13 -> Y9.
  if (setting.phase === 'middle') return 'middle-to-secondary';
  if (toYearGroup === RECEPTION) return 'early-years-to-school';
  if (toYearGroup === YEAR_3) return 'infant-to-junior';
  // A first school (high age 8 or 9, rarely 10) hands over to a middle school before Year 7.
  if (toYearGroup > YEAR_3 && toYearGroup < YEAR_7) return 'primary-to-middle';
  if (toYearGroup === YEAR_7) return 'primary-to-secondary';
  if (toYearGroup === YEAR_12) return 'secondary-to-post-16';
  // Leaving at another point (e.g. a special school ending at 14) moves within a phase: an ordinary
  // amendment, with no reg 18 deadline.
  return null;
};

/**
 * No setting, or one whose age range is not known: the national boundaries alone. Year 3 is never
 * inferred (only a known infant school makes it a transfer); Reception, Year 7 and Year 12 are,
 * except where the phase says the child stays (an all-through school spans Reception to Year 11)
 * or the year cannot be known (a middle school's leaving year varies, so the caseworker gives it:
 * decide.ts's PhaseTransferYearNeeded).
 */
const byYearGroupAlone = (setting: PhaseTransferSetting | null, toYearGroup: number): PhaseTransferKind | null => {
  if (setting?.phase === 'middle') return null;
  const allThrough = setting?.phase === 'all-through';
  if (toYearGroup === RECEPTION && !allThrough) return 'early-years-to-school';
  if (toYearGroup === YEAR_7 && !allThrough) return 'primary-to-secondary';
  if (toYearGroup === YEAR_12) return 'secondary-to-post-16';
  return null;
};

const isEarlyYears = (setting: PhaseTransferSetting): boolean => setting.type === 'early-years' || setting.phase === 'early-years';
const isPost16 = (setting: PhaseTransferSetting): boolean => setting.type === 'further-education' || setting.phase === 'post-16';

/**
 * Does the child or young person make a reg 2 phase transfer at the start of academic year
 * `transferYear` (September of that year)? `setting` is the one attended in the academic year
 * before; null when there is none (reg 21: the LA runs the review).
 *
 * - Moving up inside the setting's age range is no transfer: Year 4 -> 5 in a primary, Year 6 -> 7
 *   in an all-through school, and any move inside an all-age special school (e.g. 2-19).
 * - A pupil staying in their own school's sixth form (high age 18 or 19) is not moving to a post-16
 *   institution (reg 2(f)), so Year 11 -> 12 there is no transfer. A young person leaving such a
 *   school for college is entered by the caseworker (IssueAmendedPlan with the kind; the year
 *   follows from the cohort).
 * - An early-years setting (type or phase) serves up to nursery, whatever its GIAS high age (nursery
 *   schools show 5): moving into Reception is early years -> school. A nursery class inside a
 *   primary school is the school, so Reception there is no transfer.
 * - A post-16 setting (FE, sixth-form college) never makes a reg 2 transfer: post-16 to post-16
 *   moves are planned by local policy (domain §4, configurable), not reg 18.
 * - When the child is already past the setting's range (the setting on file is stale), or the
 *   range is unknown, the year-group boundaries decide (`byYearGroupAlone`).
 */
export const nextPhaseTransfer = (input: {
  cohort: Cohort;
  setting: PhaseTransferSetting | null;
  transferYear: number;
}): PhaseTransferDue | null => {
  const { cohort, setting, transferYear } = input;
  const toYearGroup = yearGroupOn(cohort, academicYearStartsOn(transferYear));
  const fromYearGroup = toYearGroup - 1;
  const answer = (kind: PhaseTransferKind | null): PhaseTransferDue | null => (kind === null ? null : due(kind, transferYear, toYearGroup));

  if (setting === null) return answer(byYearGroupAlone(null, toYearGroup));
  if (isPost16(setting)) return null;

  const highest = isEarlyYears(setting) ? RECEPTION - 1 : setting.highAge === null ? null : highestYearGroupServed(setting.highAge);
  if (highest === null || fromYearGroup > highest) return answer(byYearGroupAlone(setting, toYearGroup));
  if (toYearGroup <= highest) return null;
  return answer(kindOnLeaving(setting, toYearGroup));
};

export interface TransferCandidate {
  planId: string;
  cohort: Cohort;
  setting: PhaseTransferSetting | null;
}

/**
 * The transfer cohort for September `transferYear` (domain §9 "phase transfers on time" is divided
 * by it): the plans whose child or young person makes a reg 2 transfer, each with its transfer,
 * in order of deadline (15 Feb before 31 Mar), then plan id.
 */
export const transferCohort = <P extends TransferCandidate>(
  plans: readonly P[],
  transferYear: number,
): (P & { transfer: PhaseTransferDue })[] =>
  plans
    .flatMap((plan) => {
      const transfer = nextPhaseTransfer({ cohort: plan.cohort, setting: plan.setting, transferYear });
      return transfer === null ? [] : [{ ...plan, transfer }];
    })
    .sort((a, b) => compare(a.transfer.deadline, b.transfer.deadline) || (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
