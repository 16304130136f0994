import type { EntityManager } from 'typeorm';
import type { IntegrationEvent, IntegrationEventHandler } from '@ehc/messaging';
import { nameBasedUuid, todayInLondon, type AppealableDecisionType } from '@ehc/domain-kernel';
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
  return {
    consumer: APPEALABLE_DECISIONS_CONSUMER,
    topics: [NEEDS_ASSESSMENT_TOPIC, ANNUAL_REVIEW_TOPIC],
    types: [NA_LETTER_SENT_V1, AR_LETTER_SENT_V1, PERSONAL_DETAILS_ERASED_V1],
    // the child's details (for the lists' names) come from the person directory, asked before the transaction opens, once
    async prepare(event: IntegrationEvent) {
      const letter = letterOf(event);
      if (!letter || !letter.appealRights || !DECISION_OF_LETTER[letter.kind] || (await personal.hasPerson(letter.childId))) return null;
      const found = await runtime.directory.find(letter.childId).catch(() => null);
      return found ? { givenName: found.givenName ?? '', familyName: found.familyName ?? '', dateOfBirth: found.dateOfBirth } : null;
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
      if (details && !(await personal.hasPerson(letter.childId, tx))) await personal.recordPerson(details, letter.childId, tx);
      const decisionId = decisionIdOfLetter(letter.stream, letter.letterId);
      const result = await executeDisagreementCommand(runtime.store, decisionId, {
        type: 'OpenAppealWindow',
        data: {
          decisionId, source: letter.source, childId: letter.childId, decisionType, letterOn: letter.sentOn, letterId: letter.letterId, recipient: letter.recipient,
          openedBy: 'published-decision', certificateOn: null, today: todayInLondon(runtime.clock),
        },
      }, { actor: { kind: 'system', id: APPEALABLE_DECISIONS_CONSUMER }, correlationId: event.correlationId, commandId: event.id, occurredAt: letter.sentOn });
      if (!result.ok && result.error !== 'WindowAlreadyOpen') throw new Error(`the appeal window of ${letter.stream} ${letter.letterId} could not open: ${result.error}`);
    },
  };
}
