import type { Pool } from 'pg';
import { addYears, type CalendarDate } from '@ehc/domain-kernel';
import type { Fact, FactKind } from '../domain/facts';

/**
 * The time a pack is produced as at: a Europe/London date (everything recorded by the end of that
 * day) or an instant (to reproduce a figure taken mid-day). Null: everything recorded so far.
 */
export type AsAt = { date: CalendarDate } | { instant: string } | null;

export const asAtLabel = (asAt: AsAt): string | null => (asAt === null ? null : 'date' in asAt ? asAt.date : asAt.instant);

const asAtClause = (asAt: AsAt, param: number): string =>
  asAt === null ? 'TRUE' : 'date' in asAt ? `recorded_on <= $${param}::date` : `recorded_at <= $${param}::timestamptz`;

// facts that keep mattering long after their own day: a plan and what ends it
const LIFELONG: FactKind[] = ['final-plan', 'plan-ceased', 'case-closed'];
// facts read only in the month they are dated (a survey answer is dated by its invitation)
const IN_WINDOW: FactKind[] = ['survey-invited', 'survey-answered'];
// a plan's commitment: only its latest one matters, so one from before the window stands for the rest
const COMMITMENT: FactKind = 'commitment-changed';

type Row = { event_id: string; kind: FactKind; case_id: string; on_date: string; recorded_at: Date; data: unknown };
const factOfRow = (r: Row): Fact => ({ id: r.event_id, kind: r.kind, caseId: r.case_id, on: r.on_date, recordedAt: r.recorded_at.toISOString(), data: r.data }) as Fact;

/**
 * The facts a pack over [from, to] needs, as recorded by `asAt`: those dated in the window, plus
 * everything about the cases that can still be open or owed a review in it (three years back: an
 * assessment open longer than that is not counted as overdue), plus each plan's whole life. Surveys
 * only from the window (nothing reads them outside their month); commitments from the window, plus
 * each plan's latest one before it (a measure reads only a plan's latest by its snapshot).
 */
export async function loadFacts(pool: Pool, schema: string, window: { from: CalendarDate; to: CalendarDate }, asAt: AsAt): Promise<Fact[]> {
  const values: unknown[] = [addYears(window.from, -3), window.to, LIFELONG, window.from, IN_WINDOW, COMMITMENT];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const recorded = asAtClause(asAt, 7);
  const { rows } = await pool.query<Row>(
    `SELECT event_id, kind, case_id, to_char(on_date, 'YYYY-MM-DD') AS on_date, recorded_at, data FROM "${schema}".pf_facts
     WHERE on_date <= $2::date AND ${recorded} AND (
       kind = ANY($3::text[])
       OR (kind = ANY($5::text[]) AND on_date >= $4::date)
       OR (kind = $6 AND on_date >= $4::date)
       OR (kind <> ALL($3::text[]) AND kind <> ALL($5::text[]) AND kind <> $6 AND on_date >= $1::date))
     UNION ALL
     SELECT * FROM (SELECT DISTINCT ON (f.case_id) f.event_id, f.kind, f.case_id, to_char(f.on_date, 'YYYY-MM-DD') AS on_date, f.recorded_at, f.data FROM "${schema}".pf_facts f
       WHERE f.kind = $6 AND f.on_date < $4::date AND ${recorded}
       ORDER BY f.case_id, f.on_date DESC, f.recorded_at DESC) AS latest`,
    values,
  );
  return rows.map(factOfRow);
}

/** Every fact recorded by `asAt` dated up to `to` (SEN2 and place planning read whole histories). */
export async function loadAllFacts(pool: Pool, schema: string, to: CalendarDate, asAt: AsAt): Promise<Fact[]> {
  const values: unknown[] = [to];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const { rows } = await pool.query<Row>(
    `SELECT event_id, kind, case_id, to_char(on_date, 'YYYY-MM-DD') AS on_date, recorded_at, data FROM "${schema}".pf_facts
     WHERE on_date <= $1::date AND ${asAtClause(asAt, 2)}`,
    values,
  );
  return rows.map(factOfRow);
}
