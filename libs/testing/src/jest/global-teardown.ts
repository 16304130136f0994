export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__ehcTestServers;
  await Promise.all([servers?.stopKafka?.(), servers?.stopKeycloak?.()]);
  await servers?.stopPostgres?.();
}
