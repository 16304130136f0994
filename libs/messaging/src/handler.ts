import type { EntityManager } from 'typeorm';
import type { IntegrationEvent } from './integration-event';

/**
 * Reacts to integration events. It cannot tell whether they came through Kafka (distributed mode)
 * or straight from the store (embedded mode): both deliver the same event, inside a transaction
 * that also records the event as processed, so its writes and that marker commit together.
 */
export interface IntegrationEventHandler {
  /** Unique name: the consumer group, the inbox key and the checkpoint name. */
  readonly consumer: string;
  /** Topics it reads. */
  readonly topics: string[];
  /** Integration event types it handles; others on its topics are passed over. */
  readonly types: string[];
  handle(event: IntegrationEvent, tx: EntityManager): Promise<void>;
}
