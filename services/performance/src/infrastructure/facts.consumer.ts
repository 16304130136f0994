import type { EntityManager } from 'typeorm';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { NEEDS_ASSESSMENT_TOPIC } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC } from '@ehc/contracts/annual-review';
import { TRIBUNAL_TOPIC } from '@ehc/contracts/tribunal';
import { FUNDING_TOPIC } from '@ehc/contracts/funding';
import { SURVEYS_TOPIC } from '@ehc/contracts/surveys';
import type { Pool } from 'pg';
import type { Fact } from '../domain/facts';
import { factIndexes } from './tables';
import { FACT_TYPES, factOf } from './fact-of';

export const FACTS_CONSUMER = 'performance.facts';
export const PERFORMANCE_TOPICS = [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC, TRIBUNAL_TOPIC, FUNDING_TOPIC, SURVEYS_TOPIC];

/**
 * Facts into `pf_facts`, as many as given in one statement (arrays unnested, so a batch of thousands
 * is one round trip). A fact already kept is left as it is: its event was delivered before.
 */
export async function insertFacts(db: { query(text: string, values: unknown[]): Promise<unknown> }, schema: string, facts: readonly Fact[]): Promise<void> {
  if (facts.length === 0) return;
  await db.query(
    `INSERT INTO "${schema}".pf_facts (event_id, kind, case_id, on_date, recorded_at, recorded_on, data)
     SELECT id, kind, case_id, on_date, recorded_at, (recorded_at AT TIME ZONE 'Europe/London')::date, data
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::timestamptz[], $6::jsonb[]) AS f(id, kind, case_id, on_date, recorded_at, data)
     ON CONFLICT (event_id) DO NOTHING`,
    [facts.map((f) => f.id), facts.map((f) => f.kind), facts.map((f) => f.caseId), facts.map((f) => f.on), facts.map((f) => f.recordedAt), facts.map((f) => JSON.stringify(f.data))],
  );
}

/** Published events straight into the facts, in batches: a rebuild from event zero, or a bench. */
export async function ingestEvents(db: { query(text: string, values: unknown[]): Promise<unknown> }, schema: string, events: readonly IntegrationEvent[]): Promise<number> {
  const facts = events.map(factOf).filter((f): f is Fact => f !== null);
  await insertFacts(db, schema, facts);
  return facts.length;
}

/**
 * The facts rebuilt from event zero: emptied, then every published event in the order given, the
 * secondary indexes made once at the end (a bulk load instead of a million index updates). The next
 * batch is drawn while the last is written. Returns the number of facts.
 */
export async function rebuildFacts(pool: Pool, schema: string, batches: Iterable<readonly IntegrationEvent[]>, onBatch?: (events: number, facts: number) => void): Promise<number> {
  const s = `"${schema}"`;
  await pool.query(`TRUNCATE ${s}.pf_facts`);
  for (const index of factIndexes(s)) await pool.query(`DROP INDEX IF EXISTS ${index.name}`);
  let events = 0;
  let facts = 0;
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const batch of batches) {
      await writing;
      events += batch.length;
      const seen = events;
      writing = ingestEvents(pool, schema, batch).then((n) => {
        facts += n;
        onBatch?.(seen, facts);
      });
    }
    await writing;
  } finally {
    for (const index of factIndexes(s)) await pool.query(index.create);
    await pool.query(`ANALYZE ${s}.pf_facts`);
  }
  return facts;
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
      if (fact) await insertFacts(tx, schema, [fact]);
    },
  };
}
