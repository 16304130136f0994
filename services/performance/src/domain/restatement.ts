import type { CaseLine, Pack } from './measures';

export interface Restated {
  from: { value: number | null; numerator: number | null; denominator: number | null };
  to: { value: number | null; numerator: number | null; denominator: number | null };
  restated: boolean;
  /** Cases that came into (or left) the figure between the two as-at times: late recording, made visible. */
  casesAdded: CaseLine[];
  casesRemoved: CaseLine[];
}

export interface Restatement {
  month: string;
  fromAsAt: string | null;
  toAsAt: string | null;
  /** The measures whose figure changed. */
  restated: string[];
  measures: Record<string, Restated>;
}

const key = (c: CaseLine) => `${c.caseId}|${c.inNumerator}|${c.detail}`;

/** What changed in month M's pack between two as-at times. */
export function restate(from: Pack, to: Pack): Restatement {
  const measures: Record<string, Restated> = {};
  for (const [name, after] of Object.entries(to.measures)) {
    const before = from.measures[name];
    const pick = (m: typeof after) => ({ value: m.value, numerator: m.numerator, denominator: m.denominator });
    const beforeKeys = new Set(before.cases.map(key));
    const afterKeys = new Set(after.cases.map(key));
    measures[name] = {
      from: pick(before), to: pick(after),
      restated: before.value !== after.value || before.numerator !== after.numerator || before.denominator !== after.denominator,
      casesAdded: after.cases.filter((c) => !beforeKeys.has(key(c))),
      casesRemoved: before.cases.filter((c) => !afterKeys.has(key(c))),
    };
  }
  return { month: to.month, fromAsAt: from.asAt, toAsAt: to.asAt, restated: Object.keys(measures).filter((n) => measures[n].restated), measures };
}
