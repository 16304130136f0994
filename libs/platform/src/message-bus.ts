import { Kafka, logLevel } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { CheckpointStore, EventStore } from '@ehc/event-store';
import {
  InProcessDelivery, KafkaConsumerRunner, KafkaRelay, type IntegrationEventHandler, type Publication, type RelayLogger,
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
        if (!source) throw new Error(`${handler.consumer} reads ${topic}, which no service in this process publishes`);
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

  constructor(brokers: string[], clientId: string, private readonly logger: RelayLogger) {
    this.kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 200 } });
  }

  publish(store: EventStore, checkpoints: CheckpointStore, publication: Publication): void {
    this.relays.push(new KafkaRelay({ kafka: this.kafka, store, checkpoints, publication, logger: this.logger }));
  }

  subscribe(host: HandlerHost, handler: IntegrationEventHandler): void {
    this.consumers.push(new KafkaConsumerRunner({ kafka: this.kafka, dataSource: host.dataSource, schema: host.schema, handler, logger: this.logger, groupId: `${host.schema}.${handler.consumer}` }));
  }

  async start(): Promise<void> {
    for (const relay of this.relays) await relay.start();
    for (const consumer of this.consumers) await consumer.start();
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
