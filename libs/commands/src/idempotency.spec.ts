import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@ehc/event-store';
import { fixedClock, ok } from '@ehc/domain-kernel';
import { createTestSchema, type TestSchema } from '@ehc/testing';
import { executeCommand, type CommandContext, type Decider } from './command-execution';
import { idempotencyScope, IdempotencyKeys, type IdempotencyClaim } from './idempotency';

type Command = { type: 'RequestAdvice'; data: { from: string } };
type Event = { type: 'AdviceRequested'; data: { from: string } };
// a command that never refuses: without the key, every repeat would append again
const adviceRequests: Decider<Command, Event, number, never> = {
  initialState: () => 0,
  evolve: (n) => n + 1,
  decide: ({ data }) => ok([{ type: 'AdviceRequested', data }]),
};
const context: CommandContext = { actor: { kind: 'user', id: 'caseworker-1' }, correlationId: 'c-1', occurredAt: '2026-01-05' };
const command: Command = { type: 'RequestAdvice', data: { from: 'EP service' } };

/**
 * The claim commits with the events, so two instances carrying out the same request (neither
 * knowing of the other) cannot both append: the second's transaction waits for the first's
 * claim and is refused, appending nothing.
 */
describe('an Idempotency-Key claimed in the transaction of the events (real PostgreSQL)', () => {
  let db: TestSchema;
  let store: PostgresEventStore;
  let keys: IdempotencyKeys;
  const clock = fixedClock('2026-11-26T12:00:00Z');

  beforeAll(async () => {
    db = await createTestSchema('idempotency');
    store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema });
    keys = await IdempotencyKeys.open(db.pool, db.schema, clock);
  });
  afterAll(() => db.drop());

  const attempt = (stream: string, key: string) => {
    const claim: IdempotencyClaim = { key, fingerprint: 'same request', requestId: randomUUID(), keys };
    return idempotencyScope.run(claim, () => executeCommand(store, adviceRequests, stream, command, context));
  };

  it('eight attempts at once with one key (as from eight instances): one appends, seven are refused with a 409 and append nothing', async () => {
    const stream = `case-${randomUUID()}`;
    const key = randomUUID();
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => attempt(stream, key)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.reason.problem).toMatchObject({ status: 409, type: expect.stringMatching(/IdempotentRequestInProgress$/) });
    expect(await store.readStream(stream)).toHaveLength(1);
    expect(await keys.find(key)).toMatchObject({ fingerprint: 'same request', answer: null });
  });

  it('a claim whose events were refused by the store is rolled back with them: the key stays free', async () => {
    const stream = `case-${randomUUID()}`;
    const key = randomUUID();
    await store.appendToStream(stream, [{ id: randomUUID(), type: 'AdviceRequested', schemaVersion: 1, data: {}, metadata: {} as never }], 'no-stream');
    const stale = { ...context, expectedRevision: 5 };
    const claim: IdempotencyClaim = { key, fingerprint: 'f', requestId: randomUUID(), keys };
    await expect(idempotencyScope.run(claim, () => executeCommand(store, adviceRequests, stream, command, stale))).rejects.toThrow();
    expect(await keys.find(key)).toBeNull();
  });

  it('one request may append more than once under its key (an import); a key past 24 hours is free again', async () => {
    const key = randomUUID();
    const claim: IdempotencyClaim = { key, fingerprint: 'import', requestId: randomUUID(), keys };
    await idempotencyScope.run(claim, async () => {
      await executeCommand(store, adviceRequests, `plan-${randomUUID()}`, command, context);
      await executeCommand(store, adviceRequests, `plan-${randomUUID()}`, command, context);
    });
    await db.pool.query(`UPDATE "${db.schema}".idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = $1`, [key]);
    expect(await keys.find(key)).toBeNull();
    await attempt(`case-${randomUUID()}`, key);
    expect(await keys.find(key)).toMatchObject({ fingerprint: 'same request' });
  });
});
