import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type PlanState } from './plan-state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, PlanState };
export type { Cohort } from './cohort';
export type { CeaseReason, LetterKind, ReviewAnchor, ReviewOutcome, Setting } from './events';
export { decide, evolve, initialState };
export { planMayBeCeasedFrom, reviewDecisionIsAppealable } from './appeals';

export const annualReviewDecider = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen. */
export const planStream = (planId: string): string => `annualReview-${planId}`;
export const planIdOf = (stream: string): string => stream.replace(/^annualReview-/, '');

