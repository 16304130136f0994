import { onOrBefore, phaseTransferDeadline, type CalendarDate, type PhaseTransferKind } from '@ehc/domain-kernel';
import type { Upcaster } from '@ehc/event-store';

interface AmendedPlanIssuedV1 {
  issuedOn: CalendarDate;
  phaseTransfer: { kind: PhaseTransferKind; transferYear: number; deadline: CalendarDate; met: boolean } | null;
  [field: string]: unknown;
}

/**
 * AmendedPlanIssued v1 -> v2. Version 1 took reg 18(1)'s deadline to be 15 February (31 March into
 * post-16) itself, so an amended plan issued on the 15th was recorded as on time; the Regulations say
 * "before", so the last lawful day is the 14th (30th). The stored event is never rewritten: its
 * deadline and whether it was met are worked out again from the kind, the year and the issue date.
 * Version 1 knew nothing of reg 18(2) moves, so it had none.
 */
export const amendedPlanIssuedV1ToV2: Upcaster = {
  type: 'AmendedPlanIssued',
  fromVersion: 1,
  upcast(data: unknown) {
    const v1 = data as AmendedPlanIssuedV1;
    const transfer = v1.phaseTransfer;
    const deadline = transfer ? phaseTransferDeadline(transfer.transferYear, transfer.kind) : null;
    return {
      ...v1,
      phaseTransfer: transfer && deadline ? { ...transfer, deadline, met: onOrBefore(v1.issuedOn, deadline) } : null,
      post16Transfer: null,
    };
  },
};

/** Every upcaster of the annual review's events, wired into its store (service.ts). */
export const annualReviewUpcasters: Upcaster[] = [amendedPlanIssuedV1ToV2];
