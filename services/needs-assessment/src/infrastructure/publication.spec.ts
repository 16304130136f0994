import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type NewEvent } from '@ehc/event-store';
import { cachedHistory, translateAll, type IntegrationEvent } from '@ehc/messaging';
import { FINAL_PLAN_ISSUED_V1, needsAssessmentSchemas, TRIBUNAL_ORDER_STEP_COMPLETED_V1 } from '@ehc/contracts/needs-assessment';
import { needsAssessmentPublication } from './publication';
import type { Event } from '../domain/events';

const ajv = addFormats(new Ajv({ allErrors: true }));
const child = randomUUID();
const school = { urn: '120345', name: 'Lincoln Castle Academy' };

// Values of domain fields that no contract declares: ids of free text kept outside the events
// (reasons, representations, plans, evidence, notes), an adviser, the settings a family preferred
// or that were consulted. A translator that copies more than the contract says would carry them out.
const unpublished = (what: string) => `unpublished-${what}`;
const UNPUBLISHED = [
  'refusal-reasons', 'no-plan-reasons', 'withdrawal-reason', 'adviser', 'evidence', 'draft-plan', 'representations', 'preferred-setting',
  'consulted-setting', 'final-plan', 'note', 'profile',
].map(unpublished);

const ORDER = {
  orderId: 'order-1', decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', appealId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', orderedOn: '2026-11-02', concession: false,
};

const requested = (reference: string): Event => ({
  type: 'NeedsAssessmentRequested',
  data: { reference, childId: child, cohort: { receptionYear: 2023, yearGroupOffset: 0 }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworkerId: 'cw-1', decisionDueBy: '2026-02-16' },
});

