import type { DataSource } from 'typeorm';
import { daysBetween, type CalendarDate } from '@ehc/domain-kernel';

/** open and concluded, or one stage. */
export const APPEAL_STATUSES = ['open', 'concluded', 'registered', 'response-sent', 'hearing-listed', 'decided', 'conceded', 'withdrawn'] as const;
export type AppealStatusFilter = (typeof APPEAL_STATUSES)[number];

/** Appeals, open ones by their next deadline, concluded ones latest first. */
export async function appealsMatching(db: DataSource, schema: string, q: { status?: AppealStatusFilter; type?: string; limit: number; offset: number }, today: CalendarDate) {
  const s = `"${schema}"`;
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status === 'open') where.push(`a.stage IN ('registered', 'response-sent', 'hearing-listed')`);
  if (q.status === 'concluded') where.push(`a.stage IN ('decided', 'conceded', 'withdrawn')`);
  if (q.status && q.status !== 'open' && q.status !== 'concluded') { params.push(q.status); where.push(`a.stage = $${params.length}`); }
  if (q.type) { params.push(q.type); where.push(`a.type = $${params.length}`); }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM ${s}.rm_appeals a ${filter}`, params)) as { total: number }[];
  params.push(q.limit, q.offset);
  const rows = (await db.query(
    `SELECT a.appeal_id, a.stream_id, d.source_service, d.view->'window'->'source'->>'id' AS source_id, a.type, a.stage, a.registered_on::text, a.outcome, a.concluded_on::text, a.next_due::text, a.next_kind
     FROM ${s}.rm_appeals a JOIN ${s}.rm_disagreements d ON d.stream_id = a.stream_id
     ${filter} ORDER BY a.next_due ASC NULLS LAST, a.registered_on DESC, a.appeal_id LIMIT $${params.length - 1} OFFSET $${params.length}`, params,
  )) as { appeal_id: string; stream_id: string; source_service: string; source_id: string; type: string; stage: string; registered_on: string; outcome: string | null; concluded_on: string | null; next_due: string | null; next_kind: string | null }[];
  return {
    asOf: today,
    total,
    items: rows.map((r) => ({
      id: r.appeal_id, decisionId: r.stream_id.replace(/^disagreement-/, ''), source: { service: r.source_service, id: r.source_id }, type: r.type, stage: r.stage,
      registeredOn: r.registered_on, outcome: r.outcome, concludedOn: r.concluded_on,
      nextDeadline: r.next_due ? { kind: r.next_kind, due: r.next_due, daysLeft: daysBetween(today, r.next_due) } : null, href: `/appeals/${r.appeal_id}`,
    })),
  };
}
