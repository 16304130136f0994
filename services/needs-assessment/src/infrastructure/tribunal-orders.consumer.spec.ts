import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fixedClock } from '@ehc/domain-kernel';
import { PostgresEventStore, type NewEvent } from '@ehc/event-store';
import { deliverOnce, ensureInbox, forgetProcessed, type IntegrationEvent } from '@ehc/messaging';
import { TRIBUNAL_ORDER_MADE_V1, type TribunalOrderMadeV1 } from '@ehc/contracts/tribunal';
import { createTestDataSource, createTestSchema, type TestSchema } from '@ehc/testing';
import type { Event } from '../domain/events';
import { caseStream } from '../domain/needs-assessment';
import { TRIBUNAL_ORDERS_CONSUMER, tribunalOrdersConsumer } from './tribunal-orders.consumer';

// Worked example 17: the tribunal's order of Mon 2026-11-02 on a refusal to assess, delivered as the
// relay publishes it, through the same delivery (inbox in the handler's transaction) both buses use.
describe('tribunal orders reaching a needs-assessment case', () => {
  let db: TestSchema;
  let ds: DataSource;
  let store: PostgresEventStore;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const quick = { maxAttempts: 2, baseBackoffMs: 1 };

  beforeAll(async () => {
    db = await createTestSchema('na_orders');
    ds = await createTestDataSource(db.url, db.schema);
    await ensureInbox(ds, db.schema);
    store = await PostgresEventStore.create({ pool: db.pool, schema: db.schema, pollMs: 20 });
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const stored = (e: Event): NewEvent => ({
    id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data,
    metadata: { occurredAt: '2026-06-01', actor: { kind: 'user', id: 'cw-1' }, correlationId: randomUUID(), causationId: null },
  });
  const requested: Event = { type: 'NeedsAssessmentRequested', data: {
    reference: 'NA-2026-00031', childId: randomUUID(), cohort: null, requestedBy: 'parent', receivedOn: '2026-06-01', caseworkerId: 'cw-1', decisionDueBy: '2026-07-13',
  } };
  const refusal: Event = { type: 'DecidedNotToAssess', data: { decidedOn: '2026-07-10', withinStatutoryTime: true, reasonsDocumentId: null } };
  const newCase = async (events: Event[]) => {
    const caseId = randomUUID();
    await store.appendToStream(caseStream(caseId), events.map(stored), 'no-stream');
    return caseId;
  };
  const orderMade = (caseId: string, over: Partial<TribunalOrderMadeV1> = {}): IntegrationEvent<TribunalOrderMadeV1> => ({
    id: randomUUID(), type: TRIBUNAL_ORDER_MADE_V1, subject: `disagreement-${randomUUID()}`, occurredAt: '2026-11-02', recordedAt: '2026-11-02T10:02:11.000Z',
    correlationId: randomUUID(), causationId: null, sourcePosition: 1005,
    data: {
      decisionId: randomUUID(), source: { service: 'needs-assessment', id: caseId }, childId: null, appealId: randomUUID(), orderId: 'order-1',
      kind: 'assess-or-reassess', orderedOn: '2026-11-02', concession: false, amendmentOrdered: false,
      steps: [{ step: 'notify', dueBy: '2026-11-16' }, { step: 'decision-not-to-issue', dueBy: '2027-01-11' }, { step: 'final-plan', dueBy: '2027-02-08' }],
      ...over,
    },
  });
  const types = async (caseId: string) => (await store.readStream(caseStream(caseId))).map((e) => e.type);
  const handler = () => tribunalOrdersConsumer({ store, clock });

  it('reopens the case once when the same order is delivered twice: the inbox takes the second', async () => {
    const caseId = await newCase([requested, refusal]);
    const order = orderMade(caseId);
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'handled' });
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'duplicate' });
    expect(await types(caseId)).toEqual(['NeedsAssessmentRequested', 'DecidedNotToAssess', 'TribunalOrderReceived']);
    const [received] = (await store.readStream(caseStream(caseId))).slice(-1);
    expect(received.data).toEqual({
      orderId: 'order-1', decisionId: order.data.decisionId, appealId: order.data.appealId, kind: 'assess-or-reassess', orderedOn: '2026-11-02', concession: false,
      steps: order.data.steps,
    });
    expect(received.metadata).toMatchObject({ occurredAt: '2026-11-02', actor: { kind: 'system', id: TRIBUNAL_ORDERS_CONSUMER }, causationId: order.id, correlationId: order.correlationId });
  });

  it('changes nothing when the order comes again past the inbox (a replay, another consumer group): the case knows its order', async () => {
    const caseId = await newCase([requested, refusal]);
    const order = orderMade(caseId);
    await deliverOnce(ds, db.schema, handler(), order, quick);
    await forgetProcessed(ds, db.schema, TRIBUNAL_ORDERS_CONSUMER);
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'handled' });
    // the same order published again under another event id (the tribunal service's relay replayed) is the same order too
    expect(await deliverOnce(ds, db.schema, handler(), { ...order, id: randomUUID() }, quick)).toEqual({ outcome: 'handled' });
    expect(await types(caseId)).toEqual(['NeedsAssessmentRequested', 'DecidedNotToAssess', 'TribunalOrderReceived']);
  });

  it('fails an order the case cannot take, naming the rule, so the bus dead-letters it instead of retrying for ever; nothing is appended', async () => {
    const caseId = await newCase([requested]);
    const outcome = await deliverOnce(ds, db.schema, handler(), orderMade(caseId), quick);
    expect(outcome).toMatchObject({ outcome: 'failed', attempts: 2, error: expect.stringContaining('NoRefusalToAssess') });
    const unknown = await deliverOnce(ds, db.schema, handler(), orderMade(randomUUID()), quick);
    expect(unknown).toMatchObject({ outcome: 'failed', error: expect.stringContaining('NoRequestOnFile') });
    expect(await types(caseId)).toEqual(['NeedsAssessmentRequested']);
  });

  it('passes over orders that are not this service\'s: a plan\'s amendment, an annual review\'s decision, a decision before the hub', async () => {
    const caseId = await newCase([requested, refusal]);
    for (const over of [
      { kind: 'amend-section-i-only', steps: [{ step: 'amended-plan', dueBy: '2026-11-16' }] },
      { source: { service: 'annual-review', id: caseId } },
      { source: { service: 'before-the-hub', id: 'LA-REF-77' } },
    ] as Partial<TribunalOrderMadeV1>[]) {
      expect(await deliverOnce(ds, db.schema, handler(), orderMade(caseId, over), quick)).toEqual({ outcome: 'handled' });
    }
    expect(await types(caseId)).toEqual(['NeedsAssessmentRequested', 'DecidedNotToAssess']);
  });
});
