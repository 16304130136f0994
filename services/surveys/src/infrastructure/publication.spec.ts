import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type NewEvent } from '@ehc/event-store';
import { cachedHistory, translateAll, type IntegrationEvent } from '@ehc/messaging';
import { SURVEY_RESPONSE_RECEIVED_V1, surveysSchemas } from '@ehc/contracts/surveys';
import { invitationStream, type Event, type InvitationSubject } from '../domain/invitation';
import { surveysPublication } from './publication';

const ajv = addFormats(new Ajv({ allErrors: true }));
const childId = randomUUID();
const subject = (invitationId: string): InvitationSubject => ({
  invitationId, letterId: 'letter-3', service: 'needs-assessment', letterKind: 'final-plan', letterSentOn: '2027-03-01', caseId: randomUUID(), childId,
  trigger: 'final-plan', respondentRole: 'parent', questionSet: 'final-plan', team: 'north',
});

async function publish(streams: Record<string, Event[]>) {
  const store = new InMemoryEventStore();
  for (const [stream, events] of Object.entries(streams)) {
    await store.appendToStream(stream, events.map((e): NewEvent => ({
      id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: { occurredAt: '2027-03-01', actor: { kind: 'system', id: 'surveys.letters' }, correlationId: randomUUID(), causationId: null },
    })), 'no-stream');
  }
  const { events: stored } = await store.readAll({ filter: surveysPublication.filter });
  return { stored, published: JSON.parse(JSON.stringify(await translateAll([surveysPublication], stored, cachedHistory(store)))) as IntegrationEvent<Record<string, unknown>>[] };
}

describe('surveys published events', () => {
  const answered = randomUUID();
  const suppressed = randomUUID();
  const streams: Record<string, Event[]> = {
    [invitationStream(answered)]: [
      { type: 'SurveyInvitationSent', data: { ...subject(answered), sentOn: '2027-03-01', expiresOn: '2027-03-29', reminderDueOn: '2027-03-15' } },
      { type: 'SurveyReminderSent', data: { invitationId: answered, sentOn: '2027-03-15' } },
      { type: 'SurveyResponseReceived', data: { invitationId: answered, answeredOn: '2027-03-16', scores: { feltListenedTo: 4, settingConfidence: 2 }, choices: { knowWhoToContact: 'yes' }, commentDocumentId: 'unpublished-comment', themes: ['communication'] } },
    ],
    [invitationStream(suppressed)]: [{ type: 'SurveyInvitationSuppressed', data: { ...subject(suppressed), suppressedOn: '2027-03-01', reason: 'safeguarding' } }],
  };

  it('publishes the invitation sent and the response with its scores and themes; a reminder and a suppressed invitation are not published', async () => {
    const { published } = await publish(streams);
    expect(published.map((p) => p.type)).toEqual(['surveys.SurveyInvitationSent.v1', 'surveys.SurveyResponseReceived.v1']);
    expect(published.find((p) => p.type === SURVEY_RESPONSE_RECEIVED_V1)?.data).toEqual({
      invitationId: answered, trigger: 'final-plan', respondentRole: 'parent', questionSet: 'final-plan', team: 'north', sentOn: '2027-03-01', answeredOn: '2027-03-16',
      scores: [{ question: 'feltListenedTo', score: 4 }, { question: 'settingConfidence', score: 2 }], themes: ['communication'], commented: true,
    });
  });

  it('every contract type, valid against its closed schema; no child, case, comment or free text', async () => {
    const { stored, published } = await publish(streams);
    expect([...new Set(published.map((p) => p.type))].sort()).toEqual(Object.keys(surveysSchemas).sort());
    for (const p of published) {
      const validate = ajv.compile(surveysSchemas[p.type]);
      expect({ type: p.type, valid: validate(p.data), errors: validate.errors ?? [] }).toEqual({ type: p.type, valid: true, errors: [] });
    }
    expect(JSON.stringify(stored)).toContain(childId);
    expect(JSON.stringify(published)).not.toContain(childId);
    expect(JSON.stringify(published)).not.toContain('unpublished-comment');
    expect(JSON.stringify(published)).not.toContain('caseId');
  });
});
