export * from './envelope';
export * from './errors';
export * from './port';
export * from './upcasting';
export * from './checkpoints';
export { AppendSignal, pollingSubscription } from './polling-subscription';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { InMemoryEventStore } from './in-memory/in-memory-event-store';
export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb/kurrentdb-event-store';
