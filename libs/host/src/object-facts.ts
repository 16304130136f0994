import type { EventEnvelope } from '@ehc/event-store';
import type { ObjectFacts, ObjectFactsSource } from '@ehc/identity';
import type { ServiceRuntime } from './runtime';

export type RelatedFacts = Omit<ObjectFacts, 'caseworkerTeams'>;

export interface ObjectFactsOptions<S, E> {
  runtime: ServiceRuntime;
  /** The id's form (a UUID); any other names nothing. */
  isId: (id: string) => boolean;
  streamOf: (id: string) => string;
  /** The route's own 404 for a missing object. */
  notFound: (id: string) => Error;
  /** From the read model: one indexed row, for every request. */
  fromView: (stream: string) => Promise<RelatedFacts | null>;
  /** From the events, for an object the read model has not caught up with yet. */
  decider: { evolve: (state: S, event: E) => S; initialState: () => S };
  fromState: (state: S, first: EventEnvelope) => RelatedFacts;
}

/**
 * Who is related to a service's case or plan, for the access guard's object-level check: its read
 * model's row, or, when that is not written yet (a request just recorded, on an asynchronous
 * projection), its events, so that the check never waits for a projection and never lets in a
 * caller the events would not.
 */
export function objectFacts<S, E>(options: ObjectFactsOptions<S, E>): ObjectFactsSource {
  return {
    notFound: options.notFound,
    async factsOf(id) {
      if (!options.isId(id)) return null;
      const stream = options.streamOf(id.toLowerCase());
      const viewed = await options.fromView(stream);
      if (viewed) return viewed;
      const events = await options.runtime.store.readStream(stream);
      if (events.length === 0) return null;
      const state = events.reduce((s, e) => options.decider.evolve(s, e as unknown as E), options.decider.initialState());
      return options.fromState(state, events[0]);
    },
  };
}
