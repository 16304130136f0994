import { addDays, isBefore, type CalendarDate } from '@ehc/domain-kernel';
import type { DualRegistrationOutcome, Event, NamedSetting, PlanSource, SessionSplit, SettingType, TopUpEndReason } from './events';

/** A rate of a top-up from a day: the matrix version it comes from. */
export interface RateWindow { from: CalendarDate; annualPence: number; validFrom: CalendarDate }

/** One band's stretch of the element 3 top-up: a band change closes one and opens the next; a new matrix version changes its rate from a date. */
export interface TopUpSegment {
  topUpId: string; band: string; settingUrn: string; settingType: SettingType; from: CalendarDate; to: CalendarDate | null;
  /** The rate it was agreed at (from its first day). */
  annualPence: number;
  /** Its rates by day, the first from its first day. */
  rates: RateWindow[];
  endReason: TopUpEndReason | null;
}
export interface Placement { settingUrn: string; settingName: string | null; settingType: SettingType; from: CalendarDate; to: CalendarDate | null }
export interface DualRegistrationFunding {
  dualRegistrationId: string; mainstreamUrn: string; mainstreamName: string | null; startOn: CalendarDate; split: SessionSplit | null;
  released: { from: CalendarDate; split: SessionSplit; splitAssumed: boolean } | null;
  ended: { lastDay: CalendarDate; outcome: DualRegistrationOutcome } | null;
}
export interface IncreaseRequest { requestId: string; requestedOn: CalendarDate; requestedBand: string | null; outcome: 'agreed' | 'refused' | null; decidedOn: CalendarDate | null }
export interface PersonalBudget {
  status: 'agreed' | 'refused'; on: CalendarDate; from: CalendarDate | null; to: CalendarDate | null; annualPence: number | null;
  directPayment: { from: CalendarDate; to: CalendarDate | null; annualPence: number } | null;
}

/** What `decide` needs to know about a plan's funding, and what the views and the ledger read. */
export interface PlanFundingState {
  planId: string | null;
  childId: string | null;
  reference: string | null;
  /** In the "awaiting funding" tray: a final or amended plan named a setting and no top-up answers it yet. */
  awaiting: { since: CalendarDate; source: PlanSource; namedSetting: NamedSetting } | null;
  /** The setting the plan last named (its type tells the banding matrix which rates apply). */
  namedSetting: NamedSetting | null;
  placements: Placement[];
  topUps: TopUpSegment[];
  increaseRequests: IncreaseRequest[];
  /** The dual registration running or last run. */
  dualRegistration: DualRegistrationFunding | null;
  /** Earlier dual registrations: their released shares stay paid as they were. */
  pastDualRegistrations: DualRegistrationFunding[];
  personalBudget: PersonalBudget | null;
  ceased: { ceasedOn: CalendarDate; reason: string } | null;
  /** The days commitment changes were recorded, in order: the ledger's paid periods follow from them. */
  changesRecordedOn: CalendarDate[];
}

export const initialState = (): PlanFundingState => ({
  planId: null, childId: null, reference: null, awaiting: null, namedSetting: null, placements: [], topUps: [], increaseRequests: [],
  dualRegistration: null, pastDualRegistrations: [], personalBudget: null, ceased: null, changesRecordedOn: [],
});

/** The top-up running now: the last segment, unless it has ended. */
export const runningTopUp = (s: PlanFundingState): TopUpSegment | null => {
  const last = s.topUps[s.topUps.length - 1];
  return last && last.endReason === null ? last : null;
};
export const openPlacement = (s: PlanFundingState, urn: string): Placement | null => s.placements.find((p) => p.settingUrn === urn && p.to === null) ?? null;
export const openIncreaseRequest = (s: PlanFundingState): IncreaseRequest | null => s.increaseRequests.find((r) => r.outcome === null) ?? null;
/** A segment that ends before it starts (a band changed from the day it began) commits nothing. */
export const hasDays = (t: { from: CalendarDate; to: CalendarDate | null }): boolean => t.to === null || !isBefore(t.to, t.from);

const changed = (s: PlanFundingState, recordedOn: CalendarDate): CalendarDate[] => [...s.changesRecordedOn, recordedOn];
const closeLast = (s: PlanFundingState, to: CalendarDate, endReason: TopUpEndReason | null): TopUpSegment[] =>
  s.topUps.map((t, i) => (i === s.topUps.length - 1 ? { ...t, to, endReason } : t));

