import type { CalendarDate } from '@ehc/domain-kernel';
import type { Event, NeedsProfile, PaymentLine, RefusalReason } from './events';

export type EyInclusionStatus = 'applied' | 'triaged' | 'awaiting-information' | 'approved' | 'refused' | 'withdrawn' | 'child-left';

export interface ApplicationState {
  applicationId: string;
  childId: string;
  settingUrn: string;
  appliedOn: CalendarDate;
  hoursPerWeek: number;
  weeks: number;
  supportDocumentId: string;
  evidenceDocumentId: string | null;
  needsProfile: NeedsProfile;
  decisionWorkingDays: number;
}

export interface InformationRequest { requestedOn: CalendarDate; questionsDocumentId: string; providedOn: CalendarDate | null; answerDocumentId: string | null }

export type DecisionState =
  | { outcome: 'approved'; on: CalendarDate; withinTime: boolean; level: string; hourlyPence: number; from: CalendarDate; to: CalendarDate; amountPence: number; schedule: PaymentLine[] }
  | { outcome: 'refused'; on: CalendarDate; withinTime: boolean; reasonCodes: RefusalReason[]; reasonsDocumentId: string };

export interface ChildLeftState {
  lastDay: CalendarDate; fundedDays: number; fundedDaysUpToLastDay: number; earnedPence: number; paidPence: number; clawbackPence: number;
  cancelledPeriodIds: string[]; balance: PaymentLine | null;
}

/** One application as its events leave it; also what the view is built from (it holds no personal details). */
export interface EyInclusionState {
  status: EyInclusionStatus | 'none';
  application: ApplicationState | null;
  /** The decision's due date; null while the LA waits for information (the clock is stopped). Kept as it stood once decided. */
  decisionDueBy: CalendarDate | null;
  triagedOn: CalendarDate | null;
  informationRequests: InformationRequest[];
  decision: DecisionState | null;
  payments: { periodId: string; paidOn: CalendarDate; pence: number }[];
  childLeft: ChildLeftState | null;
  withdrawn: { on: CalendarDate; childLeftSetting: boolean } | null;
}

export const initialState = (): EyInclusionState => ({
  status: 'none', application: null, decisionDueBy: null, triagedOn: null, informationRequests: [], decision: null, payments: [], childLeft: null, withdrawn: null,
});

/** The lines that can be paid: the approved schedule, and the balance of a child who left. */
export const paymentLines = (s: EyInclusionState): PaymentLine[] => [
  ...(s.decision?.outcome === 'approved' ? s.decision.schedule : []),
  ...(s.childLeft?.balance ? [s.childLeft.balance] : []),
];

export const awaitingInformation = (s: EyInclusionState): InformationRequest | undefined => s.informationRequests.find((r) => r.providedOn === null);

export function evolve(s: EyInclusionState, event: Event): EyInclusionState {
  switch (event.type) {
    case 'EyInclusionFundingApplied': {
      const { decisionDueBy, ...application } = event.data;
      return { ...s, status: 'applied', application, decisionDueBy };
    }
    case 'EyInclusionApplicationTriaged':
      return { ...s, status: 'triaged', triagedOn: event.data.triagedOn };
    case 'EyInclusionInformationRequested':
      return {
        ...s, status: 'awaiting-information', decisionDueBy: null,
        informationRequests: [...s.informationRequests, { requestedOn: event.data.requestedOn, questionsDocumentId: event.data.questionsDocumentId, providedOn: null, answerDocumentId: null }],
      };
    case 'EyInclusionInformationProvided':
      return {
        ...s, status: s.triagedOn ? 'triaged' : 'applied', decisionDueBy: event.data.decisionDueBy,
        informationRequests: s.informationRequests.map((r) => (r.providedOn === null ? { ...r, providedOn: event.data.providedOn, answerDocumentId: event.data.answerDocumentId } : r)),
      };
    case 'EyInclusionFundingApproved': {
      const { approvedOn, ...d } = event.data;
      return { ...s, status: 'approved', decision: { outcome: 'approved', on: approvedOn, ...d } };
    }
    case 'EyInclusionFundingRefused': {
      const { refusedOn, ...d } = event.data;
      return { ...s, status: 'refused', decision: { outcome: 'refused', on: refusedOn, ...d } };
    }
    case 'EyInclusionFundingPaid':
      return { ...s, payments: [...s.payments, event.data] };
    case 'EyInclusionFundingClawedBack':
      return { ...s, status: 'child-left', childLeft: { ...event.data } };
    case 'EyInclusionApplicationWithdrawn':
      return { ...s, status: 'withdrawn', withdrawn: { on: event.data.withdrawnOn, childLeftSetting: event.data.childLeftSetting } };
  }
}
