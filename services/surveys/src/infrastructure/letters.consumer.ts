import type { EntityManager } from 'typeorm';
import { executeCommand } from '@ehc/commands';
import { transactionClient, type IntegrationEvent, type IntegrationEventHandler } from '@ehc/messaging';
import { addDays, daysBetween, isUuid, nameBasedUuid, todayInLondon, type CalendarDate, type Cohort } from '@ehc/domain-kernel';
import {
  CASE_CLOSED_V1, caseUuidOf, FINAL_PLAN_ISSUED_V1, LETTER_SENT_V1 as NA_LETTER_SENT_V1, NEEDS_ASSESSMENT_REQUESTED_V1, NEEDS_ASSESSMENT_TOPIC,
  PERSONAL_DETAILS_ERASED_V1, type CaseClosedV1, type FinalPlanIssuedV1, type LetterSentV1 as NaLetterSentV1, type NeedsAssessmentRequestedV1,
  type PersonalDetailsErasedV1,
} from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC, LETTER_SENT_V1 as AR_LETTER_SENT_V1, type LetterSentV1 as ArLetterSentV1 } from '@ehc/contracts/annual-review';
import { LETTER_SENT_V1 as TRIBUNAL_LETTER_SENT_V1, TRIBUNAL_TOPIC, type LetterSentV1 as TribunalLetterSentV1 } from '@ehc/contracts/tribunal';
import type { ServiceRuntime } from '@ehc/host';
import { PersonalData } from '@ehc/personal-data';
import type { SurveysSettings } from '../config';
import { invitationDecider, invitationIdOfLetter, invitationStream, SCHEMA_VERSIONS, type InvitationSubject, type SuppressionReason } from '../domain/invitation';
import { recipientDecider, recipientStream, SCHEMA_VERSIONS as RECIPIENT_SCHEMA_VERSIONS } from '../domain/recipient';
import { familySuppression } from './families';
import { resolveRespondent, triggerFor } from '../domain/triggers';
import type { LetterService } from '../domain/model';
import type { Outbox } from './outbox';
import type { SurveyLinks } from './links';

export const LETTERS_CONSUMER = 'surveys.letters';
const PREPARE_CONCURRENCY = 4;

