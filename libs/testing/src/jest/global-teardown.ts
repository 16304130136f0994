export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__ehcTestServers;
  await servers?.stopKafka?.();
  await servers?.stopPostgres?.();
}
