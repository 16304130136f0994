import type { Pool } from 'pg';
import { addMonths, addYears, type CalendarDate } from '@ehc/domain-kernel';
import type { Fact, FactKind } from '../domain/facts';
import type { SurveyMonth } from '../domain/measures';

/**
 * The time a pack is produced as at: a Europe/London date (everything recorded by the end of that
 * day) or an instant (to reproduce a figure taken mid-day). Null: everything recorded so far.
 */
export type AsAt = { date: CalendarDate } | { instant: string } | null;

export const asAtLabel = (asAt: AsAt): string | null => (asAt === null ? null : 'date' in asAt ? asAt.date : asAt.instant);

/** The as-at condition on a fact aliased `alias`, its value at parameter `param`. */
const recordedBy = (asAt: AsAt, param: number, alias: string): string =>
  asAt === null ? 'TRUE' : 'date' in asAt ? `${alias}.recorded_on <= $${param}::date` : `${alias}.recorded_at <= $${param}::timestamptz`;

type Row = { event_id: string; kind: FactKind; case_id: string; on_date: string; recorded_at: Date; data: unknown };
const factOfRow = (r: Row): Fact => ({ id: r.event_id, kind: r.kind, caseId: r.case_id, on: r.on_date, recordedAt: r.recorded_at.toISOString(), data: r.data }) as Fact;
const COLUMNS = (a: string) => `${a}.event_id, ${a}.kind, ${a}.case_id, to_char(${a}.on_date, 'YYYY-MM-DD') AS on_date, ${a}.recorded_at, ${a}.data`;

// what ends an assessment case: after one of these it is no longer open
const CONCLUDING: FactKind[] = ['refused-to-assess', 'not-to-issue', 'final-plan', 'case-closed'];
const ASSESSMENT: FactKind[] = ['requested', 'decided-to-assess', 'refused-to-assess', 'not-to-issue', 'case-closed'];
// few, and read whenever dated: a plan ended, a decision appealed, an order still to comply with
const EVERY_ONE: FactKind[] = ['plan-ceased', 'case-closed', 'appeal-registered', 'order-made', 'order-complied'];

/**
 * The facts a pack over the window [from, to] needs, as recorded by `asAt`, and no more (a county's
 * ten years are a million facts; a pack reads a few per cent of them). Besides every fact dated in
 * the window:
 * - the assessments still open when it begins (requested in the three years before: one open longer
 *   is not counted as overdue), with what happened on them;
 * - the final plans still maintained a year before it begins (a transfer year's cohort is counted at its
 *   deadline) with their requests (the case's reference), each one's latest review decision before the 13
 *   months before it, and every review decision of those 13 months (a review due in the window was set
 *   by one of them);
 * - the requests, refusals, decisions not to issue and final plans of the look-back (`lookbackFrom`: the request → plan conversion's
 *   cohorts), the amended plans of the year before (a transfer year's amendments), the appealable
 *   decisions of the two months before (the flow appeal rate);
 * - every cessation, closure, appeal and tribunal order, whenever dated (few, and they change figures
 *   of other months: a plan ended, a decision appealed, an order still to comply with);
 * - each plan's latest funding commitment before the window (one index probe a plan).
 * The surveys are counted by the database instead (`loadSurveyMonths`): tens of thousands a year.
 * `performance-facts.e2e.spec.ts` checks that the pack from these is the pack from every fact.
 */
