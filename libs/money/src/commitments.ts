import type { CalendarDate } from '@ehc/domain-kernel';
import type { Pence } from './amounts';
import type { FinancialYear } from './financial-year';
import type { PaymentCadence } from './periods';
import { prorate } from './proration';
import { scheduleOf } from './schedule';
import { splitByWeights } from './split';

/** Who is paid a commitment, and in what proportion: e.g. half-day sessions under dual registration. */
export interface Share {
  readonly payee: string;
  readonly weight: number;
}

/**
 * One constant annual rate over a closed period [from, to], both days included, shared between
 * payees. A band change is two commitments, the first closed the day before the second starts;
 * ceasing is the last one closed. `key` names what the money is for (e.g. a placement) and is how
 * the ledger matches what was paid against what is now owed.
 */
export interface Commitment {
  readonly key: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly annualPence: Pence;
  readonly shares: readonly Share[];
  // A payee's cadence belongs to the payee (the setting's payment arrangements), not to one
  // commitment: it comes from commitmentLines' cadenceOf, and is barred here so nobody adds it.
  readonly cadenceOf?: never;
}

/** What should be paid to one payee in one payment period for one commitment; from/to are the days covered. */
export type TargetLine = {
  readonly key: string;
  readonly payee: string;
  readonly fy: FinancialYear;
  readonly periodId: string;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
  readonly pence: Pence;
};

/**
 * Everything the commitments make payable, per payee and payment period. Each commitment is
 * prorated per financial year first; each year's amount is shared by weight; each payee's share is
 * scheduled over its cadence's periods. Every step splits by largest remainder, so the lines add up
 * to the prorated amounts exactly. Lines come out in commitment order, then FY, then share order,
 * then period order. A zero amount still gives its (zero) lines: they record the periods covered.
 */
export const commitmentLines = (
  commitments: readonly Commitment[],
  cadenceOf: (payee: string) => PaymentCadence,
): TargetLine[] =>
  commitments.flatMap((commitment) => {
    if (commitment.shares.length === 0) throw new RangeError(`Commitment ${commitment.key} has no payee`);
    return prorate(commitment.annualPence, commitment.from, commitment.to).flatMap((amount) => {
      const shares = splitByWeights(amount.pence, commitment.shares.map((share) => share.weight));
      return commitment.shares.flatMap((share, index) =>
        scheduleOf({ ...amount, pence: shares[index] }, cadenceOf(share.payee)).map(
          ({ fy, periodId, from, to, pence }): TargetLine => ({ key: commitment.key, payee: share.payee, fy, periodId, from, to, pence }),
        ),
      );
    });
  });