/** Runs at most `n` of the given tasks at once, the rest waiting their turn in order. */
function limited(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** A letter as the surveys service reads it, whichever service sent it. */
export interface Letter {
  service: LetterService;
  /** The stream the letter belongs to in its service: with the letter id, it names the letter. */
  stream: string;
  /** The case it is about (an annual review's plan shares its assessment case's uuid). */
  caseId: string;
  childId: string | null;
  letterId: string;
  kind: string;
  recipient: 'parent' | 'young-person';
  sentOn: CalendarDate;
}

/** A case id that is not a uuid (a decision recorded before the hub, by the LA's own reference) is named by a uuid derived from it. */
const caseUuid = (id: string): string => (isUuid(id) ? id.toLowerCase() : nameBasedUuid(`ehc-hub/surveys/case:${id}`));

export function letterOf(event: IntegrationEvent): Letter | null {
  if (event.type === NA_LETTER_SENT_V1) {
    const d = event.data as NaLetterSentV1;
    return { service: 'needs-assessment', stream: d.caseId, caseId: caseUuidOf(d.caseId), childId: d.childId, letterId: d.letterId, kind: d.kind, recipient: d.recipient, sentOn: d.sentOn };
  }
  if (event.type === AR_LETTER_SENT_V1) {
    const d = event.data as ArLetterSentV1;
    return { service: 'annual-review', stream: d.planId, caseId: caseUuid(d.planId.replace(/^annualReview-/, '')), childId: d.childId, letterId: d.letterId, kind: d.kind, recipient: d.recipient, sentOn: d.sentOn };
  }
  if (event.type === TRIBUNAL_LETTER_SENT_V1) {
    const d = event.data as TribunalLetterSentV1;
    return { service: 'tribunal', stream: d.decisionId, caseId: caseUuid(d.source.id), childId: d.childId, letterId: d.letterId, kind: d.kind, recipient: d.recipient, sentOn: d.sentOn };
  }
  return null;
}

/** What a letter's delivery asks outside its transaction. */
interface Prepared { team: string | null; email: string | null }

/**
 * Turns the letters every service publishes into survey invitations (domain §7): through Kafka in
 * distributed mode, in-process when embedded. Idempotent twice over: the inbox marks the event
 * processed, and the invitation's id is derived from the letter, so a replay finds it recorded.
 * It also keeps what the letters do not carry: the case's cohort (who holds the rights) and
 * caseworker (whose team), a death closure, and an erasure.
 */
export function lettersConsumer(runtime: ServiceRuntime, settings: SurveysSettings, links: SurveyLinks, messages: Outbox): IntegrationEventHandler<Prepared | null> {
  const s = `"${runtime.schema}"`;
  const system = { kind: 'system' as const, id: LETTERS_CONSUMER };
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  // a delivery prepares its whole batch at once: a few lookups at a time, so a burst of letters
  // cannot take every connection of every service's pool (the directory asks each in embedded mode)
  const lookups = limited(PREPARE_CONCURRENCY);
  return {
    consumer: LETTERS_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC, TRIBUNAL_TOPIC],
    types: [NA_LETTER_SENT_V1, AR_LETTER_SENT_V1, TRIBUNAL_LETTER_SENT_V1, NEEDS_ASSESSMENT_REQUESTED_V1, FINAL_PLAN_ISSUED_V1, CASE_CLOSED_V1, PERSONAL_DETAILS_ERASED_V1],
    // the caseworker's team (the access directory) and the family's e-mail (the person directory, when
    // this service has no address for them yet) are asked before the transaction opens
    async prepare(event: IntegrationEvent): Promise<Prepared | null> {
      const letter = letterOf(event);
      if (!letter || !letter.childId || !triggerFor(settings.triggers, letter.service, letter.kind)) return null;
      return lookups(() => lookUp(letter as Letter & { childId: string }));
    },
    async handle(event: IntegrationEvent, tx: EntityManager, prepared?: Prepared | null) {
      const team = prepared?.team ?? null;
      const db = transactionClient(tx);
      const context = { actor: system, correlationId: event.correlationId, commandId: event.id, occurredAt: event.occurredAt };
      switch (event.type) {
        case NEEDS_ASSESSMENT_REQUESTED_V1: {
          const d = event.data as NeedsAssessmentRequestedV1;
          await db.query(`INSERT INTO ${s}.survey_case_facts (case_id, caseworker_id) VALUES ($1, $2)
            ON CONFLICT (case_id) DO UPDATE SET caseworker_id = COALESCE(EXCLUDED.caseworker_id, ${s}.survey_case_facts.caseworker_id)`, [caseUuidOf(d.caseId), d.caseworkerId]);
          return;
        }
        case FINAL_PLAN_ISSUED_V1: {
          const d = event.data as FinalPlanIssuedV1;
          await db.query(`INSERT INTO ${s}.survey_case_facts (case_id, caseworker_id, reception_year, year_group_offset) VALUES ($1, $2, $3, $4)
            ON CONFLICT (case_id) DO UPDATE SET caseworker_id = COALESCE(EXCLUDED.caseworker_id, ${s}.survey_case_facts.caseworker_id),
              reception_year = COALESCE(EXCLUDED.reception_year, ${s}.survey_case_facts.reception_year), year_group_offset = COALESCE(EXCLUDED.year_group_offset, ${s}.survey_case_facts.year_group_offset)`,
          [caseUuidOf(d.caseId), d.caseworkerId, d.cohort?.receptionYear ?? null, d.cohort?.yearGroupOffset ?? null]);
          return;
        }
        case CASE_CLOSED_V1: {
          const d = event.data as CaseClosedV1;
          if (d.reason !== 'died') return;
          const result = await executeCommand(runtime.store, recipientDecider, recipientStream(d.childId),
            { type: 'RecordChildDeath', data: { personId: d.childId, today: d.closedOn, source: 'needs-assessment' } }, context, RECIPIENT_SCHEMA_VERSIONS, { within: db });
          if (!result.ok) throw new Error(`the death of ${d.childId} could not be recorded: ${result.error}`);
          return;
        }
        case PERSONAL_DETAILS_ERASED_V1: {
          const { personId } = event.data as PersonalDetailsErasedV1;
          await db.query(`UPDATE ${s}.survey_messages SET to_address = NULL WHERE person_id = $1`, [personId]);
          // the family's address (the person's contact) and the comments they wrote, redacted as they were
          const { rows } = await db.query(`SELECT invitation_id::text FROM ${s}.rm_survey_invitations WHERE child_id = $1`, [personId]);
          await personal.erase(personId, (rows as { invitation_id: string }[]).map((r) => invitationStream(r.invitation_id)), db);
          return;
        }
      }
      const letter = letterOf(event);
      const row = letter && triggerFor(settings.triggers, letter.service, letter.kind);
      // a decision recorded before the hub may name no child: there is nobody to ask
      if (!letter || !row || !letter.childId) return;
      const today = todayInLondon(runtime.clock);
      // an old letter reaching the service (a late start, a replay) is not the moment to ask about it
      if (daysBetween(letter.sentOn, today) > settings.letterMaxAgeDays) return;
      const invitationId = invitationIdOfLetter(letter.service, letter.stream, letter.letterId);
      const facts = (await db.query(`SELECT reception_year, year_group_offset FROM ${s}.survey_case_facts WHERE case_id = $1`, [letter.caseId])).rows[0] as
        { reception_year: number | null; year_group_offset: number | null } | undefined;
      const cohort: Cohort | null = facts?.reception_year != null ? { receptionYear: facts.reception_year, yearGroupOffset: facts.year_group_offset ?? 0 } : null;
      const subject: InvitationSubject = {
        invitationId, letterId: letter.letterId, service: letter.service, letterKind: letter.kind, letterSentOn: letter.sentOn, caseId: letter.caseId, childId: letter.childId,
        trigger: row.trigger, respondentRole: resolveRespondent(row, { cohort, on: letter.sentOn, letterRecipient: letter.recipient }), questionSet: row.questionSet, team,
      };
      const suppressedBy = await suppression(letter.childId, letter.caseId, invitationId, letter.sentOn, db);
      const result = await executeCommand(runtime.store, invitationDecider, invitationStream(invitationId), {
        type: 'SendSurveyInvitation',
        data: { subject, today, expiresAfterDays: settings.linkDays, reminderAfterDays: settings.reminderDays || null, suppressedBy },
      }, context, SCHEMA_VERSIONS, { within: db, newStream: true });
      if (!result.ok) {
        if (result.error === 'InvitationAlreadyRecorded') return;
        throw new Error(`the survey invitation for ${letter.stream} ${letter.letterId} could not be recorded: ${result.error}`);
      }
      if (suppressedBy || result.events.length === 0) return;
      await db.query(`INSERT INTO ${s}.survey_case_invitations (invitation_id, case_id, letter_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [invitationId, letter.caseId, letter.sentOn]);
      // the address the request gave, kept as this service's copy (a person already on file is left as it is)
      if (prepared?.email) {
        await db.query(`INSERT INTO ${s}.people (person_id, contact) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING`, [letter.childId, JSON.stringify({ email: prepared.email })]);
      }
      const personId = subject.respondentRole === 'setting' ? null : letter.childId;
      await messages.write(db, { invitationId, kind: 'invitation', personId, letterKind: letter.kind, link: links.linkOf(invitationId), lastDay: addDays(today, settings.linkDays) });
    },
  };

  /** The case's caseworker's team and, for a family not on file, the e-mail the person directory holds. */
  async function lookUp(letter: Letter & { childId: string }): Promise<Prepared> {
    const { rows } = await runtime.pool.query(
      `SELECT (SELECT caseworker_id FROM ${s}.survey_case_facts WHERE case_id = $1) AS caseworker_id,
              EXISTS (SELECT 1 FROM ${s}.people WHERE person_id = $2) AS on_file`, [letter.caseId, letter.childId]);
    const { caseworker_id: caseworker, on_file: onFile } = rows[0] as { caseworker_id: string | null; on_file: boolean };
    const teams = caseworker ? await runtime.access.teamsOf(caseworker) : [];
    const email = onFile ? null : (await runtime.directory.find(letter.childId).catch(() => null))?.email ?? null;
    return { team: [...teams].sort()[0] ?? null, email };
  }

  /**
   * Why this letter's invitation is not sent, or null: the family's own flags first, then the case's
   * quiet period (another letter of the case invited within the period, before or after this one's date).
   */
  async function suppression(childId: string, caseId: string, invitationId: string, letterOn: CalendarDate, db: { query: (q: string, p: unknown[]) => Promise<{ rows: unknown[] }> }): Promise<SuppressionReason | null> {
    const family = await familySuppression(runtime.store, childId);
    if (family) return family;
    if (settings.quietPeriodDays === 0) return null;
    const { rows } = await db.query(`SELECT 1 FROM ${s}.survey_case_invitations WHERE case_id = $1 AND invitation_id <> $2 AND letter_on > $3 AND letter_on < $4 LIMIT 1`,
      [caseId, invitationId, addDays(letterOn, -settings.quietPeriodDays), addDays(letterOn, settings.quietPeriodDays)]);
    return rows.length > 0 ? 'quiet-period' : null;
  }
}
