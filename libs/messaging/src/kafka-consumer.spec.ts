import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createTestDataSource, createTestSchema, createTopic, readTopic, testKafka, type TestSchema } from '@ehc/testing';
import { KafkaConsumerRunner, deadLetterTopic } from './kafka-consumer';
import { ensureInbox, forgetProcessed } from './inbox';
import type { IntegrationEvent } from './integration-event';
import type { IntegrationEventHandler } from './handler';
import { handledTableSql, quietLogger, recordingHandler } from './test-support.spec-helpers';

jest.setTimeout(120_000);

function event(subject: string, type: string, data: Record<string, unknown> = {}): IntegrationEvent {
  return {
    id: randomUUID(), type, subject, occurredAt: '2026-01-05', recordedAt: new Date().toISOString(),
    correlationId: randomUUID(), causationId: null, sourcePosition: 1, data,
  };
}

describe('Kafka consumer (real broker)', () => {
  let db: TestSchema;
  let ds: DataSource;
  const kafka = testKafka();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });

  beforeAll(() => producer.connect());
  afterAll(() => producer.disconnect());
  beforeEach(async () => {
    db = await createTestSchema('consumer');
    ds = await createTestDataSource(db.url, db.schema);
    await ensureInbox(ds, db.schema);
    await ds.query(handledTableSql(db.schema));
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  const send = (topic: string, events: (IntegrationEvent | string)[]) =>
    producer.send({ topic, acks: -1, messages: events.map((e) => (typeof e === 'string' ? { key: 'x', value: e } : { key: e.subject, value: JSON.stringify(e) })) });

  const handledRows = async () => (await ds.query(`SELECT event_id, type FROM "${db.schema}".handled ORDER BY seq`)) as { event_id: string; type: string }[];

  async function until(check: () => Promise<boolean>, ms = 30_000) {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Each partition's committed offset for the group, beside the partition's end offset. */
  async function offsets(groupId: string, topic: string) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      const byPartition = (list: { partition: number; offset: string }[]) =>
        Object.fromEntries(list.map((p) => [p.partition, Number(p.offset)]));
      return { committed: byPartition(committed.partitions), end: byPartition(ends.map((p) => ({ partition: p.partition, offset: p.high }))) };
    } finally {
      await admin.disconnect();
    }
  }

  it('applies a redelivered event once, retries a transient failure, and dead-letters a poison message without blocking the rest', async () => {
    const topic = `consumer-test-${randomUUID()}`;
    await createTopic(kafka, topic, 1);
    const { handler, attempts } = recordingHandler(db.schema, topic, ['t.Recorded.v1']);
    const runner = new KafkaConsumerRunner({ kafka, dataSource: ds, schema: db.schema, handler, logger: quietLogger, policy: { maxAttempts: 3, baseBackoffMs: 10 } });
    await runner.start();

    const first = event('case-1', 't.Recorded.v1');
    const transient = event('case-1', 't.Recorded.v1', { failTimes: 2 });
    const poison = event('case-1', 't.Recorded.v1', { poison: true });
    const after = event('case-1', 't.Recorded.v1');
    const ignored = event('case-1', 't.Unrelated.v1');
    const sentinel = event('case-1', 't.Recorded.v1');
    await send(topic, [first, first, transient, poison, 'not json at all', ignored, after, first, sentinel]);

    // one partition, handled in order: once the sentinel is in, every redelivery before it has been through
    await until(async () => (await handledRows()).some((r) => r.event_id === sentinel.id));
    await runner.stop();

    const rows = await handledRows();
    expect(rows.map((r) => r.event_id)).toEqual([first.id, transient.id, after.id, sentinel.id]);
    // the inbox passes a redelivery over before the handler sees it
    expect(attempts.get(first.id)).toBe(1);
    expect(attempts.get(transient.id)).toBe(3);
    expect(attempts.get(poison.id)).toBe(3);

    const dead = await readTopic(kafka, deadLetterTopic(topic), (seen) => seen.length >= 2);
    expect(dead).toHaveLength(2);
    const poisoned = dead.find((m) => m.value.includes(poison.id))!;
    expect(poisoned.headers.error).toMatch(/poison/);
    expect(poisoned.headers.attempts).toBe('3');
    expect(dead.some((m) => m.value === 'not json at all')).toBe(true);
    const recorded = await ds.query(`SELECT event_id, attempts FROM "${db.schema}".dead_letters`);
    expect(recorded).toEqual([{ event_id: poison.id, attempts: 3 }]);
  });

  it('waits for a database that went away: a lost connection leaves the message to be retried, never dead-lettered', async () => {
    const topic = `consumer-outage-${randomUUID()}`;
    await createTopic(kafka, topic, 1);
    // the handler's own connection is cut by the server more times than the policy allows attempts
    const cuts = 4;
    let calls = 0;
    const handler: IntegrationEventHandler = {
      consumer: `outage-${randomUUID().slice(0, 8)}`, topics: [topic], types: ['t.Recorded.v1'],
      async handle(e, tx) {
        calls++;
        if (calls <= cuts) await tx.query('SELECT pg_terminate_backend(pg_backend_pid())');
        await tx.query(`INSERT INTO "${db.schema}".handled (event_id, type, subject) VALUES ($1, $2, $3)`, [e.id, e.type, e.subject]);
      },
    };
    const runner = new KafkaConsumerRunner({ kafka, dataSource: ds, schema: db.schema, handler, logger: quietLogger, policy: { maxAttempts: 2, baseBackoffMs: 10 } });
    await runner.start();
    const one = event('case-1', 't.Recorded.v1');
    await send(topic, [one]);
    await until(async () => (await handledRows()).length > 0, 60_000);
    await runner.stop();
    expect(calls).toBe(cuts + 1);
    expect((await handledRows()).map((r) => r.event_id)).toEqual([one.id]);
    expect(await ds.query(`SELECT event_id FROM "${db.schema}".dead_letters`)).toEqual([]);
  });

  it('resumes after a restart from its committed offsets', async () => {
    const topic = `consumer-resume-${randomUUID()}`;
    await createTopic(kafka, topic, 2);
    const { handler } = recordingHandler(db.schema, topic, ['t.Recorded.v1']);
    const toPartitions = (events: IntegrationEvent[]) => producer.send({
      topic, acks: -1, messages: events.map((e, i) => ({ key: e.subject, value: JSON.stringify(e), partition: i % 2 })),
    });
    const batch1 = Array.from({ length: 10 }, (_, i) => event(`case-${i}`, 't.Recorded.v1'));
    await toPartitions(batch1);
    const one = new KafkaConsumerRunner({ kafka, dataSource: ds, schema: db.schema, handler, logger: quietLogger });
    await one.start();
    await until(async () => (await handledRows()).length === 10);
    await one.stop();
    const stopped = await offsets(handler.consumer, topic);
    expect(stopped.end).toEqual({ 0: 5, 1: 5 });
    expect(stopped.committed).toEqual(stopped.end);

    // with the inbox emptied, a message delivered again would be applied again: only the offsets keep batch 1 out
    await forgetProcessed(ds, db.schema, handler.consumer);
    const batch2 = Array.from({ length: 4 }, (_, i) => event(`case-${i}`, 't.Recorded.v1'));
    await toPartitions(batch2);
    const two = new KafkaConsumerRunner({ kafka, dataSource: ds, schema: db.schema, handler, logger: quietLogger });
    await two.start();
    // each partition holds batch 2 after batch 1, so once batch 2 is in, a redelivery would be too
    await until(async () => {
      const handled = new Set((await handledRows()).map((r) => r.event_id));
      return batch2.every((e) => handled.has(e.id));
    });
    await two.stop();
    const ids = (await handledRows()).map((r) => r.event_id);
    expect(ids.slice(0, 10).sort()).toEqual(batch1.map((e) => e.id).sort());
    expect(ids.slice(10).sort()).toEqual(batch2.map((e) => e.id).sort());
  });
});
