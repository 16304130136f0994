import { addDays, fail as failWith, isAfter, isBefore, maxDate, ok, onOrBefore, type CalendarDate, type Result } from '@ehc/domain-kernel';
import type { Command, MatrixRates } from './commands';
import type { Event } from './events';
import { hasDays, openIncreaseRequest, openPlacement, rateOn, runningTopUp, type PlanFundingState, type TopUpSegment } from './state';

export type RuleBroken =
  // 409: the plan's funding does not allow it now
  | 'PlanCeased' | 'NotAwaitingFunding' | 'TopUpAlreadyAgreed' | 'NoTopUp' | 'BandUnchanged' | 'IncreaseAlreadyRequested' | 'NoIncreaseRequested'
  | 'PlacementAlreadyOpen' | 'NoSuchPlacement' | 'NoDualRegistration' | 'FundingAlreadyReleased' | 'DualRegistrationAlreadyEnded'
  | 'NoPersonalBudget' | 'DirectPaymentRunning' | 'DirectPaymentAlreadyRunning' | 'NoDirectPayment'
  // 422: the request breaks a rule on its own terms
  | 'DateInFuture' | 'UnknownBand' | 'OverlapsEarlierTopUp' | 'ChangeBeforeTopUpStarted' | 'EndBeforeTopUpStarted' | 'DateBeforeRequest'
  | 'EndBeforePlacementStarted' | 'PeriodEndsBeforeItStarts' | 'EndBeforeDirectPaymentStarted';

type Decision = Result<Event[], RuleBroken>;
const fail = (rule: RuleBroken): Decision => failWith(rule);

/** Commands a published event drives (the plan issued, amended, ceased; the dual registration): their dates are the source's. */
const FROM_ANOTHER_SERVICE = new Set<Command['type']>(['PutInAwaitingFundingTray', 'RecordPlanCeased', 'RecordDualRegistration', 'ReleaseDualRegistrationFunding', 'EndDualRegistrationFunding', 'ApplyMatrixRate']);

