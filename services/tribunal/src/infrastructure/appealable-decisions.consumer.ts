import type { EntityManager } from 'typeorm';
import { transactionClient, type IntegrationEvent, type IntegrationEventHandler } from '@ehc/messaging';
import { isUuid, nameBasedUuid, todayInLondon, type AppealableDecisionType } from '@ehc/domain-kernel';
import {
  caseUuidOf, LETTER_SENT_V1 as NA_LETTER_SENT_V1, NEEDS_ASSESSMENT_TOPIC, PERSONAL_DETAILS_ERASED_V1, type LetterSentV1 as NaLetterSentV1, type PersonalDetailsErasedV1,
} from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC, LETTER_SENT_V1 as AR_LETTER_SENT_V1, type LetterSentV1 as ArLetterSentV1 } from '@ehc/contracts/annual-review';
import { PersonalData, type PersonDetails } from '@ehc/personal-data';
import type { ServiceRuntime } from '@ehc/host';
import { executeDisagreementCommand } from '../application/disagreement-command';
import type { DecisionSource } from '../domain/events';

export const APPEALABLE_DECISIONS_CONSUMER = 'tribunal.appealable-decisions';


/**
 * The letter of an appealable decision is what opens its window: the windows run from the day
 * written notice was sent (reg 33, TR r.20), and the letter carries that day and the appeal rights.
 * Each letter kind names the decision it gives notice of (s.51, domain §3.1).
 */
export const DECISION_OF_LETTER: Readonly<Record<string, AppealableDecisionType>> = {
  // needs assessment
  'refusal-to-assess': 'refusal-to-assess',
  'decision-not-to-issue': 'decision-not-to-issue',
  'final-plan': 'final-plan',
  // annual review: maintaining a plan unamended after a review is a decision not to amend it
  'decision-to-maintain': 'decision-not-to-amend',
  'decision-not-to-amend': 'decision-not-to-amend',
  'amended-plan': 'amended-plan',
  'cease-decision': 'cease',
};

/** A decision's id is derived from its letter, so a redelivered or replayed letter lands on the same window. */
export const decisionIdOfLetter = (sourceStream: string, letterId: string): string => nameBasedUuid(`ehc-hub/tribunal/decision:${sourceStream}/${letterId}`);

type Letter = { source: DecisionSource; stream: string; childId: string; letterId: string; kind: string; recipient: 'parent' | 'young-person'; sentOn: string; appealRights: boolean };

function letterOf(event: IntegrationEvent): Letter | null {
  if (event.type === NA_LETTER_SENT_V1) {
    const d = event.data as NaLetterSentV1;
    return { source: { service: 'needs-assessment', id: caseUuidOf(d.caseId) }, stream: d.caseId, ...d };
  }
  if (event.type === AR_LETTER_SENT_V1) {
    const d = event.data as ArLetterSentV1;
    return { source: { service: 'annual-review', id: d.planId.replace(/^annualReview-/, '') }, stream: d.planId, ...d };
  }
  return null;
}

/**
 * Opens an appeal window for every appealable decision letter the needs-assessment and annual
 * review services publish: through Kafka in distributed mode, in-process when embedded. Idempotent
 * twice over: the inbox marks the event processed, and the window's id is derived from the letter,
 * so a replay finds the window open and changes nothing.
 */
export function appealableDecisionsConsumer(runtime: ServiceRuntime): IntegrationEventHandler<PersonDetails | null> {
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  const detailsOf = childrenNotOnFile(runtime);
  return {
    consumer: APPEALABLE_DECISIONS_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC],
    types: [NA_LETTER_SENT_V1, AR_LETTER_SENT_V1, PERSONAL_DETAILS_ERASED_V1],
    // the child's details (for the lists' names) come from the person directory, asked before the transaction opens, once
    async prepare(event: IntegrationEvent) {
      const letter = letterOf(event);
      if (!letter || !letter.appealRights || !DECISION_OF_LETTER[letter.kind]) return null;
      return detailsOf(letter.childId);
    },
    async handle(event: IntegrationEvent, tx: EntityManager, details?: PersonDetails | null) {
      if (event.type === PERSONAL_DETAILS_ERASED_V1) {
        const { personId } = event.data as PersonalDetailsErasedV1;
        const streams = (await tx.query(`SELECT stream_id FROM "${runtime.schema}".rm_disagreements WHERE child_id = $1`, [personId])) as { stream_id: string }[];
        await personal.erase(personId, streams.map((r) => r.stream_id), tx);
        return;
      }
      const letter = letterOf(event);
      const decisionType = letter ? DECISION_OF_LETTER[letter.kind] : undefined;
      if (!letter || !letter.appealRights || !decisionType) return;
      // a person already on file is left as it is (erased or not): no need to ask first
      if (details) await personal.recordPerson(details, letter.childId, tx);
      const decisionId = decisionIdOfLetter(letter.stream, letter.letterId);
      // The window's events commit with the inbox row, in the delivery's transaction: one commit for a
      // batch of letters, and never a window opened for a letter the inbox has not marked. Its stream is
      // new but for a letter seen again (a replay), whose append conflicts and is then decided on what
      // the stream holds: WindowAlreadyOpen.
      const result = await executeDisagreementCommand(runtime.store, decisionId, {
        type: 'OpenAppealWindow',
        data: {
          decisionId, source: letter.source, childId: letter.childId, decisionType, letterOn: letter.sentOn, letterId: letter.letterId, recipient: letter.recipient,
          openedBy: 'published-decision', certificateOn: null, today: todayInLondon(runtime.clock),
        },
      }, { actor: { kind: 'system', id: APPEALABLE_DECISIONS_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: letter.sentOn },
      { within: transactionClient(tx), newStream: true });
      if (!result.ok && result.error !== 'WindowAlreadyOpen') throw new Error(`the appeal window of ${letter.stream} ${letter.letterId} could not open: ${result.error}`);
    },
  };
}

/**
 * The details of a child this service has no copy of yet, from the person directory; null for a
 * child on file (erased or not) or unknown to the directory. A delivery prepares a batch of letters
 * at once, so the children asked for in one turn of the event loop are looked up together: one query
 * for those on file, then the directory once for each child not on file.
 */
function childrenNotOnFile(runtime: ServiceRuntime): (childId: string) => Promise<PersonDetails | null> {
  let asked: Map<string, { resolve(details: PersonDetails | null): void; reject(error: unknown): void }[]> | null = null;
  const lookUp = async (waiting: NonNullable<typeof asked>) => {
    const ids = [...waiting.keys()];
    try {
      const { rows } = await runtime.pool.query(`SELECT person_id::text FROM "${runtime.schema}".people WHERE person_id = ANY($1::uuid[])`, [ids.filter(isUuid)]);
      const onFile = new Set((rows as { person_id: string }[]).map((r) => r.person_id));
      await Promise.all(ids.map(async (id) => {
        const found = onFile.has(id.toLowerCase()) ? null : await runtime.directory.find(id).catch(() => null);
        const details = found ? { givenName: found.givenName ?? '', familyName: found.familyName ?? '', dateOfBirth: found.dateOfBirth } : null;
        for (const w of waiting.get(id)!) w.resolve(details);
      }));
    } catch (error) {
      for (const w of [...waiting.values()].flat()) w.reject(error);
    }
  };
  return (childId) => new Promise((resolve, reject) => {
    if (!asked) {
      const waiting = (asked = new Map());
      setImmediate(() => { asked = null; void lookUp(waiting); });
    }
    asked.set(childId, [...(asked.get(childId) ?? []), { resolve, reject }]);
  });
}
