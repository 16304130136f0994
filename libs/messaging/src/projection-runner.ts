import type { DataSource, EntityManager } from 'typeorm';
import type { CheckpointStore, EventEnvelope, EventFilter, EventStore, Subscription } from '@ehc/event-store';
import type { RelayLogger } from './kafka-relay';
import { describeError } from './retry';

/**
 * A read model built from a service's own domain events. It answers one question (STYLE §6) and is
 * disposable: `tables` are emptied and the log replayed from position 0 to rebuild it.
 */
export interface Projection {
  readonly name: string;
  readonly filter: EventFilter;
  /** Tables it owns, emptied on rebuild. */
  readonly tables: string[];
  /** Applies a batch of events in global order inside the transaction that also moves the checkpoint. */
  applyBatch(events: EventEnvelope[], tx: EntityManager): Promise<void>;
}

/**
 * Keeps a projection up to date from the store, in both run modes: each batch and its checkpoint
 * commit together, so an event is applied exactly once and a crash resumes where it stopped.
 */
export class ProjectionRunner {
  private subscription?: Subscription;
  private position = 0;
  private readonly waiters: { position: number; resolve(): void }[] = [];

  constructor(private readonly options: {
    projection: Projection;
    store: EventStore;
    dataSource: DataSource;
    checkpoints: CheckpointStore;
    logger: RelayLogger;
    batchSize?: number;
    onProgress?(position: number, events: number): void;
  }) {}

  get checkpointName(): string {
    return `projection:${this.options.projection.name}`;
  }

  get caughtUpTo(): number {
    return this.position;
  }

  async start(): Promise<void> {
    const { projection, store, dataSource, checkpoints, logger } = this.options;
    this.position = await checkpoints.load(this.checkpointName);
    // a projection starting from event zero starts empty, whatever an earlier version left behind
    if (this.position === 0) await this.truncate();
    let applied = 0;
    this.subscription = store.subscribeToAll({
      after: this.position,
      filter: projection.filter,
      batchSize: this.options.batchSize ?? 2000,
      handle: async (events, position) => {
        await dataSource.transaction(async (tx) => {
          if (events.length > 0) await projection.applyBatch(events, tx);
          await checkpoints.store(this.checkpointName, position, tx);
        });
        this.position = position;
        applied += events.length;
        this.options.onProgress?.(position, applied);
        this.wake();
      },
      onCaughtUp: () => this.wake(),
      onError: (error) => logger.error(`${this.checkpointName}: batch failed, retrying: ${describeError(error)}`),
    });
  }

  /** Resolves once every event up to `position` is applied (read-your-writes for a command's answer). */
  waitFor(position: number, timeoutMs = 10_000): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => { remove(); resolve(false); }, timeoutMs);
      const waiter = { position, resolve: () => { clearTimeout(timer); resolve(this.position >= position); } };
      const remove = () => { const i = this.waiters.indexOf(waiter); if (i >= 0) this.waiters.splice(i, 1); };
      this.waiters.push(waiter);
    });
  }

  private wake() {
    for (const w of [...this.waiters]) {
      if (this.position >= w.position) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Empties the projection's tables and replays the log from event zero. */
  async rebuild(): Promise<{ events: number; seconds: number }> {
    await this.stop();
    await this.truncate();
    const started = Date.now();
    let events = 0;
    const previous = this.options.onProgress;
    this.options.onProgress = (p, n) => { events = n; previous?.(p, n); };
    await this.start();
    const end = await this.options.store.headPosition();
    await this.waitFor(end, 24 * 3600_000);
    this.options.onProgress = previous;
    return { events, seconds: (Date.now() - started) / 1000 };
  }

  private async truncate(): Promise<void> {
    const { projection, dataSource, checkpoints } = this.options;
    await dataSource.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${projection.tables.join(', ')}`);
      await checkpoints.store(this.checkpointName, 0, tx);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }
}