export function decide(command: Command, state: PlanFundingState): Decision {
  if (command.type === 'PutInAwaitingFundingTray') return putInTray(command.data, state);
  const d = command.data;
  if (!FROM_ANOTHER_SERVICE.has(command.type) && !onOrBefore(d.on, d.today)) return fail('DateInFuture');
  const running = runningTopUp(state);
  switch (command.type) {
    case 'RecordTopUpNotRequired': {
      if (!state.awaiting) return fail('NotAwaitingFunding');
      return ok([{ type: 'TopUpNotRequired', data: { recordedOn: command.data.on, settingUrn: state.awaiting.namedSetting.urn, reasonsDocumentId: command.data.reasonsDocumentId } }]);
    }
    case 'AgreeTopUp': {
      const c = command.data;
      if (state.ceased) return fail('PlanCeased');
      if (running) return fail('TopUpAlreadyAgreed');
      const rate = c.rates.rate;
      if (!rate) return fail('UnknownBand');
      const last = state.topUps[state.topUps.length - 1];
      if (last && last.to !== null && onOrBefore(c.from, last.to)) return fail('OverlapsEarlierTopUp');
      return ok([
        ...(openPlacement(state, c.settingUrn) ? [] : [{ type: 'PlacementStarted' as const, data: { settingUrn: c.settingUrn, settingName: c.settingName, settingType: c.settingType, from: c.from } }]),
        { type: 'TopUpAgreed', data: {
          topUpId: c.topUpId, band: c.band, settingUrn: c.settingUrn, settingType: c.settingType, from: c.from, annualPence: rate.annualPence, ratesValidFrom: rate.validFrom, recordedOn: c.today,
        } },
        ...laterRates(c.topUpId, c.from, c.rates, c.today),
      ]);
    }
    case 'ChangeBand': {
      const c = command.data;
      if (!running) return fail('NoTopUp');
      return bandChanged(running, { ...c, requestId: null });
    }
    case 'RequestFundingIncrease': {
      const c = command.data;
      if (!running) return fail('NoTopUp');
      if (openIncreaseRequest(state)) return fail('IncreaseAlreadyRequested');
      return ok([{ type: 'FundingIncreaseRequested', data: { requestId: c.requestId, requestedOn: c.on, requestedBand: c.requestedBand, reasonsDocumentId: c.reasonsDocumentId } }]);
    }
    case 'DecideFundingIncrease': {
      const c = command.data;
      const request = openIncreaseRequest(state);
      if (!request) return fail('NoIncreaseRequested');
      if (isBefore(c.on, request.requestedOn)) return fail('DateBeforeRequest');
      const decided: Event = { type: 'FundingIncreaseDecided', data: { requestId: request.requestId, decidedOn: c.on, outcome: c.outcome, reasonsDocumentId: c.reasonsDocumentId } };
      if (c.outcome === 'refused' || !c.change) return ok([decided]);
      if (!running) return fail('NoTopUp');
      const changed = bandChanged(running, { ...c.change, today: c.today, requestId: request.requestId });
      return changed.ok ? ok([decided, ...changed.value]) : changed;
    }
    case 'EndTopUp': {
      const c = command.data;
      if (!running) return fail('NoTopUp');
      if (isBefore(c.lastDay, addDays(running.from, -1))) return fail('EndBeforeTopUpStarted');
      const leaves = c.reason === 'placement-ended' || c.reason === 'moved-away';
      return ok([
        { type: 'TopUpEnded', data: { topUpId: running.topUpId, lastDay: c.lastDay, reason: c.reason, recordedOn: c.today } },
        ...(leaves && openPlacement(state, running.settingUrn) ? [{ type: 'PlacementEnded' as const, data: { settingUrn: running.settingUrn, lastDay: c.lastDay } }] : []),
      ]);
    }
    case 'StartPlacement': {
      const c = command.data;
      if (state.ceased) return fail('PlanCeased');
      if (openPlacement(state, c.settingUrn)) return fail('PlacementAlreadyOpen');
      return ok([{ type: 'PlacementStarted', data: { settingUrn: c.settingUrn, settingName: c.settingName, settingType: c.settingType, from: c.from } }]);
    }
    case 'EndPlacement': {
      const c = command.data;
      const placement = openPlacement(state, c.settingUrn);
      if (!placement) return fail('NoSuchPlacement');
      if (isBefore(c.lastDay, addDays(placement.from, -1))) return fail('EndBeforePlacementStarted');
      // the top-up follows the pupil: it stops where the placement it pays for stops
      const endsTopUp = running && running.settingUrn === c.settingUrn;
      if (endsTopUp && isBefore(c.lastDay, addDays(running.from, -1))) return fail('EndBeforeTopUpStarted');
      return ok([
        { type: 'PlacementEnded', data: { settingUrn: c.settingUrn, lastDay: c.lastDay } },
        ...(endsTopUp ? [{ type: 'TopUpEnded' as const, data: { topUpId: running.topUpId, lastDay: c.lastDay, reason: 'placement-ended' as const, recordedOn: c.today } }] : []),
      ]);
    }
    case 'RecordDualRegistration': {
      const c = command.data;
      if (state.dualRegistration?.dualRegistrationId === c.dualRegistrationId) return ok([]);
      return ok([{ type: 'DualRegistrationRecorded', data: { dualRegistrationId: c.dualRegistrationId, mainstreamUrn: c.mainstreamUrn, mainstreamName: c.mainstreamName, startOn: c.startOn, split: c.split } }]);
    }
    case 'ReleaseDualRegistrationFunding': {
      const c = command.data;
      const dual = state.dualRegistration;
      if (!dual || dual.dualRegistrationId !== c.dualRegistrationId || dual.ended) return fail('NoDualRegistration');
      if (dual.released) return fail('FundingAlreadyReleased');
      // the provision form releases the mainstream school's share from its date, or from the first day there if later
      const split = dual.split ?? { specialSessions: 1, mainstreamSessions: 1 };
      return ok([{ type: 'DualRegistrationFundingReleased', data: {
        dualRegistrationId: dual.dualRegistrationId, mainstreamUrn: dual.mainstreamUrn, from: maxDate(c.on, dual.startOn), split, splitAssumed: dual.split === null, recordedOn: c.today,
      } }]);
    }
    case 'EndDualRegistrationFunding': {
      const c = command.data;
      const dual = state.dualRegistration;
      if (!dual || dual.dualRegistrationId !== c.dualRegistrationId) return fail('NoDualRegistration');
      if (dual.ended) return fail('DualRegistrationAlreadyEnded');
      return ok([{ type: 'DualRegistrationFundingEnded', data: { dualRegistrationId: dual.dualRegistrationId, lastDay: c.on, outcome: c.outcome, recordedOn: c.today } }]);
    }
    case 'AgreePersonalBudget': {
      const c = command.data;
      if (state.ceased) return fail('PlanCeased');
      if (c.to !== null && isBefore(c.to, c.from)) return fail('PeriodEndsBeforeItStarts');
      return ok([{ type: 'PersonalBudgetAgreed', data: { agreedOn: c.on, from: c.from, to: c.to, annualPence: c.annualPence } }]);
    }
    case 'RefusePersonalBudget': {
      const dp = state.personalBudget?.directPayment;
      if (dp && dp.to === null) return fail('DirectPaymentRunning');
      return ok([{ type: 'PersonalBudgetRefused', data: { refusedOn: command.data.on, reasonsDocumentId: command.data.reasonsDocumentId } }]);
    }
    case 'StartDirectPayment': {
      const c = command.data;
      if (state.ceased) return fail('PlanCeased');
      if (state.personalBudget?.status !== 'agreed') return fail('NoPersonalBudget');
      const dp = state.personalBudget.directPayment;
      if (dp && dp.to === null) return fail('DirectPaymentAlreadyRunning');
      return ok([{ type: 'DirectPaymentStarted', data: { from: c.from, annualPence: c.annualPence, recordedOn: c.today } }]);
    }
    case 'StopDirectPayment': {
      const c = command.data;
      const dp = state.personalBudget?.directPayment;
      if (!dp || dp.to !== null) return fail('NoDirectPayment');
      if (isBefore(c.lastDay, addDays(dp.from, -1))) return fail('EndBeforeDirectPaymentStarted');
      return ok([{ type: 'DirectPaymentStopped', data: { lastDay: c.lastDay, recordedOn: c.today } }]);
    }
    case 'RecordPlanCeased':
      return planCeased(command.data, state, running);
    case 'ApplyMatrixRate':
      return matrixRateApplied(command.data, state);
  }
}

