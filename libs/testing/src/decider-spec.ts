import type { Decider } from '@ehc/domain-kernel';

/**
 * Given / when / then for a pure decider, in the manner of Emmett's DeciderSpecification:
 * fold the given events, decide, compare. Deciders return a Result: `{ ok: true, value }` or
 * `{ ok: false, error }`.
 */

export function deciderSpec<C, E, S, R>(decider: Decider<C, E, S, R>) {
  return (given: E[]) => ({
    when(command: C) {
      const state = given.reduce(decider.evolve, decider.initialState());
      const result = decider.decide(command, state);
      return {
        then(expected: E[]) {
          if (!result.ok) throw new Error(`Expected events but the command was refused: ${JSON.stringify(result.error)}`);
          expect(result.value).toEqual(expected);
        },
        thenNothingHappened() {
          if (!result.ok) throw new Error(`Expected no events but the command was refused: ${JSON.stringify(result.error)}`);
          expect(result.value).toEqual([]);
        },
        thenFails(rule: R extends { rule: infer K } ? K : R) {
          if (result.ok) throw new Error(`Expected refusal ${String(rule)} but got ${JSON.stringify(result.value)}`);
          const error = result.error as unknown;
          const actual = typeof error === 'object' && error !== null && 'rule' in error ? (error as { rule: unknown }).rule : error;
          expect(actual).toEqual(rule);
        },
      };
    },
  });
}
