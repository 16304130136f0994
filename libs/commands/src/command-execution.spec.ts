import { randomUUID } from 'node:crypto';
import { inTransaction, PostgresEventStore, WrongExpectedRevisionError, type EventStore } from '@ehc/event-store';
import { fail, ok } from '@ehc/domain-kernel';
import { createTestSchema, type TestSchema } from '@ehc/testing';
import { COMMAND_ATTEMPTS, executeCommand, type CommandContext, type Decider } from './command-execution';

// SEND Regs 2014 reg 6: an EHC needs assessment seeks advice from each adviser once.
type Command = { type: 'RequestAdvice'; data: { from: string } };
type Event = { type: 'AdviceRequested'; data: { from: string; requestNumber: number } };
const adviceRequests: Decider<Command, Event, string[], 'AdviceAlreadyRequested'> = {
  initialState: () => [],
  evolve: (asked, event) => [...asked, event.data.from],
  decide: ({ data }, asked) =>
    asked.includes(data.from)
      ? fail('AdviceAlreadyRequested')
      : ok([{ type: 'AdviceRequested', data: { from: data.from, requestNumber: asked.length + 1 } }]),
};

const context = (expectedRevision?: number): CommandContext => ({
  actor: { kind: 'user', id: 'caseworker-1' }, correlationId: randomUUID(), occurredAt: '2026-01-05', expectedRevision,
});

/** The real store, with `rival` run between the command's read of the stream and its append. */
function withRivalAfterEachRead(store: EventStore, rival: () => Promise<unknown>, times = 1): EventStore {
  let left = times;
  return {
    appendToStream: (stream, events, expected) => store.appendToStream(stream, events, expected),
    readStream: async (stream, options) => {
      const read = await store.readStream(stream, options);
      if (left-- > 0) await rival();
      return read;
    },
    readAll: (options) => store.readAll(options),
    headPosition: () => store.headPosition(),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
  };
}

describe('executing a command against a stream others are writing to (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let stream: string;
  beforeEach(async () => {
    db = await createTestSchema('command_execution');
    store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema });
    stream = `ehcna-${randomUUID()}`;
  });
  afterEach(() => db.drop());

  const requestAdvice = (on: EventStore, from: string, expectedRevision?: number) =>
    executeCommand(on, adviceRequests, stream, { type: 'RequestAdvice', data: { from } }, context(expectedRevision));
  const stored = async () => (await store.readStream(stream)).map((e) => e.data);

  it('decides again on the newer state when another command appends between its read and its append', async () => {
    let rival: Awaited<ReturnType<typeof requestAdvice>> | undefined;
    const racing = withRivalAfterEachRead(store, async () => { rival = await requestAdvice(store, 'educational psychologist'); });
    const result = await requestAdvice(racing, 'health');
    expect(rival).toMatchObject({ ok: true, revision: 0 });
    expect(result).toMatchObject({ ok: true, revision: 1 });
    expect(await stored()).toEqual([
      { from: 'educational psychologist', requestNumber: 1 },
      { from: 'health', requestNumber: 2 },
    ]);
  });

  it('lands every one of several commands sent at once', async () => {
    const advisers = ['educational psychologist', 'health', 'social care', 'early years setting'];
    const results = await Promise.all(advisers.map((from) => requestAdvice(store, from)));
    expect(results.every((r) => r.ok)).toBe(true);
    const data = (await stored()) as Event['data'][];
    expect(data.map((d) => d.from).sort()).toEqual([...advisers].sort());
    expect(data.map((d) => d.requestNumber)).toEqual([1, 2, 3, 4]);
  });

  it('returns the refusal when the newer state refuses the command', async () => {
    const racing = withRivalAfterEachRead(store, () => requestAdvice(store, 'health'));
    expect(await requestAdvice(racing, 'health')).toEqual({ ok: false, error: 'AdviceAlreadyRequested' });
    expect(await stored()).toEqual([{ from: 'health', requestNumber: 1 }]);
  });

  it("is a conflict, not retried, when the caller's expected revision is stale", async () => {
    await requestAdvice(store, 'health');
    const racing = withRivalAfterEachRead(store, () => requestAdvice(store, 'social care'));
    const error = await requestAdvice(racing, 'educational psychologist', 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((error as WrongExpectedRevisionError).actual).toBe(1);
    expect(await stored()).toEqual([{ from: 'health', requestNumber: 1 }, { from: 'social care', requestNumber: 2 }]);
  });

  it('is a conflict after the last attempt when the stream moves on before every append', async () => {
    let rivals = 0;
    const busy = withRivalAfterEachRead(store, () => requestAdvice(store, `adviser ${++rivals}`), Infinity);
    await expect(requestAdvice(busy, 'health')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(rivals).toBe(COMMAND_ATTEMPTS);
    expect((await stored()).some((d) => (d as Event['data']).from === 'health')).toBe(false);
  });

  it('reads and decides again when a stream taken for new in the caller\'s transaction is there after all', async () => {
    await requestAdvice(store, 'health');
    const inCallersTransaction = (from: string) => inTransaction(db.pool, (client) =>
      executeCommand(store, adviceRequests, stream, { type: 'RequestAdvice', data: { from } }, context(), {}, { within: client, newStream: true }));
    expect(await inCallersTransaction('health')).toEqual({ ok: false, error: 'AdviceAlreadyRequested' });
    expect(await inCallersTransaction('social care')).toMatchObject({ ok: true, revision: 1 });
    expect(await stored()).toEqual([{ from: 'health', requestNumber: 1 }, { from: 'social care', requestNumber: 2 }]);
  });
});
