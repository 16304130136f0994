import { nameBasedUuid } from '@ehc/domain-kernel';
import type { EventEnvelope } from '@ehc/event-store';

/**
 * A published contract: what other services may rely on. Separate from the domain event it comes
 * from, versioned on its own (`type` ends in `.vN`), and free of personal details.
 */
export interface IntegrationEvent<D = unknown> {
  /** The id of the domain event it was translated from: the dedupe key for every consumer. */
  id: string;
  /** e.g. `needs-assessment.NeedsAssessmentRequested.v1` */
  type: string;
  /** The stream of the case it is about; the Kafka key, so one case's events stay in order. */
  subject: string;
  occurredAt: string;
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  /** Where the source event sits in its store's global log. */
  sourcePosition: number;
  data: D;
}

/** One service's public topic and the translation of its domain events into it. */
export interface Publication {
  /** e.g. `needs-assessment.public.v1` */
  topic: string;
  /** Domain events it reads (the relay's subscription filter). */
  filter: { streamPrefixes?: string[]; eventTypes?: string[] };
  /**
   * The integration events a domain event becomes; none for a purely internal one. `history` gives
   * the case's earlier events, for a contract that carries more than the one event says.
   */
  translate(event: EventEnvelope, history: CaseHistory): IntegrationEvent[] | Promise<IntegrationEvent[]>;
}

/** A stream's events before a revision. */
export type CaseHistory = (stream: string, beforeRevision: number) => Promise<EventEnvelope[]>;

/** Reads each stream once per batch of translations. */
export function cachedHistory(store: { readStream(stream: string): Promise<EventEnvelope[]> }): CaseHistory {
  const streams = new Map<string, Promise<EventEnvelope[]>>();
  return async (stream, beforeRevision) => {
    let events = streams.get(stream);
    if (!events) {
      events = store.readStream(stream);
      streams.set(stream, events);
    }
    return (await events).filter((e) => e.revision < beforeRevision);
  };
}

/** Translates a batch in order. */
export async function translateAll(publications: Publication[], events: EventEnvelope[], history: CaseHistory): Promise<IntegrationEvent[]> {
  const out: IntegrationEvent[] = [];
  for (const e of events) for (const p of publications) out.push(...(await p.translate(e, history)));
  return out;
}

/** The integration event carrying a domain event's envelope fields, with the published type and data. */
export function integrationEvent<D>(source: EventEnvelope, type: string, data: D, idSuffix = ''): IntegrationEvent<D> {
  return {
    id: idSuffix ? deriveId(source.id, idSuffix) : source.id,
    type,
    subject: source.stream,
    occurredAt: source.metadata.occurredAt,
    recordedAt: source.recordedAt,
    correlationId: source.metadata.correlationId,
    causationId: source.id,
    sourcePosition: source.globalPosition,
    data,
  };
}

/**
 * A second integration event from one domain event needs its own stable id; the same source and
 * suffix always give the same id, so a replay dedupes.
 */
const deriveId = (id: string, suffix: string): string => nameBasedUuid(`${id}/${suffix}`);
