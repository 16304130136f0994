import {
  ANY, BACKWARDS, END, FORWARDS, KurrentDBClient, NO_STREAM, START, STREAM_EXISTS, StreamNotFoundError,
  WrongExpectedVersionError, InvalidTransactionError, UnknownError, jsonEvent,
  type AppendStreamState, type JSONType, type ReadPosition, type ReadRevision, type RecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { Actor, EventEnvelope, NewEvent } from '../envelope';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type {
  AppendResult, EventFilter, EventStore, ExpectedRevision, ReadAllOptions, ReadAllPage,
  ReadStreamOptions, SubscribeOptions, Subscription,
} from '../port';
import { AppendSignal, pollingSubscription } from '../polling-subscription';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`; a secure cluster needs a user allowed to read $all. */
  connectionString: string;
  /** How often a live subscription looks for other processes' appends (default 100 ms). */
  pollMs?: number;
}

/**
 * The JSON metadata stored with every event. Our own fields, plus KurrentDB's conventional
 * `$correlationId` / `$causationId` so the server's system projections ($by_correlation_id) and the
 * admin UI see the correlation chain. `$causationId` is left out when there is no cause (a user's
 * command) rather than stored as null, so whatever reads it as an id only ever finds a string.
 */
interface StoredMetadata {
  schemaVersion: number;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  $correlationId: string;
  $causationId?: string;
}

/** Events looked at per round trip when a filter may skip most of them (see readAll). */
const SCAN_CHUNK = 1000;
/** Events read back from the end of $all per round trip looking for the head (see headPosition). */
const HEAD_CHUNK = 16;

/**
 * KurrentDB adapter over the official gRPC client.
 *
 * Positions: an event's global position is its commit position in $all. Every append through gRPC is
 * an implicit transaction whose events are each "self-committed" prepares, and the server reports
 * commit = prepare = the event's own log position, so commit positions are unique and strictly
 * increasing along $all. (Only legacy explicit transactions, TCP-client era, shared a commit position
 * between events; this store never writes them.) Log positions are byte offsets: they stay below
 * 2^53 (8 PiB of log), so `number` is exact. Each is a record's start, so `{ commit: p, prepare: p }`
 * is a valid place to resume a read from, and that read includes the event at p: hence `after` is
 * made exclusive by skipping positions <= after.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly signal = new AppendSignal();

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly pollMs: number,
  ) {}

  /**
   * Connects lazily: the client opens its channel on first use, so a server that is still starting
   * does not fail construction; the first call surfaces a bad address or credentials.
   */
  static async create(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(options.connectionString), options.pollMs ?? 100);
  }

  async appendToStream(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const streamState = toStreamState(expected);
    // A revision KurrentDB cannot express (negative, fractional) can never match: answer as a stale one.
    if (streamState === undefined) return this.afterRejectedAppend(stream, events, expected, undefined);
    let result;
    try {
      result = await this.client.appendToStream(stream, events.map(toEventData), { streamState });
    } catch (error) {
      // WrongExpectedVersion: a stale revision, or a retry made with a different expected revision than
      // the append that stored it. Some-but-not-all ids already in the stream ("corrupted idempotency")
      // comes back as InvalidTransaction (unary append) or an unrecognised status, i.e. UnknownError
      // (batch append, the client's default path). All three are settled by looking at the stream.
      if (isWrongExpectedVersion(error) || error instanceof InvalidTransactionError || error instanceof UnknownError) {
        return this.afterRejectedAppend(stream, events, expected, error);
      }
      throw error;
    }
    // Only with `throwOnAppendFailure=false` in the connection string does a stale revision arrive here.
    if (!result.success) return this.afterRejectedAppend(stream, events, expected, undefined);
    this.signal.notify();
    // The server's position is the last event's: the log position of the append's final prepare, or
    // for an idempotent repeat, of the stored last event. When it has none (an idempotent repeat whose
    // event the index could not read yet), the events are found in the stream instead.
    const commit = result.position?.commit;
    if (commit !== undefined && commit <= BigInt(Number.MAX_SAFE_INTEGER)) {
      return { nextExpectedRevision: Number(result.nextExpectedRevision), lastGlobalPosition: Number(commit) };
    }
    const stored = await this.findAppend(stream, events);
    if (stored.kind === 'stored') return stored.result;
    throw new Error(`Stream ${stream}: the append succeeded but its events were not found to read their position`);
  }

  /**
   * KurrentDB refused the append (or would have). It is a retry of an append that already succeeded
   * when the same ids are in the stream, in order, at consecutive revisions: answered as before, as
   * the other adapters do. Otherwise the expected revision is stale (or the server's error stands).
   */
  private async afterRejectedAppend(
    stream: string, events: NewEvent[], expected: ExpectedRevision, error: unknown,
  ): Promise<AppendResult> {
    const stored = await this.findAppend(stream, events);
    if (stored.kind === 'stored') return stored.result;
    if (error === undefined || isWrongExpectedVersion(error)) {
      throw new WrongExpectedRevisionError(stream, expected, stored.actual);
    }
    throw error;
  }

  /**
   * Reads the stream (from the leader, so a just-acknowledged append is there) looking for the
   * append's event ids. KurrentDB keeps no global index of event ids, so unlike the PostgreSQL
   * adapter only this stream is checked: ids reused in another stream are not detected.
   */
  private async findAppend(
    stream: string, events: NewEvent[],
  ): Promise<{ kind: 'stored'; result: AppendResult } | { kind: 'absent'; actual: number | 'no-stream' }> {
    const ids = events.map((e) => e.id.toLowerCase());
    const wanted = new Set(ids);
    const found: { id: string; revision: number; position: number | undefined }[] = [];
    let actual: number | 'no-stream' = 'no-stream';
    try {
      for await (const resolved of this.client.readStream(stream, { direction: FORWARDS, fromRevision: START, requiresLeader: true })) {
        const event = resolved.event;
        if (!event) continue;
        const revision = Number(event.revision);
        actual = revision;
        const id = event.id.toLowerCase();
        if (wanted.has(id)) found.push({ id, revision, position: positionOf(event.position?.commit ?? resolved.commitPosition) });
      }
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
    if (found.length === 0) return { kind: 'absent', actual };
    const sameAppend = found.length === ids.length && found.every((f, i) => f.id === ids[i] && f.revision === found[0].revision + i);
    if (!sameAppend) throw new DuplicateEventIdError(stream, found.map((f) => f.id));
    const last = found[found.length - 1];
    return { kind: 'stored', result: { nextExpectedRevision: last.revision, lastGlobalPosition: requirePosition(last.position, stream) } };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    let fromRevision: ReadRevision = backwards ? END : START;
    if (options.fromRevision !== undefined) {
      if (options.fromRevision < 0) {
        if (backwards) return []; // nothing at or before a negative revision
      } else {
        // Reading backwards from beyond the end starts at the last event, as the other adapters do.
        fromRevision = BigInt(backwards ? Math.floor(options.fromRevision) : Math.ceil(options.fromRevision));
      }
    }
    const envelopes: EventEnvelope[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      })) {
        const event = resolved.event;
        if (!event || isSystemEvent(event)) continue;
        const position = requirePosition(positionOf(event.position?.commit ?? resolved.commitPosition), stream);
        envelopes.push(toEnvelope(event, position));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return envelopes;
  }

  /**
   * A page of $all after `after`, filtered client-side. The client can pass a server-side filter to
   * readAll, but a filtered read reports only the events that match: how far the server scanned past
   * non-matching ones is lost, so a narrow subscription would rescan the same tail on every poll.
   * Reading unfiltered and filtering here lets `position` cover everything looked at, matched or not,
   * system events included. A page is short only when the end of $all was reached (it keeps reading
   * until it is full), which is what the polling subscription takes as "caught up".
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const after = Math.max(0, options.after ?? 0);
    const maxCount = options.maxCount ?? 1000;
    if (maxCount <= 0) return { events: [], position: after };
    const filtered = !!(options.filter?.streamPrefixes?.length || options.filter?.eventTypes?.length);
    const events: EventEnvelope[] = [];
    /** Commit position of the last event looked at: the page's position, it only moves forward. */
    let scanned = after;
    let full = false;
    for (;;) {
      const from: ReadPosition = scanned > 0 ? { commit: BigInt(scanned), prepare: BigInt(scanned) } : START;
      const needed = maxCount - events.length;
      // +1: a read from a position returns the event at it, already seen.
      const chunk = (filtered ? Math.max(needed, SCAN_CHUNK) : needed) + 1;
      const before = scanned;
      let received = 0;
      // The whole chunk is consumed even once the page is full: the client's iterator has no way to
      // cancel the underlying read, so abandoning it would leave the native stream to be collected.
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: chunk, direction: FORWARDS, resolveLinkTos: false })) {
        received++;
        if (full) continue;
        const event = resolved.event;
        if (!event) continue;
        const position = positionOf(event.position?.commit ?? resolved.commitPosition);
        if (position === undefined) throw new Error(`KurrentDB returned $all event ${event.id} without a position`);
        if (position <= scanned) continue;
        scanned = position;
        if (isSystemEvent(event) || !matches(event, options.filter)) continue;
        events.push(toEnvelope(event, position));
        if (events.length === maxCount) full = true;
      }
      if (full || received < chunk) break;
      if (scanned === before) throw new Error(`KurrentDB $all read from ${before} made no progress`);
    }
    return { events, position: scanned };
  }

  /**
   * The last event readAll would return, read from the end of $all backwards. System events are
   * passed over as readAll passes them over, so it reads further back only past a chunk of them.
   */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    let lowest = Number.MAX_SAFE_INTEGER;
    for (;;) {
      const before = lowest;
      let received = 0;
      let head: number | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: HEAD_CHUNK, direction: BACKWARDS, resolveLinkTos: false })) {
        received++;
        const event = resolved.event;
        if (!event) continue;
        const position = positionOf(event.position?.commit ?? resolved.commitPosition);
        if (position === undefined) throw new Error(`KurrentDB returned $all event ${event.id} without a position`);
        if (position >= lowest) continue;
        lowest = position;
        if (head === undefined && !isSystemEvent(event)) head = position;
      }
      if (head !== undefined) return head;
      if (received < HEAD_CHUNK) return 0;
      if (lowest === before) throw new Error(`KurrentDB $all read backwards from ${before} made no progress`);
      from = { commit: BigInt(lowest), prepare: BigInt(lowest) };
    }
  }

  /**
   * The shared polling loop over readAll rather than the client's native subscribeToAll: it gives the
   * same batching, checkpoint positions, filter semantics and catch-up/live switch as the other
   * adapters with no second code path, and resumes from a plain number (a native subscription wants
   * a {commit, prepare} pair and reports filtered progress only through periodic checkpoints). The
   * cost: another process's appends arrive within `pollMs` (this process's wake it at once).
   */
  subscribeToAll(options: SubscribeOptions): Subscription {
    return pollingSubscription((o) => this.readAll(o), this.signal, options, this.pollMs);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toStreamState(expected: ExpectedRevision): AppendStreamState | undefined {
  switch (expected) {
    case 'no-stream': return NO_STREAM;
    case 'stream-exists': return STREAM_EXISTS;
    case 'any': return ANY;
    default: return Number.isSafeInteger(expected) && expected >= 0 ? BigInt(expected) : undefined;
  }
}

function toEventData(e: NewEvent) {
  const metadata: StoredMetadata = {
    schemaVersion: e.schemaVersion,
    occurredAt: e.metadata.occurredAt,
    actor: e.metadata.actor,
    correlationId: e.metadata.correlationId,
    causationId: e.metadata.causationId,
    $correlationId: e.metadata.correlationId,
    ...(e.metadata.causationId !== null ? { $causationId: e.metadata.causationId } : {}),
  };
  // The client JSON-encodes data and metadata; `?? null` because JSON has no undefined.
  return jsonEvent({ id: e.id, type: e.type, data: (e.data ?? null) as JSONType, metadata: metadata as unknown as JSONType });
}

function toEnvelope(event: RecordedEvent, globalPosition: number): EventEnvelope {
  const recordedAt = event.created.toISOString();
  const id = event.id.toLowerCase();
  // Events this store wrote carry StoredMetadata; anything else (written by other tools) gets the
  // nearest sensible values rather than failing every reader.
  const meta = (isRecord(event.metadata) ? event.metadata : {}) as Partial<Record<keyof StoredMetadata, unknown>>;
  return {
    id,
    type: event.type,
    schemaVersion: typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 1,
    data: event.data,
    metadata: {
      occurredAt: typeof meta.occurredAt === 'string' ? meta.occurredAt : recordedAt,
      actor: isActor(meta.actor) ? meta.actor : { kind: 'system', id: 'unknown' },
      correlationId: stringOr(meta.correlationId, stringOr(meta.$correlationId, id)),
      causationId: meta.causationId === null ? null : stringOr(meta.causationId, stringOr(meta.$causationId, null)),
    },
    stream: event.streamId,
    revision: Number(event.revision),
    globalPosition,
    recordedAt,
  };
}

/** System streams ($-prefixed: $stats, $$metadata, projections' $ce-/$et- links…) and $-typed events. */
function isSystemEvent(event: RecordedEvent): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

function matches(event: RecordedEvent, filter?: EventFilter): boolean {
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

/** A commit position as a number; undefined when absent or the "no position" sentinel (2^64 - 1). */
function positionOf(commit: bigint | undefined): number | undefined {
  if (commit === undefined || commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(commit);
}

function requirePosition(position: number | undefined, stream: string): number {
  if (position === undefined) {
    // Stream reads carry positions from EventStoreDB 22.6 on; every KurrentDB release does.
    throw new Error(`KurrentDB returned an event of ${stream} without its position (server older than 22.6?)`);
  }
  return position;
}

function isWrongExpectedVersion(error: unknown): boolean {
  return error instanceof WrongExpectedVersionError || (error as { type?: unknown } | null)?.type === 'wrong-expected-version';
}

function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error as { type?: unknown } | null)?.type === 'stream-not-found';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isActor(value: unknown): value is Actor {
  return isRecord(value) && (value.kind === 'user' || value.kind === 'system') && typeof value.id === 'string';
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
