import { monthWords } from '@ehc/pages';

/**
 * The pack as this library reads it: the same shape as the performance service's `Pack`
 * (services/performance/src/domain/measures.ts), declared here because a platform lib never
 * imports a service (STYLE §2). The service's `Pack` is assignable to `PackView`.
 */

/** count: how many; share: a fraction 0..1; mean: numerator ÷ denominator; pence: money, in pence. */
export type PackUnit = 'count' | 'share' | 'mean' | 'pence';

/** ok; no-cases (nothing to divide); source-not-landed (the source's contract is not read yet). */
export type PackStatus = 'ok' | 'no-cases' | 'source-not-landed';

export interface TrendPointView {
  /** YYYY-MM */
  month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** A case behind a figure, for the drill-down. */
export interface CaseLineView {
  caseId: string;
  reference: string | null;
  inNumerator: boolean;
  detail: string;
  daysOverdue?: number;
}

export interface MeasureView {
  title: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: PackUnit;
  definition: string;
  source: string;
  status: PackStatus;
  provisional: boolean;
  /** null: a count of 1 to 4 withheld from an aggregate-only reader. */
  breakdown: Record<string, number | null>;
  trend: readonly TrendPointView[];
  cases: readonly CaseLineView[];
  /** Small numbers (1–4) withheld: the numbers are null in their place. */
  suppressed?: boolean;
}

export interface PackView {
  /** YYYY-MM */
  month: string;
  /** The as-at date or instant the pack was produced from (null: everything recorded so far). */
  asAt: string | null;
  snapshotOn: string;
  measures: Record<string, MeasureView>;
}

/** A measure name the pack does not have. */
export class UnknownMeasure extends Error {
  override readonly name = 'UnknownMeasure';
  constructor(readonly measure: string, readonly known: readonly string[]) {
    super(`no measure named ${JSON.stringify(measure)} in the pack (it has ${known.join(', ')})`);
  }
}

/** Why a figure is missing, or `ok` when it is there. */
export type FigureState = 'ok' | 'suppressed' | 'no-cases' | 'source-not-landed';

/** The state of the measure's own (latest) figure. */
export function measureState(m: MeasureView): FigureState {
  if (m.status === 'source-not-landed') return 'source-not-landed';
  if (m.suppressed) return 'suppressed';
  return m.value === null ? 'no-cases' : 'ok';
}

/**
 * The state of one month of the trend. Suppression nulls the numerator as well as the value; a
 * month with nothing to divide keeps its numerator (0), so the two are told apart by that.
 */
export function pointState(m: MeasureView, p: TrendPointView): FigureState {
  if (m.status === 'source-not-landed') return 'source-not-landed';
  if (p.value !== null) return 'ok';
  return p.numerator === null ? 'suppressed' : 'no-cases';
}

/** The words for a missing figure, in the note column and on the page. */
export function stateWords(state: FigureState, source: string): string {
  switch (state) {
    case 'ok': return '';
    case 'suppressed': return 'suppressed';
    case 'no-cases': return 'no cases';
    case 'source-not-landed': return `not yet available: ${source} has not landed`;
  }
}

/** 2026-03 → March 2026: the pages' one way of writing a month. */
export { monthWords };

/** 2026-03 → the first of the month at midnight UTC (a spreadsheet date has no time zone). */
export function firstOfMonth(month: string): Date {
  const [year, mon] = month.split('-').map(Number);
  return new Date(Date.UTC(year, mon - 1, 1));
}

/** 1234567 → 1,234,567 (no locale data needed). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A figure as the page prints it: 45.9%, £1,234, 3.8, 12. */
export function formatNumber(unit: PackUnit, value: number): string {
  switch (unit) {
    case 'share': return `${(value * 100).toFixed(1)}%`;
    case 'pence': return `${value < 0 ? '-' : ''}£${grouped(Math.round(Math.abs(value) / 100))}`;
    case 'mean': return value.toFixed(1);
    case 'count': return `${value < 0 ? '-' : ''}${grouped(Math.round(Math.abs(value)))}`;
  }
}

/** A numerator or denominator: money for a pence measure, otherwise a whole count (a mean's numerator is a sum). */
export function formatPart(unit: PackUnit, value: number | null): string {
  if (value === null) return '';
  return unit === 'pence' ? formatNumber('pence', value) : `${value < 0 ? '-' : ''}${grouped(Math.abs(value))}`;
}
