import type { EventStore } from '@ehc/event-store';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { isUuid, todayInLondon, type Clock } from '@ehc/domain-kernel';
import { TRIBUNAL_ORDER_MADE_V1, TRIBUNAL_TOPIC, type OrderKindV1, type OrderStepV1, type TribunalOrderMadeV1 } from '@ehc/contracts/tribunal';
import { PLAN_ORDER_STEPS } from '@ehc/contracts/annual-review';
import { executePlanCommand } from '../application/plan-command';
import type { OrderKind, OrderStep } from '../domain/events';
import { planIdFor } from './plan-ids';

export const TRIBUNAL_ORDERS_CONSUMER = 'annual-review.tribunal-orders';

/** The orders a maintained plan complies with (reg 44(2)(d)-(h), domain §3.4). */
const PLAN_ORDER_KINDS: readonly OrderKind[] = [
  'amend-special-educational-provision', 'amend-section-i-only', 'amend-provision-and-section-i', 'cease-decision-overturned', 'cease-appeal-dismissed',
];
const isPlanOrder = (kind: OrderKindV1): kind is OrderKind => (PLAN_ORDER_KINDS as readonly string[]).includes(kind);
const isPlanStep = (s: { step: OrderStepV1 }): s is { step: OrderStep; dueBy: string } => (PLAN_ORDER_STEPS as readonly string[]).includes(s.step);

/**
 * The plan an order is about: an annual review decision names the plan; a final plan the
 * needs-assessment service issued (an appeal against its sections B, F or I) names the case, and
 * the plan entered from it keeps the case's id (plan-ids.ts).
 */
function planOf(order: TribunalOrderMadeV1): string | null {
  if (!isUuid(order.source.id)) return null;
  const id = order.source.id.toLowerCase();
  return order.source.service === 'needs-assessment' ? planIdFor({ kind: 'needs-assessment', caseId: `ehcna-${id}` }) : id;
}

/**
 * A tribunal order about an EHC plan opens the ordered work on the plan, on the order's dates.
 * Idempotent twice over, as the final plans entering the review cycle: the inbox marks the event
 * processed, and the plan knows its orders, so a replay is refused as OrderAlreadyReceived and
 * changes nothing. Any other refusal (the plan is not in a state the order applies to), and an
 * order this service does not carry out yet (a reassessment), is thrown: retried, then
 * dead-lettered with its reason for someone to look at, never looped on for ever.
 */
export function tribunalOrdersConsumer(runtime: { store: EventStore; clock: Clock }): IntegrationEventHandler {
  return {
    consumer: TRIBUNAL_ORDERS_CONSUMER,
    topics: [TRIBUNAL_TOPIC],
    types: [TRIBUNAL_ORDER_MADE_V1],
    async handle(event: IntegrationEvent) {
      const order = event.data as TribunalOrderMadeV1;
      const ours = order.source.service === 'annual-review' || (order.source.service === 'needs-assessment' && isPlanOrder(order.kind));
      // an assessment's own orders are the needs-assessment service's; a decision before the hub has no plan here
      if (!ours) return;
      const ref = `tribunal order ${order.orderId} (${order.kind}) on decision ${order.decisionId}`;
      if (!isPlanOrder(order.kind)) throw new Error(`${ref}: the annual review does not carry out this kind of order on plan ${order.source.id}`);
      const planId = planOf(order);
      if (!planId) throw new Error(`${ref}: ${order.source.id} is not a plan id`);
      const result = await executePlanCommand(runtime.store, planId, {
        type: 'ReceiveTribunalOrder',
        data: {
          on: order.orderedOn, today: todayInLondon(runtime.clock), orderId: order.orderId, decisionId: order.decisionId, appealId: order.appealId,
          kind: order.kind, concession: order.concession, amendmentOrdered: order.amendmentOrdered, steps: order.steps.filter(isPlanStep),
        },
      }, { actor: { kind: 'system', id: TRIBUNAL_ORDERS_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: order.orderedOn });
      if (!result.ok && result.error !== 'OrderAlreadyReceived') throw new Error(`${ref} could not be received on plan ${planId}: ${result.error}`);
    },
  };
}
