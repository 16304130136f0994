import type { CaseLineView, MeasureView, PackView, TrendPointView } from './pack-view';

/** The 12 months ending with March 2026. */
export const MONTHS = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

/** A trend from each month's numerator and denominator (null: suppressed), the value computed as the service does. */
function trend(unit: MeasureView['unit'], parts: readonly (readonly [number | null, number | null])[]): TrendPointView[] {
  return parts.map(([numerator, denominator], i) => ({
    month: MONTHS[i], numerator, denominator,
    value: numerator === null ? null : unit === 'count' || unit === 'pence' ? numerator : denominator ? numerator / denominator : null,
  }));
}

const measure = (m: Partial<MeasureView> & Pick<MeasureView, 'title' | 'unit' | 'trend'>): MeasureView => {
  const last = m.trend[m.trend.length - 1];
  return {
    value: last?.value ?? null, numerator: last?.numerator ?? null, denominator: last?.denominator ?? null,
    definition: `The definition of ${m.title.toLowerCase()}.`, source: 'needs-assessment',
    status: last?.value === null || last === undefined ? 'no-cases' : 'ok', provisional: false, breakdown: {}, cases: [], ...m,
  };
};

const caseLine = (reference: string | null, inNumerator: boolean, detail: string, daysOverdue?: number): CaseLineView =>
  ({ caseId: `case-${reference ?? 'x'}`, reference, inNumerator, detail, ...(daysOverdue === undefined ? {} : { daysOverdue }) });

/** A small pack by hand: one measure of each unit, and one of each way a figure can be missing. */
export function examplePack(): PackView {
  return {
    month: '2026-03', asAt: null, snapshotOn: '2026-03-31',
    measures: {
      requestsReceived: measure({
        title: 'Requests for an assessment received', unit: 'count',
        trend: trend('count', [[10, null], [11, null], [9, null], [8, null], [12, null], [14, null], [10, null], [9, null], [7, null], [13, null], [11, null], [12, null]]),
        breakdown: { parent: 7, setting: 5 },
        cases: [caseLine('EHC-0001', true, 'received 2026-03-02 from parent')],
      }),
      decisionsToAssessOnTime: measure({
        title: 'Decisions whether to assess within 6 weeks', unit: 'share',
        // June: no decisions at all; March: 1 of 4
        trend: trend('share', [[3, 4], [2, 4], [0, 0], [4, 5], [3, 3], [1, 2], [2, 2], [3, 6], [4, 4], [2, 5], [3, 4], [1, 4]]),
        breakdown: { agreed: 3, refused: 1 },
        cases: [caseLine('EHC-0002', true, 'agreed 2026-03-03, 40 days after the request'), caseLine('EHC-0003', false, 'refused 2026-03-10, 50 days after the request'),
          caseLine(null, false, 'agreed 2026-03-20, 45 days after the request'), caseLine('EHC-0005', false, 'agreed 2026-03-27, 44 days after the request')],
      }),
      refusalRate: measure({
        title: 'Requests refused', unit: 'share', provisional: true,
        trend: trend('share', [[1, 4], [1, 4], [0, 0], [2, 5], [1, 3], [1, 2], [0, 2], [2, 6], [1, 4], [2, 5], [1, 4], [17, 37]]),
      }),
      sixteenWeekNoPlanOnTime: measure({
        title: 'Decisions not to issue a plan within 16 weeks', unit: 'share',
        trend: trend('share', MONTHS.map(() => [0, 0] as const)),
      }),
      overdueCases: measure({
        title: 'Cases overdue at the month\'s end', unit: 'count',
        trend: trend('count', [[0, null], [1, null], [1, null], [2, null], [2, null], [3, null], [2, null], [2, null], [1, null], [1, null], [2, null], [2, null]]),
        breakdown: { decision: 1, final: 1 },
        cases: [caseLine('EHC-0007', true, 'final due 2026-03-01', 30), caseLine('EHC-0008', true, 'decision due 2026-03-20', 11)],
      }),
      fundingCommitted: measure({
        title: 'Top-up funding committed this financial year', unit: 'pence', source: 'funding',
        trend: trend('pence', [[0, null], [0, null], [0, null], [0, null], [0, null], [0, null], [100000, null], [100000, null], [110000, null], [120000, null], [123400, null], [123400, null]]),
        breakdown: { '2025-26': 2 },
      }),
      surveyMeanScore: measure({
        title: 'Survey mean score (1–5)', unit: 'mean', source: 'surveys',
        trend: trend('mean', [[40, 10], [35, 10], [0, 0], [30, 10], [41, 10], [38, 10], [37, 10], [36, 10], [39, 10], [40, 10], [42, 10], [38, 10]]),
      }),
      // small numbers withheld: nulls in place of 1–4, the measure flagged
      appealsRegistered: {
        ...measure({
          title: 'Appeals registered', unit: 'count', source: 'tribunal',
          trend: trend('count', [[5, null], [null, null], [6, null], [null, null], [7, null], [8, null], [null, null], [5, null], [9, null], [6, null], [5, null], [null, null]]),
        }),
        status: 'ok', suppressed: true,
      },
      tribunalOutcomes: {
        title: 'Tribunal appeals decided in the family\'s favour', value: null, numerator: null, denominator: null, unit: 'share',
        definition: 'Appeals the tribunal decided in the month allowed wholly or in part, over all appeals it decided.', source: 'tribunal',
        status: 'source-not-landed', provisional: false, breakdown: {}, trend: [], cases: [],
      },
    },
  };
}
