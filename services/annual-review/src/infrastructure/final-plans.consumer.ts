import type { EntityManager } from 'typeorm';
import type { EventStore } from '@ehc/event-store';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import {
  FINAL_PLAN_ISSUED_V1, NEEDS_ASSESSMENT_TOPIC, PERSONAL_DETAILS_ERASED_V1, type FinalPlanIssuedV1, type PersonalDetailsErasedV1,
} from '@ehc/contracts/needs-assessment';
import { PersonalData, type PersonDetails } from '@ehc/personal-data';
import { type ServiceRuntime } from '@ehc/host';
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
export function finalPlansConsumer(runtime: ServiceRuntime, settings: SettingsDirectory, reviewAnchor: 'review-decision' | 'meeting'): IntegrationEventHandler<PersonDetails | null> {
  const store: EventStore = runtime.store;
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  return {
    consumer: FINAL_PLANS_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC],
    types: [FINAL_PLAN_ISSUED_V1, PERSONAL_DETAILS_ERASED_V1],
    // the child's details come from the person directory (HTTP in distributed mode): asked before
    // the transaction opens, and only when this service has no copy yet
    async prepare(event: IntegrationEvent) {
      if (event.type !== FINAL_PLAN_ISSUED_V1) return null;
      const { childId } = event.data as FinalPlanIssuedV1;
      if (await personal.hasPerson(childId)) return null;
      const found = await runtime.directory.find(childId);
      return found ? { givenName: found.givenName ?? '', familyName: found.familyName ?? '', dateOfBirth: found.dateOfBirth } : null;
    },
    async handle(event: IntegrationEvent, tx: EntityManager, details?: PersonDetails | null) {
      if (event.type === PERSONAL_DETAILS_ERASED_V1) {
        // the family's details were erased where they were collected: erase this service's copy too
        const { personId } = event.data as PersonalDetailsErasedV1;
        const plans = await tx.getRepository(PlanFile).find({ where: { childId: personId }, select: { streamId: true } });
        await personal.erase(personId, plans.map((p) => p.streamId), tx);
        return;
      }
      const d = event.data as FinalPlanIssuedV1;
      // an erasable copy of the child's details, so reviews and letters can name them; committed
      // with the inbox marker, so a redelivery neither loses nor doubles it
      if (details && !(await personal.hasPerson(d.childId, tx))) await personal.recordPerson(details, d.childId, tx);
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
