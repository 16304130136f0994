import type { CalendarDate } from '@ehc/domain-kernel';
import type { NeedsProfile, RefusalReason } from './events';

/** Every command carries "today" (Europe/London) from the injected clock: effective dates are never in the future. */
type On<D> = { data: D & { today: CalendarDate } };

export type Command =
  | ({ type: 'ApplyForEyInclusionFunding' } & On<{
      applicationId: string; childId: string; settingUrn: string; appliedOn: CalendarDate; hoursPerWeek: number; weeks: number;
      supportDocumentId: string; needsProfile: NeedsProfile; evidenceDocumentId: string | null;
      /** Configuration: the working days the LA gives itself to decide. */
      decisionWorkingDays: number;
    }>)
  | ({ type: 'TriageEyInclusionApplication' } & On<{ on: CalendarDate }>)
  | ({ type: 'RequestMoreInformation' } & On<{ on: CalendarDate; questionsDocumentId: string }>)
  | ({ type: 'ProvideMoreInformation' } & On<{ on: CalendarDate; answerDocumentId: string }>)
  | ({ type: 'ApproveEyInclusionFunding' } & On<{
      on: CalendarDate; level: string;
      /** The level's hourly rate valid on `from`, looked up by the caller; null when the rates table has no such level then. */
      hourlyPence: number | null;
      from: CalendarDate; to: CalendarDate;
    }>)
  | ({ type: 'RefuseEyInclusionFunding' } & On<{ on: CalendarDate; reasonsDocumentId: string; reasonCodes: RefusalReason[] }>)
  | ({ type: 'RecordEyInclusionPayment' } & On<{ on: CalendarDate; periodId: string }>)
  /** `on` is the child's last day at the setting. */
  | ({ type: 'RecordChildLeftSetting' } & On<{ on: CalendarDate }>)
  | ({ type: 'WithdrawEyInclusionApplication' } & On<{ on: CalendarDate }>);

export type CommandType = Command['type'];
