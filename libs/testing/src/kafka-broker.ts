import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = resolve(__dirname, '../../../infra/kafka/kafka.sh');

/**
 * Controls the real Apache Kafka broker that infra/kafka/kafka.sh runs from Maven Central's jars.
 * Tests use it to restart the broker under a running relay.
 */
export async function kafkaBroker(command: 'start' | 'stop' | 'restart' | 'status' | 'clean', port: number): Promise<string> {
  try {
    const { stdout } = await run('bash', [script, command], {
      env: { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) },
      maxBuffer: 10 * 1024 * 1024,
      timeout: 180_000,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`infra/kafka/kafka.sh ${command} failed: ${e.stderr || e.message}`);
  }
}

/** The port of the broker the test run started (global setup), when it started one. */
export function managedKafkaPort(): number | undefined {
  const port = process.env.EHC_TEST_KAFKA_PORT;
  return port ? Number(port) : undefined;
}
