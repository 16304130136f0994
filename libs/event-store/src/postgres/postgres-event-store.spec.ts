import { Client } from 'pg';
import { createTestSchema, describeEventStoreContract, newEvent, collectUntil, readableUpTo, type TestSchema } from '@ehc/testing';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract('PostgreSQL', async () => {
  const db = await createTestSchema('es_contract');
  const store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema, pollMs: 20 });
  return { store, teardown: () => db.drop() };
});

describe('PostgreSQL event store: global order with transactions that commit late', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  beforeEach(async () => {
    db = await createTestSchema('es_gaps');
    store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema, pollMs: 10 });
  });
  afterEach(() => db.drop());

  it('does not read past an event whose transaction began earlier but commits later', async () => {
    const slow = await db.pool.connect();
    let fast = 0;
    try {
      await slow.query('BEGIN');
      // the slow writer's transaction takes its id first ...
      await slow.query('SELECT pg_current_xact_id()');
      // ... a fast writer appends and commits
      fast = (await store.appendToStream('ehcna-fast', [newEvent('Fast')], 'no-stream')).lastGlobalPosition;
      const whileOpen = await store.readAll();
      expect(whileOpen.events.map((e) => e.type)).toEqual([]);
      // the slow writer appends in its transaction and commits last
      await store.appendToStream('ehcna-slow', [newEvent('Slow')], 'no-stream', slow);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await readableUpTo(store, fast);
    const after = await store.readAll();
    // the slow transaction began first, so its event comes first; nothing was skipped
    expect(after.events.map((e) => e.type)).toEqual(['Slow', 'Fast']);
  });

  it('puts the head below an event committed while an earlier transaction is still open', async () => {
    const before = (await store.appendToStream('ehcna-before', [newEvent('Before')], 'no-stream')).lastGlobalPosition;
    await readableUpTo(store, before);
    const slow = await db.pool.connect();
    let fast = 0;
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()');
      fast = (await store.appendToStream('ehcna-fast', [newEvent('Fast')], 'no-stream')).lastGlobalPosition;
      // committed but unreadable: a head at it would keep a waiter waiting for what no reader can see
      const head = await store.headPosition();
      expect(head).toBe(before);
      expect((await store.readAll({ after: 0 })).position).toBeGreaterThanOrEqual(head);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await readableUpTo(store, fast);
    expect(await store.headPosition()).toBe(fast);
  });

  it('a live subscription sees every event exactly once while 16 writers append concurrently', async () => {
    const writers = 16;
    const perWriter = 40;
    const total = writers * perWriter;
    const collecting = collectUntil(store, { batchSize: 37 }, (seen) => seen.length >= total, 60_000);
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      let expected: number | 'no-stream' = 'no-stream';
      for (let i = 0; i < perWriter; i += 2) {
        const r = await store.appendToStream(`ehcna-w${w}`, [newEvent(`W${w}`), newEvent(`W${w}`)], expected);
        expected = r.nextExpectedRevision;
      }
    }));
    const { events } = await collecting;
    expect(events).toHaveLength(total);
    expect(new Set(events.map((e) => e.id)).size).toBe(total);
    const positions = events.map((e) => e.globalPosition);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    for (let w = 0; w < writers; w++) {
      const revisions = events.filter((e) => e.stream === `ehcna-w${w}`).map((e) => e.revision);
      expect(revisions).toEqual(Array.from({ length: perWriter }, (_, i) => i));
    }
  });

  it('rolls an append back with the transaction it was made in', async () => {
    const tx = await db.pool.connect();
    try {
      await tx.query('BEGIN');
      await store.appendToStream('ehcna-rolled', [newEvent('A')], 'no-stream', tx);
      await store.appendToStream('ehcna-rolled-2', [newEvent('B')], 'no-stream', tx);
      await tx.query('ROLLBACK');
    } finally {
      tx.release();
    }
    expect(await store.readStream('ehcna-rolled')).toEqual([]);
    await expect(store.appendToStream('ehcna-rolled', [newEvent('A')], 'no-stream')).resolves.toMatchObject({ nextExpectedRevision: 0 });
  });

  it('keeps the store schema when created twice (several processes start together)', async () => {
    await Promise.all([PostgresEventStore.create({ pool: db.pool, schema: db.schema }), PostgresEventStore.create({ pool: db.pool, schema: db.schema })]);
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [db.schema]);
    await c.end();
    expect(rows[0].n).toBe(2);
  });
});
