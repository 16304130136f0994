import { addMonths, type CalendarDate } from '@ehc/domain-kernel';
import type { RunningHost } from '@ehc/host';
import { PERFORMANCE_READER } from '../../services/performance/src/api/tokens';
import type { PackReader } from '../../services/performance/src/application/pack-reader';
import type { MeasureReport } from '../../services/performance/src/domain/measures';

/** Published national figures (domain §12): the demo county should land near them. */
const CALIBRATION = {
  refusalRate: { national: 0.252, range: [0.085, 0.38] },
  twentyWeekTimelinessInclExceptions: { national: 0.459, range: [0.077, 0.96] },
} as const;

/**
 * The pack's facts arrive in-process, a batch at a time, after the commands that recorded them: the
 * summary waits until no new fact has arrived for a few seconds (the seed has stopped writing by now).
 */
async function factsSettled(host: RunningHost, timeoutMs: number): Promise<number> {
  const runtime = host.runtimes.find((r) => r.service === 'performance');
  if (!runtime) throw new Error('the performance service is not in this host');
  const count = async () => Number((await runtime.pool.query(`SELECT count(*) AS n FROM "${runtime.schema}".pf_facts`)).rows[0].n);
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  for (let steady = 0; steady < 3 && performance.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const n = await count();
    steady = n === last ? steady + 1 : 0;
    last = n;
  }
  return last;
}

/** Twelve months' figures pooled: the sum of the numerators over the sum of the denominators. */
const pooled = (m: MeasureReport) => {
  const n = m.trend.reduce((s, p) => s + (p.numerator ?? 0), 0);
  const d = m.trend.reduce((s, p) => s + (p.denominator ?? 0), 0);
  return { n, d, rate: d ? n / d : null };
};

/** The demo county's pack for last month, its year's refusal rate and 20-week timeliness beside the national figures. */
export async function summarisePack(host: RunningHost, today: CalendarDate): Promise<string> {
  const facts = await factsSettled(host, 10 * 60_000);
  const reader = host.app.get<PackReader>(PERFORMANCE_READER);
  const month = addMonths(today, -1).slice(0, 7);
  const pack = await reader.pack(month, null);
  const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
  const lines = ['', `Performance pack for ${month} (${facts.toLocaleString('en-GB')} facts from the services' published events; the twelve months to ${month} pooled):`];
  for (const [name, c] of Object.entries(CALIBRATION)) {
    const p = pooled(pack.measures[name]);
    const inRange = p.rate !== null && p.rate >= c.range[0] && p.rate <= c.range[1];
    lines.push(`  ${pack.measures[name].title.padEnd(60)} ${pct(p.rate)} of ${p.d.toLocaleString('en-GB')} (national ${pct(c.national)}; authorities ${pct(c.range[0])}–${pct(c.range[1])}${inRange ? '' : ': OUTSIDE'})`);
  }
  lines.push(`  requests received in ${month}: ${pack.measures.requestsReceived.value ?? 0}; overdue at its end: ${pack.measures.overdueCases.value ?? 0}; annual reviews on time: ${pct(pack.measures.annualReviewsOnTime.value)}`);
  return lines.join('\n');
}
