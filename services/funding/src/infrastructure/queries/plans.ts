import type { DataSource } from 'typeorm';
import type { CalendarDate } from '@ehc/domain-kernel';
import { planIdOf } from '../../domain/plan-funding/plan-funding';

export const PLAN_TRAYS = ['awaiting-funding', 'funded', 'no-top-up', 'ceased'] as const;
export type PlanTray = (typeof PLAN_TRAYS)[number];

/** Plans by tray: the awaiting-funding tray oldest first (the longest wait at the top), the others by reference. */
export async function plansInTray(dataSource: DataSource, schema: string, q: { tray: PlanTray | undefined; settingUrn: string | undefined; limit: number; offset: number }, today: CalendarDate) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.tray) { params.push(q.tray); where.push(`status = $${params.length}`); }
  if (q.settingUrn) { params.push(q.settingUrn); where.push(`setting_urn = $${params.length}`); }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const order = q.tray === 'awaiting-funding' ? 'awaiting_since ASC, stream_id' : 'reference NULLS LAST, stream_id';
  const t = `"${schema}".rm_funding_plans`;
  const [{ total }] = (await dataSource.query(`SELECT count(*)::int AS total FROM ${t} ${filter}`, params)) as { total: number }[];
  const rows = (await dataSource.query(
    `SELECT stream_id, reference, child_id, status, to_char(awaiting_since, 'YYYY-MM-DD') AS awaiting_since, awaiting_source, setting_urn, setting_name, setting_type, band, annual_pence
     FROM ${t} ${filter} ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`, params,
  )) as Record<string, string | number | null>[];
  return {
    asOf: today,
    total,
    items: rows.map((r) => {
      const planId = planIdOf(String(r.stream_id));
      return {
        planId, reference: r.reference, childId: r.child_id, status: r.status, awaitingSince: r.awaiting_since, source: r.awaiting_source,
        setting: { urn: r.setting_urn, name: r.setting_name, type: r.setting_type }, band: r.band, annualPence: r.annual_pence, href: `/funding/plans/${planId}`,
      };
    }),
  };
}
