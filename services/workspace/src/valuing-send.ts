import { RATING_SCALE, VALUING_SEND_DOMAINS } from '@ehc/domain-kernel';

/** Valuing SEND's five domains, in the order the ratings come (the kernel's, as the APIs give them). */
export const DOMAINS: readonly string[] = VALUING_SEND_DOMAINS;

/** Its three lines, in its own colours (blue, green, pink), told apart by marker and dash too, not by colour alone. */
const LINES = [
  { key: 'needs', name: 'Needs', colour: '#1d70b8', symbol: 'circle', dash: 'solid' },
  { key: 'settingReadiness', name: 'Setting readiness', colour: '#00703c', symbol: 'triangle', dash: 'dashed' },
  { key: 'familyConfidence', name: 'Family confidence', colour: '#d53880', symbol: 'diamond', dash: 'dotted' },
] as const;

export interface NeedsProfile { profileId: string; ratedOn: string; context: string; needs: number[]; settingReadiness: number[]; familyConfidence: number[] }

/** Ratings run from 1 to 5 (the APIs' scale). */
const SCALE = RATING_SCALE;

/**
 * One profile as a line chart across the five domains, rendered on the server as SVG by Apache
 * ECharts (no script in the page). The numbers are also in a table beside it, for screen readers.
 */
export async function profileChart(profile: NeedsProfile, title: string): Promise<string> {
  // loaded at the first chart, not at every start of the hub
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height: 380 });
  try {
    chart.setOption({
      animation: false,
      title: { text: title, left: 'center', textStyle: { fontSize: 16, fontWeight: 'bold', color: '#0b0c0c' } },
      legend: { bottom: 0, textStyle: { color: '#0b0c0c', fontSize: 14 } },
      grid: { left: 50, right: 30, top: 50, bottom: 90 },
      xAxis: { type: 'category', data: DOMAINS.map((d) => d.replace(/, /g, ',\n').replace(' and ', '\nand ')), axisLabel: { color: '#0b0c0c', fontSize: 12, interval: 0 } },
      yAxis: { type: 'value', min: SCALE.min, max: SCALE.max, interval: 1, axisLabel: { color: '#0b0c0c' }, name: 'Rating', nameTextStyle: { color: '#0b0c0c' } },
      series: LINES.map((line) => ({
        type: 'line', name: line.name, data: profile[line.key], symbol: line.symbol, symbolSize: 10,
        lineStyle: { color: line.colour, width: 3, type: line.dash }, itemStyle: { color: line.colour },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The same numbers as rows of a table: a domain per row, a line per column. */
export function profileTable(profile: NeedsProfile) {
  return { lines: LINES.map((l) => l.name), rows: DOMAINS.map((domain, i) => ({ domain, ratings: LINES.map((l) => profile[l.key][i]) })) };
}
