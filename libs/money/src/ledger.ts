import { assertCalendarDate, isBefore, maxDate, minDate, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { assertPence, type Pence } from './amounts';
import type { TargetLine } from './commitments';
import type { FinancialYear } from './financial-year';
import { paymentPeriodOf } from './periods';

/**
 * A line of the payments ledger. 'scheduled': the period's payment as planned when recorded, paid
 * on the period's first day (in advance). 'adjustment': a correction to a period already paid,
 * paid (or, when negative, clawed back) on the day it was recorded.
 */
export type LedgerLine = TargetLine & {
  readonly kind: 'scheduled' | 'adjustment';
  readonly recordedOn: CalendarDate;
};

/** True once the line's money has gone: an adjustment from the day it is recorded, a scheduled line from its period's first day. */
export const isPaidBy = (line: LedgerLine, date: CalendarDate): boolean =>
  line.kind === 'adjustment'
    ? onOrBefore(line.recordedOn, date)
    : onOrBefore(paymentPeriodOf(line.fy, line.periodId).from, date);

type PeriodLine = Pick<TargetLine, 'key' | 'payee' | 'fy' | 'periodId' | 'from' | 'to' | 'pence'>;

type Group<T> = { key: string; payee: string; fy: FinancialYear; periodId: string; periodFrom: CalendarDate; lines: T[] };

// Lines grouped by (key, payee, period), groups in key, payee, then time order (by the period's
// first day, so a payee who moved from monthly to termly payments still reads in time order).
const groupByPeriod = <T extends PeriodLine>(lines: readonly T[]): Group<T>[] => {
  const groups = new Map<string, Group<T>>();
  for (const line of lines) {
    const id = JSON.stringify([line.key, line.payee, line.periodId]);
    const group = groups.get(id);
    if (group) group.lines.push(line);
    else {
      const periodFrom = paymentPeriodOf(line.fy, line.periodId).from;
      groups.set(id, { key: line.key, payee: line.payee, fy: line.fy, periodId: line.periodId, periodFrom, lines: [line] });
    }
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()].sort((a, b) =>
    order(a.key, b.key) || order(a.payee, b.payee) || order(a.periodFrom, b.periodFrom) || order(a.periodId, b.periodId));
};

export const totalPence = (lines: readonly { readonly pence: Pence }[]): Pence =>
  lines.reduce((sum, line) => sum + line.pence, 0);

export type PeriodTotal = { readonly key: string; readonly payee: string; readonly fy: FinancialYear; readonly periodId: string; readonly pence: Pence };

/** One total per (key, payee, period), in key, payee and time order: what a ledger and a target are compared by. */
export const byPeriod = (lines: readonly PeriodLine[]): PeriodTotal[] =>
  groupByPeriod(lines).map(({ key, payee, fy, periodId, lines: group }) => ({ key, payee, fy, periodId, pence: totalPence(group) }));

/**
 * Brings the ledger in line with a new target (what is now owed) without rewriting anything paid,
 * since paid money has left the authority's account and the finance system has the record.
 *
 * - Every paid line (see isPaidBy on `recordedOn`) is kept as it is.
 * - For each (key, payee, period) whose period has started by `recordedOn`, one adjustment for
 *   target − kept, if not zero: a top-up, or a clawback when negative. It names the days of the
 *   group's kept and target lines together (earliest from, latest to).
 * - Periods not yet started are planned afresh: their previous scheduled lines are dropped and the
 *   target's lines for them become scheduled lines recorded on `recordedOn`.
 *
 * So, per (key, payee, period), the result adds up to the target exactly, and a period the target
 * no longer has is brought to zero. Order: the kept lines in their previous order, then this
 * change's lines grouped by key, payee and period in time order, target order within a group; a
 * ledger grows only at its end, so the order stays stable across changes.
 *
 * A previous line recorded after `recordedOn` (changes applied out of order) or an adjustment to a
 * period not yet started (never made here) is a bug and throws.
 */
export const reschedule = (previous: readonly LedgerLine[], target: readonly TargetLine[], recordedOn: CalendarDate): LedgerLine[] => {
  assertCalendarDate(recordedOn);
  for (const line of previous) {
    if (isBefore(recordedOn, line.recordedOn)) {
      throw new RangeError(`A ledger line recorded on ${line.recordedOn} is later than this change (${recordedOn})`);
    }
  }
  for (const line of target) assertPence(line.pence, `target pence for ${line.key} ${line.payee} ${line.periodId}`);

  const kept = previous.filter((line) => isPaidBy(line, recordedOn));
  const changes: LedgerLine[] = [];
  const tagged = [...kept.map((line) => ({ ...line, isTarget: false })), ...target.map((line) => ({ ...line, isTarget: true }))];
  for (const group of groupByPeriod(tagged)) {
    const wanted = group.lines.filter((line) => line.isTarget);
    const paid = group.lines.filter((line) => !line.isTarget);
    if (onOrBefore(group.periodFrom, recordedOn)) {
      const pence = totalPence(wanted) - totalPence(paid);
      if (pence === 0) continue;
      const [first, ...rest] = group.lines;
      changes.push({
        key: group.key, payee: group.payee, fy: group.fy, periodId: group.periodId,
        from: minDate(first.from, ...rest.map((line) => line.from)),
        to: maxDate(first.to, ...rest.map((line) => line.to)),
        pence, kind: 'adjustment', recordedOn,
      });
    } else {
      if (paid.length > 0) {
        throw new RangeError(`Adjustment to ${group.key} ${group.payee} ${group.periodId} before the period started`);
      }
      for (const { key, payee, fy, periodId, from, to, pence } of wanted) {
        changes.push({ key, payee, fy, periodId, from, to, pence, kind: 'scheduled', recordedOn });
      }
    }
  }
  return [...kept, ...changes];
};

/** The ledger made by recording each change in turn from an empty ledger; the changes must be in date order. */
export const ledgerOf = (changes: readonly { readonly recordedOn: CalendarDate; readonly target: readonly TargetLine[] }[]): LedgerLine[] => {
  changes.forEach((change, index) => {
    if (index > 0 && isBefore(change.recordedOn, changes[index - 1].recordedOn)) {
      throw new RangeError(`Changes out of order: ${change.recordedOn} after ${changes[index - 1].recordedOn}`);
    }
  });
  return changes.reduce<LedgerLine[]>((ledger, change) => reschedule(ledger, change.target, change.recordedOn), []);
};
