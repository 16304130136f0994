import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { IntegrationEventHandler } from './handler';
import type { IntegrationEvent } from './integration-event';
import { defaultDeliveryPolicy, deliverOnce, type DeliveryPolicy } from './deliver';
import { describeError } from './retry';
import { recordDeadLetter } from './dead-letters';
import type { RelayLogger } from './kafka-relay';

export const deadLetterTopic = (topic: string) => `${topic}.dlq`;

/**
 * Feeds a handler from Kafka. Each message is handled once (inbox marker in the handler's
 * transaction), retried with backoff, and after the last attempt sent to `<topic>.dlq` with the
 * error, so one poison message never blocks a case's later events for ever.
 */
export class KafkaConsumerRunner {
  private consumer?: Consumer;
  private dlqProducer?: Producer;

  constructor(private readonly options: {
    kafka: Kafka;
    dataSource: DataSource;
    schema: string;
    handler: IntegrationEventHandler;
    logger: RelayLogger;
    policy?: DeliveryPolicy;
    /** Consumer group; defaults to the handler's name. */
    groupId?: string;
  }) {}

  async start(): Promise<void> {
    const { kafka, handler } = this.options;
    this.dlqProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.dlqProducer.connect();
    this.consumer = kafka.consumer({ groupId: this.options.groupId ?? handler.consumer, allowAutoTopicCreation: true });
    await this.consumer.connect();
    // ready only once the group has given this consumer its partitions: before that, events
    // published now would wait for a rebalance and a caller reading its own write would miss it
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${handler.consumer}: did not join its consumer group within 60 s`)), 60_000);
      const off = this.consumer!.on(this.consumer!.events.GROUP_JOIN, () => { clearTimeout(timer); off(); resolve(); });
    });
    await this.consumer.subscribe({ topics: handler.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const raw = message.value?.toString('utf8') ?? '';
        let event: IntegrationEvent;
        try {
          event = JSON.parse(raw) as IntegrationEvent;
          if (typeof event.id !== 'string' || typeof event.type !== 'string') throw new Error('not an integration event: id and type are required');
        } catch (error) {
          await this.deadLetter(topic, raw, null, describeError(error), 1);
          return;
        }
        let result: Awaited<ReturnType<typeof deliverOnce>>;
        try {
          result = await deliverOnce(this.options.dataSource, this.options.schema, handler, event, this.options.policy ?? defaultDeliveryPolicy);
        } catch (error) {
          // the database is away: the offset stays uncommitted and kafkajs retries the message,
          // restarting the consumer if it must, until the database is back
          this.options.logger.error(`${handler.consumer}: ${event.type} ${event.id} waits for the database: ${describeError(error)}`);
          throw error;
        }
        if (result.outcome === 'failed') await this.deadLetter(topic, raw, event, result.error, result.attempts);
      },
    });
    await joined;
  }

  private async deadLetter(topic: string, raw: string, event: IntegrationEvent | null, error: string, attempts: number): Promise<void> {
    const { handler, logger } = this.options;
    logger.error(`${handler.consumer}: dead-lettering ${event?.type ?? 'unreadable message'} ${event?.id ?? ''} after ${attempts} attempt(s): ${error}`);
    await this.dlqProducer!.send({
      topic: deadLetterTopic(topic),
      acks: -1,
      messages: [{
        key: event?.subject ?? null,
        value: raw,
        headers: { consumer: handler.consumer, error, attempts: String(attempts), 'original-topic': topic },
      }],
    });
    if (event) await recordDeadLetter(this.options.dataSource, this.options.schema, handler.consumer, event, error, attempts);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
  }
}
