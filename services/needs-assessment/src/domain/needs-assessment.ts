import type { Decider } from '@ehc/domain-kernel';
import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type CaseState } from './case-state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, CaseState };
export type { Requester } from '@ehc/contracts/needs-assessment';
export { decide, evolve, initialState };
export { APPEALABLE } from './appeals';

export const needsAssessmentDecider: Decider<Command, Event, CaseState, RuleBroken> = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen. Stream ids are built only here. */
export const CASE_STREAM_PREFIX = 'ehcna-';
export const caseStream = (caseId: string): string => `${CASE_STREAM_PREFIX}${caseId}`;
export const caseIdOf = (stream: string): string => stream.slice(CASE_STREAM_PREFIX.length);

/** The stream that records a person's erasure, published by id only (events carry no personal details). */
export const PERSON_ERASURE_STREAM_PREFIX = 'personErasure-';
export const personErasureStream = (personId: string): string => `${PERSON_ERASURE_STREAM_PREFIX}${personId}`;
