import type { DataSource } from 'typeorm';
import { applicationIdOf } from '../../domain/ey-inclusion/ey-inclusion';
import type { EyInclusionState, EyInclusionStatus } from '../../domain/ey-inclusion/state';

export const EY_APPLICATION_STATUSES: readonly EyInclusionStatus[] = ['applied', 'triaged', 'awaiting-information', 'approved', 'refused', 'withdrawn', 'child-left'];

/** Applications by status and setting: the decision due soonest first (a stopped clock or a decided one after them), then the oldest application. */
export async function eyApplications(dataSource: DataSource, schema: string, q: { status: EyInclusionStatus | undefined; settingUrn: string | undefined; limit: number; offset: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status) { params.push(q.status); where.push(`a.status = $${params.length}`); }
  if (q.settingUrn) { params.push(q.settingUrn); where.push(`a.setting_urn = $${params.length}`); }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const s = `"${schema}"`;
  const [{ total }] = (await dataSource.query(`SELECT count(*)::int AS total FROM ${s}.rm_ey_applications a ${filter}`, params)) as { total: number }[];
  const rows = (await dataSource.query(
    `SELECT a.stream_id, a.view FROM ${s}.rm_ey_applications a
     LEFT JOIN ${s}.rm_ey_deadlines d ON d.stream_id = a.stream_id AND d.kind = 'decision'
     ${filter} ORDER BY d.due ASC NULLS LAST, a.applied_on ASC, a.stream_id LIMIT ${q.limit} OFFSET ${q.offset}`, params,
  )) as { stream_id: string; view: EyInclusionState }[];
  return { total, items: rows.map((r) => ({ applicationId: applicationIdOf(r.stream_id), state: r.view })) };
}
