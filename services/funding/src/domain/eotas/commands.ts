import type { CalendarDate } from '@ehc/domain-kernel';
import type { CommissioningCheck, EndReason, Provider } from './events';

/** Every command carries "today" (Europe/London) from the injected clock: effective dates are never after it. */
type On<D> = { data: D & { today: CalendarDate } };

export type Command =
  | ({ type: 'ProposeEotasPackage' } & On<{
      packageId: string; planId: string; childId: string; proposedOn: CalendarDate;
      /** The signed-in officer's actor id. */
      proposedBy: string;
      provider: Provider; checksDone: CommissioningCheck[]; weeklyCostPence: number;
      /** The proposed start: may be in the future. */
      startOn: CalendarDate;
      /** When the package is to be reviewed: may be in the future. */
      reviewDate: CalendarDate;
    }>)
  | ({ type: 'RecordCommissioningCheck' } & On<{ on: CalendarDate; check: CommissioningCheck }>)
  | ({ type: 'ApproveEotasPackage' } & On<{ on: CalendarDate; panelOn: CalendarDate; signedOffBy: string }>)
  | ({ type: 'DeclineEotasPackage' } & On<{ on: CalendarDate; panelOn: CalendarDate; reasonsDocumentId: string | null }>)
  | ({ type: 'ReviewEotasPackage' } & On<{
      on: CalendarDate; weeklyCostPence: number;
      /** From when the weekly cost applies: may be in the future, or back to the start. */
      costFrom: CalendarDate;
      nextReviewDate: CalendarDate; notesDocumentId: string | null;
    }>)
  | ({ type: 'EndEotasPackage' } & On<{ on: CalendarDate; lastDay: CalendarDate; reason: EndReason; notesDocumentId: string | null }>);

export type CommandType = Command['type'];
