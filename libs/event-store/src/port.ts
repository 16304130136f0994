import type { EventEnvelope, NewEvent } from './envelope';

/**
 * Optimistic concurrency. 'no-stream': the stream must not exist; 'stream-exists': it must;
 * 'any': no check; a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no-stream' | 'stream-exists' | 'any' | number;

export interface AppendResult {
  /** Revision of the stream's last event after the append: pass it as the next expected revision. */
  nextExpectedRevision: number;
  /** Global position of the last event appended. */
  lastGlobalPosition: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

/** Which events a global read or subscription wants. Both lists empty or absent: everything. */
export interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position. 0 (or absent) reads from the start. */
  after?: number;
  maxCount?: number;
  filter?: EventFilter;
}

export interface ReadAllPage {
  events: EventEnvelope[];
  /**
   * How far the read got: every event at or before this position that the filter would match has
   * been returned. A subscription resumes after it, so a filter that matches little still advances.
   */
  position: number;
}

export interface SubscribeOptions {
  /** Exclusive start position (a stored checkpoint); 0 for the beginning of the log. */
  after: number;
  filter?: EventFilter;
  /** Events handed over per call, at most. */
  batchSize?: number;
  /**
   * Receives events in global order, a batch at a time. `position` is how far the log has been read
   * (at or beyond the last event): store it as the checkpoint once the batch is handled.
   * Rejecting does not stop the subscription: the same batch is offered again after a backoff
   * (and `onError` is told), so nothing is skipped and a passing fault heals by itself.
   */
  handle(events: EventEnvelope[], position: number): Promise<void>;
  /** Called each time the subscription has read everything there is (end of catch-up, then when idle). */
  onCaughtUp?(position: number): void;
  /** Told of each failed read or handle; the subscription retries it. */
  onError?(error: unknown): void;
}

export interface Subscription {
  /** Stops after the batch in hand; resolves when stopped. */
  stop(): Promise<void>;
  /** Resolves when the subscription stops (rejects with the error that stopped it). */
  readonly done: Promise<void>;
}

/** The event store port. Every adapter passes the same contract suite (libs/testing). */
export interface EventStore {
  /**
   * `within`: the caller's open PostgreSQL transaction (a pg PoolClient), so the events commit or roll
   * back with the caller's other writes. The PostgreSQL adapter appends in it; the others, whose
   * events cannot share it, append on their own and the caller commits after them.
   */
  appendToStream(stream: string, events: NewEvent[], expected: ExpectedRevision, within?: unknown): Promise<AppendResult>;
  /** The stream's events; an empty list when it does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<EventEnvelope[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /**
   * The head of the global log: the position of the last event a reader can read now (0 when none).
   * A reader that has reached it has seen everything committed so far, except what the store still
   * holds back from every reader (PostgreSQL's no-skip bound, schema.ts): so waiting for it, for a
   * command's answer or the end of a rebuild, never waits for an event no reader can see yet.
   */
  headPosition(): Promise<number>;
  /** Catch-up, then live. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
