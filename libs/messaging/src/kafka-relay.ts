import type { Kafka, Producer } from 'kafkajs';
import type { CheckpointStore, EventStore, Subscription } from '@ehc/event-store';
import { cachedHistory, translateAll, type Publication } from './integration-event';
import { backoffMs, describeError, sleep } from './retry';

export interface RelayLogger {
  log(message: string): void;
  error(message: string): void;
}

class RelayStopped extends Error {}

/**
 * Moves a service's published events from its store to Kafka: reads the global log after a durable
 * checkpoint, translates, sends, and only then moves the checkpoint. A crash between send and
 * checkpoint resends (consumers dedupe by id); nothing is written to Kafka by command handlers, so
 * there is no dual write to get half-done. One idempotent producer with one request in flight keeps
 * each case's events in order through broker restarts.
 */
export class KafkaRelay {
  private producer?: Producer;
  private subscription?: Subscription;
  private stopped = false;
  private lastPublished = 0;

  constructor(private readonly options: {
    kafka: Kafka;
    store: EventStore;
    checkpoints: CheckpointStore;
    publication: Publication;
    logger: RelayLogger;
    batchSize?: number;
  }) {}

  get name(): string {
    return `relay:${this.options.publication.topic}`;
  }

  /** Global position up to which events are on Kafka (and checkpointed). */
  get position(): number {
    return this.lastPublished;
  }

  async start(): Promise<void> {
    const { kafka, store, checkpoints, publication, logger } = this.options;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
    await this.producer.connect();
    const after = await checkpoints.load(this.name);
    this.lastPublished = after;
    logger.log(`${this.name}: relaying from global position ${after}`);
    this.subscription = store.subscribeToAll({
      after,
      filter: publication.filter,
      batchSize: this.options.batchSize ?? 500,
      handle: async (events, position) => {
        const messages = (await translateAll([publication], events, cachedHistory(store))).map((ie) => ({
          key: ie.subject,
          value: JSON.stringify(ie),
          headers: { 'event-id': ie.id, 'event-type': ie.type },
        }));
        if (messages.length > 0) await this.sendUntilAccepted(messages);
        await checkpoints.store(this.name, position);
        this.lastPublished = position;
      },
      onError: (error) => {
        if (!(error instanceof RelayStopped)) logger.error(`${this.name}: batch failed, retrying from its checkpoint: ${describeError(error)}`);
      },
    });
  }

  /** A broker that is down is waited for, not skipped: the checkpoint stays until Kafka has the batch. */
  private async sendUntilAccepted(messages: { key: string; value: string; headers: Record<string, string> }[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) throw new RelayStopped();
      try {
        await this.producer!.send({ topic: this.options.publication.topic, messages, acks: -1 });
        return;
      } catch (error) {
        this.options.logger.error(`${this.name}: send failed (attempt ${attempt}), retrying: ${describeError(error)}`);
        await sleep(backoffMs(attempt, 200, 5_000));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    await this.producer?.disconnect().catch(() => undefined);
  }
}
