import { randomUUID } from 'node:crypto';
import { executeCommand } from '@ehc/commands';
import { inTransaction } from '@ehc/event-store';
import { addDays, todayInLondon } from '@ehc/domain-kernel';
import type { ServiceRuntime } from '@ehc/host';
import type { JsonLogger } from '@ehc/http';
import type { SurveysSettings } from '../config';
import { invitationDecider, invitationStream, SCHEMA_VERSIONS, evolve, initialState, type Event } from '../domain/invitation';
import { familySuppression } from './families';
import type { Outbox } from './outbox';
import type { SurveyLinks } from './links';

/** One lock for the sweep across every instance sharing the database: 'ehc-surveys-reminders' as a bigint. */
const SWEEP_LOCK = 0x6568632d73727679n;
const REMINDER_SENDER = { kind: 'system' as const, id: 'surveys.reminders' };

/**
 * Sends the reminders that are due (domain: once, after SURVEY_REMINDER_DAYS, if unanswered). The
 * due day is in the invitation's event, so a restart loses none: the next sweep finds them. Only one
 * instance sweeps at a time (a PostgreSQL advisory lock; the others skip the turn), and each
 * reminder is an event appended at the revision read, with its message in the same transaction:
 * a reminder is recorded, and its message written, once.
 */
export async function sendDueReminders(runtime: ServiceRuntime, settings: SurveysSettings, links: SurveyLinks, messages: Outbox, logger: JsonLogger): Promise<number> {
  const s = `"${runtime.schema}"`;
  const today = todayInLondon(runtime.clock);
  const lock = await runtime.pool.connect();
  try {
    const { rows: [held] } = await lock.query('SELECT pg_try_advisory_lock($1::bigint) AS held', [SWEEP_LOCK.toString()]);
    if (!(held as { held: boolean }).held) return 0;
    try {
      const { rows } = await runtime.pool.query(
        `SELECT invitation_id::text, child_id::text, letter_kind, respondent_role, expires_on::text FROM ${s}.rm_survey_invitations
         WHERE reminder_due_on <= $1 AND reminded_on IS NULL AND answered_on IS NULL AND suppressed_reason IS NULL AND expires_on >= $1
         ORDER BY reminder_due_on LIMIT 1000`, [today]);
      let sent = 0;
      for (const r of rows as { invitation_id: string; child_id: string; letter_kind: string; respondent_role: string; expires_on: string }[]) {
        if (await familySuppression(runtime.store, r.child_id)) continue;
        if (await remind(r)) sent++;
      }
      return sent;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1::bigint)', [SWEEP_LOCK.toString()]);
    }
  } finally {
    lock.release();
  }

  async function remind(r: { invitation_id: string; child_id: string; letter_kind: string; respondent_role: string; expires_on: string }): Promise<boolean> {
    const stream = invitationStream(r.invitation_id);
    const history = await runtime.store.readStream(stream);
    const state = history.reduce((st, e) => evolve(st, { type: e.type, data: e.data } as Event), initialState());
    if (!state.subject) return false;
    try {
      return await inTransaction(runtime.pool, async (client) => {
        // at the revision read: another sweep that got in first makes this one a conflict, not a second reminder
        const result = await executeCommand(runtime.store, invitationDecider, stream, { type: 'SendSurveyReminder', data: { today } },
          { actor: REMINDER_SENDER, correlationId: randomUUID(), occurredAt: today, expectedRevision: history[history.length - 1].revision }, SCHEMA_VERSIONS, { within: client });
        if (!result.ok || result.events.length === 0) return false;
        await messages.write(client, {
          invitationId: r.invitation_id, kind: 'reminder', personId: r.respondent_role === 'setting' ? null : r.child_id, letterKind: r.letter_kind,
          link: links.linkOf(r.invitation_id), lastDay: state.expiresOn ?? addDays(today, settings.linkDays),
        });
        return true;
      });
    } catch (error) {
      logger.warn(`survey reminder ${r.invitation_id} not sent this sweep: ${(error as Error).message}`);
      return false;
    }
  }
}
