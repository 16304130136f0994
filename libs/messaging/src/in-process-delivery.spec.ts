import type { DataSource } from 'typeorm';
import { PostgresCheckpointStore, PostgresEventStore } from '@ehc/event-store';
import { createTestDataSource, createTestSchema, newEvent, type TestSchema } from '@ehc/testing';
import { InProcessDelivery } from './in-process-delivery';
import { ensureInbox } from './inbox';
import type { IntegrationEventHandler } from './handler';
import { handledTableSql, quietLogger, recordingHandler, testPublication } from './test-support.spec-helpers';

describe('in-process delivery (embedded mode)', () => {
  let db: TestSchema;
  let ds: DataSource;
  let store: PostgresEventStore;
  let checkpoints: PostgresCheckpointStore;
  const topic = 'test.public.v1';

  beforeEach(async () => {
    db = await createTestSchema('inproc');
    ds = await createTestDataSource(db.url, db.schema);
    await ensureInbox(ds, db.schema);
    await ds.query(handledTableSql(db.schema));
    store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema, pollMs: 20 });
    checkpoints = await PostgresCheckpointStore.create(db.pool, db.schema);
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  const handled = async () => ((await ds.query(`SELECT type FROM "${db.schema}".handled ORDER BY seq`)) as { type: string }[]).map((r) => r.type);
  const delivery = (handler: ReturnType<typeof recordingHandler>['handler']) => new InProcessDelivery({
    store, dataSource: ds, schema: db.schema, checkpoints, publications: [testPublication(topic)], handler, logger: quietLogger,
    policy: { maxAttempts: 3, baseBackoffMs: 5 },
  });

  it('feeds the handler the same translated events the relay would publish, once each, resuming from its checkpoint', async () => {
    const { handler } = recordingHandler(db.schema, topic, ['test.A.v1', 'test.B.v1']);
    await store.appendToStream('case-1', [newEvent('A'), newEvent('Internal'), newEvent('B'), newEvent('C')], 'no-stream');
    const one = delivery(handler);
    await one.start();
    const { lastGlobalPosition } = await store.appendToStream('case-1', [newEvent('A')], 3);
    await one.waitFor(lastGlobalPosition);
    await one.stop();
    expect(await handled()).toEqual(['test.A.v1', 'test.B.v1', 'test.A.v1']);

    const { lastGlobalPosition: later } = await store.appendToStream('case-2', [newEvent('B')], 'no-stream');
    const two = delivery(handler);
    await two.start();
    await two.waitFor(later);
    await two.stop();
    expect(await handled()).toEqual(['test.A.v1', 'test.B.v1', 'test.A.v1', 'test.B.v1']);
  });

  it('asks what a handler needs from outside before its transaction opens, and hands the answer in', async () => {
    const seen: { id: string; prepared: unknown; openTransactionsDuringPrepare: number }[] = [];
    const openTransactions = async () => Number((await db.pool.query(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`)).rows[0].n);
    const prepared = new Map<string, number>();
    const handler: IntegrationEventHandler<string> = {
      consumer: 'prepare-test', topics: [topic], types: ['test.A.v1'],
      async prepare(event) {
        // an HTTP call to another service would stand here: no transaction of ours may be open around it
        prepared.set(event.id, await openTransactions());
        return `details of ${event.id}`;
      },
      async handle(event, _tx, answer) {
        seen.push({ id: event.id, prepared: answer, openTransactionsDuringPrepare: prepared.get(event.id)! });
      },
    };
    const before = await openTransactions();
    const a = newEvent('A');
    const { lastGlobalPosition } = await store.appendToStream('case-1', [a], 'no-stream');
    const d = delivery(handler as unknown as ReturnType<typeof recordingHandler>['handler']);
    await d.start();
    await d.waitFor(lastGlobalPosition);
    await d.stop();
    expect(seen).toEqual([{ id: a.id, prepared: `details of ${a.id}`, openTransactionsDuringPrepare: expect.any(Number) }]);
    // none of ours: another suite's session may end meanwhile (fewer), but ours would make one more
    expect(seen[0].openTransactionsDuringPrepare).toBeLessThanOrEqual(before);
  });

  it('retries a failing event, dead-letters a poison one, and goes on with the rest', async () => {
    const { handler, attempts } = recordingHandler(db.schema, topic, ['test.A.v1']);
    const transient = newEvent('A', { failTimes: 1 });
    const poison = newEvent('A', { poison: true });
    await store.appendToStream('case-1', [newEvent('A'), transient, poison], 'no-stream');
    const { lastGlobalPosition } = await store.appendToStream('case-1', [newEvent('A')], 2);
    const d = delivery(handler);
    await d.start();
    await d.waitFor(lastGlobalPosition);
    await d.stop();
    expect(await handled()).toHaveLength(3);
    expect(attempts.get(poison.id)).toBeGreaterThanOrEqual(3);
    expect(await ds.query(`SELECT event_id FROM "${db.schema}".dead_letters`)).toEqual([{ event_id: poison.id }]);
  });

  it('waits for a database that went away and delivers when it is back: a lost connection never dead-letters the event', async () => {
    // the handler's own connection is cut by the server (57P01, "terminating connection due to
    // administrator command") more times than the delivery policy allows attempts
    const cuts = 5;
    let calls = 0;
    const handler: IntegrationEventHandler = {
      consumer: 'outage-test', topics: [topic], types: ['test.A.v1'],
      async handle(event, tx) {
        calls++;
        if (calls <= cuts) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
        await tx.query(`INSERT INTO "${db.schema}".handled (event_id, type, subject) VALUES ($1, $2, $3)`, [event.id, event.type, event.subject]);
      },
    };
    const { lastGlobalPosition } = await store.appendToStream('case-1', [newEvent('A')], 'no-stream');
    const d = delivery(handler);
    await d.start();
    await d.waitFor(lastGlobalPosition);
    await d.stop();
    expect(calls).toBe(cuts + 1);
    expect(await handled()).toEqual(['test.A.v1']);
    expect(await ds.query(`SELECT event_id FROM "${db.schema}".dead_letters`)).toEqual([]);
  });

  it('replays from event zero after a reset, rebuilding what it had built', async () => {
    const { handler } = recordingHandler(db.schema, topic, ['test.A.v1']);
    const { lastGlobalPosition } = await store.appendToStream('case-1', [newEvent('A'), newEvent('A')], 'no-stream');
    const d = delivery(handler);
    await d.start();
    await d.waitFor(lastGlobalPosition);
    await d.stop();
    await ds.query(`TRUNCATE "${db.schema}".handled`);
    await d.resetToStart();
    const again = delivery(handler);
    await again.start();
    await again.waitFor(lastGlobalPosition);
    await again.stop();
    expect(await handled()).toEqual(['test.A.v1', 'test.A.v1']);
  });
});
