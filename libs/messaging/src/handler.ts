import type { EntityManager } from 'typeorm';
import type { PoolClient } from 'pg';
import type { IntegrationEvent } from './integration-event';

/**
 * Reacts to integration events. It cannot tell whether they came through Kafka (distributed mode)
 * or straight from the store (embedded mode): both deliver the same event, inside a transaction
 * that also records the event as processed, so its writes and that marker commit together.
 */
export interface IntegrationEventHandler<P = unknown> {
  /** Unique name: the consumer group, the inbox key and the checkpoint name. */
  readonly consumer: string;
  /** Topics it reads. */
  readonly topics: string[];
  /** Integration event types it handles; others on its topics are passed over. */
  readonly types: string[];
  /**
   * What the handler needs from outside the database (another service over HTTP), fetched before
   * the transaction opens, so no transaction waits on the network. Its answer is handed to `handle`.
   */
  prepare?(event: IntegrationEvent): Promise<P>;
  handle(event: IntegrationEvent, tx: EntityManager, prepared?: P): Promise<void>;
}

/** The PostgreSQL connection of a delivery's transaction: a handler appends its events in it, so they commit with the inbox marker. */
export const transactionClient = (tx: EntityManager): PoolClient => (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
