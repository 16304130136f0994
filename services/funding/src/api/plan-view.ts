import { maxDate, minDate, type CalendarDate } from '@ehc/domain-kernel';
import { commitmentsByYear } from '../domain/plan-funding/commitments';
import { hasDays, openIncreaseRequest, rateOn, runningTopUp, type PlanFundingState } from '../domain/plan-funding/state';

/** The commands a plan's funding takes now: the pages offer these and no others. */
export function planNextSteps(s: PlanFundingState): string[] {
  if (s.ceased) return [];
  const running = runningTopUp(s);
  const dp = s.personalBudget?.directPayment;
  return [
    ...(running ? [] : ['agree-top-up']),
    ...(s.awaiting ? ['record-top-up-not-required'] : []),
    ...(running ? ['change-band', openIncreaseRequest(s) ? 'decide-funding-increase' : 'request-funding-increase', 'end-top-up'] : []),
    'start-placement',
    ...(s.placements.some((p) => p.to === null) ? ['end-placement'] : []),
    'agree-personal-budget',
    ...(dp && dp.to === null ? ['stop-direct-payment'] : ['refuse-personal-budget']),
    ...(s.personalBudget?.status === 'agreed' && !(dp && dp.to === null) ? ['start-direct-payment'] : []),
  ];
}

/** A plan's funding as `GET /funding/plans/{planId}` answers it: money in pence, open-ended commitments to the year end as read today. */
export function planFundingView(planId: string, s: PlanFundingState, today: CalendarDate) {
  const running = runningTopUp(s);
  const dual = s.dualRegistration;
  return {
    planId,
    reference: s.reference,
    childId: s.childId,
    status: s.ceased ? 'ceased' : s.awaiting ? 'awaiting-funding' : running ? 'funded' : 'no-top-up',
    awaitingFunding: s.awaiting ? { since: s.awaiting.since, source: s.awaiting.source, namedSetting: s.awaiting.namedSetting } : null,
    namedSetting: s.namedSetting,
    placements: s.placements.map((p) => ({ settingUrn: p.settingUrn, settingName: p.settingName, settingType: p.settingType, from: p.from, to: p.to })),
    topUps: s.topUps.filter(hasDays).map((t) => ({
      topUpId: t.topUpId, band: t.band, settingUrn: t.settingUrn, settingType: t.settingType, from: t.from, to: t.to,
      // the rate in force today (or on its first or last day, outside them); every rate by day below
      annualPence: rateOn(t, minDate(maxDate(today, t.from), t.to ?? maxDate(today, t.from))).annualPence, rates: t.rates, endReason: t.endReason,
    })),
    commitmentsByYear: commitmentsByYear(s, today),
    fundingIncreaseRequests: s.increaseRequests,
    dualRegistration: dual ? {
      dualRegistrationId: dual.dualRegistrationId, mainstreamUrn: dual.mainstreamUrn, mainstreamName: dual.mainstreamName, startOn: dual.startOn, split: dual.split,
      fundingReleased: dual.released, ended: dual.ended,
    } : null,
    personalBudget: s.personalBudget ? {
      status: s.personalBudget.status, decidedOn: s.personalBudget.on, from: s.personalBudget.from, to: s.personalBudget.to, annualPence: s.personalBudget.annualPence,
      directPayment: s.personalBudget.directPayment,
    } : null,
    ceased: s.ceased,
    asOf: today,
    nextSteps: planNextSteps(s),
  };
}
