import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ehc/event-store';
import type { Projection } from '@ehc/messaging';
import { invitationStream, type Event as InvitationEvent } from '../../domain/invitation';
import { recipientStream, type Event as RecipientEvent } from '../../domain/recipient';

export const INVITATION_STREAM_PREFIX = invitationStream('');
export const RECIPIENT_STREAM_PREFIX = recipientStream('');

/**
 * The surveys' read model (see the entities), applied event by event in the batch's transaction.
 * A new name is a new checkpoint (rebuilt from position 0).
 */
export function surveyResultsProjection(schema: string): Projection {
  const t = (name: string) => `"${schema}".${name}`;
  return {
    // v2: the month is the letter's; the monthly counts the results read
    name: 'surveys.results.v2',
    filter: { streamPrefixes: [INVITATION_STREAM_PREFIX, RECIPIENT_STREAM_PREFIX] },
    tables: [t('rm_survey_invitations'), t('rm_survey_comments'), t('rm_survey_month_counts'), t('rm_survey_month_scores'), t('rm_survey_recipients')],
    async applyBatch(events: EventEnvelope[], tx: EntityManager) {
      for (const e of events) {
        if (e.stream.startsWith(RECIPIENT_STREAM_PREFIX)) await applyRecipient({ type: e.type, data: e.data } as RecipientEvent, tx);
        else await applyInvitation({ type: e.type, data: e.data } as InvitationEvent, tx);
      }
    },
  };

  async function applyInvitation(event: InvitationEvent, tx: EntityManager) {
    switch (event.type) {
      case 'SurveyInvitationSent':
      case 'SurveyInvitationSuppressed': {
        const d = event.data;
        const sent = event.type === 'SurveyInvitationSent' ? event.data : null;
        const recordedOn = sent ? sent.sentOn : (event.data as { suppressedOn: string }).suppressedOn;
        await tx.query(
          `INSERT INTO ${t('rm_survey_invitations')} (invitation_id, letter_id, service, letter_kind, case_id, child_id, trigger, respondent_role, question_set, team,
             recorded_on, month, expires_on, reminder_due_on, suppressed_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (invitation_id) DO NOTHING`,
          [d.invitationId, d.letterId, d.service, d.letterKind, d.caseId, d.childId, d.trigger, d.respondentRole, d.questionSet, d.team,
            recordedOn, d.letterSentOn.slice(0, 7), sent?.expiresOn ?? null, sent?.reminderDueOn ?? null, sent ? null : (event.data as { reason: string }).reason],
        );
        await count(tx, { month: d.letterSentOn.slice(0, 7), trigger: d.trigger, team: d.team }, sent ? 'invited' : 'suppressed');
        return;
      }
      case 'SurveyReminderSent':
        await tx.query(`UPDATE ${t('rm_survey_invitations')} SET reminded_on = $2 WHERE invitation_id = $1`, [event.data.invitationId, event.data.sentOn]);
        return;
      case 'SurveyResponseReceived': {
        const d = event.data;
        const rows = (await tx.query(`UPDATE ${t('rm_survey_invitations')} SET answered_on = $2 WHERE invitation_id = $1 RETURNING month, trigger, team`, [d.invitationId, d.answeredOn])) as
          [{ month: string; trigger: string; team: string | null }[], number] | { month: string; trigger: string; team: string | null }[];
        const of = (Array.isArray(rows[0]) ? rows[0] : rows) as { month: string; trigger: string; team: string | null }[];
        const inv = of[0];
        if (!inv) return;
        const scores = Object.entries(d.scores).map(([question, score]) => ({ question, score }));
        await count(tx, inv, 'answered');
        if (scores.length > 0) {
          await tx.query(
            `INSERT INTO ${t('rm_survey_month_scores')} (month, trigger, team_key, question, score, n)
             SELECT $1, $2, $3, x.question, x.score, 1 FROM jsonb_to_recordset($4::jsonb) AS x(question text, score smallint)
             ON CONFLICT (month, trigger, team_key, question, score) DO UPDATE SET n = ${t('rm_survey_month_scores')}.n + 1`,
            [inv.month, inv.trigger, inv.team ?? '', JSON.stringify(scores)],
          );
        }
        if (d.commentDocumentId) {
          await tx.query(
            `INSERT INTO ${t('rm_survey_comments')} (invitation_id, document_id, themes, answered_on, month, trigger, team) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
            [d.invitationId, d.commentDocumentId, d.themes, d.answeredOn, inv.month, inv.trigger, inv.team],
          );
        }
        return;
      }
    }
  }

  /** One more invitation, answer or suppression in its month, trigger and team. */
  async function count(tx: EntityManager, key: { month: string; trigger: string; team: string | null }, column: 'invited' | 'answered' | 'suppressed') {
    await tx.query(
      `INSERT INTO ${t('rm_survey_month_counts')} (month, trigger, team_key, ${column}) VALUES ($1, $2, $3, 1)
       ON CONFLICT (month, trigger, team_key) DO UPDATE SET ${column} = ${t('rm_survey_month_counts')}.${column} + 1`,
      [key.month, key.trigger, key.team ?? ''],
    );
  }

  async function applyRecipient(event: RecipientEvent, tx: EntityManager) {
    const upsert = (set: string, values: unknown[]) => tx.query(
      `INSERT INTO ${t('rm_survey_recipients')} (person_id) VALUES ($1) ON CONFLICT (person_id) DO NOTHING`, [event.data.personId],
    ).then(() => tx.query(`UPDATE ${t('rm_survey_recipients')} SET ${set} WHERE person_id = $1`, [event.data.personId, ...values]));
    switch (event.type) {
      case 'SurveysFlaggedOff': return upsert('flag_reason = $2, flagged_on = $3, flagged_by = $4', [event.data.reason, event.data.flaggedOn, event.data.flaggedBy]);
      case 'SurveysFlagLifted': return upsert('flag_reason = NULL, flagged_on = NULL, flagged_by = NULL', []);
      case 'SurveysOptedOut': return upsert('opted_out_on = $2', [event.data.optedOutOn]);
      case 'ChildDeathRecorded': return upsert('died_on = $2', [event.data.recordedOn]);
    }
  }
}
