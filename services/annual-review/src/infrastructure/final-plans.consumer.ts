import type { EntityManager } from 'typeorm';
import type { EventStore } from '@ehc/event-store';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { FINAL_PLAN_ISSUED_V1, NEEDS_ASSESSMENT_TOPIC, type FinalPlanIssuedV1 } from '@ehc/contracts/needs-assessment';
import { londonDateOf } from '@ehc/domain-kernel';
import { executePlanCommand } from '../application/plan-command';
import { planIdFor } from './plan-ids';
import { settingForPlan } from './settings/setting-for-plan';
import type { SettingsDirectory } from './settings/settings-directory';

export const FINAL_PLANS_CONSUMER = 'annual-review.final-plans';

/**
 * A final plan issued by the needs-assessment service enters the review cycle. Entering is
 * idempotent twice over: the inbox marks the event processed, and the plan's id is derived from the
 * case, so even a replay finds the plan already entered and changes nothing.
 */
export function finalPlansConsumer(store: EventStore, settings: SettingsDirectory, reviewAnchor: 'review-decision' | 'meeting'): IntegrationEventHandler {
  return {
    consumer: FINAL_PLANS_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC],
    types: [FINAL_PLAN_ISSUED_V1],
    async handle(event: IntegrationEvent, _tx: EntityManager) {
      const d = event.data as FinalPlanIssuedV1;
      const source = { kind: 'needs-assessment' as const, caseId: d.caseId };
      const planId = planIdFor(source);
      const record = d.namedSetting.urn ? await settings.byUrn(d.namedSetting.urn) : null;
      const result = await executePlanCommand(store, planId, {
        type: 'EnterPlan',
        data: {
          source, childId: d.childId, cohort: d.cohort ?? null, planIssuedOn: d.issuedOn, lastReviewedOn: null,
          namedSetting: settingForPlan(d.namedSetting.urn, d.namedSetting.name, record), caseworkerId: d.caseworkerId, reviewAnchor,
          today: londonDateOf(new Date()),
        },
      }, { actor: { kind: 'system', id: FINAL_PLANS_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: d.issuedOn });
      if (!result.ok && result.error !== 'PlanAlreadyEntered') throw new Error(`final plan ${d.caseId} could not enter the review cycle: ${result.error}`);
    },
  };
}
