import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ehc/event-store';
import type { IntegrationEventHandler } from './handler';
import { integrationEvent, type IntegrationEvent, type Publication } from './integration-event';

/** A publication of every `case-` stream event as `test.<Type>.v1`. */
export function testPublication(topic: string): Publication {
  return {
    topic,
    filter: { streamPrefixes: ['case-'] },
    translate: (e: EventEnvelope) => (e.type === 'Internal' ? [] : [integrationEvent(e, `test.${e.type}.v1`, e.data)]),
  };
}

/**
 * Records each event it handles in `handled` (in the delivery's transaction). Events whose data say
 * `failTimes: n` fail their first n attempts; `poison: true` fails always.
 */
export function recordingHandler(schema: string, topic: string, types: string[], consumer = `test-${randomUUID().slice(0, 8)}`) {
  const attempts = new Map<string, number>();
  const handler: IntegrationEventHandler = {
    consumer,
    topics: [topic],
    types,
    async handle(event: IntegrationEvent, tx: EntityManager) {
      const n = (attempts.get(event.id) ?? 0) + 1;
      attempts.set(event.id, n);
      const data = event.data as { failTimes?: number; poison?: boolean };
      await tx.query(`INSERT INTO "${schema}".handled (event_id, type, subject) VALUES ($1, $2, $3)`, [event.id, event.type, event.subject]);
      if (data.poison) throw new Error('poison: this event can never be handled');
      if (data.failTimes && n <= data.failTimes) throw new Error(`transient failure ${n}`);
    },
  };
  return { handler, attempts };
}

export const handledTableSql = (schema: string) =>
  `CREATE TABLE "${schema}".handled (event_id uuid NOT NULL, type text NOT NULL, subject text NOT NULL, seq bigserial)`;

export const quietLogger = { log: () => undefined, error: () => undefined };
