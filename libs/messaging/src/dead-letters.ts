import type { DataSource } from 'typeorm';
import type { IntegrationEvent } from './integration-event';

/** Kept in the consumer's schema too, so a caseworker-facing admin view can list what failed. */
export async function recordDeadLetter(dataSource: DataSource, schema: string, consumer: string, event: IntegrationEvent, error: string, attempts: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO "${schema}".dead_letters (consumer, event_id, event, error, attempts) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (consumer, event_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
    [consumer, event.id, JSON.stringify(event), error, attempts],
  );
}
