import { appealDeadline, maxDate, type AppealableDecisionType, type AppealType, type CalendarDate, type ComplianceExceptionReason } from '@ehc/domain-kernel';
import type {
  AgreementAction, AppealOutcome, CertificateAfter, Costs, DecisionSource, Event, Ground, GroundDecided, MediationOutcomeOfScreening, Order, OrderStep, Recipient,
  StepCompletedBy,
} from './events';

export type MediationStatus = 'requested' | 'screened' | 'arranged' | 'not-arranged' | 'held' | 'resolved' | 'certificate-issued' | 'withdrawn';
export type AppealStage = 'registered' | 'response-sent' | 'hearing-listed' | 'decided' | 'conceded' | 'withdrawn';

export interface MediationState {
  mediationId: string;
  status: MediationStatus;
  requestedOn: CalendarDate;
  wantsMediation: boolean;
  healthInvolved: boolean;
  withinContactWindow: boolean;
  issuesDocumentId: string | null;
  healthNotificationDueBy: CalendarDate | null;
  healthNotifiedOn: CalendarDate | null;
  screenedOn: CalendarDate | null;
  screeningOutcome: MediationOutcomeOfScreening | null;
  mediationDueBy: CalendarDate | null;
  arrangedOn: CalendarDate | null;
  takesPlaceOn: CalendarDate | null;
  notArrangedOn: CalendarDate | null;
  heldOn: CalendarDate | null;
  agreement: { agreedOn: CalendarDate; actions: AgreementAction[]; termsDocumentId: string | null } | null;
  certificateDueBy: CalendarDate | null;
  certificateOn: CalendarDate | null;
  certificateAfter: CertificateAfter | null;
  withdrawnOn: CalendarDate | null;
}

export interface OrderState extends Order {
  appealId: string;
  completed: { step: OrderStep; on: CalendarDate; by: StepCompletedBy }[];
  exception: { appliedOn: CalendarDate; reason: ComplianceExceptionReason } | null;
  compliedOn: CalendarDate | null;
  compliedOnTime: boolean | null;
}

export interface AppealState {
  appealId: string;
  stage: AppealStage;
  registeredOn: CalendarDate;
  type: AppealType;
  grounds: Ground[];
  lateAppealAdmitted: boolean;
  late: boolean;
  certificateOnFile: boolean;
  sentToLaOn: CalendarDate;
  laResponseDueBy: CalendarDate;
  responseSentOn: CalendarDate | null;
  hearingListedOn: CalendarDate | null;
  hearingOn: CalendarDate | null;
  outcome: AppealOutcome | 'conceded' | 'withdrawn' | null;
  concludedOn: CalendarDate | null;
  groundsDecided: GroundDecided[];
  orders: OrderState[];
  recommendationsResponseDueBy: CalendarDate | null;
  recommendationsRespondedOn: CalendarDate | null;
  costs: Costs | null;
}

export interface WindowState {
  decisionId: string;
  source: DecisionSource;
  childId: string | null;
  decisionType: AppealableDecisionType;
  letterOn: CalendarDate;
  letterId: string | null;
  recipient: Recipient;
  openedBy: 'published-decision' | 'by-hand';
  /** A certificate issued before the window reached the hub. */
  certificateOnByHand: CalendarDate | null;
  mediationContactDueBy: CalendarDate;
}

/** One appealable decision's disagreement as its events leave it. Also the read model's view (it holds no personal details). */
export interface DisagreementState {
  window: WindowState | null;
  mediations: MediationState[];
  appeals: AppealState[];
  letters: { letterId: string; kind: string; recipient: Recipient; sentOn: CalendarDate; about: string }[];
  /** Orders are numbered within the decision. */
  ordersMade: number;
}

export const initialState = (): DisagreementState => ({ window: null, mediations: [], appeals: [], letters: [], ordersMade: 0 });

const ENDED_MEDIATION: readonly MediationStatus[] = ['resolved', 'certificate-issued', 'withdrawn'];
const CONCLUDED_APPEAL: readonly AppealStage[] = ['decided', 'conceded', 'withdrawn'];

