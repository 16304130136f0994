import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable, type CheckpointStore, type EventStore, type Subscription } from '@ehc/event-store';
import type { IntegrationEventHandler } from './handler';
import { cachedHistory, translateAll, type IntegrationEvent, type Publication } from './integration-event';
import { defaultDeliveryPolicy, deliverOnce, type DeliveryPolicy } from './deliver';
import { recordDeadLetter } from './dead-letters';
import { forgetProcessed, markProcessed } from './inbox';
import type { RelayLogger } from './kafka-relay';
import { describeError } from './retry';

/**
 * Embedded mode: the handler is fed from the store's subscription, through the same translation the
 * relay publishes, with the same inbox, instead of from Kafka. A batch is handled in one transaction
 * with its checkpoint; if any event in it fails, the batch is redone one event at a time with
 * retries, and what still fails is dead-lettered, as the Kafka consumer would.
 */
export class InProcessDelivery {
  private subscription?: Subscription;
  private readonly caughtUpWaiters: { position: number; resolve(): void }[] = [];
  private handledUpTo = 0;

  constructor(private readonly options: {
    store: EventStore;
    dataSource: DataSource;
    schema: string;
    checkpoints: CheckpointStore;
    publications: Publication[];
    handler: IntegrationEventHandler;
    /** Checkpoint name; defaults to one per handler. */
    name?: string;
    logger: RelayLogger;
    policy?: DeliveryPolicy;
    batchSize?: number;
    /** Progress of a replay: events read so far and the position reached. */
    onProgress?(position: number, eventsRead: number): void;
  }) {}

  get checkpointName(): string {
    return this.options.name ?? `inproc:${this.options.handler.consumer}`;
  }

  /** Global position up to which this handler has processed the log. */
  get position(): number {
    return this.handledUpTo;
  }

  async start(): Promise<void> {
    const { store, checkpoints, handler } = this.options;
    const publications = this.options.publications.filter((p) => handler.topics.includes(p.topic));
    const after = await checkpoints.load(this.checkpointName);
    this.handledUpTo = after;
    let read = 0;
    this.subscription = store.subscribeToAll({
      after,
      batchSize: this.options.batchSize ?? 1000,
      filter: publications.length === 1 ? publications[0].filter : undefined,
      handle: async (events, position) => {
        read += events.length;
        const translated = (await translateAll(publications, events, cachedHistory(store))).filter((ie) => handler.types.includes(ie.type));
        await this.handleBatch(translated, position);
        this.handledUpTo = position;
        this.options.onProgress?.(position, read);
        this.wakeWaiters();
      },
      onCaughtUp: () => this.wakeWaiters(),
      onError: (error) => this.options.logger.error(`${this.checkpointName}: batch failed, retrying: ${describeError(error)}`),
    });
  }

  private async handleBatch(events: IntegrationEvent[], position: number): Promise<void> {
    const { dataSource, schema, handler, checkpoints } = this.options;
    try {
      // what the handlers need from other services, before the transaction opens
      const prepared = handler.prepare ? await Promise.all(events.map((event) => handler.prepare!(event))) : [];
      await dataSource.transaction(async (tx) => {
        for (const [i, event] of events.entries()) {
          if (await markProcessed(tx, schema, handler.consumer, event.id)) await handler.handle(event, tx, prepared[i]);
        }
        await checkpoints.store(this.checkpointName, position, tx);
      });
      return;
    } catch (error) {
      // the database being away is not a bad event: the subscription retries the whole batch when it is back
      if (events.length === 0 || isDatabaseUnavailable(error)) throw error;
    }
    for (const event of events) {
      const result = await deliverOnce(dataSource, schema, handler, event, this.options.policy ?? defaultDeliveryPolicy);
      if (result.outcome === 'failed') {
        this.options.logger.error(`${handler.consumer}: dead-lettering ${event.type} ${event.id} after ${result.attempts} attempt(s): ${result.error}`);
        await recordDeadLetter(dataSource, schema, handler.consumer, event, result.error, result.attempts);
      }
    }
    await checkpoints.store(this.checkpointName, position);
  }

  /** Resolves once everything up to `position` in the store has been handled. */
  waitFor(position: number): Promise<void> {
    if (this.handledUpTo >= position) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push({ position, resolve }));
  }

  private wakeWaiters() {
    for (const w of [...this.caughtUpWaiters]) {
      if (this.handledUpTo >= w.position) {
        this.caughtUpWaiters.splice(this.caughtUpWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Forgets what was processed so the next start replays from event zero. Stop first. */
  async resetToStart(): Promise<void> {
    await forgetProcessed(this.options.dataSource, this.options.schema, this.options.handler.consumer);
    await this.options.checkpoints.store(this.checkpointName, 0);
    this.handledUpTo = 0;
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
