import type { DataSource } from 'typeorm';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import type { DisagreementState } from '../../domain/disagreement-state';
import { windowView } from '../../api/views';

export const WINDOW_STATUSES = ['open', 'closed'] as const;
export type WindowStatusFilter = (typeof WINDOW_STATUSES)[number];

export interface WindowQuery {
  sourceId?: string;
  status?: WindowStatusFilter;
  closingWithinDays?: number;
  limit: number;
  offset: number;
}

/**
 * Appeal windows, soonest to close first: open ones (no appeal registered, the deadline not passed
 * on `today`), closed ones, or those closing within N days. Names come from this service's
 * erasable copy of the child's details.
 */
export async function windowsMatching(db: DataSource, schema: string, q: WindowQuery, today: CalendarDate) {
  const s = `"${schema}"`;
  const where: string[] = [];
  const params: unknown[] = [];
  const todayParam = () => { if (!params.includes(today)) params.push(today); return `$${params.indexOf(today) + 1}::date`; };
  const open = () => `d.appealed_on IS NULL AND d.appeal_due >= ${todayParam()}`;
  if (q.sourceId) { params.push(q.sourceId.toLowerCase()); where.push(`d.source_id = $${params.length}`); }
  if (q.status === 'open' || q.closingWithinDays !== undefined) where.push(open());
  if (q.status === 'closed') where.push(`NOT (${open()})`);
  if (q.closingWithinDays !== undefined) { params.push(addDays(today, q.closingWithinDays)); where.push(`d.appeal_due <= $${params.length}::date`); }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM ${s}.rm_disagreements d ${filter}`, params)) as { total: number }[];
  params.push(q.limit, q.offset);
  const rows = (await db.query(
    `SELECT d.view, p.given_name, p.family_name, p.erased_at FROM ${s}.rm_disagreements d LEFT JOIN ${s}.people p ON p.person_id = d.child_id
     ${filter} ORDER BY d.appeal_due ${q.status === 'closed' ? 'DESC' : 'ASC'}, d.stream_id LIMIT $${params.length - 1} OFFSET $${params.length}`, params,
  )) as { view: DisagreementState; given_name: string | null; family_name: string | null; erased_at: Date | null }[];
  return {
    asOf: today,
    total,
    items: rows.map((r) => {
      const v = windowView(r.view, today);
      return {
        decisionId: v.decisionId, source: v.source, childId: v.childId,
        child: r.erased_at ? { erased: true } : r.given_name !== null ? { givenName: r.given_name, familyName: r.family_name } : null,
        decisionType: v.decisionType, letterOn: v.letterOn, certificateOn: v.certificateOn, status: v.status, deadlines: v.deadlines, href: `/appeal-windows/${v.decisionId}`,
      };
    }),
  };
}
