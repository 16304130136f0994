import type { EntityManager } from 'typeorm';
import type { EventStore } from '@ehc/event-store';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import {
  FINAL_PLAN_ISSUED_V1, NEEDS_ASSESSMENT_TOPIC, PERSONAL_DETAILS_ERASED_V1, type FinalPlanIssuedV1, type PersonalDetailsErasedV1,
} from '@ehc/contracts/needs-assessment';
import { PersonalData, type ServiceRuntime } from '@ehc/platform';
import { PlanFile } from './read-models/plan-file.entity';
import { todayInLondon } from '@ehc/domain-kernel';
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
export function finalPlansConsumer(runtime: ServiceRuntime, settings: SettingsDirectory, reviewAnchor: 'review-decision' | 'meeting'): IntegrationEventHandler {
  const store: EventStore = runtime.store;
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  return {
    consumer: FINAL_PLANS_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC],
    types: [FINAL_PLAN_ISSUED_V1, PERSONAL_DETAILS_ERASED_V1],
    async handle(event: IntegrationEvent, tx: EntityManager) {
      if (event.type === PERSONAL_DETAILS_ERASED_V1) {
        // the family's details were erased where they were collected: erase this service's copy too
        const { personId } = event.data as PersonalDetailsErasedV1;
        const plans = await tx.getRepository(PlanFile).find({ where: { childId: personId }, select: { streamId: true } });
        await personal.erase(personId, plans.map((p) => p.streamId));
        return;
      }
      const d = event.data as FinalPlanIssuedV1;
      // an erasable copy of the child's details, so reviews and letters can name them
      if (!(await personal.person(d.childId))) {
        const details = await runtime.directory.find(d.childId);
        if (details) await personal.recordPerson({ givenName: details.givenName ?? '', familyName: details.familyName ?? '', dateOfBirth: details.dateOfBirth }, d.childId);
      }
      const source = { kind: 'needs-assessment' as const, caseId: d.caseId, ...(d.reference ? { reference: d.reference } : {}) };
      const planId = planIdFor(source);
      const record = d.namedSetting.urn ? await settings.byUrn(d.namedSetting.urn) : null;
      const result = await executePlanCommand(store, planId, {
        type: 'EnterPlan',
        data: {
          source, childId: d.childId, cohort: d.cohort ?? null, planIssuedOn: d.issuedOn, lastReviewedOn: null,
          namedSetting: settingForPlan(d.namedSetting.urn, d.namedSetting.name, record), caseworkerId: d.caseworkerId, reviewAnchor,
          today: todayInLondon(runtime.clock),
        },
      }, { actor: { kind: 'system', id: FINAL_PLANS_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: d.issuedOn });
      if (!result.ok && result.error !== 'PlanAlreadyEntered') throw new Error(`final plan ${d.caseId} could not enter the review cycle: ${result.error}`);
    },
  };
}
