import type { Decider } from '@ehc/domain-kernel';
import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type PlanState } from './plan-state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, PlanState };
export type { Cohort } from './cohort';
export type { CeaseReason, LetterKind, ReviewAnchor, ReviewOutcome, Setting } from './events';
export { decide, evolve, initialState };
export { planMayBeCeasedFrom, reviewDecisionIsAppealable } from './appeals';

export const annualReviewDecider: Decider<Command, Event, PlanState, RuleBroken> = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen. Stream ids are built only here. */
export const PLAN_STREAM_PREFIX = 'annualReview-';
export const planStream = (planId: string): string => `${PLAN_STREAM_PREFIX}${planId}`;
export const planIdOf = (stream: string): string => stream.slice(PLAN_STREAM_PREFIX.length);

