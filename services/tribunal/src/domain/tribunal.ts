import type { Decider } from '@ehc/domain-kernel';
import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type DisagreementState } from './disagreement-state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, DisagreementState };
export { decide, evolve, initialState };

export const tribunalDecider: Decider<Command, Event, DisagreementState, RuleBroken> = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen: one stream per appealable decision. Stream ids are built only here. */
export const DISAGREEMENT_STREAM_PREFIX = 'disagreement-';
export const disagreementStream = (decisionId: string): string => `${DISAGREEMENT_STREAM_PREFIX}${decisionId}`;
export const decisionIdOf = (stream: string): string => stream.slice(DISAGREEMENT_STREAM_PREFIX.length);
