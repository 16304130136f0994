import { infraScript } from './infra-script';

/**
 * Controls the real Apache Kafka broker that infra/kafka/kafka.sh runs from Maven Central's jars.
 * Tests use it to restart the broker under a running relay.
 */
export function kafkaBroker(command: 'start' | 'stop' | 'restart' | 'status' | 'clean', port: number): Promise<string> {
  return infraScript('infra/kafka/kafka.sh', command, { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) }, 180_000);
}

/** The port of the broker the test run started (global setup), when it started one. */
export function managedKafkaPort(): number | undefined {
  const port = process.env.EHC_TEST_KAFKA_PORT;
  return port ? Number(port) : undefined;
}
