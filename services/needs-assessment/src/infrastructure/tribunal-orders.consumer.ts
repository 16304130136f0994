import type { EventStore } from '@ehc/event-store';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { isUuid, todayInLondon, type Clock } from '@ehc/domain-kernel';
import { TRIBUNAL_ORDER_MADE_V1, TRIBUNAL_TOPIC, type OrderKindV1, type OrderStepV1, type TribunalOrderMadeV1 } from '@ehc/contracts/tribunal';
import { CASE_ORDER_STEPS } from '@ehc/contracts/needs-assessment';
import { executeCaseCommand } from '../application/case-command';
import type { OrderKind, OrderStep } from '../domain/events';

export const TRIBUNAL_ORDERS_CONSUMER = 'needs-assessment.tribunal-orders';

/** The orders an assessment case complies with (reg 44(2)(a), (b)); the others are the annual review's, on the plan. */
const CASE_ORDER_KINDS: readonly OrderKind[] = ['assess-or-reassess', 'make-and-maintain-plan'];
const isCaseOrder = (kind: OrderKindV1): kind is OrderKind => (CASE_ORDER_KINDS as readonly string[]).includes(kind);
const isCaseStep = (s: { step: OrderStepV1 }): s is { step: OrderStep; dueBy: string } => (CASE_ORDER_STEPS as readonly string[]).includes(s.step);

/**
 * A tribunal order about a needs-assessment decision (a refusal to assess, a decision not to issue a
 * plan) reopens the case on the order's dates. Idempotent twice over, as the final plans entering
 * the annual review: the inbox marks the event processed, and the case knows its orders, so a
 * replay is refused as OrderAlreadyReceived and changes nothing. Any other refusal (the case is not
 * in a state the order applies to) is thrown: retried, then dead-lettered with its rule for someone
 * to look at, never looped on for ever.
 */
export function tribunalOrdersConsumer(runtime: { store: EventStore; clock: Clock }): IntegrationEventHandler {
  return {
    consumer: TRIBUNAL_ORDERS_CONSUMER,
    topics: [TRIBUNAL_TOPIC],
    types: [TRIBUNAL_ORDER_MADE_V1],
    async handle(event: IntegrationEvent) {
      const order = event.data as TribunalOrderMadeV1;
      // a plan's orders (amend, cease) are the annual review's, even on a plan this case made; a decision before the hub has no case here
      if (order.source.service !== 'needs-assessment' || !isCaseOrder(order.kind)) return;
      if (!isUuid(order.source.id)) throw new Error(`tribunal order ${order.orderId} on decision ${order.decisionId}: ${order.source.id} is not a case id`);
      const result = await executeCaseCommand(runtime.store, order.source.id.toLowerCase(), {
        type: 'ReceiveTribunalOrder',
        data: {
          on: order.orderedOn, today: todayInLondon(runtime.clock), orderId: order.orderId, decisionId: order.decisionId, appealId: order.appealId,
          kind: order.kind, concession: order.concession, steps: order.steps.filter(isCaseStep),
        },
      }, { actor: { kind: 'system', id: TRIBUNAL_ORDERS_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: order.orderedOn });
      if (!result.ok && result.error !== 'OrderAlreadyReceived') {
        throw new Error(`tribunal order ${order.orderId} on decision ${order.decisionId} could not be received on case ${order.source.id}: ${result.error}`);
      }
    },
  };
}
