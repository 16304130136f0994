/**
 * Reads until the answer is there (another service, a projection, a broker catching up): every
 * 100 ms, up to 30 s by default; then fails naming what never came.
 */
export async function eventually<T>(what: string, read: () => Promise<T | null | undefined>, options: { attempts?: number; everyMs?: number } = {}): Promise<T> {
  const { attempts = 300, everyMs = 100 } = options;
  for (let i = 0; i < attempts; i++) {
    const found = await read();
    if (found) return found;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`never: ${what}`);
}

/** A distributed service's settings in a test: the run's PostgreSQL and Kafka, a port of its own, its own schema, no logs. */
export const distributedTestEnv = (schema: string) => ({
  DATABASE_URL: process.env.DATABASE_URL, KAFKA_BROKERS: process.env.KAFKA_BROKERS, PORT: '0', SERVICE_SCHEMA: schema, LOG_LEVEL: 'silent',
});
