import type { CalendarDate } from '@ehc/domain-kernel';
import { caseUuid, type Fact, type FactData, type FactKind } from '../domain/facts';
import type { IntegrationEvent } from '@ehc/messaging';
import {
  CASE_CLOSED_V1, DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, DECIDED_TO_ASSESS_V1, FINAL_PLAN_ISSUED_V1, NEEDS_ASSESSMENT_REQUESTED_V1,
  type CaseClosedV1, type DecisionV1, type FinalPlanIssuedV1, type NeedsAssessmentRequestedV1,
} from '@ehc/contracts/needs-assessment';
import {
  AMENDED_PLAN_ISSUED_V1, CEASE_DECISION_MADE_V1, DECIDED_NOT_TO_AMEND_V1, PLAN_CEASED_V1, REVIEW_DECISION_MADE_V1,
  type AmendedPlanIssuedV1, type CeaseDecisionMadeV1, type DecidedNotToAmendV1, type PlanCeasedV1, type ReviewDecisionMadeV1,
} from '@ehc/contracts/annual-review';
import {
  APPEAL_CONCLUDED_V1, APPEAL_REGISTERED_V1, APPEAL_WINDOW_OPENED_V1, MEDIATION_CERTIFICATE_ISSUED_V1, MEDIATION_REQUESTED_V1, ORDER_COMPLIED_WITH_V1,
  TRIBUNAL_ORDER_MADE_V1, type AppealConcludedV1, type AppealRegisteredV1, type AppealWindowOpenedV1, type MediationCertificateIssuedV1,
  type MediationRequestedV1, type OrderCompliedWithV1, type TribunalOrderMadeV1,
} from '@ehc/contracts/tribunal';
import { COMMITMENT_CHANGED_V1, type CommitmentChangedV1 } from '@ehc/contracts/funding';
import { SURVEY_INVITATION_SENT_V1, SURVEY_RESPONSE_RECEIVED_V1, type SurveyInvitationSentV1, type SurveyResponseReceivedV1 } from '@ehc/contracts/surveys';


/** The published types the pack reads. */
export const FACT_TYPES = [
  NEEDS_ASSESSMENT_REQUESTED_V1, DECIDED_TO_ASSESS_V1, DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, FINAL_PLAN_ISSUED_V1, CASE_CLOSED_V1,
  REVIEW_DECISION_MADE_V1, AMENDED_PLAN_ISSUED_V1, DECIDED_NOT_TO_AMEND_V1, CEASE_DECISION_MADE_V1, PLAN_CEASED_V1,
  APPEAL_WINDOW_OPENED_V1, MEDIATION_REQUESTED_V1, MEDIATION_CERTIFICATE_ISSUED_V1, APPEAL_REGISTERED_V1, APPEAL_CONCLUDED_V1, TRIBUNAL_ORDER_MADE_V1,
  ORDER_COMPLIED_WITH_V1, COMMITMENT_CHANGED_V1, SURVEY_INVITATION_SENT_V1, SURVEY_RESPONSE_RECEIVED_V1,
];

