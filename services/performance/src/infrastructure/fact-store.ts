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

// facts that keep mattering long after their own day: a plan and what ends it, commitments
const LIFELONG: FactKind[] = ['final-plan', 'plan-ceased', 'case-closed', 'commitment-changed'];
// facts that change an earlier month's figure whenever they come: an appeal against a decision notified then
const LATER: FactKind[] = ['appeal-registered'];

/**
 * The facts a pack over [from, to] needs, as recorded by `asAt`: those dated in the window, plus
 * everything about the cases that can still be open or owed a review in it (three years back: an
 * assessment open longer than that is not counted as overdue), plus each plan's whole life, plus the
 * appeals registered since (the appeal rate of a month's decisions counts them).
 */
export async function loadFacts(pool: Pool, schema: string, window: { from: CalendarDate; to: CalendarDate }, asAt: AsAt): Promise<Fact[]> {
  const values: unknown[] = [addYears(window.from, -3), window.to, LIFELONG, LATER];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const { rows } = await pool.query<{ event_id: string; kind: FactKind; case_id: string; on_date: string; recorded_at: Date; data: unknown }>(
    `SELECT event_id, kind, case_id, to_char(on_date, 'YYYY-MM-DD') AS on_date, recorded_at, data FROM "${schema}".pf_facts
     WHERE (kind = ANY($4::text[]) OR (on_date <= $2::date AND (on_date >= $1::date OR kind = ANY($3::text[])))) AND ${asAtClause(asAt, 5)}`,
    values,
  );
  return rows.map((r) => ({ id: r.event_id, kind: r.kind, caseId: r.case_id, on: r.on_date, recordedAt: r.recorded_at.toISOString(), data: r.data }) as Fact);
}

/** Every fact recorded by `asAt` dated up to `to` (SEN2 and place planning read whole histories). */
export async function loadAllFacts(pool: Pool, schema: string, to: CalendarDate, asAt: AsAt): Promise<Fact[]> {
  const values: unknown[] = [to];
  if (asAt !== null) values.push('date' in asAt ? asAt.date : asAt.instant);
  const { rows } = await pool.query<{ event_id: string; kind: FactKind; case_id: string; on_date: string; recorded_at: Date; data: unknown }>(
    `SELECT event_id, kind, case_id, to_char(on_date, 'YYYY-MM-DD') AS on_date, recorded_at, data FROM "${schema}".pf_facts
     WHERE on_date <= $1::date AND ${asAtClause(asAt, 2)}`,
    values,
  );
  return rows.map((r) => ({ id: r.event_id, kind: r.kind, caseId: r.case_id, on: r.on_date, recordedAt: r.recorded_at.toISOString(), data: r.data }) as Fact);
}
