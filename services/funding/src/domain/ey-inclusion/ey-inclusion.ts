import type { Decider } from '@ehc/domain-kernel';
import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type EyInclusionState } from './state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, EyInclusionState };
export { decide, evolve, initialState };

export const eyInclusionDecider: Decider<Command, Event, EyInclusionState, RuleBroken> = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen: one stream per application. Stream ids are built only here. */
export const EY_INCLUSION_STREAM_PREFIX = 'eyInclusion-';
export const eyInclusionStream = (applicationId: string): string => `${EY_INCLUSION_STREAM_PREFIX}${applicationId}`;
export const applicationIdOf = (stream: string): string => stream.slice(EY_INCLUSION_STREAM_PREFIX.length);
