import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@ehc/event-store';
import { nameBasedUuid } from '@ehc/domain-kernel';
import { longDate } from '@ehc/letters';
import type { Notifier } from '@ehc/notifications';
import type { JsonLogger } from '@ehc/http';
import { renderTemplate, stageOf, templatesFor, type MessageTemplates } from '../domain/messages';

/**
 * The messages the service sends: written in the transaction of the event that asks for them
 * (an invitation sent, a reminder due), so none is lost and none is written twice; then sent by
 * the notifier. With SMTP configured a message waits as `pending` until it is sent (`sent`); one
 * with no address on file is `no-address`; without SMTP (embedded) every message is kept
 * `in-outbox`, where a caseworker opens it in the workspace, sends it on, and records that
 * (`sent-by-hand`, with who and when), so a colleague does not send it again.
 */
export const MESSAGE_STATUSES = ['pending', 'sent', 'no-address', 'in-outbox', 'failed', 'sent-by-hand'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A message a caseworker may send on themselves: one no SMTP server will send. */
export const SENT_BY_HAND_FROM: readonly MessageStatus[] = ['in-outbox', 'no-address', 'failed'];
export type MessageKind = 'invitation' | 'reminder';

/** Attempts at a message before it is left `failed` for someone to look at. */
export const SEND_ATTEMPTS = 5;

export interface Outbox {
  /** Writes the message for an invitation or its reminder, once (its id is derived from both). */
  write(db: PoolClient, message: { invitationId: string; kind: MessageKind; personId: string | null; letterKind: string; link: string; lastDay: string }): Promise<void>;
  /** Sends what is pending, one message per transaction, skipping those another instance holds. Returns how many were sent. */
  dispatch(): Promise<number>;
}

export function outbox(pool: Pool, schema: string, templates: MessageTemplates, notifier: Notifier | null, logger: JsonLogger): Outbox {
  const s = `"${schema}"`;
  return {
    async write(db, m) {
      const { rows } = m.personId ? await db.query(`SELECT contact->>'email' AS email FROM ${s}.people WHERE person_id = $1 AND erased_at IS NULL`, [m.personId]) : { rows: [] };
      const to = (rows[0] as { email: string | null } | undefined)?.email ?? null;
      const words = renderTemplate(templatesFor(templates, m.letterKind)[m.kind], { stage: stageOf(m.letterKind), link: m.link, lastDay: longDate(m.lastDay) });
      const status: MessageStatus = !notifier ? 'in-outbox' : to ? 'pending' : 'no-address';
      await db.query(
        `INSERT INTO ${s}.survey_messages (message_id, invitation_id, kind, person_id, to_address, subject, body, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING`,
        [nameBasedUuid(`ehc-hub/surveys/message:${m.invitationId}/${m.kind}`), m.invitationId, m.kind, m.personId, to, words.subject, words.text, status],
      );
    },

    async dispatch() {
      if (!notifier) return 0;
      let sent = 0;
      // one message a transaction, held while it is sent: another instance skips it, a crash leaves it pending
      while (await inTransaction(pool, async (client) => {
        const { rows } = await client.query(
          `SELECT message_id::text, to_address, subject, body, attempts FROM ${s}.survey_messages WHERE status = 'pending'
           ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        const m = rows[0] as { message_id: string; to_address: string; subject: string; body: string; attempts: number } | undefined;
        if (!m) return false;
        try {
          await notifier.send({ messageId: m.message_id, to: m.to_address, subject: m.subject, text: m.body });
        } catch (error) {
          const failed = (error as { permanent?: boolean }).permanent === true || m.attempts + 1 >= SEND_ATTEMPTS;
          await client.query(`UPDATE ${s}.survey_messages SET attempts = attempts + 1, last_error = $2, status = $3 WHERE message_id = $1`,
            [m.message_id, (error as Error).message.slice(0, 500), failed ? 'failed' : 'pending']);
          logger.warn(`survey message ${m.message_id} not sent (attempt ${m.attempts + 1}${failed ? ', giving up' : ''}): ${(error as Error).message}`);
          // a server that refuses now will refuse the next one too: try again at the next sweep
          return false;
        }
        await client.query(`UPDATE ${s}.survey_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE message_id = $1`, [m.message_id]);
        sent++;
        return true;
      }));
      return sent;
    },
  };
}
