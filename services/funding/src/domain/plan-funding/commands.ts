import type { CalendarDate } from '@ehc/domain-kernel';
import type { DualRegistrationOutcome, NamedSetting, PlanSource, SessionSplit, SettingType, TopUpEndReason } from './events';

/** A rate found in the banding matrix for a band and setting type on a date; null when the matrix has none. */
export interface MatrixRate { annualPence: number; validFrom: CalendarDate }
/** The band's rate from a date, and the later versions the matrix already holds (a new year's rates). */
export interface MatrixRates { rate: MatrixRate | null; later: MatrixRate[] }

/** Every command carries "today" (Europe/London) from the injected clock: effective dates are never in the future. */
type On<D> = { data: D & { today: CalendarDate } };

export type Command =
  | ({ type: 'PutInAwaitingFundingTray' } & On<{ planId: string; childId: string | null; reference: string | null; source: PlanSource; issuedOn: CalendarDate; namedSetting: NamedSetting }>)
  | ({ type: 'RecordTopUpNotRequired' } & On<{ on: CalendarDate; reasonsDocumentId: string | null }>)
  | ({ type: 'AgreeTopUp' } & On<{
      on: CalendarDate; topUpId: string; band: string; settingUrn: string; settingName: string | null; settingType: SettingType; from: CalendarDate; rates: MatrixRates;
    }>)
  | ({ type: 'ChangeBand' } & On<{ on: CalendarDate; topUpId: string; band: string; from: CalendarDate; rates: MatrixRates }>)
  /** A version of the banding matrix imported: the top-ups of its band and setting type take its rate from its date. */
  | ({ type: 'ApplyMatrixRate' } & On<{ on: CalendarDate; band: string; settingType: SettingType; rate: MatrixRate }>)
  | ({ type: 'RequestFundingIncrease' } & On<{ on: CalendarDate; requestId: string; requestedBand: string | null; reasonsDocumentId: string | null }>)
  | ({ type: 'DecideFundingIncrease' } & On<{
      on: CalendarDate; outcome: 'agreed' | 'refused'; reasonsDocumentId: string | null;
      /** With an agreed increase: the new band, from when, and its rate. */
      change: { topUpId: string; band: string; from: CalendarDate; rates: MatrixRates } | null;
    }>)
  | ({ type: 'EndTopUp' } & On<{ on: CalendarDate; lastDay: CalendarDate; reason: TopUpEndReason }>)
  | ({ type: 'StartPlacement' } & On<{ on: CalendarDate; settingUrn: string; settingName: string | null; settingType: SettingType; from: CalendarDate }>)
  | ({ type: 'EndPlacement' } & On<{ on: CalendarDate; settingUrn: string; lastDay: CalendarDate }>)
  | ({ type: 'RecordDualRegistration' } & On<{ on: CalendarDate; dualRegistrationId: string; mainstreamUrn: string; mainstreamName: string | null; startOn: CalendarDate; split: SessionSplit | null }>)
  | ({ type: 'ReleaseDualRegistrationFunding' } & On<{ on: CalendarDate; dualRegistrationId: string }>)
  | ({ type: 'EndDualRegistrationFunding' } & On<{ on: CalendarDate; dualRegistrationId: string; outcome: DualRegistrationOutcome }>)
  | ({ type: 'AgreePersonalBudget' } & On<{ on: CalendarDate; from: CalendarDate; to: CalendarDate | null; annualPence: number }>)
  | ({ type: 'RefusePersonalBudget' } & On<{ on: CalendarDate; reasonsDocumentId: string | null }>)
  | ({ type: 'StartDirectPayment' } & On<{ on: CalendarDate; from: CalendarDate; annualPence: number }>)
  | ({ type: 'StopDirectPayment' } & On<{ on: CalendarDate; lastDay: CalendarDate }>)
  | ({ type: 'RecordPlanCeased' } & On<{ on: CalendarDate; ceasedOn: CalendarDate; reason: string }>);

export type CommandType = Command['type'];
