import { describeEventStoreContract, newEvent } from '@ehc/testing';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, teardown: () => store.close() };
});

describe('a subscription whose handler fails', () => {
  it('offers the same batch again after a backoff, skipping nothing and repeating nothing handled', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('ehcna-1', [newEvent('A'), newEvent('B')], 'no-stream');
    const handled: string[] = [];
    const errors: unknown[] = [];
    let failuresLeft = 2;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const sub = store.subscribeToAll({
      after: 0,
      async handle(events) {
        if (failuresLeft-- > 0) throw new Error('database went away');
        handled.push(...events.map((e) => e.type));
        if (handled.length >= 2) resolveDone();
      },
      onError: (e) => errors.push(e),
    });
    await done;
    await sub.stop();
    expect(handled).toEqual(['A', 'B']);
    expect(errors).toHaveLength(2);
  });
});
