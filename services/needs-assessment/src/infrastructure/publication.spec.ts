import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type NewEvent } from '@ehc/event-store';
import { cachedHistory } from '@ehc/messaging';
import { needsAssessmentSchemas } from '@ehc/contracts/needs-assessment';
import { translate } from './publication';
import type { Event } from '../domain/events';

const ajv = addFormats(new Ajv({ allErrors: true }));
const child = randomUUID();
const school = { urn: '120345', name: 'Lincoln Castle Academy' };
const domainEvents: Event[] = [
  { type: 'NeedsAssessmentRequested', data: { reference: 'NA-2026-00001', childId: child, cohort: { receptionYear: 2023, yearGroupOffset: 0 }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworkerId: 'cw-1', decisionDueBy: '2026-02-16' } },
  { type: 'DecidedToAssess', data: { decidedOn: '2026-02-16', withinStatutoryTime: true } },
  { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-assess', recipient: 'parent', sentOn: '2026-02-16', appealRights: false } },
  { type: 'CaseworkerReassigned', data: { caseworkerId: 'cw-2', from: 'cw-1', reassignedOn: '2026-02-20' } },
  { type: 'TimeLimitExceptionApplied', data: { exceptionId: 'exception-1', limb: 'absence-from-area', from: '2026-03-01', to: null, limitsLifted: ['decision-to-assess', 'decision-not-to-issue', 'final-plan'], evidenceDocumentId: null } },
  { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: '2026-04-17', representationsEndOn: '2026-05-01', planDocumentId: null } },
  { type: 'FinalPlanIssued', data: { issuedOn: '2026-06-01', namedSetting: school, withinStatutoryTime: false, planDocumentId: null } },
  { type: 'CaseClosed', data: { closedOn: '2026-06-02', reason: 'other' } },
];

describe('needs-assessment published events', () => {
  it('translates each public fact into its contract, valid against its schema, with no personal details', async () => {
    const store = new InMemoryEventStore();
    const stream = `ehcna-${randomUUID()}`;
    const toAppend: NewEvent[] = domainEvents.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: { occurredAt: '2026-01-05', actor: { kind: 'user', id: 'cw-1' }, correlationId: randomUUID(), causationId: null } }));
    await store.appendToStream(stream, toAppend, 'no-stream');
    const stored = await store.readStream(stream);
    const history = cachedHistory(store);
    const published = (await Promise.all(stored.map((e) => translate(e, history)))).flat();

    expect(published.map((p) => p.type)).toEqual([
      'needs-assessment.NeedsAssessmentRequested.v1', 'needs-assessment.DecidedToAssess.v1', 'needs-assessment.LetterSent.v1',
      'needs-assessment.FinalPlanIssued.v1', 'needs-assessment.CaseClosed.v1',
    ]);
    for (const p of published) {
      const validate = ajv.compile(needsAssessmentSchemas[p.type]);
      expect({ type: p.type, valid: validate(p.data), errors: validate.errors }).toMatchObject({ valid: true });
      expect(p.subject).toBe(stream);
      expect(p.id).toBe(stored.find((s) => s.id === p.id)?.id);
    }
    expect(published[3].data).toEqual({
      caseId: stream, reference: 'NA-2026-00001', childId: child, issuedOn: '2026-06-01', receivedOn: '2026-01-05', namedSetting: school,
      withinStatutoryTime: false, excepted: true, caseworkerId: 'cw-2', cohort: { receptionYear: 2023, yearGroupOffset: 0 },
    });
  });
});
