import { daysBetween, deadlineStatus, isOverdue, type CalendarDate } from '@ehc/domain-kernel';
import { placeholder, runningListConditions } from '@ehc/messaging';
import { type Queryable } from '@ehc/commands';
import { caseworkerCondition, type ListScope } from '@ehc/identity';
import { upcomingReviewDue, type PlanFileView } from '../read-models/plan-file.view';

export const PLAN_STATUSES = ['maintained', 'review-in-progress', 'amendment-in-progress', 'cease-proposed', 'cease-decided', 'ceased', 'closed', 'active'] as const;
export type PlanStatusFilter = (typeof PLAN_STATUSES)[number];

export interface PlanFilters {
  /** whose plans the caller may see at all (their teams') */
  scope: ListScope;
  caseworker?: string;
  /** a setting's URN: its pupils' plans */
  setting?: string;
  status?: PlanStatusFilter;
  dueWithinDays?: number;
  overdue?: boolean;
  /** the child's name or the plan reference */
  text?: string;
  limit: number;
  offset: number;
}

/**
 * "Which plans' reviews and amendments are due, or overdue?" — by caseworker, by setting, by name.
 * No exception lifts a review or amendment limit, so no deadline here is excepted.
 */
export async function plansMatching(db: Queryable, schema: string, filters: PlanFilters, today: CalendarDate) {
  const s = `"${schema}"`;
  const params: unknown[] = [today];
  const where: string[] = [];
  const visible = caseworkerCondition(filters.scope, 'p.caseworker_id', (v) => placeholder(params, v));
  if (visible) where.push(visible);
  if (filters.caseworker) where.push(`p.caseworker_id = ${placeholder(params, filters.caseworker)}`);
  if (filters.setting) where.push(`p.setting_urn = ${placeholder(params, filters.setting)}`);
  if (filters.status === 'active') where.push(`p.status NOT IN ('ceased', 'closed')`);
  else if (filters.status) where.push(`p.status = ${placeholder(params, filters.status)}`);
  where.push(...runningListConditions(params, {
    deadlines: `${s}.rm_plan_deadlines`, stream: 'p.stream_id', reference: 'p.reference', person: 'pe', today: '$1', todayValue: today, extensionDays: '0',
  }, filters));
  // the page first, then its deadlines: per-row work only for the rows shown
  const from = `FROM ${s}.rm_plans p LEFT JOIN ${s}.people pe ON pe.person_id = p.child_id ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
  const [{ total }] = (await db.query(`SELECT $1::date AS as_of, count(*)::int AS total ${from}`, params)) as { total: number }[];
  const rows = (await db.query(
    `WITH page AS (SELECT $1::date AS as_of, p.stream_id, p.view, p.next_review_due, p.reference, pe.given_name, pe.family_name, pe.erased_at ${from}
                   ORDER BY p.next_review_due NULLS LAST, p.reference LIMIT $${params.length + 1} OFFSET $${params.length + 2})
     SELECT page.*, (SELECT json_agg(json_build_object('kind', d.kind, 'ref', NULLIF(d.ref, ''), 'due', d.due::text) ORDER BY d.due)
                     FROM ${s}.rm_plan_deadlines d WHERE d.stream_id = page.stream_id) AS deadlines
     FROM page ORDER BY page.next_review_due NULLS LAST, page.reference`,
    [...params, filters.limit, filters.offset],
  )) as { view: PlanFileView; deadlines: { kind: string; ref: string | null; due: CalendarDate }[] | null; given_name: string | null; family_name: string | null; erased_at: Date | null }[];
  return {
    asOf: today,
    total,
    items: rows.map((r) => {
      const v = r.view;
      const deadlines = (r.deadlines ?? []).map((d) => ({ ...d, daysLeft: daysBetween(today, d.due), overdue: isOverdue(d.due, today) }));
      const nextReviewDue = upcomingReviewDue(v);
      return {
        planId: v.planId, reference: v.reference, status: v.status, caseworker: v.caseworkerId, setting: v.namedSetting,
        child: r.erased_at ? { id: v.childId, erased: true } : { id: v.childId, givenName: r.given_name, familyName: r.family_name },
        nextReviewDue, daysOverdue: nextReviewDue ? deadlineStatus(nextReviewDue, null, today).daysLate ?? 0 : 0,
        overdue: deadlines.some((d) => d.overdue), deadlines,
      };
    }),
  };
}
