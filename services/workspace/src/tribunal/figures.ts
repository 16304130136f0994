import { addMonths, type CalendarDate } from '@ehc/domain-kernel';
import { APPEAL_OUTCOME_WORDS, APPEAL_STAGE_WORDS, APPEAL_TYPE_WORDS, DECISION_TYPE_WORDS, GROUND_OUTCOME_WORDS, inWords, ORDER_KIND_WORDS } from './words';
import { monthWords } from '@ehc/pages';

/*
 * The monthly meeting's appeals figures (`GET /appeals/stats`) as GOV.UK tables: each list of rows
 * the API gives becomes a table, each group of single figures a summary list. The API owns the
 * figures and their shape; this only lays them out and puts codes into words.
 */

/** 2026-03 → March 2026: the pages' one way of writing a month. */
export { monthWords };

/** A camelCase or kebab-case key as a heading: appealRate → Appeal rate. */
export const keyWords = (key: string): string =>
  key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());

/** Codes a figure's cell can hold, by the key they are under. */
const CODE_WORDS: Record<string, Record<string, string>> = {
  type: APPEAL_TYPE_WORDS, appealType: APPEAL_TYPE_WORDS, decisionType: DECISION_TYPE_WORDS, outcome: { ...APPEAL_OUTCOME_WORDS, ...GROUND_OUTCOME_WORDS },
  stage: APPEAL_STAGE_WORDS, kind: ORDER_KIND_WORDS, orderKind: ORDER_KIND_WORDS,
};

/** One cell: a month in words, a code in words, a number as a number, a rate as a percentage when the key says so. */
export function cellWords(key: string, value: unknown, under = ''): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') {
    if (/rate|share|proportion|percent/i.test(`${under} ${key}`) && value >= 0 && value <= 1 && !Number.isInteger(value)) return `${(value * 100).toFixed(1)}%`;
    return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  }
  if (typeof value === 'string') {
    if (/month$/i.test(key) || key === 'from' || key === 'to') return monthWords(value);
    if (CODE_WORDS[key]) return inWords(CODE_WORDS[key], value);
    return value;
  }
  return JSON.stringify(value);
}

export interface FiguresTable { title: string; head: string[]; rows: string[][] }
export interface FiguresList { title: string; rows: { key: string; value: string }[] }
export type Figures = { kind: 'table'; table: FiguresTable } | { kind: 'list'; list: FiguresList };

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** An object of single figures only: `{ dismissed: 2, allowed: 5 }`. */
const isFlatGroup = (v: unknown): v is Record<string, unknown> => isPlain(v) && Object.values(v).every(scalar);

/**
 * The API's answer as tables and lists, in the order it gives them: a list of flat rows is a table
 * (its columns the rows' keys); an object of single figures is a list; deeper objects are walked,
 * their keys joined into the title.
 */
export function figuresOf(stats: Record<string, unknown>, skip: readonly string[] = ['from', 'to', 'asOf', 'months']): Figures[] {
  const out: Figures[] = [];
  const walk = (title: string, value: unknown) => {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out.push({ kind: 'list', list: { title, rows: [{ key: 'Figures', value: 'None in these months' }] } });
        return;
      }
      if (value.every(isPlain)) {
        const keys = [...new Set(value.flatMap((row) => Object.keys(row).filter((k) => scalar(row[k]))))];
        // a row's group of single figures (a month's appeals by type) is more columns of the same table
        const groups = [...new Set(value.flatMap((row) => Object.keys(row).filter((k) => isFlatGroup(row[k]))))]
          .map((k) => ({ key: k, subs: [...new Set(value.flatMap((row) => (isFlatGroup(row[k]) ? Object.keys(row[k] as object) : [])))] }));
        out.push({
          kind: 'table',
          table: {
            title,
            head: [...keys.map(keyWords), ...groups.flatMap((g) => g.subs.map((sub) => keyWords(sub)))],
            rows: value.map((row) => [
              ...keys.map((k) => cellWords(k, row[k])),
              ...groups.flatMap((g) => g.subs.map((sub) => cellWords(sub, (row[g.key] as Record<string, unknown> | undefined)?.[sub], g.key))),
            ]),
          },
        });
        // a row's nested lists are their own tables
        for (const [i, row] of value.entries()) {
          for (const [k, v] of Object.entries(row)) if (!scalar(v) && !isFlatGroup(v)) walk(`${title}: ${rowName(row, i)}, ${keyWords(k).toLowerCase()}`, v);
        }
        return;
      }
      out.push({ kind: 'list', list: { title, rows: value.map((v, i) => ({ key: String(i + 1), value: cellWords(title, v) })) } });
      return;
    }
    if (isPlain(value)) {
      const singles = Object.entries(value).filter(([, v]) => scalar(v));
      if (singles.length) out.push({ kind: 'list', list: { title, rows: singles.map(([k, v]) => ({ key: keyWords(k), value: cellWords(k, v, title) })) } });
      for (const [k, v] of Object.entries(value)) if (!scalar(v)) walk(`${title}: ${keyWords(k).toLowerCase()}`, v);
      return;
    }
    out.push({ kind: 'list', list: { title, rows: [{ key: title, value: cellWords(title, value) }] } });
  };
  const singles = Object.entries(stats).filter(([k, v]) => !skip.includes(k) && scalar(v));
  if (singles.length) out.push({ kind: 'list', list: { title: 'In these months', rows: singles.map(([k, v]) => ({ key: keyWords(k), value: cellWords(k, v) })) } });
  for (const [k, v] of Object.entries(stats)) if (!skip.includes(k) && !scalar(v)) walk(keyWords(k), v);
  return out;
}

const rowName = (row: Record<string, unknown>, i: number) => {
  const named = ['month', 'type', 'kind', 'stage', 'section', 'outcome'].find((k) => typeof row[k] === 'string');
  return named ? cellWords(named, row[named]) : `row ${i + 1}`;
};

/** The months the page shows first: the twelve ending with this one. */
export function lastTwelveMonths(today: CalendarDate): { from: string; to: string } {
  return { from: addMonths(today, -11).slice(0, 7), to: today.slice(0, 7) };
}
