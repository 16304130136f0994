import { randomUUID } from 'node:crypto';
import { PostgresCheckpointStore, PostgresEventStore } from '@ehc/event-store';
import {
  createTestSchema, createTopic, kafkaBroker, managedKafkaPort, newEvent, readTopic, testKafka, type TestSchema,
} from '@ehc/testing';
import { KafkaRelay } from './kafka-relay';
import type { IntegrationEvent } from './integration-event';
import { quietLogger, testPublication } from './test-support.spec-helpers';

jest.setTimeout(180_000);

describe('Kafka relay (real broker)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let checkpoints: PostgresCheckpointStore;
  const kafka = testKafka();

  beforeEach(async () => {
    db = await createTestSchema('relay');
    store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema, pollMs: 20 });
    checkpoints = await PostgresCheckpointStore.create(db.pool, db.schema);
  });
  afterEach(() => db.drop());

  const appendCases = async (cases: string[], perCase: number, from = 0) => {
    for (let i = from; i < from + perCase; i++) {
      for (const c of cases) await store.appendToStream(c, [newEvent(`Step${i}`, { step: i })], i === 0 ? 'no-stream' : i - 1);
    }
  };

  it('publishes translated events keyed by case, in order, and resumes from its checkpoint without repeats', async () => {
    const topic = `relay-test-${randomUUID()}`;
    await createTopic(kafka, topic);
    const cases = Array.from({ length: 5 }, () => `case-${randomUUID()}`);
    await appendCases(cases, 4);
    await store.appendToStream(`case-${randomUUID()}`, [newEvent('Internal')], 'no-stream');

    const relay = new KafkaRelay({ kafka, store, checkpoints, publication: testPublication(topic), logger: quietLogger });
    await relay.start();
    const first = await readTopic(kafka, topic, (seen) => seen.length >= 20);
    await relay.stop();
    expect(first).toHaveLength(20);
    expect(await checkpoints.load(relay.name)).toBeGreaterThan(0);

    // events appended while the relay is down go out when it starts again, and only they do
    await appendCases(cases, 2, 4);
    const again = new KafkaRelay({ kafka, store, checkpoints, publication: testPublication(topic), logger: quietLogger });
    await again.start();
    const all = await readTopic(kafka, topic, (seen) => seen.length >= 30);
    await new Promise((r) => setTimeout(r, 500));
    await again.stop();

    const events = all.map((m) => JSON.parse(m.value) as IntegrationEvent);
    expect(new Set(events.map((e) => e.id)).size).toBe(30);
    expect(events.some((e) => e.type === 'test.Internal.v1')).toBe(false);
    for (const c of cases) {
      const mine = all.filter((m) => m.key === c);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      expect(mine.map((m) => (JSON.parse(m.value) as IntegrationEvent).type)).toEqual(
        ['test.Step0.v1', 'test.Step1.v1', 'test.Step2.v1', 'test.Step3.v1', 'test.Step4.v1', 'test.Step5.v1']);
      expect(mine[0].headers['event-type']).toBe('test.Step0.v1');
    }
  });

  const port = managedKafkaPort();
  (port ? it : it.skip)('loses and reorders nothing while the broker restarts under it', async () => {
    const topic = `relay-restart-${randomUUID()}`;
    await createTopic(kafka, topic);
    const cases = Array.from({ length: 4 }, () => `case-${randomUUID()}`);
    const relay = new KafkaRelay({ kafka, store, checkpoints, publication: testPublication(topic), logger: quietLogger });
    await relay.start();
    await appendCases(cases, 5);
    // the broker goes down (SIGTERM) and comes back while events keep being appended
    const restarting = kafkaBroker('restart', port!);
    await appendCases(cases, 10, 5);
    await restarting;
    await appendCases(cases, 5, 15);
    const all = await readTopic(kafka, topic, (seen) => new Set(seen.map((m) => (JSON.parse(m.value) as IntegrationEvent).id)).size >= 80, 120_000);
    await relay.stop();

    const ids = all.map((m) => (JSON.parse(m.value) as IntegrationEvent).id);
    expect(new Set(ids).size).toBe(80);
    for (const c of cases) {
      // at-least-once may repeat an event after a failure; order per case must hold regardless
      const steps = all.filter((m) => m.key === c).map((m) => (JSON.parse(m.value) as IntegrationEvent<{ step: number }>).data.step);
      const firstSeen = steps.filter((s, i) => steps.indexOf(s) === i);
      expect(firstSeen).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(steps.every((s, i) => i === 0 || s >= steps[i - 1] || steps.slice(0, i).includes(s))).toBe(true);
    }
  });
});
