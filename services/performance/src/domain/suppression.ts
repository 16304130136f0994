import type { MeasureReport, Pack } from './measures';
import type { Restatement } from './restatement';

/** Official statistics' rule: a count of 1 to 4 people could identify them, so it is not shown to aggregate-only readers. */
export const isSmall = (n: number | null | undefined): boolean => n !== null && n !== undefined && n >= 1 && n <= 4;

const hide = (n: number | null): number | null => (isSmall(n) ? null : n);

/**
 * The report as an aggregate-only reader sees it: no cases, and every count of people from 1 to 4
 * (and any rate or mean built on one) replaced by null, marked `suppressed`. Money is not a count of
 * people and stays; the number of plans behind it is.
 */
export function suppressMeasure(m: MeasureReport): MeasureReport & { suppressed: boolean } {
  const people = m.unit !== 'pence';
  const small = people && (isSmall(m.numerator) || isSmall(m.denominator));
  const breakdown = Object.fromEntries(Object.entries(m.breakdown).map(([k, v]) => [k, hide(v)]));
  const trend = m.trend.map((p) => {
    const tiny = people && (isSmall(p.numerator) || isSmall(p.denominator));
    return { ...p, value: tiny ? null : p.value, numerator: people ? hide(p.numerator) : p.numerator, denominator: hide(p.denominator) };
  });
  return {
    ...m,
    value: small ? null : m.value,
    numerator: people ? hide(m.numerator) : m.numerator,
    denominator: hide(m.denominator),
    breakdown, trend, cases: [],
    suppressed: small || Object.values(m.breakdown).some(isSmall) || trend.some((p, i) => p.value === null && m.trend[i].value !== null),
  };
}

export function suppressPack(pack: Pack): Pack {
  return { ...pack, measures: Object.fromEntries(Object.entries(pack.measures).map(([name, m]) => [name, suppressMeasure(m)])) };
}

export function suppressRestatement(r: Restatement): Restatement {
  const side = (s: { value: number | null; numerator: number | null; denominator: number | null }) =>
    (isSmall(s.numerator) || isSmall(s.denominator) ? { value: null, numerator: hide(s.numerator), denominator: hide(s.denominator) } : s);
  return {
    ...r,
    measures: Object.fromEntries(Object.entries(r.measures).map(([name, m]) => [name, { ...m, from: side(m.from), to: side(m.to), casesAdded: [], casesRemoved: [] }])),
  };
}
