import type { CalendarDate } from '@ehc/domain-kernel';

/*
 * The events of one EHC plan's funding (domain §6): the plan waiting in the "awaiting funding" tray,
 * its placements, the element 3 top-up agreed from the banding matrix and every change to it, a
 * special school pupil's dual registration releasing part of the top-up to a mainstream school,
 * and the family's personal budget and direct payment. Money is integer pence. Every event that
 * changes a commitment carries `recordedOn`: the day the change was recorded decides which payment
 * periods had already been paid (a change never rewrites a paid line; it makes adjustments).
 */

/** The setting types of the banding matrix: the annual review's named-setting types. */
export const SETTING_TYPES = [
  'mainstream', 'resourced-provision', 'special', 'independent-special', 'alternative-provision', 'further-education', 'early-years',
  'otherwise-than-at-school', 'other',
] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export interface NamedSetting { urn: string | null; name: string; type: SettingType | null }
export type PlanSource = 'final-plan' | 'amended-plan';
export type TopUpEndReason = 'plan-ceased' | 'placement-ended' | 'moved-away' | 'other';
export type DualRegistrationOutcome = 'success' | 'failure';
/** Half-day sessions a week at each school: the top-up is split by them. */
export interface SessionSplit { specialSessions: number; mainstreamSessions: number }

export type Event =
  | { type: 'PlanAwaitingFunding'; data: {
      planId: string; childId: string | null; reference: string | null; source: PlanSource; issuedOn: CalendarDate; namedSetting: NamedSetting;
    } }
  | { type: 'TopUpNotRequired'; data: { recordedOn: CalendarDate; settingUrn: string | null; reasonsDocumentId: string | null } }
  | { type: 'PlacementStarted'; data: { settingUrn: string; settingName: string | null; settingType: SettingType; from: CalendarDate } }
  | { type: 'PlacementEnded'; data: { settingUrn: string; lastDay: CalendarDate } }
  | { type: 'TopUpAgreed'; data: {
      topUpId: string; band: string; settingUrn: string; settingType: SettingType; from: CalendarDate; annualPence: number;
      /** The banding matrix version the rate came from (its valid-from date). */
      ratesValidFrom: CalendarDate; recordedOn: CalendarDate;
    } }
  | { type: 'FundingIncreaseRequested'; data: { requestId: string; requestedOn: CalendarDate; requestedBand: string | null; reasonsDocumentId: string | null } }
  | { type: 'FundingIncreaseDecided'; data: { requestId: string; decidedOn: CalendarDate; outcome: 'agreed' | 'refused'; reasonsDocumentId: string | null } }
  | { type: 'BandChanged'; data: {
      topUpId: string; previousTopUpId: string; band: string; from: CalendarDate; annualPence: number; ratesValidFrom: CalendarDate;
      requestId: string | null; recordedOn: CalendarDate;
    } }
  /** The banding matrix's rate for the top-up's band and setting type changes from a date (a new year's version). */
  | { type: 'TopUpRateChanged'; data: { topUpId: string; from: CalendarDate; annualPence: number; ratesValidFrom: CalendarDate; recordedOn: CalendarDate } }
  | { type: 'TopUpEnded'; data: { topUpId: string; lastDay: CalendarDate; reason: TopUpEndReason; recordedOn: CalendarDate } }
  | { type: 'DualRegistrationRecorded'; data: {
      dualRegistrationId: string; mainstreamUrn: string; mainstreamName: string | null; startOn: CalendarDate; split: SessionSplit | null;
    } }
  | { type: 'DualRegistrationFundingReleased'; data: {
      dualRegistrationId: string; mainstreamUrn: string; from: CalendarDate; split: SessionSplit;
      /** No split was agreed: the top-up is shared equally until one is (domain §11.11). */
      splitAssumed: boolean; recordedOn: CalendarDate;
    } }
  | { type: 'DualRegistrationFundingEnded'; data: { dualRegistrationId: string; lastDay: CalendarDate; outcome: DualRegistrationOutcome; recordedOn: CalendarDate } }
  | { type: 'PersonalBudgetAgreed'; data: { agreedOn: CalendarDate; from: CalendarDate; to: CalendarDate | null; annualPence: number } }
  | { type: 'PersonalBudgetRefused'; data: { refusedOn: CalendarDate; reasonsDocumentId: string | null } }
  | { type: 'DirectPaymentStarted'; data: { from: CalendarDate; annualPence: number; recordedOn: CalendarDate } }
  | { type: 'DirectPaymentStopped'; data: { lastDay: CalendarDate; recordedOn: CalendarDate } }
  | { type: 'PlanCeasedForFunding'; data: { ceasedOn: CalendarDate; reason: string } };

export type EventType = Event['type'];

/** Every event is at its first schema version. */
export const SCHEMA_VERSIONS: Record<EventType, number> = {
  PlanAwaitingFunding: 1, TopUpNotRequired: 1, PlacementStarted: 1, PlacementEnded: 1, TopUpAgreed: 1, FundingIncreaseRequested: 1, FundingIncreaseDecided: 1,
  BandChanged: 1, TopUpRateChanged: 1, TopUpEnded: 1, DualRegistrationRecorded: 1, DualRegistrationFundingReleased: 1, DualRegistrationFundingEnded: 1,
  PersonalBudgetAgreed: 1, PersonalBudgetRefused: 1, DirectPaymentStarted: 1, DirectPaymentStopped: 1, PlanCeasedForFunding: 1,
};
