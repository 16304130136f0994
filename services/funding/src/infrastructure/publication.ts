import type { EventEnvelope } from '@ehc/event-store';
import { integrationEvent, type CaseHistory, type IntegrationEvent, type Publication } from '@ehc/messaging';
import { financialYearEnd, financialYearOf, prorate, splitByWeights } from '@ehc/money';
import {
  COMMITMENT_CHANGED_V1, DIRECT_PAYMENT_STARTED_V1, DIRECT_PAYMENT_STOPPED_V1, EOTAS_PACKAGE_APPROVED_V1, EOTAS_PACKAGE_ENDED_V1,
  EY_INCLUSION_FUNDING_APPROVED_V1, EY_INCLUSION_FUNDING_CLAWED_BACK_V1, EY_INCLUSION_FUNDING_PAID_V1, FUNDING_TOPIC, PERSONAL_BUDGET_AGREED_V1,
  SCHEDULE_CHANGED_V1, type CommitmentChangedV1, type DirectPaymentStartedV1, type DirectPaymentStoppedV1, type EotasPackageApprovedV1, type EotasPackageEndedV1,
  type EyInclusionFundingApprovedV1, type EyInclusionFundingClawedBackV1, type EyInclusionFundingPaidV1, type PersonalBudgetAgreedV1, type ScheduleChangedV1,
} from '@ehc/contracts/funding';
import { evolve, initialState, planIdOf, PLAN_FUNDING_STREAM_PREFIX, type Event, type PlanFundingState } from '../domain/plan-funding/plan-funding';
import { bandsOf, commitmentsOf, payeeTypes } from '../domain/plan-funding/commitments';
import { CHANGES_COMMITMENTS, planLedger } from '../domain/plan-funding/ledger';
import {
  EOTAS_PACKAGE_STREAM_PREFIX, evolve as evolvePackage, initialState as noPackage, packageIdOf, type Event as EotasEvent, type EotasPackageState,
} from '../domain/eotas/eotas';
import { applicationIdOf, EY_INCLUSION_STREAM_PREFIX, type Event as EyEvent } from '../domain/ey-inclusion/ey-inclusion';
import type { SettingType } from '../domain/plan-funding/events';
import type { PaymentCadence } from '@ehc/money';

type Cadence = (type: SettingType) => PaymentCadence;

const CAUSE: Record<string, CommitmentChangedV1['cause']> = {
  TopUpAgreed: 'top-up-agreed', BandChanged: 'band-changed', TopUpRateChanged: 'rate-changed', TopUpEnded: 'top-up-ended',
  DualRegistrationFundingReleased: 'dual-registration-funding-released', DualRegistrationFundingEnded: 'dual-registration-funding-ended',
};

/** The plan's commitments after a change, as finance receives them: one per setting paid, with its amount in each financial year. */
export function publishedCommitments(state: PlanFundingState, recordedOn: string): CommitmentChangedV1['commitments'] {
  const types = payeeTypes(state);
  const bands = bandsOf(state);
  return commitmentsOf(state, recordedOn).flatMap((c) => {
    const segment = state.topUps.find((t) => t.topUpId === c.key)!;
    const of = c.shares.reduce((sum, s) => sum + s.weight, 0);
    const years = prorate(c.annualPence, c.from, c.to).map((p) => ({ fy: p.fy, shares: splitByWeights(p.pence, c.shares.map((s) => s.weight)) }));
    return c.shares.map((share, i) => ({
      settingUrn: share.payee, settingType: types.get(share.payee) ?? segment.settingType, band: bands.get(c.key) ?? segment.band, from: c.from, to: c.to,
      openEnded: segment.to === null && c.to === financialYearEnd(financialYearOf(c.to)), annualPence: c.annualPence,
      share: c.shares.length > 1 ? { weight: share.weight, of } : null,
      amountsByYear: years.map((y) => ({ fy: y.fy, pence: y.shares[i] })),
    }));
  });
}

/**
 * The one place the funding service's domain events become published contracts, for finance: the
 * commitments and payment lines a plan's top-up changes to, personal budgets and direct payments,
 * and EOTAS packages. Keyed by plan (or package); no personal details: ids, URNs, dates and pence.
 */
export function fundingPublication(cadence: Cadence): Publication {
  return {
    topic: FUNDING_TOPIC,
    filter: { streamPrefixes: [PLAN_FUNDING_STREAM_PREFIX, EOTAS_PACKAGE_STREAM_PREFIX, EY_INCLUSION_STREAM_PREFIX] },
    translate: (event, history) => {
      if (event.stream.startsWith(EOTAS_PACKAGE_STREAM_PREFIX)) return translatePackage(event, history);
      if (event.stream.startsWith(EY_INCLUSION_STREAM_PREFIX)) return translateApplication(event, history);
      return translatePlan(event, history, cadence);
    },
  };
}

