import type { Pool } from 'pg';
import type { CalendarDate } from '@ehc/domain-kernel';
import type { InvitationStatus } from '../../domain/invitation';

export const INVITATION_STATUSES: readonly InvitationStatus[] = ['sent', 'reminded', 'answered', 'expired', 'suppressed'];

export interface InvitationItem {
  invitationId: string;
  letterId: string;
  caseId: string;
  service: string;
  letterKind: string;
  trigger: string;
  respondentRole: string;
  questionSet: string;
  team: string | null;
  status: InvitationStatus;
  sentOn: CalendarDate | null;
  expiresOn: CalendarDate | null;
  reminderDueOn: CalendarDate | null;
  remindedOn: CalendarDate | null;
  answeredOn: CalendarDate | null;
  suppressedOn: CalendarDate | null;
  suppressedReason: string | null;
}

/** The status as of today, in SQL: the same order as the domain's statusOf. */
const STATUS = `CASE WHEN suppressed_reason IS NOT NULL THEN 'suppressed' WHEN answered_on IS NOT NULL THEN 'answered'
  WHEN expires_on < $1 THEN 'expired' WHEN reminded_on IS NOT NULL THEN 'reminded' ELSE 'sent' END`;

export async function invitations(pool: Pool, schema: string, today: CalendarDate, q: { letterId?: string; caseId?: string; status?: InvitationStatus; limit: number; offset: number }) {
  const where: string[] = [];
  const params: unknown[] = [today];
  if (q.letterId) where.push(`letter_id = $${params.push(q.letterId)}`);
  if (q.caseId) where.push(`case_id = $${params.push(q.caseId)}`);
  if (q.status) where.push(`(${STATUS}) = $${params.push(q.status)}`);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await pool.query(
    `SELECT invitation_id::text, letter_id, case_id::text, service, letter_kind, trigger, respondent_role, question_set, team, ${STATUS} AS status,
       recorded_on::text, expires_on::text, reminder_due_on::text, reminded_on::text, answered_on::text, suppressed_reason, count(*) OVER () AS total
     FROM "${schema}".rm_survey_invitations ${filter}
     ORDER BY recorded_on DESC, invitation_id LIMIT ${q.limit} OFFSET ${q.offset}`, params);
  const total = rows.length ? Number((rows[0] as { total: string }).total) : q.offset > 0 ? await count(pool, schema, filter, params) : 0;
  return { total, items: (rows as Record<string, string | null>[]).map(itemOf) };
}

async function count(pool: Pool, schema: string, filter: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*) AS n FROM "${schema}".rm_survey_invitations ${filter}`, params);
  return Number((rows[0] as { n: string }).n);
}

export async function invitationById(pool: Pool, schema: string, today: CalendarDate, invitationId: string): Promise<InvitationItem | null> {
  const { rows } = await pool.query(
    `SELECT invitation_id::text, letter_id, case_id::text, service, letter_kind, trigger, respondent_role, question_set, team, ${STATUS} AS status,
       recorded_on::text, expires_on::text, reminder_due_on::text, reminded_on::text, answered_on::text, suppressed_reason
     FROM "${schema}".rm_survey_invitations WHERE invitation_id = $2`, [today, invitationId]);
  return rows[0] ? itemOf(rows[0] as Record<string, string | null>) : null;
}

function itemOf(r: Record<string, string | null>): InvitationItem {
  const suppressed = r.suppressed_reason !== null;
  return {
    invitationId: r.invitation_id!, letterId: r.letter_id!, caseId: r.case_id!, service: r.service!, letterKind: r.letter_kind!, trigger: r.trigger!,
    respondentRole: r.respondent_role!, questionSet: r.question_set!, team: r.team, status: r.status as InvitationStatus,
    sentOn: suppressed ? null : r.recorded_on, expiresOn: r.expires_on, reminderDueOn: r.reminder_due_on, remindedOn: r.reminded_on, answeredOn: r.answered_on,
    suppressedOn: suppressed ? r.recorded_on : null, suppressedReason: r.suppressed_reason,
  };
}
