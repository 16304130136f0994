import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** A kafkajs client on the broker the test run started (libs/testing/src/jest/global-setup.ts). */
export function testKafka(): Kafka {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run the tests with `npm test`, whose global setup starts Kafka');
  return new Kafka({ clientId: `test-${randomUUID().slice(0, 8)}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
}

export interface ReadMessage {
  topic: string;
  partition: number;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning with a fresh group until `until` holds (or `ms` pass). */
export async function readTopic(kafka: Kafka, topic: string, until: (seen: ReadMessage[]) => boolean, ms = 30_000): Promise<ReadMessage[]> {
  const consumer: Consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const seen: ReadMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.run({
    eachMessage: async ({ topic: t, partition, message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
      seen.push({ topic: t, partition, key: message.key?.toString() ?? null, value: message.value?.toString() ?? '', headers });
      if (until(seen)) done();
    },
  });
  const timer = setTimeout(done, ms);
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  return seen;
}

export async function createTopic(kafka: Kafka, topic: string, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
