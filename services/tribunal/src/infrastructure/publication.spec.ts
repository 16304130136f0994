import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type NewEvent } from '@ehc/event-store';
import { cachedHistory, translateAll, type IntegrationEvent } from '@ehc/messaging';
import { TRIBUNAL_ORDER_MADE_V1, tribunalSchemas } from '@ehc/contracts/tribunal';
import { decide, evolve, initialState, disagreementStream, type Command, type Event } from '../domain/tribunal';
import { tribunalPublication } from './publication';

const ajv = addFormats(new Ajv({ allErrors: true }));
const TODAY = '2027-06-30';
const decisionId = randomUUID();
const childId = randomUUID();
const M = randomUUID();
const A = randomUUID();

/** Runs commands through the decider, as the service does, and keeps the events. */
function eventsOf(commands: Omit<Command, 'data'> & { data: Record<string, unknown> }[]): Event[] {
  const events: Event[] = [];
  let state = initialState();
  for (const c of commands as unknown as Command[]) {
    const result = decide({ ...c, data: { ...c.data, today: TODAY } } as Command, state);
    if (!result.ok) throw new Error(`${c.type} refused: ${result.error}`);
    for (const e of result.value) { events.push(e); state = evolve(state, e); }
  }
  return events;
}

// a refusal to assess: mediation with an agreement (its terms kept outside the events), an appeal
// with health and social care recommendations, allowed with an order, and compliance
const history = eventsOf([
  { type: 'OpenAppealWindow', data: { decisionId, source: { service: 'needs-assessment', id: randomUUID() }, childId, decisionType: 'final-plan', letterOn: '2026-06-10', letterId: 'letter-5', recipient: 'parent', openedBy: 'published-decision', certificateOn: null } },
  { type: 'RequestMediation', data: { mediationId: M, requestedOn: '2026-07-01', wantsMediation: true, healthInvolved: true, issuesDocumentId: 'unpublished-issues' } },
  { type: 'ArrangeMediation', data: { mediationId: M, on: '2026-07-02', takesPlaceOn: '2026-07-20' } },
  { type: 'HoldMediation', data: { mediationId: M, on: '2026-07-20' } },
  { type: 'RecordMediationAgreement', data: { mediationId: M, on: '2026-07-20', actionsDueBy: ['2026-08-14'], termsDocumentId: 'unpublished-terms' } },
  { type: 'IssueMediationCertificate', data: { mediationId: M, on: '2026-07-23' } },
  { type: 'RegisterAppeal', data: { appealId: A, registeredOn: '2026-08-20', type: 'contents', grounds: [{ section: 'F' }, { section: 'C' }], lateAppealAdmitted: false, sentToLaOn: null, responseWorkingDays: 30 } },
  { type: 'RecordAppealOutcome', data: { appealId: A, on: '2026-11-02', outcome: 'allowed', grounds: [{ section: 'F', outcome: 'upheld' }, { section: 'C', outcome: 'recommendation-made' }], orders: [{ kind: 'amend-special-educational-provision', amendmentOrdered: false }], costs: { awarded: false } } },
  { type: 'RespondToRecommendations', data: { appealId: A, on: '2026-12-01' } },
  { type: 'RecordCompliance', data: { orderId: 'order-1', step: 'amended-plan', on: '2026-12-04', by: 'annual-review' } },
] as never);

async function publishAll() {
  const store = new InMemoryEventStore();
  const stream = disagreementStream(decisionId);
  await store.appendToStream(stream, history.map((e): NewEvent => ({
    id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: { occurredAt: '2026-06-10', actor: { kind: 'user', id: 'to-1' }, correlationId: randomUUID(), causationId: null },
  })), 'no-stream');
  const { events: stored } = await store.readAll({ filter: tribunalPublication.filter });
  const published = JSON.parse(JSON.stringify(await translateAll([tribunalPublication], stored, cachedHistory(store)))) as IntegrationEvent<Record<string, unknown>>[];
  return { stored, published };
}

describe('tribunal published events', () => {
  it('publishes the window, the mediation, the appeal, its order for the service that must comply, the compliance and the letters', async () => {
    const { published } = await publishAll();
    expect(published.map((p) => p.type)).toEqual([
      'tribunal.AppealWindowOpened.v1', 'tribunal.MediationRequested.v1', 'tribunal.LetterSent.v1', 'tribunal.MediationCertificateIssued.v1',
      'tribunal.AppealRegistered.v1', 'tribunal.AppealConcluded.v1', 'tribunal.TribunalOrderMade.v1', 'tribunal.LetterSent.v1', 'tribunal.OrderCompliedWith.v1', 'tribunal.LetterSent.v1',
    ]);
    expect(published.find((p) => p.type === TRIBUNAL_ORDER_MADE_V1)?.data).toMatchObject({
      decisionId, childId, appealId: A, orderId: 'order-1', kind: 'amend-special-educational-provision', orderedOn: '2026-11-02', concession: false,
      steps: [{ step: 'amended-plan', dueBy: '2026-12-07' }],
    });
    expect(published.find((p) => p.type === 'tribunal.MediationCertificateIssued.v1')?.data).toMatchObject({ mediationHeld: true, mediationHeldWithin30Days: true, after: 'mediation-ended' });
    expect(new Set(published.map((p) => p.id)).size).toBe(published.length);
  });

  it('every contract type, valid against its closed schema, and nothing the contracts do not declare', async () => {
    const { stored, published } = await publishAll();
    expect([...new Set(published.map((p) => p.type))].sort()).toEqual(Object.keys(tribunalSchemas).sort());
    for (const p of published) {
      const validate = ajv.compile(tribunalSchemas[p.type]);
      expect({ type: p.type, valid: validate(p.data), errors: validate.errors ?? [] }).toEqual({ type: p.type, valid: true, errors: [] });
    }
    expect(JSON.stringify(stored)).toContain('unpublished-terms');
    expect(JSON.stringify(published).match(/unpublished-[a-z-]+/g) ?? []).toEqual([]);
  });
});
