import { addDays, daysBetween, isOverdue, type CalendarDate } from '@ehc/domain-kernel';
import { overdueCondition, placeholder, runningListConditions } from '@ehc/messaging';
import { type Queryable } from '@ehc/commands';
import { caseworkerCondition, type ListScope } from '@ehc/identity';
import { caseIdOf } from '../../domain/needs-assessment';

export const CASE_STATUSES = ['awaiting-decision', 'assessing', 'refused', 'no-plan', 'drafting', 'draft-issued', 'plan-issued', 'withdrawn', 'closed', 'open'] as const;
export type CaseStatusFilter = (typeof CASE_STATUSES)[number];
const OPEN_STATUSES = `('awaiting-decision', 'assessing', 'drafting', 'draft-issued')`;

export interface CaseFilters {
  /** whose cases the caller may see at all (their teams') */
  scope: ListScope;
  caseworker?: string;
  status?: CaseStatusFilter;
  dueWithinDays?: number;
  overdue?: boolean;
  /** the child's name or the case reference */
  text?: string;
  sort: 'next-due' | 'received' | 'reference';
  limit: number;
  offset: number;
}

/**
 * "Which cases match, with their running deadlines?" — a caseworker's list. A deadline is overdue
 * past its statutory date, or past the local expected date while an exception applies (the SQL twin
 * of the kernel's isOverdue filters, the kernel itself answers per row).
 */
export async function casesMatching(db: Queryable, schema: string, filters: CaseFilters, today: CalendarDate, extensionDays: number) {
  const s = `"${schema}"`;
  const params: unknown[] = [today, extensionDays];
  const where: string[] = [];
  const visible = caseworkerCondition(filters.scope, 'c.caseworker_id', (v) => placeholder(params, v));
  if (visible) where.push(visible);
  if (filters.caseworker) where.push(`c.caseworker_id = ${placeholder(params, filters.caseworker)}`);
  if (filters.status === 'open') where.push(`c.status IN ${OPEN_STATUSES}`);
  else if (filters.status) where.push(`c.status = ${placeholder(params, filters.status)}`);
  where.push(...runningListConditions(params, {
    deadlines: `${s}.rm_case_deadlines`, stream: 'c.stream_id', reference: 'c.reference', person: 'p', today: '$1', todayValue: today, extensionDays: '$2',
  }, filters));
  const order = filters.sort === 'received' ? 'received_on, reference' : filters.sort === 'reference' ? 'reference' : 'next_due NULLS LAST, reference';
  // the page first, then its deadlines: per-row work only for the rows shown
  const from = `FROM ${s}.rm_case_files c LEFT JOIN ${s}.people p ON p.person_id = c.child_id ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
  const nextDue = `(SELECT min(d.due) FROM ${s}.rm_case_deadlines d WHERE d.stream_id = c.stream_id)`;
  const [{ total }] = (await db.query(`SELECT $1::date AS as_of, $2::int AS extension_days, count(*)::int AS total ${from}`, params)) as { total: number }[];
  const rows = (await db.query(
    `WITH page AS (SELECT $1::date AS as_of, $2::int AS extension_days, c.stream_id AS case_id, c.reference, c.status, c.caseworker_id, c.received_on::text AS received_on, c.child_id,
                          p.given_name, p.family_name, p.erased_at, ${nextDue}::text AS next_due ${from}
                   ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2})
     SELECT page.*,
            (SELECT json_agg(json_build_object('kind', d.kind, 'ref', NULLIF(d.ref, ''), 'due', d.due::text, 'excepted', d.excepted) ORDER BY d.due)
             FROM ${s}.rm_case_deadlines d WHERE d.stream_id = page.case_id) AS deadlines
     FROM page ORDER BY ${order}`,
    [...params, filters.limit, filters.offset],
  )) as Record<string, any>[];
  return {
    asOf: today,
    total,
    items: rows.map((r) => {
      const deadlines = ((r.deadlines ?? []) as { kind: string; ref: string | null; due: CalendarDate; excepted: boolean }[])
        .map((d) => ({ ...d, daysLeft: daysBetween(today, d.due), overdue: isOverdue(d.due, today, { excepted: d.excepted, extensionDays }) }));
      return {
        id: caseIdOf(String(r.case_id)), reference: r.reference, status: r.status, caseworker: r.caseworker_id, receivedOn: r.received_on,
        child: r.erased_at ? { id: r.child_id, erased: true } : { id: r.child_id, givenName: r.given_name, familyName: r.family_name },
        nextDue: r.next_due, overdue: deadlines.some((d) => d.overdue), deadlines,
      };
    }),
  };
}

/** "How many open cases has each caseworker, how many are due within a week, how many overdue?" */
export async function caseloadByCaseworker(db: Queryable, schema: string, today: CalendarDate, extensionDays: number, scope: ListScope) {
  const s = `"${schema}"`;
  const params: unknown[] = [today, addDays(today, 7), extensionDays];
  const visible = caseworkerCondition(scope, 'c.caseworker_id', (v) => placeholder(params, v));
  const rows = (await db.query(
    `SELECT c.caseworker_id,
            count(*) AS open,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${s}.rm_case_deadlines d WHERE d.stream_id = c.stream_id AND d.due >= $1 AND d.due <= $2)) AS due_next_7_days,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ${s}.rm_case_deadlines d WHERE d.stream_id = c.stream_id AND ${overdueCondition('$1', '$3')})) AS overdue
     FROM ${s}.rm_case_files c WHERE c.status IN ${OPEN_STATUSES} ${visible ? `AND ${visible}` : ''}
     GROUP BY c.caseworker_id ORDER BY c.caseworker_id NULLS LAST`,
    params,
  )) as { caseworker_id: string | null; open: string; due_next_7_days: string; overdue: string }[];
  return {
    asOf: today,
    caseworkers: rows.map((r) => ({ caseworker: r.caseworker_id, open: Number(r.open), dueNext7Days: Number(r.due_next_7_days), overdue: Number(r.overdue) })),
  };
}