export function evolve(state: PlanFundingState, event: Event): PlanFundingState {
  switch (event.type) {
    case 'PlanAwaitingFunding': {
      const d = event.data;
      return {
        ...state, planId: d.planId, childId: d.childId ?? state.childId, reference: d.reference ?? state.reference,
        awaiting: { since: d.issuedOn, source: d.source, namedSetting: d.namedSetting }, namedSetting: d.namedSetting,
      };
    }
    case 'TopUpNotRequired':
      return { ...state, awaiting: null };
    case 'PlacementStarted':
      return { ...state, placements: [...state.placements, { ...event.data, to: null }] };
    case 'PlacementEnded':
      return { ...state, placements: state.placements.map((p) => (p.settingUrn === event.data.settingUrn && p.to === null ? { ...p, to: event.data.lastDay } : p)) };
    case 'TopUpAgreed': {
      const d = event.data;
      return {
        ...state, awaiting: null,
        topUps: [...state.topUps, {
          topUpId: d.topUpId, band: d.band, settingUrn: d.settingUrn, settingType: d.settingType, from: d.from, to: null, annualPence: d.annualPence,
          rates: [{ from: d.from, annualPence: d.annualPence, validFrom: d.ratesValidFrom }], endReason: null,
        }],
        changesRecordedOn: changed(state, d.recordedOn),
      };
    }
    case 'FundingIncreaseRequested':
      return { ...state, increaseRequests: [...state.increaseRequests, { ...event.data, outcome: null, decidedOn: null }] };
    case 'FundingIncreaseDecided':
      return {
        ...state,
        increaseRequests: state.increaseRequests.map((r) => (r.requestId === event.data.requestId ? { ...r, outcome: event.data.outcome, decidedOn: event.data.decidedOn } : r)),
      };
    case 'BandChanged': {
      const d = event.data;
      const previous = runningTopUp(state)!;
      return {
        ...state, awaiting: null,
        topUps: [...closeLast(state, addDays(d.from, -1), null), {
          ...previous, topUpId: d.topUpId, band: d.band, from: d.from, to: null, annualPence: d.annualPence,
          rates: [{ from: d.from, annualPence: d.annualPence, validFrom: d.ratesValidFrom }], endReason: null,
        }],
        changesRecordedOn: changed(state, d.recordedOn),
      };
    }
    case 'TopUpRateChanged': {
      const d = event.data;
      const window = { from: d.from, annualPence: d.annualPence, validFrom: d.ratesValidFrom };
      return {
        ...state,
        topUps: state.topUps.map((t) => (t.topUpId === d.topUpId
          ? { ...t, rates: [...t.rates.filter((r) => r.from !== d.from), window].sort((a, b) => a.from.localeCompare(b.from)) } : t)),
        changesRecordedOn: changed(state, d.recordedOn),
      };
    }
    case 'TopUpEnded':
      return { ...state, topUps: closeLast(state, event.data.lastDay, event.data.reason), changesRecordedOn: changed(state, event.data.recordedOn) };
    case 'DualRegistrationRecorded':
      return {
        ...state, dualRegistration: { ...event.data, released: null, ended: null },
        pastDualRegistrations: state.dualRegistration ? [...state.pastDualRegistrations, state.dualRegistration] : state.pastDualRegistrations,
      };
    case 'DualRegistrationFundingReleased': {
      const d = event.data;
      return { ...state, dualRegistration: { ...state.dualRegistration!, released: { from: d.from, split: d.split, splitAssumed: d.splitAssumed } }, changesRecordedOn: changed(state, d.recordedOn) };
    }
    case 'DualRegistrationFundingEnded': {
      const d = event.data;
      return { ...state, dualRegistration: { ...state.dualRegistration!, ended: { lastDay: d.lastDay, outcome: d.outcome } }, changesRecordedOn: changed(state, d.recordedOn) };
    }
    case 'PersonalBudgetAgreed': {
      const d = event.data;
      return { ...state, personalBudget: { status: 'agreed', on: d.agreedOn, from: d.from, to: d.to, annualPence: d.annualPence, directPayment: state.personalBudget?.directPayment ?? null } };
    }
    case 'PersonalBudgetRefused':
      return { ...state, personalBudget: { status: 'refused', on: event.data.refusedOn, from: null, to: null, annualPence: null, directPayment: null } };
    case 'DirectPaymentStarted': {
      const d = event.data;
      return { ...state, personalBudget: { ...state.personalBudget!, directPayment: { from: d.from, to: null, annualPence: d.annualPence } } };
    }
    case 'DirectPaymentStopped': {
      const pb = state.personalBudget!;
      return { ...state, personalBudget: { ...pb, directPayment: { ...pb.directPayment!, to: event.data.lastDay } } };
    }
    case 'PlanCeasedForFunding':
      return { ...state, awaiting: null, ceased: { ...event.data } };
  }
}

/** A stretch of days a dual registration's funding was shared with its mainstream school. */
export interface SharedWindow { from: CalendarDate; to: CalendarDate | null; mainstreamUrn: string; split: SessionSplit }

/** Every released dual registration's window, in order; one left running when the next was recorded ends the day before the next begins. */
export function sharedWindows(state: PlanFundingState): SharedWindow[] {
  const released = [...state.pastDualRegistrations, ...(state.dualRegistration ? [state.dualRegistration] : [])]
    .flatMap((d) => (d.released ? [{ from: d.released.from, to: d.ended?.lastDay ?? null, mainstreamUrn: d.mainstreamUrn, split: d.released.split }] : []))
    .sort((a, b) => a.from.localeCompare(b.from));
  return released.map((w, i) => {
    const next = released[i + 1];
    if (!next) return w;
    const cap = addDays(next.from, -1);
    return { ...w, to: w.to === null || isBefore(cap, w.to) ? cap : w.to };
  });
}

/** The rate window in force on a day of a top-up segment (the first, for a day before it). */
export const rateOn = (t: TopUpSegment, day: CalendarDate): RateWindow => t.rates.filter((r) => r.from <= day).pop() ?? t.rates[0];
