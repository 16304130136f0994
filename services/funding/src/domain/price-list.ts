import { addDays, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';

/*
 * A price list versioned by date — the banding matrix, the EY inclusion rates table: each line's
 * rate from the day a version is valid from. A rate once set is a fact money was agreed at, so a
 * new year's rates are a new version, never an edit.
 */

export interface PriceRow { validFrom: CalendarDate }

/** What a list's rows are rates of, and how they are listed. */
export interface PriceList<R extends PriceRow> {
  /** What a rate is for: a band and setting type, a level. */
  lineOf(row: R): string;
  amountOf(row: R): number;
  /** The order its lines are shown in. */
  compareLines(a: R, b: R): number;
}

const versionOf = <R extends PriceRow>(list: PriceList<R>, row: R) => `${list.lineOf(row)}\u0000${row.validFrom}`;

/** Rows that would change a rate already set (or set twice in one import) for the same line and date. */
export function conflictingRows<R extends PriceRow>(list: PriceList<R>, current: readonly R[], rows: readonly R[]): R[] {
  const set = new Map(current.map((r) => [versionOf(list, r), list.amountOf(r)]));
  const conflicts: R[] = [];
  for (const r of rows) {
    const known = set.get(versionOf(list, r));
    if (known === undefined) set.set(versionOf(list, r), list.amountOf(r));
    else if (known !== list.amountOf(r)) conflicts.push(r);
  }
  return conflicts;
}

/** The rows an import adds: those not in the list yet, each once (the same file again adds nothing). */
export function newRows<R extends PriceRow>(list: PriceList<R>, current: readonly R[], rows: readonly R[]): R[] {
  const known = new Set(current.map((r) => versionOf(list, r)));
  const added: R[] = [];
  for (const r of rows) {
    if (known.has(versionOf(list, r))) continue;
    known.add(versionOf(list, r));
    added.push(r);
  }
  return added;
}

/**
 * A line's version in force on a day: the latest valid by then; null when the line has none by
 * then. Two versions of a line from the same day make the list ambiguous: a bug, thrown.
 */
export function versionOn<R extends PriceRow>(list: PriceList<R>, rows: readonly R[], line: string, on: CalendarDate): R | null {
  const inForce = rows.filter((r) => list.lineOf(r) === line && onOrBefore(r.validFrom, on));
  if (inForce.length === 0) return null;
  const latest = inForce.reduce((a, b) => (b.validFrom > a.validFrom ? b : a));
  if (inForce.filter((r) => r.validFrom === latest.validFrom).length > 1) throw new RangeError(`two rates for ${line} from ${latest.validFrom}`);
  return latest;
}

/** The list as it stands: each line's versions, oldest first, each with the day before the next began. */
export function withValidTo<R extends PriceRow>(list: PriceList<R>, rows: readonly R[]): (R & { validTo: CalendarDate | null })[] {
  const sorted = [...rows].sort((a, b) => list.compareLines(a, b) || a.validFrom.localeCompare(b.validFrom));
  return sorted.map((r, i) => {
    const next = sorted[i + 1];
    return { ...r, validTo: next && list.lineOf(next) === list.lineOf(r) ? addDays(next.validFrom, -1) : null };
  });
}
