import { csvLineForSpreadsheet } from '@ehc/csv';
import { pointState, UnknownMeasure, type MeasureView, type PackView } from './pack-view';

export const PACK_CSV_HEADER = ['measure', 'title', 'month', 'value', 'numerator', 'denominator', 'unit', 'status'] as const;

/**
 * The pack in long format, one line per measure and month of its trend, for analysts: values as
 * computed (a share as a fraction, money in pence; `unit` says which), missing ones empty with
 * `status` saying why (ok, suppressed, no-cases, source-not-landed). A measure whose source has not
 * landed has no trend, so it gets one line for the pack's month, to show it is missing, not absent.
 */
export function packCsv(pack: PackView, measure?: string): string {
  const names = Object.keys(pack.measures);
  if (measure !== undefined && !Object.hasOwn(pack.measures, measure)) throw new UnknownMeasure(measure, names);
  const lines = [csvLineForSpreadsheet(PACK_CSV_HEADER)];
  for (const name of measure === undefined ? names : [measure]) lines.push(...measureLines(pack, name, pack.measures[name]));
  return `${lines.join('\r\n')}\r\n`;
}

function measureLines(pack: PackView, name: string, m: MeasureView): string[] {
  const trend = m.trend.length > 0 ? m.trend : [{ month: pack.month, value: null, numerator: null, denominator: null }];
  return trend.map((p) => csvLineForSpreadsheet([name, m.title, p.month, p.value, p.numerator, p.denominator, m.unit, pointState(m, p)]));
}
