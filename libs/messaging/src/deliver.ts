import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '@ehc/event-store';
import type { IntegrationEventHandler } from './handler';
import type { IntegrationEvent } from './integration-event';
import { markProcessed } from './inbox';
import { backoffMs, describeError, sleep } from './retry';

export interface DeliveryPolicy {
  /** Attempts before the event is dead-lettered. */
  maxAttempts: number;
  baseBackoffMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = { maxAttempts: 5, baseBackoffMs: 200 };

export type DeliveryOutcome = { outcome: 'handled' | 'duplicate' } | { outcome: 'failed'; error: string; attempts: number };

/**
 * Hands one event to a handler exactly once: in one transaction, the processed marker and the
 * handler's writes; retried with backoff; after the last attempt the caller dead-letters it.
 * When the database cannot be reached it throws instead, so the event is retried later, not lost.
 */
export async function deliverOnce(
  dataSource: DataSource,
  schema: string,
  handler: IntegrationEventHandler,
  event: IntegrationEvent,
  policy: DeliveryPolicy = defaultDeliveryPolicy,
): Promise<DeliveryOutcome> {
  if (!handler.types.includes(event.type)) return { outcome: 'duplicate' };
  let lastError = '';
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    try {
      const prepared = await handler.prepare?.(event);
      const handled = await dataSource.transaction(async (tx) => {
        if (!(await markProcessed(tx, schema, handler.consumer, event.id))) return false;
        await handler.handle(event, tx, prepared);
        return true;
      });
      return { outcome: handled ? 'handled' : 'duplicate' };
    } catch (error) {
      // the database being away is no fault of the event: the caller waits for it, and nothing is dead-lettered
      if (isDatabaseUnavailable(error)) throw error;
      lastError = describeError(error);
      if (attempt < policy.maxAttempts) await sleep(backoffMs(attempt, policy.baseBackoffMs));
    }
  }
  return { outcome: 'failed', error: lastError, attempts: policy.maxAttempts };
}