export const mediationIsOpen = (m: MediationState): boolean => !ENDED_MEDIATION.includes(m.status);
export const appealIsOpen = (a: AppealState): boolean => !CONCLUDED_APPEAL.includes(a.stage);
export const openMediation = (s: DisagreementState): MediationState | undefined => s.mediations.find(mediationIsOpen);
/** The appeal that stands: any not withdrawn (a withdrawn appeal leaves room for another). */
export const standingAppeal = (s: DisagreementState): AppealState | undefined => s.appeals.find((a) => a.stage !== 'withdrawn');
export const allOrders = (s: DisagreementState): OrderState[] => s.appeals.flatMap((a) => a.orders);

/** The latest certificate on file, by hand or from a mediation: the one that counts for the appeal deadline. */
export const certificateOn = (s: DisagreementState): CalendarDate | null => {
  const dates = [s.window?.certificateOnByHand ?? null, ...s.mediations.map((m) => m.certificateOn)].filter((d): d is CalendarDate => d !== null);
  return dates.length === 0 ? null : dates.reduce((a, b) => maxDate(a, b));
};

/** TR r.20 and r.12 on this decision's letter and certificate (domain §3.3). */
export const appealDueBy = (window: WindowState, certificate: CalendarDate | null): CalendarDate => appealDeadline(window.letterOn, certificate);

const mediation = (s: DisagreementState, id: string, change: (m: MediationState) => Partial<MediationState>): DisagreementState =>
  ({ ...s, mediations: s.mediations.map((m) => (m.mediationId === id ? { ...m, ...change(m) } : m)) });
const appeal = (s: DisagreementState, id: string, change: (a: AppealState) => Partial<AppealState>): DisagreementState =>
  ({ ...s, appeals: s.appeals.map((a) => (a.appealId === id ? { ...a, ...change(a) } : a)) });
const order = (s: DisagreementState, id: string, change: (o: OrderState) => Partial<OrderState>): DisagreementState =>
  ({ ...s, appeals: s.appeals.map((a) => ({ ...a, orders: a.orders.map((o) => (o.orderId === id ? { ...o, ...change(o) } : o)) })) });
const withOrders = (appealId: string, orders: Order[]): OrderState[] =>
  orders.map((o) => ({ ...o, appealId, completed: [], exception: null, compliedOn: null, compliedOnTime: null }));

