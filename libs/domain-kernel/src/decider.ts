import type { Result } from './result';

/**
 * A decider (STYLE §3): decide(command, state) -> events or the rule broken, evolve(state, event),
 * initialState(). Pure: no framework, no clock, no I/O. The one shape every service's decider has,
 * that command execution runs and the given/when/then specs drive.
 */
export interface Decider<C, E, S, R> {
  decide(command: C, state: S): Result<E[], R>;
  evolve(state: S, event: E): S;
  initialState(): S;
}