export async function loadFacts(pool: Pool, schema: string, window: { lookbackFrom: CalendarDate; from: CalendarDate; to: CalendarDate }, asAt: AsAt): Promise<Fact[]> {
  const s = `"${schema}"`;
  const { from } = window;
  const values: unknown[] = [
    from, window.to, addYears(from, -3), addMonths(from, -13), window.lookbackFrom, addMonths(from, -12), addMonths(from, -2), CONCLUDING, ASSESSMENT, EVERY_ONE,
  ];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const rec = (alias: string) => recordedBy(asAt, 11, alias);
  const { rows } = await pool.query<Row>(
    `WITH open_before AS (
       SELECT r.case_id FROM ${s}.pf_facts r
       WHERE r.kind = 'requested' AND r.on_date >= $3::date AND r.on_date < $1::date AND ${rec('r')}
         AND NOT EXISTS (SELECT 1 FROM ${s}.pf_facts c WHERE c.case_id = r.case_id AND c.kind = ANY($8::text[]) AND c.on_date < $1::date AND ${rec('c')})
     ), plans_before AS (
       SELECT p.case_id FROM ${s}.pf_facts p
       WHERE p.kind = 'final-plan' AND p.on_date < $1::date AND ${rec('p')}
         AND NOT EXISTS (SELECT 1 FROM ${s}.pf_facts c WHERE c.case_id = p.case_id AND c.kind IN ('plan-ceased', 'case-closed') AND c.on_date < $6::date AND ${rec('c')})
     )
     SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f WHERE f.on_date BETWEEN $1::date AND $2::date AND f.kind NOT IN ('survey-invited', 'survey-answered') AND ${rec('f')}
     UNION ALL
     SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f JOIN open_before o ON o.case_id = f.case_id
       WHERE f.on_date < $1::date AND f.kind = ANY($9::text[]) AND f.kind <> ALL($10::text[]) AND ${rec('f')}
     UNION ALL
     SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f JOIN plans_before p ON p.case_id = f.case_id
       WHERE f.on_date < $1::date AND f.kind IN ('final-plan', 'requested') AND NOT EXISTS (SELECT 1 FROM open_before o WHERE o.case_id = f.case_id) AND ${rec('f')}
     UNION ALL
     SELECT latest_review.* FROM plans_before p CROSS JOIN LATERAL (
       SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f
       WHERE f.kind = 'review-decision' AND f.case_id = p.case_id AND f.on_date < $4::date AND ${rec('f')}
       ORDER BY f.on_date DESC, f.recorded_at DESC, f.event_id DESC LIMIT 1) AS latest_review
     UNION ALL
     SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f
       WHERE f.on_date < $1::date AND ${rec('f')} AND (
         (f.kind = 'review-decision' AND f.on_date >= $4::date)
         OR (f.kind IN ('requested', 'refused-to-assess', 'not-to-issue') AND f.on_date >= $5::date AND NOT EXISTS (SELECT 1 FROM open_before o WHERE o.case_id = f.case_id)
             AND NOT (f.kind = 'requested' AND EXISTS (SELECT 1 FROM plans_before p WHERE p.case_id = f.case_id)))
         OR (f.kind = 'final-plan' AND f.on_date >= $5::date AND NOT EXISTS (SELECT 1 FROM plans_before p WHERE p.case_id = f.case_id))
         OR (f.kind = 'amended-plan' AND f.on_date >= $6::date)
         OR (f.kind = 'appeal-window' AND f.on_date >= $7::date))
     UNION ALL
     SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f WHERE f.kind = ANY($10::text[]) AND (f.on_date < $1::date OR f.on_date > $2::date) AND ${rec('f')}
     UNION ALL
     SELECT latest_commitment.* FROM (SELECT DISTINCT c.case_id FROM ${s}.pf_facts c WHERE c.kind = 'commitment-changed' AND c.on_date < $1::date) p CROSS JOIN LATERAL (
       SELECT ${COLUMNS('f')} FROM ${s}.pf_facts f
       WHERE f.kind = 'commitment-changed' AND f.case_id = p.case_id AND f.on_date < $1::date AND ${rec('f')}
       ORDER BY f.on_date DESC, f.recorded_at DESC, f.event_id DESC LIMIT 1) AS latest_commitment`,
    values,
  );
  return rows.map(factOfRow);
}

/** The survey invitations sent in each month of [from, to] as recorded by `asAt`, counted as `surveyMonthsOf` counts them. */
export async function loadSurveyMonths(pool: Pool, schema: string, window: { from: CalendarDate; to: CalendarDate }, asAt: AsAt): Promise<Map<string, SurveyMonth>> {
  const s = `"${schema}"`;
  const values: unknown[] = [window.from, window.to];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const rec = (alias: string) => recordedBy(asAt, 3, alias);
  const [invited, scored] = await Promise.all([
    pool.query<{ month: string; trigger: string; invited: number; answered: number }>(
      `SELECT to_char(i.on_date, 'YYYY-MM') AS month, i.data->>'trigger' AS trigger, count(*)::int AS invited, count(a.case_id)::int AS answered
       FROM ${s}.pf_facts i
       LEFT JOIN (SELECT DISTINCT f.case_id FROM ${s}.pf_facts f WHERE f.kind = 'survey-answered' AND f.on_date BETWEEN $1::date AND $2::date AND ${rec('f')}) a ON a.case_id = i.case_id
       WHERE i.kind = 'survey-invited' AND i.on_date BETWEEN $1::date AND $2::date AND ${rec('i')}
       GROUP BY 1, 2`, values),
    pool.query<{ month: string; score_sum: number; score_count: number }>(
      `SELECT to_char(f.on_date, 'YYYY-MM') AS month, coalesce(sum((x->>'score')::int), 0)::int AS score_sum, count(x)::int AS score_count
       FROM ${s}.pf_facts f CROSS JOIN LATERAL jsonb_array_elements(f.data->'scores') AS x
       WHERE f.kind = 'survey-answered' AND f.on_date BETWEEN $1::date AND $2::date AND ${rec('f')}
       GROUP BY 1`, values),
  ]);
  const months = new Map<string, SurveyMonth>();
  const of = (month: string) => {
    let m = months.get(month);
    if (!m) months.set(month, (m = { invited: 0, invitedByTrigger: {}, answered: 0, scoreSum: 0, scoreCount: 0 }));
    return m;
  };
  for (const r of invited.rows) {
    const m = of(r.month);
    m.invited += r.invited;
    m.answered += r.answered;
    m.invitedByTrigger[r.trigger] = r.invited;
  }
  for (const r of scored.rows) Object.assign(of(r.month), { scoreSum: r.score_sum, scoreCount: r.score_count });
  return months;
}

/** Every fact of `kinds` recorded by `asAt` dated up to `to` (SEN2 and place planning read whole histories of a few kinds). */
export async function loadAllFacts(pool: Pool, schema: string, to: CalendarDate, asAt: AsAt, kinds: readonly FactKind[]): Promise<Fact[]> {
  const values: unknown[] = [to, kinds];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const { rows } = await pool.query<Row>(
    `SELECT ${COLUMNS('f')} FROM "${schema}".pf_facts f WHERE f.kind = ANY($2::text[]) AND f.on_date <= $1::date AND ${recordedBy(asAt, 3, 'f')}`,
    values,
  );
  return rows.map(factOfRow);
}
