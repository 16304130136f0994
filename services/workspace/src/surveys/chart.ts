import { monthWords, type MonthResult } from './figures';

/**
 * The monthly trend as a chart: invitations and answers as bars, the response rate as a line on
 * its own axis, drawn on the server as SVG by Apache ECharts (no script in the page), as the
 * Valuing SEND chart is. The same numbers are in the trend table under it, for screen readers.
 */
export async function trendChart(byMonth: readonly MonthResult[], title: string): Promise<string> {
  // loaded at the first chart, not at every start of the hub
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 820, height: 380 });
  try {
    chart.setOption({
      animation: false,
      title: { text: title, left: 'center', textStyle: { fontSize: 16, fontWeight: 'bold', color: '#0b0c0c' } },
      legend: { bottom: 0, textStyle: { color: '#0b0c0c', fontSize: 14 } },
      grid: { left: 60, right: 60, top: 50, bottom: 80 },
      xAxis: { type: 'category', data: byMonth.map((m) => monthWords(m.month).replace(' ', '\n')), axisLabel: { color: '#0b0c0c', fontSize: 12, interval: 0 } },
      yAxis: [
        { type: 'value', minInterval: 1, name: 'Invitations', nameTextStyle: { color: '#0b0c0c' }, axisLabel: { color: '#0b0c0c' } },
        { type: 'value', min: 0, max: 100, name: 'Response rate (%)', nameTextStyle: { color: '#0b0c0c' }, axisLabel: { color: '#0b0c0c', formatter: '{value}%' }, splitLine: { show: false } },
      ],
      // told apart by shade and by shape (bars, a dashed line with markers), not by colour alone
      series: [
        { type: 'bar', name: 'Invited', data: byMonth.map((m) => m.invited), itemStyle: { color: '#b1b4b6' } },
        { type: 'bar', name: 'Answered', data: byMonth.map((m) => m.answered), itemStyle: { color: '#1d70b8' } },
        {
          type: 'line', name: 'Response rate', yAxisIndex: 1, data: byMonth.map((m) => m.responseRate), connectNulls: false,
          symbol: 'diamond', symbolSize: 10, lineStyle: { color: '#0b0c0c', width: 3, type: 'dashed' }, itemStyle: { color: '#0b0c0c' },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