/** One case through to a final plan, and one for each other way a case ends: every published type. */
const cases: Event[][] = [
  [
    requested('NA-2026-00001'),
    { type: 'DecidedToAssess', data: { decidedOn: '2026-02-16', withinStatutoryTime: true } },
    { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-assess', recipient: 'parent', sentOn: '2026-02-16', appealRights: false } },
    { type: 'AdviceRequested', data: { adviceId: 'advice-1', adviceType: 'psychological', adviser: unpublished('adviser'), requestedOn: '2026-02-17', dueBy: '2026-03-17' } },
    { type: 'AdviceReceived', data: { adviceId: 'advice-1', receivedOn: '2026-03-10', withinStatutoryTime: true } },
    { type: 'CaseworkerReassigned', data: { caseworkerId: 'cw-2', from: 'cw-1', reassignedOn: '2026-02-20' } },
    { type: 'TimeLimitExceptionApplied', data: { exceptionId: 'exception-1', limb: 'absence-from-area', from: '2026-03-01', to: null, limitsLifted: ['decision-to-assess', 'decision-not-to-issue', 'final-plan'], evidenceDocumentId: unpublished('evidence') } },
    { type: 'CaseNoteAdded', data: { noteId: unpublished('note'), notedOn: '2026-03-02' } },
    { type: 'NeedsProfileRecorded', data: { profileId: unpublished('profile'), ratedOn: '2026-03-03', context: 'request', needs: [3, 2, 1, 4, 2], settingReadiness: [2, 2, 2, 2, 2], familyConfidence: [3, 3, 3, 3, 3] } },
    { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: '2026-04-17', representationsEndOn: '2026-05-01', planDocumentId: unpublished('draft-plan') } },
    { type: 'ParentResponseReceived', data: { receivedOn: '2026-04-24', meetingRequested: true, final: false, preferredSetting: { urn: null, name: unpublished('preferred-setting') }, withinRepresentationsWindow: true, representationsDocumentId: unpublished('representations') } },
    { type: 'DraftPlanMeetingHeld', data: { draftNumber: 1, heldOn: '2026-04-28' } },
    { type: 'SettingConsulted', data: { consultationId: 'consultation-1', setting: { urn: '999999', name: unpublished('consulted-setting') }, sentOn: '2026-04-17', responseDueBy: '2026-05-01' } },
    { type: 'SettingConsultationResponded', data: { consultationId: 'consultation-1', respondedOn: '2026-04-30', canMeetNeeds: false, withinTime: true } },
    { type: 'FinalPlanIssued', data: { issuedOn: '2026-06-01', namedSetting: school, withinStatutoryTime: false, planDocumentId: unpublished('final-plan') } },
    { type: 'LetterSent', data: { letterId: 'letter-2', kind: 'final-plan', recipient: 'parent', sentOn: '2026-06-01', appealRights: true } },
    { type: 'CaseClosed', data: { closedOn: '2026-06-02', reason: 'other' } },
  ],
  [
    requested('NA-2026-00002'),
    { type: 'DecidedNotToAssess', data: { decidedOn: '2026-02-17', withinStatutoryTime: false, reasonsDocumentId: unpublished('refusal-reasons') } },
    { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'refusal-to-assess', recipient: 'parent', sentOn: '2026-02-17', appealRights: true } },
  ],
  [
    requested('NA-2026-00003'),
    { type: 'DecidedToAssess', data: { decidedOn: '2026-02-16', withinStatutoryTime: true } },
    { type: 'DecidedNotToIssuePlan', data: { decidedOn: '2026-04-27', withinStatutoryTime: true, reasonsDocumentId: unpublished('no-plan-reasons') } },
  ],
  [
    requested('NA-2026-00004'),
    { type: 'RequestWithdrawn', data: { withdrawnOn: '2026-01-20', reasonDocumentId: unpublished('withdrawal-reason') } },
  ],
  // worked example 17: refused, then ordered on Mon 2026-11-02 to assess (notify 11-16, no plan 2027-01-11, final 2027-02-08)
  [
    requested('NA-2026-00005'),
    { type: 'TimeLimitExceptionApplied', data: { exceptionId: 'exception-1', limb: 'exceptional-personal-circumstances', from: '2026-01-20', to: '2026-03-01', limitsLifted: ['decision-to-assess', 'decision-not-to-issue', 'final-plan'], evidenceDocumentId: null } },
    { type: 'DecidedNotToAssess', data: { decidedOn: '2026-02-10', withinStatutoryTime: true, reasonsDocumentId: null } },
    { type: 'TribunalOrderReceived', data: { ...ORDER, kind: 'assess-or-reassess', steps: [
      { step: 'notify', dueBy: '2026-11-16' }, { step: 'decision-not-to-issue', dueBy: '2027-01-11' }, { step: 'final-plan', dueBy: '2027-02-08' },
    ] } },
    { type: 'DecidedToAssess', data: { decidedOn: '2026-11-12', withinStatutoryTime: true } },
    { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: '2026-12-14', representationsEndOn: '2026-12-28', planDocumentId: null } },
    { type: 'FinalPlanIssued', data: { issuedOn: '2027-02-01', namedSetting: school, withinStatutoryTime: true, planDocumentId: null } },
  ],
  // no plan, then ordered on Mon 2026-11-02 to make and maintain one (draft 12-07, final 2027-01-18); a second draft after the first
  [
    requested('NA-2026-00006'),
    { type: 'DecidedToAssess', data: { decidedOn: '2026-02-16', withinStatutoryTime: true } },
    { type: 'DecidedNotToIssuePlan', data: { decidedOn: '2026-04-27', withinStatutoryTime: true, reasonsDocumentId: null } },
    { type: 'TribunalOrderReceived', data: { ...ORDER, orderId: 'order-2', kind: 'make-and-maintain-plan', steps: [
      { step: 'draft-plan', dueBy: '2026-12-07' }, { step: 'final-plan', dueBy: '2027-01-18' },
    ] } },
    { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: '2026-12-04', representationsEndOn: '2026-12-18', planDocumentId: null } },
    { type: 'DraftPlanIssued', data: { draftNumber: 2, servedOn: '2026-12-21', representationsEndOn: '2027-01-04', planDocumentId: null } },
    { type: 'FinalPlanIssued', data: { issuedOn: '2027-01-20', namedSetting: school, withinStatutoryTime: false, planDocumentId: null } },
  ],
];

const asStored = (type: string, data: unknown): NewEvent => ({
  id: randomUUID(), type, schemaVersion: 1, data, metadata: { occurredAt: '2026-01-05', actor: { kind: 'user', id: 'cw-1' }, correlationId: randomUUID(), causationId: null },
});

/** As the relay does: the store's global log, through the service's translation, as sent to the topic. */
async function publishAll() {
  const store = new InMemoryEventStore();
  const streams: string[] = [];
  for (const events of cases) {
    const stream = `ehcna-${randomUUID()}`;
    streams.push(stream);
    await store.appendToStream(stream, events.map((e) => asStored(e.type, e.data)), 'no-stream');
  }
  await store.appendToStream(`personErasure-${child}`, [asStored('PersonalDetailsErased', { personId: child })], 'no-stream');
  const { events: stored } = await store.readAll({ filter: needsAssessmentPublication.filter });
  const translated = await translateAll([needsAssessmentPublication], stored, cachedHistory(store));
  const published = JSON.parse(JSON.stringify(translated)) as IntegrationEvent<Record<string, unknown>>[];
  return { store, stored, streams, published };
}

