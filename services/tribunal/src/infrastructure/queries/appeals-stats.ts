import type { DataSource } from 'typeorm';
import type { CalendarDate } from '@ehc/domain-kernel';
import { problem } from '@ehc/http';

/** A month, YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The monthly meeting's appeals data for months `from`..`to` (see the README, "Appeals data"). */
export async function appealsStats(db: DataSource, schema: string, q: { from?: string; to?: string; lagMonths: number }, today: CalendarDate) {
  const faults = (['from', 'to'] as const).filter((f) => !q[f] || !MONTH.test(q[f]!)).map((f) => ({ field: f, rule: 'InvalidMonth', message: `${f} must be a month YYYY-MM` }));
  if (faults.length) throw problem(400, 'InvalidQuery', 'The query is malformed', faults.map((f) => f.message).join('; '), { errors: faults });
  const s = `"${schema}"`;
  const byMonth = (await db.query(
    `SELECT to_char(registered_on, 'YYYY-MM') AS month, type, count(*)::int AS appeals FROM ${s}.rm_appeals
     WHERE registered_on >= to_date($1, 'YYYY-MM') AND registered_on < (to_date($2, 'YYYY-MM') + interval '1 month') GROUP BY 1, 2 ORDER BY 1, 2`, [q.from, q.to])) as { month: string; type: string; appeals: number }[];
  return { from: q.from, to: q.to, asOf: today, registered: byMonth };
}