async function translatePlan(event: EventEnvelope, history: CaseHistory, cadence: Cadence): Promise<IntegrationEvent[]> {
  const domain = { type: event.type, data: event.data } as Event;
  const planId = planIdOf(event.stream);
  const published = CHANGES_COMMITMENTS.has(domain.type) || ['PersonalBudgetAgreed', 'DirectPaymentStarted', 'DirectPaymentStopped'].includes(domain.type);
  if (!published) return [];
  // the history holds the events before this one: the plan as this event leaves it is those and this
  const upTo = [...(await history(event.stream, event.revision)).map((e) => ({ type: e.type, data: e.data }) as Event), domain];
  const state = upTo.reduce(evolve, initialState());
  const ref = { planId, reference: state.reference };
  switch (domain.type) {
    case 'PersonalBudgetAgreed': {
      const d = domain.data;
      return [integrationEvent<PersonalBudgetAgreedV1>(event, PERSONAL_BUDGET_AGREED_V1, { ...ref, agreedOn: d.agreedOn, from: d.from, to: d.to, annualPence: d.annualPence })];
    }
    case 'DirectPaymentStarted':
      return [integrationEvent<DirectPaymentStartedV1>(event, DIRECT_PAYMENT_STARTED_V1, { ...ref, from: domain.data.from, annualPence: domain.data.annualPence })];
    case 'DirectPaymentStopped':
      return [integrationEvent<DirectPaymentStoppedV1>(event, DIRECT_PAYMENT_STOPPED_V1, { ...ref, lastDay: domain.data.lastDay })];
    default: {
      const recordedOn = (domain.data as { recordedOn: string }).recordedOn;
      const types = payeeTypes(state);
      // the lines recorded that day, through the end of its financial year: later years follow from the commitments' annual rates
      const lines = planLedger(upTo, financialYearEnd(financialYearOf(recordedOn)), cadence, (payee) => types.get(payee) ?? 'other')
        .filter((l) => l.recordedOn === recordedOn);
      return [
        integrationEvent<CommitmentChangedV1>(event, COMMITMENT_CHANGED_V1, { ...ref, cause: CAUSE[domain.type], recordedOn, commitments: publishedCommitments(state, recordedOn) }),
        integrationEvent<ScheduleChangedV1>(event, SCHEDULE_CHANGED_V1, {
          ...ref, recordedOn, unpaidFrom: recordedOn,
          lines: lines.map((l) => ({ settingUrn: l.payee, fy: l.fy, periodId: l.periodId, from: l.from, to: l.to, pence: l.pence, kind: l.kind })),
        }, 'schedule'),
      ];
    }
  }
}

async function translatePackage(event: EventEnvelope, history: CaseHistory): Promise<IntegrationEvent[]> {
  const domain = { type: event.type, data: event.data } as EotasEvent;
  if (domain.type !== 'EotasPackageApproved' && domain.type !== 'EotasPackageEnded') return [];
  const state = [...(await history(event.stream, event.revision)).map((e) => ({ type: e.type, data: e.data }) as EotasEvent), domain]
    .reduce((s: EotasPackageState, e) => evolvePackage(s, e), noPackage());
  if (state.status === 'none') return [];
  const ref = { packageId: packageIdOf(event.stream), planId: state.planId };
  if (domain.type === 'EotasPackageApproved') {
    const d = domain.data;
    return [integrationEvent<EotasPackageApprovedV1>(event, EOTAS_PACKAGE_APPROVED_V1, {
      ...ref, approvedOn: d.approvedOn, panelOn: d.panelOn, provider: { ukprn: state.provider.ukprn, name: state.provider.name, unregulated: state.provider.unregulated },
      weeklyCostPence: d.weeklyCostPence, startOn: d.startOn, reviewDate: d.reviewDue,
    })];
  }
  return [integrationEvent<EotasPackageEndedV1>(event, EOTAS_PACKAGE_ENDED_V1, { ...ref, lastDay: domain.data.lastDay, reason: domain.data.reason })];
}

async function translateApplication(event: EventEnvelope, history: CaseHistory): Promise<IntegrationEvent[]> {
  const domain = { type: event.type, data: event.data } as EyEvent;
  if (domain.type !== 'EyInclusionFundingApproved' && domain.type !== 'EyInclusionFundingPaid' && domain.type !== 'EyInclusionFundingClawedBack') return [];
  const applied = (await history(event.stream, event.revision)).find((e) => e.type === 'EyInclusionFundingApplied')?.data as { settingUrn: string } | undefined;
  if (!applied) return [];
  const ref = { applicationId: applicationIdOf(event.stream), settingUrn: applied.settingUrn };
  switch (domain.type) {
    case 'EyInclusionFundingApproved': {
      const d = domain.data;
      return [integrationEvent<EyInclusionFundingApprovedV1>(event, EY_INCLUSION_FUNDING_APPROVED_V1, { ...ref, approvedOn: d.approvedOn, level: d.level, from: d.from, to: d.to, amountPence: d.amountPence })];
    }
    case 'EyInclusionFundingPaid': {
      const d = domain.data;
      return [integrationEvent<EyInclusionFundingPaidV1>(event, EY_INCLUSION_FUNDING_PAID_V1, { ...ref, paidOn: d.paidOn, periodId: d.periodId, pence: d.pence })];
    }
    default: {
      const d = domain.data;
      return [integrationEvent<EyInclusionFundingClawedBackV1>(event, EY_INCLUSION_FUNDING_CLAWED_BACK_V1, {
        ...ref, lastDay: d.lastDay, earnedPence: d.earnedPence, paidPence: d.paidPence, clawbackPence: d.clawbackPence,
      })];
    }
  }
}
