import type { EntityManager } from 'typeorm';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { NEEDS_ASSESSMENT_TOPIC } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC } from '@ehc/contracts/annual-review';
import { TRIBUNAL_TOPIC } from '@ehc/contracts/tribunal';
import { FUNDING_TOPIC } from '@ehc/contracts/funding';
import { SURVEYS_TOPIC } from '@ehc/contracts/surveys';
import { FACT_TYPES, factOf, type Fact } from '../domain/facts';

export const FACTS_CONSUMER = 'performance.facts';
export const PERFORMANCE_TOPICS = [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC, TRIBUNAL_TOPIC, FUNDING_TOPIC, SURVEYS_TOPIC];

/** Rows for `pf_facts`, many at once (the consumer writes one; a rebuild or a bench writes thousands). */
export function insertFacts(schema: string, facts: readonly Fact[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const rows = facts.map((f, i) => {
    values.push(f.id, f.kind, f.caseId, f.on, f.recordedAt, JSON.stringify(f.data));
    const p = i * 6;
    return `($${p + 1}::uuid, $${p + 2}, $${p + 3}, $${p + 4}::date, $${p + 5}::timestamptz, ($${p + 5}::timestamptz AT TIME ZONE 'Europe/London')::date, $${p + 6}::jsonb)`;
  });
  return {
    text: `INSERT INTO ${schema}.pf_facts (event_id, kind, case_id, on_date, recorded_at, recorded_on, data) VALUES ${rows.join(', ')} ON CONFLICT (event_id) DO NOTHING`,
    values,
  };
}

/**
 * Every published event the pack reads, from all five services (Kafka in distributed mode,
 * in-process when embedded), kept as a fact. Idempotent twice over: the inbox marks the event
 * processed, and the fact is keyed by the event's id.
 */
export function factsConsumer(schema: string): IntegrationEventHandler {
  return {
    consumer: FACTS_CONSUMER,
    topics: PERFORMANCE_TOPICS,
    types: FACT_TYPES,
    async handle(event: IntegrationEvent, tx: EntityManager) {
      const fact = factOf(event);
      if (!fact) return;
      const { text, values } = insertFacts(`"${schema}"`, [fact]);
      await tx.query(text, values);
    },
  };
}
