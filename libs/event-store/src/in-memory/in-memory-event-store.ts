import type { EventEnvelope, NewEvent } from '../envelope';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult, EventFilter, EventStore, ExpectedRevision, ReadAllOptions, ReadAllPage,
  ReadStreamOptions, SubscribeOptions, Subscription,
} from '../port';
import { AppendSignal, pollingSubscription } from '../polling-subscription';

/** For pure unit tests only: same contract, nothing durable. */
export class InMemoryEventStore implements EventStore {
  private readonly log: EventEnvelope[] = [];
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly byId = new Map<string, EventEnvelope>();
  private readonly signal = new AppendSignal();

  async appendToStream(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const stored = events.map((e) => this.byId.get(e.id.toLowerCase())).filter((e): e is EventEnvelope => !!e);
    if (stored.length > 0) {
      const sameAppend = stored.length === events.length && stored.every((e, i) =>
        e.stream === stream && e.revision === stored[0].revision + i);
      if (!sameAppend) throw new DuplicateEventIdError(stream, stored.map((e) => e.id));
      const last = stored[stored.length - 1];
      return { nextExpectedRevision: last.revision, lastGlobalPosition: last.globalPosition };
    }
    const existing = this.streams.get(stream);
    const actual = existing ? existing.length - 1 : 'no-stream';
    const fits =
      expected === 'any' ||
      (expected === 'no-stream' && actual === 'no-stream') ||
      (expected === 'stream-exists' && actual !== 'no-stream') ||
      expected === actual;
    if (!fits) throw new WrongExpectedRevisionError(stream, expected, actual);
    const list = existing ?? [];
    const recordedAt = new Date().toISOString();
    for (const e of events) {
      const envelope: EventEnvelope = {
        ...structuredClone(e), id: e.id.toLowerCase(), stream, revision: list.length,
        globalPosition: this.log.length + 1, recordedAt,
      };
      list.push(envelope);
      this.log.push(envelope);
      this.byId.set(envelope.id, envelope);
    }
    this.streams.set(stream, list);
    this.signal.notify();
    return { nextExpectedRevision: list.length - 1, lastGlobalPosition: this.log.length };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const events = [...(this.streams.get(stream) ?? [])];
    const backwards = options.direction === 'backwards';
    if (backwards) events.reverse();
    const from = options.fromRevision;
    const selected = from === undefined ? events : events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    return structuredClone(selected.slice(0, options.maxCount ?? selected.length));
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? 1000;
    const events: EventEnvelope[] = [];
    let position = Math.max(after, this.log.length);
    for (const e of this.log.slice(after)) {
      if (!matches(e, options.filter)) continue;
      events.push(structuredClone(e));
      if (events.length === maxCount) { position = e.globalPosition; break; }
    }
    return { events, position };
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return pollingSubscription((o) => this.readAll(o), this.signal, options, 50);
  }

  async close(): Promise<void> {}
}

function matches(e: EventEnvelope, filter?: EventFilter): boolean {
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => e.stream.startsWith(p))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(e.type)) return false;
  return true;
}
