import type { EventEnvelope } from '@ehc/event-store';
import { integrationEvent, type CaseHistory, type IntegrationEvent, type Publication } from '@ehc/messaging';
import {
  APPEAL_CONCLUDED_V1, APPEAL_REGISTERED_V1, APPEAL_WINDOW_OPENED_V1, LETTER_SENT_V1, MEDIATION_CERTIFICATE_ISSUED_V1, MEDIATION_REQUESTED_V1,
  ORDER_COMPLIED_WITH_V1, TRIBUNAL_ORDER_MADE_V1, TRIBUNAL_TOPIC, type AppealConcludedV1, type AppealRegisteredV1, type AppealWindowOpenedV1, type LetterSentV1,
  type MediationCertificateIssuedV1, type MediationRequestedV1, type OrderCompliedWithV1, type TribunalOrderMadeV1,
} from '@ehc/contracts/tribunal';
import { DISAGREEMENT_STREAM_PREFIX, evolve, initialState, type DisagreementState, type Event } from '../domain/tribunal';
import type { AppealState, OrderState } from '../domain/disagreement-state';
import type { Order } from '../domain/events';

/** The disagreement as it stood just before this event (its earlier events, folded). */
async function before(event: EventEnvelope, history: CaseHistory): Promise<DisagreementState> {
  const earlier = await history(event.stream, event.revision);
  return earlier.filter((e) => e.revision < event.revision).reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Event), initialState());
}

const orderMade = (ref: ReturnType<typeof refOf>, appealId: string, o: Order): TribunalOrderMadeV1 => ({
  ...ref, appealId, orderId: o.orderId, kind: o.kind, orderedOn: o.orderedOn, concession: o.concession, amendmentOrdered: o.amendmentOrdered, steps: o.steps,
});
const refOf = (s: DisagreementState) => ({ decisionId: s.window!.decisionId, source: s.window!.source, childId: s.window!.childId });
const concluded = (ref: ReturnType<typeof refOf>, a: AppealState, concludedOn: string, outcome: AppealConcludedV1['outcome'], grounds: AppealConcludedV1['grounds'], orders: number): AppealConcludedV1 =>
  ({ ...ref, appealId: a.appealId, type: a.type, registeredOn: a.registeredOn, concludedOn, outcome, grounds, orders });

/**
 * The one place the tribunal's domain events become published contracts: for the performance
 * meeting (windows, mediations, appeals and outcomes) and for the services that must comply with
 * the tribunal's orders. Free text never leaves: the contracts carry ids, codes and dates.
 */
export async function translate(event: EventEnvelope, history: CaseHistory): Promise<IntegrationEvent[]> {
  const domain = { type: event.type, data: event.data } as Event;
  if (domain.type === 'AppealWindowOpened') {
    const d = domain.data;
    return [integrationEvent<AppealWindowOpenedV1>(event, APPEAL_WINDOW_OPENED_V1, {
      decisionId: d.decisionId, source: d.source, childId: d.childId, decisionType: d.decisionType, letterOn: d.letterOn, mediationContactDueBy: d.mediationContactDueBy, appealDueBy: d.appealDueBy,
    })];
  }
  const published = new Set<string>([
    'MediationRequested', 'MediationCertificateIssued', 'AppealRegistered', 'AppealDecided', 'AppealConceded', 'AppealWithdrawn', 'OrderCompliedWith', 'LetterSent',
  ]);
  if (!published.has(domain.type)) return [];
  const s = await before(event, history);
  const ref = refOf(s);
  switch (domain.type) {
    case 'MediationRequested': {
      const d = domain.data;
      return [integrationEvent<MediationRequestedV1>(event, MEDIATION_REQUESTED_V1, {
        ...ref, mediationId: d.mediationId, requestedOn: d.requestedOn, wantsMediation: d.wantsMediation, healthInvolved: d.healthInvolved, withinContactWindow: d.withinContactWindow,
      })];
    }
    case 'MediationCertificateIssued': {
      const d = domain.data;
      const m = s.mediations.find((x) => x.mediationId === d.mediationId)!;
      return [integrationEvent<MediationCertificateIssuedV1>(event, MEDIATION_CERTIFICATE_ISSUED_V1, {
        ...ref, mediationId: d.mediationId, issuedOn: d.issuedOn, after: d.after, mediationHeld: m.heldOn !== null,
        mediationHeldWithin30Days: m.heldOn !== null && m.mediationDueBy !== null ? m.heldOn <= m.mediationDueBy : null, onTime: d.onTime, appealDueBy: d.appealDueBy,
      })];
    }
    case 'AppealRegistered': {
      const d = domain.data;
      return [integrationEvent<AppealRegisteredV1>(event, APPEAL_REGISTERED_V1, {
        ...ref, appealId: d.appealId, registeredOn: d.registeredOn, type: d.type, sections: d.grounds.map((g) => g.section), lateAppealAdmitted: d.lateAppealAdmitted,
        afterMediation: s.mediations.some((m) => m.heldOn !== null), laResponseDueBy: d.laResponseDueBy,
      })];
    }
    case 'AppealDecided': {
      const d = domain.data;
      const a = s.appeals.find((x) => x.appealId === d.appealId)!;
      // one integration event per published type: the second carries its own derived id
      return [
        integrationEvent<AppealConcludedV1>(event, APPEAL_CONCLUDED_V1, concluded(ref, a, d.decidedOn, d.outcome, d.grounds, d.orders.length)),
        ...d.orders.map((o) => integrationEvent<TribunalOrderMadeV1>(event, TRIBUNAL_ORDER_MADE_V1, orderMade(ref, a.appealId, o), o.orderId)),
      ];
    }
    case 'AppealConceded': {
      const d = domain.data;
      const a = s.appeals.find((x) => x.appealId === d.appealId)!;
      return [
        integrationEvent<AppealConcludedV1>(event, APPEAL_CONCLUDED_V1, concluded(ref, a, d.concededOn, 'conceded', [], d.orders.length)),
        ...d.orders.map((o) => integrationEvent<TribunalOrderMadeV1>(event, TRIBUNAL_ORDER_MADE_V1, orderMade(ref, a.appealId, o), o.orderId)),
      ];
    }
    case 'AppealWithdrawn': {
      const a = s.appeals.find((x) => x.appealId === domain.data.appealId)!;
      return [integrationEvent<AppealConcludedV1>(event, APPEAL_CONCLUDED_V1, concluded(ref, a, domain.data.withdrawnOn, 'withdrawn', [], 0))];
    }
    case 'OrderCompliedWith': {
      const d = domain.data;
      const o = s.appeals.flatMap((a) => a.orders).find((x: OrderState) => x.orderId === d.orderId)!;
      return [integrationEvent<OrderCompliedWithV1>(event, ORDER_COMPLIED_WITH_V1, {
        ...ref, appealId: o.appealId, orderId: o.orderId, kind: o.kind, compliedOn: d.compliedOn, onTime: d.onTime, excepted: d.excepted,
      })];
    }
    case 'LetterSent': {
      const d = domain.data;
      return [integrationEvent<LetterSentV1>(event, LETTER_SENT_V1, { ...ref, letterId: d.letterId, kind: d.kind, recipient: d.recipient, sentOn: d.sentOn })];
    }
    default:
      return [];
  }
}

export const tribunalPublication: Publication = {
  topic: TRIBUNAL_TOPIC,
  filter: { streamPrefixes: [DISAGREEMENT_STREAM_PREFIX] },
  translate,
};
