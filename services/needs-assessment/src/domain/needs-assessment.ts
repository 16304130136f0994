import { decide, type RuleBroken } from './decide';
import { evolve, initialState, type CaseState } from './case-state';
import type { Command } from './commands';
import type { Event } from './events';

export type { Command, Event, RuleBroken, CaseState };
export type { Requester } from '@ehc/contracts/needs-assessment';
export { decide, evolve, initialState };
export { APPEALABLE } from './appeals';

export const needsAssessmentDecider = { decide, evolve, initialState };

/** STYLE §5: `<category>-<uuid>`, the category without a hyphen. */
export const caseStream = (caseId: string): string => `ehcna-${caseId}`;
export const caseIdOf = (stream: string): string => stream.replace(/^ehcna-/, '');