const undeclared = (errors: ErrorObject[] | null | undefined) => (errors ?? [])
  .filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`);

describe('needs-assessment published events', () => {
  it('translates each public fact of a case into its contract', async () => {
    const { streams, published } = await publishAll();
    const ofCase = published.filter((p) => p.subject === streams[0]);

    expect(ofCase.map((p) => p.type)).toEqual([
      'needs-assessment.NeedsAssessmentRequested.v1', 'needs-assessment.DecidedToAssess.v1', 'needs-assessment.LetterSent.v1',
      'needs-assessment.FinalPlanIssued.v1', 'needs-assessment.LetterSent.v1', 'needs-assessment.CaseClosed.v1',
    ]);
    expect(ofCase.find((p) => p.type === FINAL_PLAN_ISSUED_V1)?.data).toEqual({
      caseId: streams[0], reference: 'NA-2026-00001', childId: child, issuedOn: '2026-06-01', receivedOn: '2026-01-05', namedSetting: school,
      withinStatutoryTime: false, excepted: true, caseworkerId: 'cw-2', cohort: { receptionYear: 2023, yearGroupOffset: 0 },
    });
  });

  it('publishes the step of a tribunal order each later fact completes, with its date, once: notify, final plan; the draft, not a second draft', async () => {
    const { streams, published } = await publishAll();
    const steps = (stream: string) => published.filter((p) => p.subject === stream && p.type === TRIBUNAL_ORDER_STEP_COMPLETED_V1).map((p) => p.data);
    const order = { childId: child, decisionId: ORDER.decisionId };

    expect(steps(streams[4])).toEqual([
      { caseId: streams[4], ...order, orderId: 'order-1', step: 'notify', completedOn: '2026-11-12' },
      // an order to assess has no draft step: the draft completes nothing
      { caseId: streams[4], ...order, orderId: 'order-1', step: 'final-plan', completedOn: '2027-02-01' },
    ]);
    expect(steps(streams[5])).toEqual([
      { caseId: streams[5], ...order, orderId: 'order-2', step: 'draft-plan', completedOn: '2026-12-04' },
      { caseId: streams[5], ...order, orderId: 'order-2', step: 'final-plan', completedOn: '2027-01-20' },
    ]);
    // the decisions before the order complete nothing; no case without an order publishes a step
    for (const stream of streams.slice(0, 4)) expect(steps(stream)).toEqual([]);
    // each has its own id beside the event it came from (its causation), the same on every replay, so consumers dedupe it
    const ids = published.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives a completed step the same id every time the relay translates it again', async () => {
    const { store, published } = await publishAll();
    const { events: stored } = await store.readAll({ filter: needsAssessmentPublication.filter });
    const again = await translateAll([needsAssessmentPublication], stored, cachedHistory(store));
    const stepIds = (events: IntegrationEvent[]) => events.filter((p) => p.type === TRIBUNAL_ORDER_STEP_COMPLETED_V1).map((p) => [p.id, p.causationId]);
    expect(stepIds(again)).toHaveLength(4);
    expect(stepIds(again)).toEqual(stepIds(published));
  });

  it('keeps publishing the decisions and the plan under an order as before', async () => {
    const { streams, published } = await publishAll();
    expect(published.filter((p) => p.subject === streams[4]).map((p) => p.type)).toEqual([
      'needs-assessment.NeedsAssessmentRequested.v1', 'needs-assessment.DecidedNotToAssess.v1', 'needs-assessment.DecidedToAssess.v1',
      'needs-assessment.TribunalOrderStepCompleted.v1', 'needs-assessment.FinalPlanIssued.v1', 'needs-assessment.TribunalOrderStepCompleted.v1',
    ]);
    // the final plan's exception flag reads only exceptions under the dates in force: the one before the order lifted the 20 weeks, not the order's 14
    expect(published.find((p) => p.subject === streams[4] && p.type === FINAL_PLAN_ISSUED_V1)?.data).toMatchObject({ excepted: false, withinStatutoryTime: true });
  });

  it('publishes every contract type, each valid against its closed schema, with no property the schema does not declare', async () => {
    const { stored, published } = await publishAll();

    expect([...new Set(published.map((p) => p.type))].sort()).toEqual(Object.keys(needsAssessmentSchemas).sort());
    for (const p of published) {
      const validate = ajv.compile(needsAssessmentSchemas[p.type]);
      const valid = validate(p.data);
      expect({ type: p.type, undeclared: undeclared(validate.errors), errors: validate.errors ?? [] }).toEqual({ type: p.type, undeclared: [], errors: [] });
      expect(valid).toBe(true);
      // a second event from one domain event (a completed order step) has its own id, caused by the stored event
      expect(stored.map((s) => s.id)).toContain(p.type === TRIBUNAL_ORDER_STEP_COMPLETED_V1 ? p.causationId : p.id);
    }
  });

  it('carries nothing the contracts do not declare: no document id, adviser, other setting, note or profile', async () => {
    const { stored, published } = await publishAll();

    // the domain events do hold every one of them, so their absence below means something
    for (const value of UNPUBLISHED) expect(JSON.stringify(stored)).toContain(value);
    expect(JSON.stringify(published).match(/unpublished-[a-z-]+/g) ?? []).toEqual([]);
  });
});