function putInTray(c: Extract<Command, { type: 'PutInAwaitingFundingTray' }>['data'], state: PlanFundingState): Decision {
  if (state.ceased) return ok([]);
  const running = runningTopUp(state);
  // a plan naming the setting its top-up already pays (an amendment that did not move the pupil) waits for nothing
  if (running && c.namedSetting.urn !== null && running.settingUrn === c.namedSetting.urn) return ok([]);
  // the same plan seen again (a redelivered or replayed event) is already in the tray
  if (state.awaiting && state.awaiting.since === c.issuedOn && state.awaiting.namedSetting.urn === c.namedSetting.urn) return ok([]);
  return ok([{ type: 'PlanAwaitingFunding', data: { planId: c.planId, childId: c.childId, reference: c.reference, source: c.source, issuedOn: c.issuedOn, namedSetting: c.namedSetting } }]);
}

function bandChanged(running: TopUpSegment, c: { today: CalendarDate; topUpId: string; band: string; from: CalendarDate; rates: MatrixRates; requestId: string | null }): Decision {
  const rate = c.rates.rate;
  if (!rate) return fail('UnknownBand');
  if (isBefore(c.from, running.from)) return fail('ChangeBeforeTopUpStarted');
  if (c.band === running.band && rate.annualPence === rateOn(running, c.from).annualPence) return fail('BandUnchanged');
  return ok([
    { type: 'BandChanged', data: {
      topUpId: c.topUpId, previousTopUpId: running.topUpId, band: c.band, from: c.from, annualPence: rate.annualPence, ratesValidFrom: rate.validFrom, requestId: c.requestId, recordedOn: c.today,
    } },
    ...laterRates(c.topUpId, c.from, c.rates, c.today),
  ]);
}

/** The matrix's later versions of a band (a new year's rates) as the top-up's rate changes from their dates. */
function laterRates(topUpId: string, from: CalendarDate, rates: MatrixRates, today: CalendarDate): Event[] {
  const out: Event[] = [];
  let current = rates.rate!.annualPence;
  for (const r of [...rates.later].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) {
    if (!isAfter(r.validFrom, from) || r.annualPence === current) continue;
    out.push({ type: 'TopUpRateChanged', data: { topUpId, from: r.validFrom, annualPence: r.annualPence, ratesValidFrom: r.validFrom, recordedOn: today } });
    current = r.annualPence;
  }
  return out;
}

/**
 * A matrix version imported: every stretch of the plan's top-up at that band and setting type that
 * runs on or past its date takes its rate from then (from the stretch's first day if the version
 * began earlier), unless a version as new already applies. Recorded today: months already paid are
 * adjusted, never rewritten.
 */
function matrixRateApplied(c: Extract<Command, { type: 'ApplyMatrixRate' }>['data'], state: PlanFundingState): Decision {
  const events: Event[] = [];
  for (const t of state.topUps.filter(hasDays)) {
    if (t.band !== c.band || t.settingType !== c.settingType) continue;
    const from = maxDate(t.from, c.rate.validFrom);
    if (t.to !== null && isAfter(from, t.to)) continue;
    const inForce = rateOn(t, from);
    if (!isBefore(inForce.validFrom, c.rate.validFrom) || inForce.annualPence === c.rate.annualPence) continue;
    events.push({ type: 'TopUpRateChanged', data: { topUpId: t.topUpId, from, annualPence: c.rate.annualPence, ratesValidFrom: c.rate.validFrom, recordedOn: c.today } });
  }
  return ok(events);
}

/** The plan ceased (s.45): the top-up, the placements and any direct payment stop the day before. */
function planCeased(c: Extract<Command, { type: 'RecordPlanCeased' }>['data'], state: PlanFundingState, running: TopUpSegment | null): Decision {
  if (state.ceased) return ok([]);
  const lastDay = addDays(c.ceasedOn, -1);
  const dp = state.personalBudget?.directPayment;
  return ok([
    { type: 'PlanCeasedForFunding', data: { ceasedOn: c.ceasedOn, reason: c.reason } },
    ...(running ? [{ type: 'TopUpEnded' as const, data: { topUpId: running.topUpId, lastDay: maxDate(lastDay, addDays(running.from, -1)), reason: 'plan-ceased' as const, recordedOn: c.today } }] : []),
    ...state.placements.filter((p) => p.to === null).map((p) => ({ type: 'PlacementEnded' as const, data: { settingUrn: p.settingUrn, lastDay: maxDate(lastDay, addDays(p.from, -1)) } })),
    ...(dp && dp.to === null ? [{ type: 'DirectPaymentStopped' as const, data: { lastDay: maxDate(lastDay, addDays(dp.from, -1)), recordedOn: c.today } }] : []),
  ]);
}
