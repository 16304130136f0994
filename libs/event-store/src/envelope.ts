/** Who caused an event: never a name, so the event log holds no personal data. */
export interface Actor {
  kind: 'user' | 'system';
  id: string;
}

/** What the command handler adds to a decider's `{ type, data }` before appending. */
export interface EventMetadata {
  /** When it happened in the world: the effective date or instant the caseworker entered (ISO 8601). */
  occurredAt: string;
  actor: Actor;
  /** The originating request. */
  correlationId: string;
  /** The command or event that caused this one; null for a user's command with no parent. */
  causationId: string | null;
}

/** An event ready to append: the store assigns stream revision, global position and recordedAt. */
export interface NewEvent<D = unknown> {
  /** UUID, the dedupe key everywhere: store, relay, consumers. */
  id: string;
  type: string;
  /** Integer version of `data`, starting at 1. */
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
}

/** A stored event, as every reader sees it. */
export interface EventEnvelope<D = unknown> extends NewEvent<D> {
  stream: string;
  /** 0-based position in its stream. */
  revision: number;
  /** Store-wide order; strictly increasing along the global log, the unit of every checkpoint. */
  globalPosition: number;
  /** When the store accepted it (ISO 8601 instant); "as at" reports filter on this. */
  recordedAt: string;
}
