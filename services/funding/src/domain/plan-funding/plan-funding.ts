import type { Decider } from '@ehc/domain-kernel';
import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type PlanFundingState } from './state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, PlanFundingState };
export { decide, evolve, initialState };

export const planFundingDecider: Decider<Command, Event, PlanFundingState, RuleBroken> = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, one stream per plan, keyed by the plan's id (the annual review's, which is the assessment case's). Stream ids are built only here. */
export const PLAN_FUNDING_STREAM_PREFIX = 'planFunding-';
export const planFundingStream = (planId: string): string => `${PLAN_FUNDING_STREAM_PREFIX}${planId}`;
export const planIdOf = (stream: string): string => stream.slice(PLAN_FUNDING_STREAM_PREFIX.length);
