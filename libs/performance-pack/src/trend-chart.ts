import { formatNumber, monthWords, type MeasureView } from './pack-view';

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const escapeAttribute = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A value on the chart's axis: shares in per cent, money in pounds. */
const plotted = (m: MeasureView, v: number | null) => (v === null ? null : m.unit === 'share' ? v * 100 : m.unit === 'pence' ? v / 100 : v);

/**
 * A measure's 12-month trend drawn on the server as SVG by Apache ECharts (as the surveys' chart
 * is): no script in the page. The SVG is one image to assistive technology (role="img", a label
 * naming what it shows); the numbers themselves are in the trend table beside it. A missing month is
 * a gap in the line, never a zero.
 */
export async function trendChartSvg(m: MeasureView): Promise<string> {
  // loaded at the first chart, not when the service starts
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 300 });
  try {
    const axisLabel = m.unit === 'share' ? '{value}%' : m.unit === 'pence' ? '£{value}' : '{value}';
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'Arial, sans-serif' },
      grid: { left: 80, right: 24, top: 24, bottom: 56 },
      xAxis: {
        type: 'category', data: m.trend.map((p) => `${SHORT_MONTHS[Number(p.month.slice(5)) - 1]}\n${p.month.slice(0, 4)}`),
        axisLabel: { color: '#0b0c0c', fontSize: 12, interval: 0 },
      },
      yAxis: {
        type: 'value', min: 0, ...(m.unit === 'share' ? { max: 100 } : {}), ...(m.unit === 'count' ? { minInterval: 1 } : {}),
        axisLabel: { color: '#0b0c0c', fontSize: 12, formatter: axisLabel },
      },
      series: [{
        type: 'line', name: m.title, data: m.trend.map((p) => plotted(m, p.value)), connectNulls: false, silent: true,
        // a line with markers in near-black: read by shape and contrast, not by colour
        symbol: 'circle', symbolSize: 8, lineStyle: { color: '#0b0c0c', width: 3 }, itemStyle: { color: '#0b0c0c' },
      }],
    });
    return labelled(chart.renderToSVGString(), chartLabel(m));
  } finally {
    chart.dispose();
  }
}

/** What the chart shows, in words: its first and last months with their values. */
function chartLabel(m: MeasureView): string {
  const first = m.trend[0];
  const last = m.trend[m.trend.length - 1];
  const at = (p: typeof first) => `${monthWords(p.month)} ${p.value === null ? 'no figure' : formatNumber(m.unit, p.value)}`;
  return `Line chart of ${m.title} by month, ${at(first)} to ${at(last)}: every month's figure is in the table that follows.`;
}

/**
 * The SVG for a page: an image with a label, and nothing a Content-Security-Policy without inline
 * styles would refuse: ECharts' `<style>` (hover rules a static chart does not need) goes, and its
 * `style` attributes (the text's font) become the SVG presentation attributes they stand for.
 */
function labelled(svg: string, label: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_all, declarations: string) => declarations.split(';').map((d) => d.split(':').map((part) => part.trim()))
      .filter(([property, value]) => property && value && /^[a-z-]+$/.test(property)).map(([property, value]) => ` ${property}="${escapeAttribute(value)}"`).join(''))
    .replace(/^<svg\b/, `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" class="ehc-pack-chart__svg"`);
}