/** The fact a published event is, or null for one the pack does not read. */
export function factOf(event: IntegrationEvent): Fact | null {
  const fact = <K extends FactKind>(kind: K, caseId: string, on: CalendarDate, data: FactData[K]): Fact =>
    ({ id: event.id, kind, caseId: caseUuid(caseId), on, recordedAt: event.recordedAt, data }) as Fact;
  switch (event.type) {
    case NEEDS_ASSESSMENT_REQUESTED_V1: {
      const d = event.data as NeedsAssessmentRequestedV1;
      return fact('requested', d.caseId, d.receivedOn, { reference: d.reference, childId: d.childId, requestedBy: d.requestedBy, caseworkerId: d.caseworkerId });
    }
    case DECIDED_TO_ASSESS_V1:
    case DECIDED_NOT_TO_ASSESS_V1:
    case DECIDED_NOT_TO_ISSUE_PLAN_V1: {
      const d = event.data as DecisionV1;
      const kind = event.type === DECIDED_TO_ASSESS_V1 ? 'decided-to-assess' : event.type === DECIDED_NOT_TO_ASSESS_V1 ? 'refused-to-assess' : 'not-to-issue';
      return fact(kind, d.caseId, d.decidedOn, { withinStatutoryTime: d.withinStatutoryTime });
    }
    case FINAL_PLAN_ISSUED_V1: {
      const d = event.data as FinalPlanIssuedV1;
      return fact('final-plan', d.caseId, d.issuedOn, {
        reference: d.reference ?? null, childId: d.childId, receivedOn: d.receivedOn, excepted: d.excepted, caseworkerId: d.caseworkerId,
        setting: { urn: d.namedSetting.urn, name: d.namedSetting.name }, receptionYear: d.cohort?.receptionYear ?? null,
      });
    }
    case CASE_CLOSED_V1: {
      const d = event.data as CaseClosedV1;
      return fact('case-closed', d.caseId, d.closedOn, { reason: d.reason });
    }
    case REVIEW_DECISION_MADE_V1: {
      const d = event.data as ReviewDecisionMadeV1;
      return fact('review-decision', d.planId, d.decidedOn, { outcome: d.outcome, withinStatutoryTime: d.withinStatutoryTime, nextReviewDueBy: d.nextReviewDueBy });
    }
    case AMENDED_PLAN_ISSUED_V1: {
      const d = event.data as AmendedPlanIssuedV1;
      return fact('amended-plan', d.planId, d.issuedOn, {
        withinStatutoryTime: d.withinStatutoryTime, setting: { urn: d.namedSetting.urn, name: d.namedSetting.name, type: d.namedSetting.type },
        phaseTransfer: d.phaseTransfer,
      });
    }
    case DECIDED_NOT_TO_AMEND_V1: {
      const d = event.data as DecidedNotToAmendV1;
      return fact('not-to-amend', d.planId, d.decidedOn, { withinStatutoryTime: d.withinStatutoryTime });
    }
    case CEASE_DECISION_MADE_V1: {
      const d = event.data as CeaseDecisionMadeV1;
      return fact('cease-decision', d.planId, d.decidedOn, { reason: d.reason });
    }
    case PLAN_CEASED_V1: {
      const d = event.data as PlanCeasedV1;
      return fact('plan-ceased', d.planId, d.ceasedOn, { reason: d.reason });
    }
    case APPEAL_WINDOW_OPENED_V1: {
      const d = event.data as AppealWindowOpenedV1;
      return fact('appeal-window', d.source.id, d.letterOn, { decisionId: d.decisionId, decisionType: d.decisionType, appealDueBy: d.appealDueBy });
    }
    case MEDIATION_REQUESTED_V1: {
      const d = event.data as MediationRequestedV1;
      return fact('mediation-requested', d.source.id, d.requestedOn, { decisionId: d.decisionId, wantsMediation: d.wantsMediation });
    }
    case MEDIATION_CERTIFICATE_ISSUED_V1: {
      const d = event.data as MediationCertificateIssuedV1;
      return fact('mediation-certificate', d.source.id, d.issuedOn, {
        decisionId: d.decisionId, mediationHeld: d.mediationHeld, heldWithin30Days: d.mediationHeldWithin30Days, onTime: d.onTime,
      });
    }
    case APPEAL_REGISTERED_V1: {
      const d = event.data as AppealRegisteredV1;
      return fact('appeal-registered', d.source.id, d.registeredOn, { decisionId: d.decisionId, appealId: d.appealId, type: d.type, afterMediation: d.afterMediation });
    }
    case APPEAL_CONCLUDED_V1: {
      const d = event.data as AppealConcludedV1;
      return fact('appeal-concluded', d.source.id, d.concludedOn, { decisionId: d.decisionId, appealId: d.appealId, type: d.type, outcome: d.outcome });
    }
    case TRIBUNAL_ORDER_MADE_V1: {
      const d = event.data as TribunalOrderMadeV1;
      return fact('order-made', d.source.id, d.orderedOn, { decisionId: d.decisionId, orderId: d.orderId, kind: d.kind, steps: d.steps });
    }
    case ORDER_COMPLIED_WITH_V1: {
      const d = event.data as OrderCompliedWithV1;
      return fact('order-complied', d.source.id, d.compliedOn, { decisionId: d.decisionId, orderId: d.orderId, onTime: d.onTime, excepted: d.excepted });
    }
    case COMMITMENT_CHANGED_V1: {
      const d = event.data as CommitmentChangedV1;
      const byYear = new Map<string, number>();
      for (const c of d.commitments) for (const y of c.amountsByYear) byYear.set(y.fy, (byYear.get(y.fy) ?? 0) + y.pence);
      const open = d.commitments.filter((c) => c.openEnded);
      return fact('commitment-changed', d.planId, d.recordedOn, {
        reference: d.reference,
        commitments: [...byYear].map(([fy, pence]) => ({ fy, pence })),
        annualPence: open.reduce((sum, c) => sum + Math.round(c.annualPence * (c.share ? c.share.weight / c.share.of : 1)), 0),
        settingUrns: [...new Set(d.commitments.map((c) => c.settingUrn))],
      });
    }
    case SURVEY_INVITATION_SENT_V1: {
      const d = event.data as SurveyInvitationSentV1;
      return fact('survey-invited', d.invitationId, d.sentOn, { invitationId: d.invitationId, trigger: d.trigger });
    }
    case SURVEY_RESPONSE_RECEIVED_V1: {
      const d = event.data as SurveyResponseReceivedV1;
      // counted against the invitation's month, as the surveys service counts it
      return fact('survey-answered', d.invitationId, d.sentOn, { invitationId: d.invitationId, trigger: d.trigger, scores: d.scores });
    }
    default:
      return null;
  }
}
