import type { DataSource } from 'typeorm';
import { packageIdOf, type EotasPackage, type PackageStatus } from '../../domain/eotas/eotas';

export const EOTAS_PACKAGE_STATUSES: readonly PackageStatus[] = ['proposed', 'approved', 'declined', 'ended'];

/** Packages by status and plan: the review due soonest first (packages not running after them), then the oldest proposal. */
export async function eotasPackages(dataSource: DataSource, schema: string, q: { status: PackageStatus | undefined; planId: string | undefined; limit: number; offset: number }) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.status) { params.push(q.status); where.push(`p.status = $${params.length}`); }
  if (q.planId) { params.push(q.planId); where.push(`p.plan_id = $${params.length}`); }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const s = `"${schema}"`;
  const [{ total }] = (await dataSource.query(`SELECT count(*)::int AS total FROM ${s}.rm_eotas_packages p ${filter}`, params)) as { total: number }[];
  const rows = (await dataSource.query(
    `SELECT p.stream_id, p.view FROM ${s}.rm_eotas_packages p
     LEFT JOIN ${s}.rm_eotas_deadlines d ON d.stream_id = p.stream_id AND d.kind = 'review'
     ${filter} ORDER BY d.due ASC NULLS LAST, p.proposed_on ASC, p.stream_id LIMIT ${q.limit} OFFSET ${q.offset}`, params,
  )) as { stream_id: string; view: EotasPackage }[];
  return { total, items: rows.map((r) => ({ packageId: packageIdOf(r.stream_id), state: r.view })) };
}