export function evolve(s: DisagreementState, event: Event): DisagreementState {
  switch (event.type) {
    case 'AppealWindowOpened': {
      const d = event.data;
      return {
        ...s,
        window: {
          decisionId: d.decisionId, source: d.source, childId: d.childId, decisionType: d.decisionType, letterOn: d.letterOn, letterId: d.letterId,
          recipient: d.recipient, openedBy: d.openedBy, certificateOnByHand: d.certificateOn, mediationContactDueBy: d.mediationContactDueBy,
        },
      };
    }
    case 'MediationRequested': {
      const d = event.data;
      return {
        ...s,
        mediations: [...s.mediations, {
          mediationId: d.mediationId, status: 'requested', requestedOn: d.requestedOn, wantsMediation: d.wantsMediation, healthInvolved: d.healthInvolved,
          withinContactWindow: d.withinContactWindow, issuesDocumentId: d.issuesDocumentId, healthNotificationDueBy: d.healthNotificationDueBy, healthNotifiedOn: null,
          screenedOn: null, screeningOutcome: null, mediationDueBy: d.mediationDueBy, arrangedOn: null, takesPlaceOn: null, notArrangedOn: null, heldOn: null,
          agreement: null, certificateDueBy: d.certificateDueBy, certificateOn: null, certificateAfter: null, withdrawnOn: null,
        }],
      };
    }
    case 'HealthBodyNotified':
      return mediation(s, event.data.mediationId, () => ({ healthNotifiedOn: event.data.notifiedOn }));
    case 'MediationRequestScreened':
      return mediation(s, event.data.mediationId, () => ({
        screenedOn: event.data.screenedOn, screeningOutcome: event.data.outcome, status: event.data.outcome === 'resolved' ? 'resolved' : 'screened',
      }));
    case 'MediationArranged':
      return mediation(s, event.data.mediationId, () => ({ status: 'arranged', arrangedOn: event.data.arrangedOn, takesPlaceOn: event.data.takesPlaceOn }));
    case 'MediationNotArranged':
      return mediation(s, event.data.mediationId, () => ({ status: 'not-arranged', notArrangedOn: event.data.on, certificateDueBy: event.data.certificateDueBy }));
    case 'MediationHeld':
      return mediation(s, event.data.mediationId, () => ({ status: 'held', heldOn: event.data.heldOn, certificateDueBy: event.data.certificateDueBy }));
    case 'MediationAgreementRecorded':
      return mediation(s, event.data.mediationId, () => ({
        agreement: { agreedOn: event.data.agreedOn, actions: event.data.actions, termsDocumentId: event.data.termsDocumentId },
      }));
    case 'MediationCertificateIssued':
      return mediation(s, event.data.mediationId, () => ({ status: 'certificate-issued', certificateOn: event.data.issuedOn, certificateAfter: event.data.after }));
    case 'MediationWithdrawn':
      return mediation(s, event.data.mediationId, () => ({ status: 'withdrawn', withdrawnOn: event.data.withdrawnOn }));
    case 'AppealRegistered': {
      const d = event.data;
      return {
        ...s,
        appeals: [...s.appeals, {
          appealId: d.appealId, stage: 'registered', registeredOn: d.registeredOn, type: d.type, grounds: d.grounds, lateAppealAdmitted: d.lateAppealAdmitted, late: d.late,
          certificateOnFile: d.certificateOnFile, sentToLaOn: d.sentToLaOn, laResponseDueBy: d.laResponseDueBy, responseSentOn: null, hearingListedOn: null, hearingOn: null,
          outcome: null, concludedOn: null, groundsDecided: [], orders: [], recommendationsResponseDueBy: null, recommendationsRespondedOn: null, costs: null,
        }],
      };
    }
    case 'AppealResponseSent':
      return appeal(s, event.data.appealId, (a) => ({ responseSentOn: event.data.sentOn, stage: a.stage === 'registered' ? 'response-sent' : a.stage }));
    case 'HearingListed':
      return appeal(s, event.data.appealId, () => ({ stage: 'hearing-listed', hearingListedOn: event.data.listedOn, hearingOn: event.data.hearingOn }));
    case 'AppealDecided': {
      const d = event.data;
      return {
        ...appeal(s, d.appealId, () => ({
          stage: 'decided', outcome: d.outcome, concludedOn: d.decidedOn, groundsDecided: d.grounds, orders: withOrders(d.appealId, d.orders),
          recommendationsResponseDueBy: d.recommendationsResponseDueBy, costs: d.costs,
        })),
        ordersMade: s.ordersMade + d.orders.length,
      };
    }
    case 'AppealConceded': {
      const d = event.data;
      return {
        ...appeal(s, d.appealId, () => ({ stage: 'conceded', outcome: 'conceded', concludedOn: d.concededOn, orders: withOrders(d.appealId, d.orders) })),
        ordersMade: s.ordersMade + d.orders.length,
      };
    }
    case 'AppealWithdrawn':
      return appeal(s, event.data.appealId, () => ({ stage: 'withdrawn', outcome: 'withdrawn', concludedOn: event.data.withdrawnOn }));
    case 'RecommendationsResponded':
      return appeal(s, event.data.appealId, () => ({ recommendationsRespondedOn: event.data.respondedOn }));
    case 'OrderStepCompleted': {
      const d = event.data;
      return order(s, d.orderId, (o) => ({ completed: [...o.completed, { step: d.step, on: d.completedOn, by: d.by }] }));
    }
    case 'ComplianceExceptionApplied':
      return order(s, event.data.orderId, () => ({ exception: { appliedOn: event.data.appliedOn, reason: event.data.reason } }));
    case 'OrderCompliedWith':
      return order(s, event.data.orderId, () => ({ compliedOn: event.data.compliedOn, compliedOnTime: event.data.onTime }));
    case 'LetterSent':
      return { ...s, letters: [...s.letters, event.data] };
  }
}
