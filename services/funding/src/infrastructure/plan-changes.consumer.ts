import type { EntityManager } from 'typeorm';
import { Logger } from '@nestjs/common';
import { transactionClient, type IntegrationEvent, type IntegrationEventHandler } from '@ehc/messaging';
import { todayInLondon } from '@ehc/domain-kernel';
import { caseUuidOf, FINAL_PLAN_ISSUED_V1, NEEDS_ASSESSMENT_TOPIC, type FinalPlanIssuedV1 } from '@ehc/contracts/needs-assessment';
import {
  AMENDED_PLAN_ISSUED_V1, ANNUAL_REVIEW_TOPIC, DUAL_REGISTRATION_AGREED_V1, DUAL_REGISTRATION_ENDED_V1, PLAN_CEASED_V1, PROVISION_FORM_SUBMITTED_V1,
  type AmendedPlanIssuedV1, type DualRegistrationAgreedV1, type DualRegistrationEndedV1, type PlanCeasedV1, type ProvisionFormSubmittedV1,
} from '@ehc/contracts/annual-review';
import type { ServiceRuntime } from '@ehc/host';
import { executeFundingCommand } from '../application/funding-command';
import { PLAN_FUNDING } from '../application/aggregates';
import type { Command } from '../domain/plan-funding/plan-funding';
import { SETTING_TYPES, type SettingType } from '../domain/plan-funding/events';

export const PLAN_CHANGES_CONSUMER = 'funding.plan-changes';

const planOf = (annualReviewPlanId: string) => annualReviewPlanId.replace(/^annualReview-/, '');
const settingType = (type: string): SettingType => ((SETTING_TYPES as readonly string[]).includes(type) ? (type as SettingType) : 'other');

/** The funding command a published plan change asks for, on the plan it belongs to; null for none. */
export function commandFor(event: IntegrationEvent, today: string): { planId: string; command: Command; on: string } | null {
  switch (event.type) {
    case FINAL_PLAN_ISSUED_V1: {
      const d = event.data as FinalPlanIssuedV1;
      const planId = caseUuidOf(d.caseId);
      return { planId, on: d.issuedOn, command: { type: 'PutInAwaitingFundingTray', data: {
        planId, childId: d.childId, reference: d.reference ?? null, source: 'final-plan', issuedOn: d.issuedOn,
        // the assessment names the setting; its type comes from the annual review's directory, or the officer
        namedSetting: { urn: d.namedSetting.urn, name: d.namedSetting.name, type: null }, today,
      } } };
    }
    case AMENDED_PLAN_ISSUED_V1: {
      const d = event.data as AmendedPlanIssuedV1;
      const planId = planOf(d.planId);
      return { planId, on: d.issuedOn, command: { type: 'PutInAwaitingFundingTray', data: {
        planId, childId: d.childId, reference: null, source: 'amended-plan', issuedOn: d.issuedOn,
        namedSetting: { urn: d.namedSetting.urn, name: d.namedSetting.name, type: settingType(d.namedSetting.type) }, today,
      } } };
    }
    case PLAN_CEASED_V1: {
      const d = event.data as PlanCeasedV1;
      return { planId: planOf(d.planId), on: d.ceasedOn, command: { type: 'RecordPlanCeased', data: { on: d.ceasedOn, ceasedOn: d.ceasedOn, reason: d.reason, today } } };
    }
    case DUAL_REGISTRATION_AGREED_V1: {
      const d = event.data as DualRegistrationAgreedV1;
      // funding pays a school by its URN: a mainstream school without one cannot be paid (logged by the caller)
      if (!d.mainstream.urn) return null;
      return { planId: planOf(d.planId), on: d.agreedOn, command: { type: 'RecordDualRegistration', data: {
        on: d.agreedOn, dualRegistrationId: d.dualRegistrationId, mainstreamUrn: d.mainstream.urn, mainstreamName: d.mainstream.name, startOn: d.startOn, split: d.split, today,
      } } };
    }
    case PROVISION_FORM_SUBMITTED_V1: {
      const d = event.data as ProvisionFormSubmittedV1;
      return { planId: planOf(d.planId), on: d.submittedOn, command: { type: 'ReleaseDualRegistrationFunding', data: { on: d.submittedOn, dualRegistrationId: d.dualRegistrationId, today } } };
    }
    case DUAL_REGISTRATION_ENDED_V1: {
      const d = event.data as DualRegistrationEndedV1;
      return { planId: planOf(d.planId), on: d.endedOn, command: { type: 'EndDualRegistrationFunding', data: { on: d.endedOn, dualRegistrationId: d.dualRegistrationId, outcome: d.outcome, today } } };
    }
    default:
      return null;
  }
}

/**
 * Final and amended plans naming a setting put the plan in the awaiting-funding tray; a plan ceasing
 * ends its top-up; a dual registration's provision form releases the mainstream school's share.
 * Through Kafka in distributed mode, in-process when embedded. Idempotent twice over: the inbox
 * marks the event processed, and the decider recognises a change it has already recorded.
 */
export function planChangesConsumer(runtime: ServiceRuntime): IntegrationEventHandler {
  const logger = new Logger('FundingPlanChanges');
  return {
    consumer: PLAN_CHANGES_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC],
    types: [FINAL_PLAN_ISSUED_V1, AMENDED_PLAN_ISSUED_V1, PLAN_CEASED_V1, DUAL_REGISTRATION_AGREED_V1, PROVISION_FORM_SUBMITTED_V1, DUAL_REGISTRATION_ENDED_V1],
    async handle(event: IntegrationEvent, tx: EntityManager) {
      const asked = commandFor(event, todayInLondon(runtime.clock));
      if (!asked) {
        logger.warn(`${event.type} ${event.id}: nothing for funding to record (a mainstream school with no URN cannot be paid)`);
        return;
      }
      const result = await executeFundingCommand(runtime.store, PLAN_FUNDING, asked.planId, asked.command, {
        actor: { kind: 'system', id: PLAN_CHANGES_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: asked.on,
      }, { within: transactionClient(tx) });
      // a change the plan's funding cannot take (a provision form for a dual registration already ended) is recorded in the log, not retried forever
      if (!result.ok) logger.warn(`${event.type} ${event.id} on plan ${asked.planId}: ${result.error}`);
    },
  };
}
