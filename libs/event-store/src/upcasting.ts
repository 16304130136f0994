import type { EventEnvelope } from './envelope';
import type { EventStore, ReadAllOptions, ReadAllPage, ReadStreamOptions, SubscribeOptions, Subscription } from './port';

/** A pure function from one schema version of an event's data to the next. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): unknown;
}

/**
 * Stored events are never rewritten: old shapes are brought to the latest on read, one version at a
 * time, so deciders and projections only ever see the current shape.
 */
export class Upcasters {
  private readonly steps = new Map<string, Upcaster>();

  constructor(upcasters: Upcaster[] = []) {
    for (const u of upcasters) {
      const key = `${u.type}@${u.fromVersion}`;
      if (this.steps.has(key)) throw new Error(`Two upcasters for ${key}`);
      this.steps.set(key, u);
    }
  }

  apply(event: EventEnvelope): EventEnvelope {
    let current = event;
    for (let step = this.steps.get(`${current.type}@${current.schemaVersion}`); step; step = this.steps.get(`${current.type}@${current.schemaVersion}`)) {
      current = { ...current, data: step.upcast(current.data), schemaVersion: current.schemaVersion + 1 };
    }
    return current;
  }
}

/** The same store, with every read upcast. */
export function withUpcasting(store: EventStore, upcasters: Upcasters): EventStore {
  const up = (events: EventEnvelope[]) => events.map((e) => upcasters.apply(e));
  return {
    appendToStream: (stream, events, expected, within) => store.appendToStream(stream, events, expected, within),
    readStream: async (stream: string, options?: ReadStreamOptions) => up(await store.readStream(stream, options)),
    readAll: async (options?: ReadAllOptions): Promise<ReadAllPage> => {
      const page = await store.readAll(options);
      return { ...page, events: up(page.events) };
    },
    headPosition: () => store.headPosition(),
    subscribeToAll: (options: SubscribeOptions): Subscription =>
      store.subscribeToAll({ ...options, handle: (events, position) => options.handle(up(events), position) }),
    close: () => store.close(),
  };
}
