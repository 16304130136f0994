import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError, InMemoryCheckpointStore, Upcasters, withUpcasting, WrongExpectedRevisionError,
  type EventEnvelope, type EventStore, type NewEvent,
} from '@ehc/event-store';

export interface ContractTarget {
  store: EventStore;
  teardown(): Promise<void>;
}

/** A new event with full metadata, as a command handler would build it. */
export function newEvent(type: string, data: Record<string, unknown> = {}, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: '2026-01-05',
      actor: { kind: 'user', id: 'caseworker-1' },
      correlationId: randomUUID(),
      causationId: null,
    },
    ...overrides,
  };
}

/**
 * Waits until the global log is readable up to `position`. A store may hold readers back while
 * an earlier transaction anywhere on the server is still open (PostgreSQL's no-skip bound), so a
 * read right after an append can legitimately end before it.
 */
export async function readableUpTo(store: EventStore, position: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await store.headPosition()) < position) {
    if (Date.now() > deadline) throw new Error(`the log did not become readable up to ${position} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Collects a subscription's events until `until` holds (or fails after `ms`). */
export async function collectUntil(
  store: EventStore,
  options: { after?: number; filter?: { streamPrefixes?: string[]; eventTypes?: string[] }; batchSize?: number },
  until: (seen: EventEnvelope[]) => boolean,
  ms = 10_000,
): Promise<{ events: EventEnvelope[]; position: number }> {
  const events: EventEnvelope[] = [];
  let position = options.after ?? 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const sub = store.subscribeToAll({
    after: options.after ?? 0,
    filter: options.filter,
    batchSize: options.batchSize,
    async handle(batch, pos) {
      events.push(...batch);
      position = pos;
      if (until(events)) resolveDone();
    },
  });
  const timer = setTimeout(resolveDone, ms);
  await done;
  clearTimeout(timer);
  await sub.stop();
  return { events, position };
}

/**
 * The one contract every event store adapter passes. Each adapter's spec calls this with a factory
 * that gives a fresh, empty store.
 */
export function describeEventStoreContract(adapter: string, create: () => Promise<ContractTarget>): void {
  describe(`event store contract: ${adapter}`, () => {
    let target: ContractTarget;
    let store: EventStore;
    // Unique categories and types per test, so the contract also holds on a store whose log is
    // shared with other tests (a KurrentDB server).
    const run = randomUUID().slice(0, 8);
    const stream = (category = 'ehcna') => `${category}${run}-${randomUUID()}`;
    const unique = (type: string) => `${type}${run}`;

    beforeEach(async () => {
      target = await create();
      store = target.store;
    });
    afterEach(async () => {
      await target.teardown();
    });

    describe('appending with an expected revision', () => {
      it('starts a new stream at revision 0 when no stream is expected', async () => {
        const s = stream();
        const result = await store.appendToStream(s, [newEvent('A'), newEvent('B')], 'no-stream');
        expect(result.nextExpectedRevision).toBe(1);
        const read = await store.readStream(s);
        expect(read.map((e) => [e.type, e.revision])).toEqual([['A', 0], ['B', 1]]);
        expect(result.lastGlobalPosition).toBe(read[1].globalPosition);
      });

      it('refuses no-stream when the stream exists, naming its revision, and appends nothing', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent('A')], 'no-stream');
        const error = await store.appendToStream(s, [newEvent('B')], 'no-stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe(0);
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('appends at the exact revision and refuses a stale one', async () => {
        const s = stream();
        const first = await store.appendToStream(s, [newEvent('A')], 'no-stream');
        const second = await store.appendToStream(s, [newEvent('B')], first.nextExpectedRevision);
        expect(second.nextExpectedRevision).toBe(1);
        const stale = await store.appendToStream(s, [newEvent('C')], first.nextExpectedRevision).catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect((stale as WrongExpectedRevisionError).actual).toBe(1);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B']);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        const error = await store.appendToStream(stream(), [newEvent('A')], 0).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((error as WrongExpectedRevisionError).actual).toBe('no-stream');
      });

      it('appends with any revision to new and existing streams', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent('A')], 'any');
        const result = await store.appendToStream(s, [newEvent('B'), newEvent('C')], 'any');
        expect(result.nextExpectedRevision).toBe(2);
      });

      it('requires the stream to exist with stream-exists', async () => {
        const s = stream();
        await expect(store.appendToStream(s, [newEvent('A')], 'stream-exists')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await store.appendToStream(s, [newEvent('A')], 'no-stream');
        await expect(store.appendToStream(s, [newEvent('B')], 'stream-exists')).resolves.toMatchObject({ nextExpectedRevision: 1 });
      });

      it('lets exactly one of two writers at the same revision win', async () => {
        const s = stream();
        const { nextExpectedRevision } = await store.appendToStream(s, [newEvent('A')], 'no-stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.appendToStream(s, [newEvent(`W${i}`)], nextExpectedRevision)),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes.filter((o) => o.status === 'rejected')) {
          expect((o as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('idempotent appends', () => {
      it('answers a repeated append of the same event ids as before and stores them once', async () => {
        const s = stream();
        const events = [newEvent('A'), newEvent('B')];
        const first = await store.appendToStream(s, events, 'no-stream');
        const again = await store.appendToStream(s, events, 'no-stream');
        expect(again).toEqual(first);
        const later = await store.appendToStream(s, [newEvent('C')], 1);
        expect(later.nextExpectedRevision).toBe(2);
        // a retry of the first append still answers as the first did, though the stream moved on
        expect(await store.appendToStream(s, events, 'no-stream')).toEqual(first);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('refuses an append that reuses only some stored event ids', async () => {
        const s = stream();
        const a = newEvent('A');
        await store.appendToStream(s, [a], 'no-stream');
        const error = await store.appendToStream(s, [a, newEvent('B')], 'any').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    describe('reading a stream', () => {
      it('carries the whole envelope', async () => {
        const s = stream();
        const event = newEvent('NeedsAssessmentRequested', { childId: 'c-1', receivedOn: '2026-01-05', nested: { a: [1, 2] } }, {
          schemaVersion: 2,
          metadata: { occurredAt: '2026-01-05', actor: { kind: 'system', id: 'relay' }, correlationId: randomUUID(), causationId: randomUUID() },
        });
        const before = Date.now();
        await store.appendToStream(s, [event], 'no-stream');
        const [read] = await store.readStream(s);
        expect(read).toMatchObject({
          id: event.id, type: event.type, schemaVersion: 2, data: event.data, metadata: event.metadata, stream: s, revision: 0,
        });
        expect(typeof read.globalPosition).toBe('number');
        expect(read.globalPosition).toBeGreaterThan(0);
        expect(new Date(read.recordedAt).getTime()).toBeGreaterThanOrEqual(before - 5_000);
      });

      it('reads forwards and backwards from a revision, with a maximum count', async () => {
        const s = stream();
        await store.appendToStream(s, ['A', 'B', 'C', 'D', 'E'].map((t) => newEvent(t)), 'no-stream');
        expect((await store.readStream(s, { fromRevision: 1, maxCount: 2 })).map((e) => e.type)).toEqual(['B', 'C']);
        expect((await store.readStream(s, { direction: 'backwards' })).map((e) => e.type)).toEqual(['E', 'D', 'C', 'B', 'A']);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 3, maxCount: 2 })).map((e) => e.type)).toEqual(['D', 'C']);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });
    });

    describe('reading all events in global order', () => {
      it('returns every event once, in increasing global position, page by page', async () => {
        const streams = [stream(), stream(), stream()];
        const appended: string[] = [];
        let last = 0;
        for (let round = 0; round < 4; round++) {
          for (const s of streams) {
            const e = newEvent(`E${round}`);
            appended.push(e.id);
            last = (await store.appendToStream(s, [e], 'any')).lastGlobalPosition;
          }
        }
        await readableUpTo(store, last);
        const seen: EventEnvelope[] = [];
        let after = 0;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 5 });
          seen.push(...page.events);
          expect(page.position).toBeGreaterThanOrEqual(after);
          if (page.events.length < 5) break;
          after = page.position;
        }
        const ours = seen.filter((e) => appended.includes(e.id));
        expect(ours.map((e) => e.id)).toEqual(appended);
        const positions = seen.map((e) => e.globalPosition);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(new Set(positions).size).toBe(positions.length);
      });

      it('reads only after the given position', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent('A')], 'no-stream');
        const { lastGlobalPosition } = await store.appendToStream(s, [newEvent('B')], 0);
        await readableUpTo(store, (await store.appendToStream(s, [newEvent('C')], 1)).lastGlobalPosition);
        const page = await store.readAll({ after: lastGlobalPosition });
        expect(page.events.filter((e) => e.stream === s).map((e) => e.type)).toEqual(['C']);
      });

      it('filters by stream prefix and by event type, still advancing past what it skips', async () => {
        const a = stream('ehcna');
        const r = stream('annualReview');
        await store.appendToStream(a, [newEvent(unique('Requested')), newEvent('Decided')], 'no-stream');
        const { lastGlobalPosition } = await store.appendToStream(r, [newEvent('Scheduled'), newEvent(unique('Requested'))], 'no-stream');
        await readableUpTo(store, lastGlobalPosition);
        const byPrefix = await store.readAll({ filter: { streamPrefixes: [`annualReview${run}-`] } });
        expect(byPrefix.events.map((e) => e.type)).toEqual(['Scheduled', unique('Requested')]);
        const byType = await store.readAll({ filter: { eventTypes: [unique('Requested')] } });
        expect(byType.events.map((e) => e.stream)).toEqual([a, r]);
        const none = await store.readAll({ filter: { eventTypes: ['NothingLikeThis'] } });
        expect(none.events).toEqual([]);
        expect(none.position).toBeGreaterThanOrEqual(lastGlobalPosition);
      });
    });

    describe('the head of the log', () => {
      /** Every event readAll returns, page by page. */
      async function everything(): Promise<EventEnvelope[]> {
        const events: EventEnvelope[] = [];
        for (let after = 0; ;) {
          const page = await store.readAll({ after, maxCount: 500 });
          events.push(...page.events);
          if (page.events.length < 500) return events;
          after = page.position;
        }
      }

      it('is 0 on an empty store', async () => {
        // a KurrentDB server's log is shared by the whole suite: there the head is the last earlier event
        const earlier = await everything();
        expect(await store.headPosition()).toBe(earlier.at(-1)?.globalPosition ?? 0);
      });

      it('is the position of the last event readAll returns, once the appends are readable', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent('A'), newEvent('B')], 'no-stream');
        const last = newEvent('C');
        const { lastGlobalPosition } = await store.appendToStream(stream(), [last], 'no-stream');
        await readableUpTo(store, lastGlobalPosition);
        const head = await store.headPosition();
        const read = await everything();
        expect(read.at(-1)?.id).toBe(last.id);
        expect(head).toBe(lastGlobalPosition);
        expect(head).toBe(read.at(-1)?.globalPosition);
      });

      it('leaves a reader starting there nothing to read until the next append', async () => {
        const s = stream();
        await readableUpTo(store, (await store.appendToStream(s, [newEvent('A'), newEvent('B')], 'no-stream')).lastGlobalPosition);
        const head = await store.headPosition();
        expect((await store.readAll({ after: head })).events).toEqual([]);
        const { lastGlobalPosition } = await store.appendToStream(s, [newEvent('C')], 1);
        await readableUpTo(store, lastGlobalPosition);
        expect((await store.readAll({ after: head })).events.map((e) => e.type)).toEqual(['C']);
      });
    });

    describe('subscribing to all', () => {
      it('catches up, then delivers live appends in order', async () => {
        const s = stream();
        await store.appendToStream(s, [newEvent('A'), newEvent('B')], 'no-stream');
        const collecting = collectUntil(store, {}, (seen) => seen.filter((e) => e.stream === s).length >= 5);
        await new Promise((r) => setTimeout(r, 200));
        await store.appendToStream(s, [newEvent('C')], 1);
        await store.appendToStream(s, [newEvent('D'), newEvent('E')], 2);
        const { events } = await collecting;
        expect(events.filter((e) => e.stream === s).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it('delivers only what the filter asks for', async () => {
        const a = stream('ehcna');
        const r = stream('annualReview');
        const collecting = collectUntil(store, { filter: { streamPrefixes: [`annualReview${run}-`] } }, (seen) => seen.length >= 2);
        await store.appendToStream(a, [newEvent('A1')], 'no-stream');
        await store.appendToStream(r, [newEvent('R1')], 'no-stream');
        await store.appendToStream(a, [newEvent('A2')], 0);
        await store.appendToStream(r, [newEvent('R2')], 0);
        const { events } = await collecting;
        expect(events.map((e) => e.type)).toEqual(['R1', 'R2']);
      });

      it('resumes from a stored checkpoint without repeating or missing an event', async () => {
        const checkpoints = new InMemoryCheckpointStore();
        const s = stream();
        await store.appendToStream(s, [newEvent('A'), newEvent('B')], 'no-stream');
        const first = await collectUntil(store, { after: await checkpoints.load('p') }, (seen) => seen.some((e) => e.type === 'B' && e.stream === s));
        await checkpoints.store('p', first.position);
        await store.appendToStream(s, [newEvent('C')], 1);
        const second = await collectUntil(store, { after: await checkpoints.load('p') }, (seen) => seen.some((e) => e.type === 'C' && e.stream === s));
        expect(second.events.filter((e) => e.stream === s).map((e) => e.type)).toEqual(['C']);
      });
    });

    describe('upcasting on read', () => {
      it('brings an old schema version to the latest, leaving the stored event as it was', async () => {
        const upcasters = new Upcasters([
          { type: 'AdviceRequested', fromVersion: 1, upcast: (d) => ({ ...(d as object), adviceType: 'educational' }) },
          { type: 'AdviceRequested', fromVersion: 2, upcast: (d) => ({ ...(d as object), adviser: 'unknown' }) },
        ]);
        const s = stream();
        await store.appendToStream(s, [newEvent('AdviceRequested', { requestedOn: '2026-02-16' })], 'no-stream');
        const [upcast] = await withUpcasting(store, upcasters).readStream(s);
        expect(upcast.schemaVersion).toBe(3);
        expect(upcast.data).toEqual({ requestedOn: '2026-02-16', adviceType: 'educational', adviser: 'unknown' });
        const [raw] = await store.readStream(s);
        expect(raw.schemaVersion).toBe(1);
      });

      it('reads the same head as the store beneath', async () => {
        const { lastGlobalPosition } = await store.appendToStream(stream(), [newEvent('AdviceRequested')], 'no-stream');
        await readableUpTo(store, lastGlobalPosition);
        expect(await withUpcasting(store, new Upcasters()).headPosition()).toBe(lastGlobalPosition);
      });
    });
  });
}
