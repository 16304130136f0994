import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { CheckpointStore, EventStore } from '@ehc/event-store';
import {
  deadLetterTopic, InProcessDelivery, KafkaConsumerRunner, KafkaRelay, type IntegrationEventHandler, type Publication, type RelayLogger,
} from '@ehc/messaging';

/** What a handler needs of the service it runs in. */
export interface HandlerHost {
  service: string;
  dataSource: DataSource;
  schema: string;
  checkpoints: CheckpointStore;
}

/**
 * How integration events travel: through Kafka (distributed) or straight from the publishing
 * service's store (embedded). Services declare what they publish and what they handle; the bus
 * chosen at start-up does the rest, so a service cannot tell which mode it runs in.
 */
export interface MessageBus {
  publish(store: EventStore, checkpoints: CheckpointStore, publication: Publication): void;
  subscribe(host: HandlerHost, handler: IntegrationEventHandler): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Broker reachability for /health; embedded mode has no broker. */
  brokerHealthy(): Promise<boolean | 'not-used'>;
}

export class EmbeddedBus implements MessageBus {
  private readonly publications = new Map<string, { store: EventStore; publication: Publication }>();
  private readonly subscriptions: { host: HandlerHost; handler: IntegrationEventHandler }[] = [];
  private readonly deliveries: InProcessDelivery[] = [];

  constructor(private readonly logger: RelayLogger) {}

  publish(store: EventStore, _checkpoints: CheckpointStore, publication: Publication): void {
    this.publications.set(publication.topic, { store, publication });
  }

  subscribe(host: HandlerHost, handler: IntegrationEventHandler): void {
    this.subscriptions.push({ host, handler });
  }

  async start(): Promise<void> {
    for (const { host, handler } of this.subscriptions) {
      for (const topic of handler.topics) {
        const source = this.publications.get(topic);
        // the process runs only some services (a service's own tests, a hub without one of them):
        // nothing can arrive on a topic none of them publishes, so there is nothing to deliver
        if (!source) {
          this.logger.log(`${handler.consumer} reads ${topic}, which no service in this process publishes: nothing will arrive on it`);
          continue;
        }
        const delivery = new InProcessDelivery({
          store: source.store, dataSource: host.dataSource, schema: host.schema, checkpoints: host.checkpoints,
          publications: [source.publication], handler, name: `inproc:${handler.consumer}:${topic}`, logger: this.logger,
        });
        await delivery.start();
        this.deliveries.push(delivery);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.deliveries.map((d) => d.stop()));
  }

  async brokerHealthy(): Promise<'not-used'> {
    return 'not-used';
  }
}

export class KafkaBus implements MessageBus {
  readonly kafka: Kafka;
  private readonly relays: KafkaRelay[] = [];
  private readonly consumers: KafkaConsumerRunner[] = [];
  private readonly topics = new Set<string>();

  constructor(brokers: string[], clientId: string, private readonly logger: RelayLogger, private readonly partitions = 6) {
    this.kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200 } });
  }

  publish(store: EventStore, checkpoints: CheckpointStore, publication: Publication): void {
    this.topics.add(publication.topic);
    this.relays.push(new KafkaRelay({ kafka: this.kafka, store, checkpoints, publication, logger: this.logger }));
  }

  subscribe(host: HandlerHost, handler: IntegrationEventHandler): void {
    for (const topic of handler.topics) this.topics.add(topic).add(deadLetterTopic(topic));
    this.consumers.push(new KafkaConsumerRunner({ kafka: this.kafka, dataSource: host.dataSource, schema: host.schema, handler, logger: this.logger, groupId: `${host.schema}.${handler.consumer}` }));
  }

  async start(): Promise<void> {
    await this.ensureTopics();
    for (const relay of this.relays) await relay.start();
    for (const consumer of this.consumers) await consumer.start();
  }

  /**
   * Topics are created explicitly, with their partition count, before anyone subscribes: relying on
   * auto-creation races a consumer's first metadata request.
   */
  private async ensureTopics(): Promise<void> {
    if (this.topics.size === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...this.topics].filter((t) => !existing.has(t));
      if (missing.length > 0) {
        await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: this.partitions })) });
      }
    } finally {
      await admin.disconnect();
    }
  }

  async stop(): Promise<void> {
    // consumers first, so no handler is cut off mid-transaction; then the relays finish their batch
    await Promise.all(this.consumers.map((c) => c.stop()));
    await Promise.all(this.relays.map((r) => r.stop()));
  }

  async brokerHealthy(): Promise<boolean> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
