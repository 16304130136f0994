import { join } from 'node:path';
import type nunjucks from 'nunjucks';
import { govukEnvironment, govukStylesheet } from '@ehc/pages';
import {
  formatNumber, formatPart, measureState, monthWords, pointState, stateWords, type FigureState, type MeasureView, type PackView, type TrendPointView,
} from './pack-view';
import { trendChartSvg } from './trend-chart';

export interface PackHtmlOptions {
  /** true: a whole HTML document (to save, print or send); false: the content for another page's layout. */
  standalone: boolean;
  /** The document's title and h1 (standalone only); by default "SEND performance pack: <month>". */
  title?: string;
  /** Where the downloads are; without them the page has no download links. */
  links?: { csv: (measure?: string) => string; xlsx: string };
  /** Where a case behind a figure opens (the embedding page's case page); without it a reference is plain text. */
  caseHref?: (caseId: string) => string | null;
  /** Standalone only: link this stylesheet instead of putting GOV.UK Frontend's and PACK_CSS in the document. */
  stylesheetHref?: string;
}

/**
 * The pack's own rules, for the page that embeds the content as well as the standalone document:
 * the chart scales to its column, and a printed pack has no download links or drill-downs (a
 * printout cannot open them; case references stay on the screen) and keeps a measure on one page
 * where it fits.
 */
export const PACK_CSS = [
  '.ehc-pack-chart__svg{max-width:100%;height:auto}',
  '.ehc-nowrap{white-space:nowrap}',
  '.ehc-pack-measure{padding-top:15px;border-top:1px solid #b1b4b6}',
  '@media print{',
  '.ehc-pack-links,.ehc-pack-cases,.ehc-pack-cases-heading{display:none}',
  '.ehc-pack a{color:inherit;text-decoration:none}',
  '.ehc-pack-measure{break-inside:avoid-page;page-break-inside:avoid}',
  '.ehc-pack-measure h2,.ehc-pack-measure h3{break-after:avoid-page;page-break-after:avoid}',
  '}',
].join('');

const TEMPLATES = join(__dirname, 'templates');
let environment: nunjucks.Environment | undefined;
const env = () => (environment ??= govukEnvironment([TEMPLATES]));

/**
 * The pack as a GOV.UK page: a table of every measure, then a section per measure with its
 * definition, figures, 12-month chart and table, breakdown and (behind a details toggle) the cases
 * behind the figure. No script; every value escaped by the template.
 */
export async function renderPackHtml(pack: PackView, options: PackHtmlOptions): Promise<string> {
  const measures = [];
  for (const [name, m] of Object.entries(pack.measures)) measures.push(await measureModel(name, m, options));
  const view = {
    pack: { monthWords: monthWords(pack.month), snapshotOn: pack.snapshotOn, asAt: pack.asAt, measures },
    links: options.links ? { xlsx: options.links.xlsx, csv: options.links.csv() } : null,
  };
  if (!options.standalone) return env().render('pack-content.njk', view);
  return env().render('pack-document.njk', {
    ...view,
    title: options.title ?? `SEND performance pack: ${monthWords(pack.month)}`,
    stylesheetHref: options.stylesheetHref ?? null,
    stylesheet: options.stylesheetHref ? '' : govukStylesheet(PACK_CSS),
  });
}

/** The figure in words: 45.9%, £1,234, or why there is none; "(provisional)" when it may change. */
function figureWords(m: MeasureView): string {
  const state = measureState(m);
  if (state !== 'ok' || m.value === null) return stateWords(state === 'ok' ? 'no-cases' : state, m.source);
  return `${formatNumber(m.unit, m.value)}${m.provisional ? ' (provisional)' : ''}`;
}

function pointWords(m: MeasureView, p: TrendPointView): string {
  const state = pointState(m, p);
  return state === 'ok' && p.value !== null ? formatNumber(m.unit, p.value) : stateWords(state, m.source);
}

/** A numerator or denominator in words, or why it is missing (`state`: the figure's it belongs to). */
function partWords(m: MeasureView, value: number | null, state: FigureState): string {
  if (value !== null) return formatPart(m.unit, value);
  return state === 'suppressed' ? 'suppressed' : state === 'source-not-landed' ? 'not yet available' : 'none';
}

async function measureModel(name: string, m: MeasureView, options: PackHtmlOptions) {
  const hasParts = m.unit === 'share' || m.unit === 'mean';
  const state = measureState(m);
  const facts = [
    ...(hasParts ? [
      { key: { text: 'Numerator' }, value: { text: partWords(m, m.numerator, state) } },
      { key: { text: 'Denominator' }, value: { text: partWords(m, m.denominator, state) } },
    ] : [{ key: { text: m.unit === 'pence' ? 'Amount' : 'Number' }, value: { text: partWords(m, m.numerator, state) } }]),
    { key: { text: 'Source' }, value: { text: m.source } },
    { key: { text: 'Status' }, value: { text: state === 'ok' ? (m.provisional ? 'provisional: may still change' : 'final') : stateWords(state, m.source) } },
  ];
  const cases = m.cases.map((c) => ({ reference: c.reference ?? 'no reference', href: options.caseHref?.(c.caseId) ?? null, inNumerator: c.inNumerator, detail: c.detail, daysOverdue: c.daysOverdue ?? '' }));
  return {
    id: `measure-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`,
    title: m.title,
    figure: figureWords(m),
    definition: m.definition,
    facts,
    csv: options.links ? options.links.csv(name) : null,
    hasParts,
    trend: m.trend.map((p) => ({ month: monthWords(p.month), figure: pointWords(m, p), numerator: partWords(m, p.numerator, pointState(m, p)), denominator: partWords(m, p.denominator, pointState(m, p)) })),
    chart: m.trend.length > 0 ? await trendChartSvg(m) : '',
    breakdown: Object.entries(m.breakdown).map(([key, n]) => ({ key, number: n === null ? 'suppressed' : formatPart('count', n) })),
    cases,
    casesSummary: `Show the ${cases.length} ${cases.length === 1 ? 'case' : 'cases'} behind this figure`,
    // a count lists only the cases it counts; a share lists its denominator, some counted and some not
    showCounted: hasParts || m.cases.some((c) => !c.inNumerator),
    showOverdue: m.cases.some((c) => c.daysOverdue !== undefined),
  };
}
