import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fixedClock } from '@ehc/domain-kernel';
import { PostgresEventStore, type NewEvent } from '@ehc/event-store';
import { deliverOnce, ensureInbox, forgetProcessed, type IntegrationEvent } from '@ehc/messaging';
import { TRIBUNAL_ORDER_MADE_V1, type TribunalOrderMadeV1 } from '@ehc/contracts/tribunal';
import { createTestDataSource, createTestSchema, type TestSchema } from '@ehc/testing';
import type { Event } from '../domain/events';
import { planStream } from '../domain/annual-review';
import { TRIBUNAL_ORDERS_CONSUMER, tribunalOrdersConsumer } from './tribunal-orders.consumer';

// Worked example 17: the tribunal's order of Mon 2026-11-02 on a plan, delivered as the relay
// publishes it, through the same delivery (inbox in the handler's transaction) both buses use.
describe('tribunal orders reaching an EHC plan', () => {
  let db: TestSchema;
  let ds: DataSource;
  let store: PostgresEventStore;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const quick = { maxAttempts: 2, baseBackoffMs: 1 };

  beforeAll(async () => {
    db = await createTestSchema('ar_orders');
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
    metadata: { occurredAt: '2025-05-20', actor: { kind: 'system', id: 'import' }, correlationId: randomUUID(), causationId: null },
  });
  const entered: Event = { type: 'PlanEntered', data: {
    source: { kind: 'import', reference: 'LEG-0017' }, childId: randomUUID(), cohort: null, planIssuedOn: '2025-05-20', lastReviewedOn: null,
    namedSetting: { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'primary' }, caseworkerId: 'cw-1',
    reviewAnchor: 'review-decision', reviewDueBy: '2026-05-19', suggestedReviews: [],
  } };
  const newPlan = async (events: Event[] = [entered]) => {
    const planId = randomUUID();
    await store.appendToStream(planStream(planId), events.map(stored), 'no-stream');
    return planId;
  };
  const orderMade = (planId: string, over: Partial<TribunalOrderMadeV1> = {}): IntegrationEvent<TribunalOrderMadeV1> => ({
    id: randomUUID(), type: TRIBUNAL_ORDER_MADE_V1, subject: `disagreement-${randomUUID()}`, occurredAt: '2026-11-02', recordedAt: '2026-11-02T10:02:11.000Z',
    correlationId: randomUUID(), causationId: null, sourcePosition: 1005,
    data: {
      decisionId: randomUUID(), source: { service: 'annual-review', id: planId }, childId: null, appealId: randomUUID(), orderId: 'order-1',
      kind: 'amend-section-i-only', orderedOn: '2026-11-02', concession: false, amendmentOrdered: false, steps: [{ step: 'amended-plan', dueBy: '2026-11-16' }],
      ...over,
    },
  });
  const types = async (planId: string) => (await store.readStream(planStream(planId))).map((e) => e.type);
  const handler = () => tribunalOrdersConsumer({ store, clock });

  it('opens the ordered amendment once when the same order is delivered twice: the inbox takes the second', async () => {
    const planId = await newPlan();
    const order = orderMade(planId);
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'handled' });
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'duplicate' });
    expect(await types(planId)).toEqual(['PlanEntered', 'TribunalOrderReceived']);
    const [received] = (await store.readStream(planStream(planId))).slice(-1);
    expect(received.data).toMatchObject({ kind: 'amend-section-i-only', orderedOn: '2026-11-02', amendmentId: 'amendment-1', steps: [{ step: 'amended-plan', dueBy: '2026-11-16' }] });
    expect(received.metadata).toMatchObject({ occurredAt: '2026-11-02', actor: { kind: 'system', id: TRIBUNAL_ORDERS_CONSUMER }, causationId: order.id });
  });

  it('changes nothing when the order comes again past the inbox (a replay, another consumer group): the plan knows its order', async () => {
    const planId = await newPlan();
    const order = orderMade(planId);
    await deliverOnce(ds, db.schema, handler(), order, quick);
    await forgetProcessed(ds, db.schema, TRIBUNAL_ORDERS_CONSUMER);
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'handled' });
    expect(await deliverOnce(ds, db.schema, handler(), { ...order, id: randomUUID() }, quick)).toEqual({ outcome: 'handled' });
    expect(await types(planId)).toEqual(['PlanEntered', 'TribunalOrderReceived']);
  });

  it('reaches the plan made by an assessment when the order is on that final plan\'s sections (its decision was the needs assessment\'s)', async () => {
    const planId = await newPlan();
    const order = orderMade(planId, { source: { service: 'needs-assessment', id: planId }, kind: 'amend-special-educational-provision', steps: [{ step: 'amended-plan', dueBy: '2026-12-07' }] });
    expect(await deliverOnce(ds, db.schema, handler(), order, quick)).toEqual({ outcome: 'handled' });
    expect(await types(planId)).toEqual(['PlanEntered', 'TribunalOrderReceived']);
  });

  it('fails an order the plan cannot take, or one it does not carry out, naming why, so the bus dead-letters it; nothing is appended', async () => {
    const planId = await newPlan();
    expect(await deliverOnce(ds, db.schema, handler(), orderMade(planId, { kind: 'cease-appeal-dismissed', steps: [{ step: 'plan-ceased', dueBy: '2026-11-02' }] }), quick))
      .toMatchObject({ outcome: 'failed', attempts: 2, error: expect.stringContaining('NoCeaseDecision') });
    expect(await deliverOnce(ds, db.schema, handler(), orderMade(planId, { kind: 'assess-or-reassess' }), quick))
      .toMatchObject({ outcome: 'failed', error: expect.stringContaining('does not carry out this kind of order') });
    expect(await deliverOnce(ds, db.schema, handler(), orderMade(randomUUID()), quick)).toMatchObject({ outcome: 'failed', error: expect.stringContaining('NoPlanOnFile') });
    expect(await types(planId)).toEqual(['PlanEntered']);
  });

  it('passes over orders that are not this service\'s: an assessment\'s own, a decision before the hub', async () => {
    const planId = await newPlan();
    for (const over of [
      { source: { service: 'needs-assessment', id: planId }, kind: 'assess-or-reassess' },
      { source: { service: 'before-the-hub', id: 'LA-REF-77' } },
    ] as Partial<TribunalOrderMadeV1>[]) {
      expect(await deliverOnce(ds, db.schema, handler(), orderMade(planId, over), quick)).toEqual({ outcome: 'handled' });
    }
    expect(await types(planId)).toEqual(['PlanEntered']);
  });
});
