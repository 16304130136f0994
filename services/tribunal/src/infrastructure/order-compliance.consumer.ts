import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { todayInLondon } from '@ehc/domain-kernel';
import { NEEDS_ASSESSMENT_TOPIC, TRIBUNAL_ORDER_STEP_COMPLETED_V1 as NA_ORDER_STEP_COMPLETED_V1, type TribunalOrderStepCompletedV1 as NaStepCompleted } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC, TRIBUNAL_ORDER_STEP_COMPLETED_V1 as AR_ORDER_STEP_COMPLETED_V1, type TribunalOrderStepCompletedV1 as ArStepCompleted } from '@ehc/contracts/annual-review';
import type { ServiceRuntime } from '@ehc/host';
import { executeDisagreementCommand } from '../application/disagreement-command';
import type { StepCompletedBy } from '../domain/events';

export const ORDER_COMPLIANCE_CONSUMER = 'tribunal.order-compliance';

/**
 * The services that must comply with an order say when they did each step (the decision to assess,
 * the final plan, the amended plan...): the step's compliance deadline closes here. Idempotent: the
 * inbox, and a step already done is taken as done.
 */
export function orderComplianceConsumer(runtime: ServiceRuntime): IntegrationEventHandler {
  return {
    consumer: ORDER_COMPLIANCE_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC],
    types: [NA_ORDER_STEP_COMPLETED_V1, AR_ORDER_STEP_COMPLETED_V1],
    async handle(event: IntegrationEvent) {
      const d = event.data as NaStepCompleted | ArStepCompleted;
      const by: StepCompletedBy = event.type === NA_ORDER_STEP_COMPLETED_V1 ? 'needs-assessment' : 'annual-review';
      const result = await executeDisagreementCommand(runtime.store, d.decisionId, {
        type: 'RecordCompliance', data: { orderId: d.orderId, step: d.step, on: d.completedOn, by, today: todayInLondon(runtime.clock) },
      }, { actor: { kind: 'system', id: ORDER_COMPLIANCE_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: d.completedOn });
      if (!result.ok && result.error !== 'StepAlreadyCompleted') throw new Error(`order ${d.orderId} of decision ${d.decisionId}: step ${d.step} could not be recorded: ${result.error}`);
    },
  };
}
