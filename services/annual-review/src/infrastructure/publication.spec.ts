import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type NewEvent } from '@ehc/event-store';
import { cachedHistory, translateAll, type IntegrationEvent } from '@ehc/messaging';
import { AMENDED_PLAN_ISSUED_V1, annualReviewSchemas, TRIBUNAL_ORDER_STEP_COMPLETED_V1 } from '@ehc/contracts/annual-review';
import { annualReviewPublication } from './publication';
import type { Event, Setting } from '../domain/events';

const ajv = addFormats(new Ajv({ allErrors: true }));
const child = randomUUID();
const youngPerson = randomUUID();
const primary: Setting = { urn: '120350', name: 'Bracebridge Primary Academy', type: 'resourced-provision', phase: 'primary' };
const secondary: Setting = { urn: '137001', name: 'Witham Academy', type: 'mainstream', phase: 'secondary' };
const college: Setting = { urn: '130765', name: 'Lincoln College', type: 'further-education', phase: 'post-16' };

// Values of domain fields that no contract declares: ids of free text kept outside the events
// (reports, reasons, proposed changes, representations, forms, notes), and the settings a family
// preferred or that were consulted (a dual registration's two schools are published, for funding). A translator that copies more than
// the contract says would carry them out.
const unpublished = (what: string) => `unpublished-${what}`;
const UNPUBLISHED = [
  'report', 'maintain-reasons', 'amend-reasons', 'proposed-changes', 'representations', 'preferred-setting', 'amended-plan', 'note',
  'provision-form', 'transport-form', 'new-institution', 'post-16-plan', 'not-to-amend-reasons',
  'consulted-setting', 'cease-considered-reasons', 'cease-reasons',
].map(unpublished);
const unnamed = (what: string, type: Setting['type'], phase: Setting['phase']): Setting => ({ urn: null, name: unpublished(what), type, phase });
const DECISION_A = '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a';
const DECISION_B = '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b';
const ceaseDecided: Event[] = [
  { type: 'CeaseConsidered', data: { reason: 'no-longer-necessary', consideredOn: '2026-06-01', settingConsulted: null, reasonsDocumentId: null } },
  { type: 'CeaseDecisionMade', data: { reason: 'no-longer-necessary', decidedOn: '2026-06-29', appealWindowEndsOn: '2026-09-01', reasonsDocumentId: null } },
  { type: 'CeaseAppealRegistered', data: { registeredOn: '2026-08-20', withinAppealWindow: true } },
];

/** A primary-age child's plan reviewed and amended for the move to secondary, and a young person's plan amended, then ceased. */
const plans: Event[][] = [
  [
    { type: 'PlanEntered', data: { source: { kind: 'import', reference: 'LEG-1' }, childId: child, cohort: { receptionYear: 2020, yearGroupOffset: 0 }, planIssuedOn: '2025-05-20', lastReviewedOn: null, namedSetting: primary, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', reviewDueBy: '2026-05-19', suggestedReviews: [] } },
    { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-04-01', meetingOn: '2026-05-01', noticeLatestBy: '2026-04-17', withinStatutoryTime: true, reviewDueBy: '2026-05-19' } },
    { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-05-01', reportDueBy: '2026-05-15', decisionDueBy: '2026-05-29', preparationForAdulthood: false } },
    { type: 'ReviewReportReceived', data: { reviewId: 'review-1', receivedOn: '2026-05-12', withinStatutoryTime: true, reportDocumentId: unpublished('report') } },
    { type: 'ReviewDecisionMade', data: { reviewId: 'review-1', outcome: 'maintain', decidedOn: '2026-06-01', withinStatutoryTime: false, reviewDueBy: '2026-05-19', reviewWithinTwelveMonths: false, nextReviewDueBy: '2027-05-31', suggestedReviews: [], reasonsDocumentId: unpublished('maintain-reasons') } },
    { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-maintain', recipient: 'parent', sentOn: '2026-06-01', appealRights: true } },
    { type: 'ReviewDecisionMade', data: { reviewId: 'review-2', outcome: 'amend', decidedOn: '2026-10-26', withinStatutoryTime: true, reviewDueBy: '2027-05-31', reviewWithinTwelveMonths: true, nextReviewDueBy: '2027-10-25', suggestedReviews: [], reasonsDocumentId: unpublished('amend-reasons') } },
    { type: 'LetterSent', data: { letterId: 'letter-2', kind: 'decision-to-amend', recipient: 'parent', sentOn: '2026-10-26', appealRights: false } },
    { type: 'AmendmentNoticeIssued', data: { amendmentId: 'amendment-1', reviewId: 'review-2', servedOn: '2026-10-26', representationsEndOn: '2026-11-09', amendedPlanDueBy: '2026-12-21', proposedChangesDocumentId: unpublished('proposed-changes') } },
    { type: 'AmendmentRepresentationsReceived', data: { amendmentId: 'amendment-1', receivedOn: '2026-11-05', withinRepresentationsWindow: true, meetingRequested: true, final: false, preferredSetting: unnamed('preferred-setting', 'mainstream', 'secondary'), representationsDocumentId: unpublished('representations') } },
    { type: 'AmendmentMeetingHeld', data: { amendmentId: 'amendment-1', heldOn: '2026-11-20' } },
    { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn: '2026-12-14', withinStatutoryTime: true, namedSetting: secondary, phaseTransfer: { kind: 'primary-to-secondary', transferYear: 2027, deadline: '2027-02-14', met: true }, planDocumentId: unpublished('amended-plan'), post16Transfer: null } },
    { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'amended-plan', recipient: 'parent', sentOn: '2026-12-14', appealRights: true } },
    { type: 'CaseworkerReassigned', data: { caseworkerId: 'cw-2', from: 'cw-1', reassignedOn: '2027-01-04' } },
    { type: 'CaseNoteAdded', data: { noteId: unpublished('note'), notedOn: '2027-01-05' } },
    { type: 'DualRegistrationAgreed', data: { dualRegistrationId: 'dual-registration-1', special: { urn: '120999', name: 'The Priory School', type: 'special', phase: 'secondary' }, mainstream: { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'secondary' }, agreedOn: '2027-09-01', startOn: '2027-09-06', split: { specialSessions: 6, mainstreamSessions: 4 }, nextReviewFrom: '2027-11-01', nextReviewDueBy: '2027-12-17' } },
    { type: 'ProvisionFormSubmitted', data: { dualRegistrationId: 'dual-registration-1', submittedOn: '2027-09-02', formDocumentId: unpublished('provision-form') } },
    { type: 'TransportFormSubmitted', data: { dualRegistrationId: 'dual-registration-1', submittedOn: '2027-09-02', formDocumentId: unpublished('transport-form') } },
    { type: 'TransitionReviewHeld', data: { dualRegistrationId: 'dual-registration-1', transitionReviewId: 'transition-1', heldOn: '2027-11-15', withinCadence: true, nextReviewFrom: '2028-01-10', nextReviewDueBy: '2028-02-25' } },
    { type: 'DualRegistrationEnded', data: { dualRegistrationId: 'dual-registration-1', reviewId: 'review-3', endedOn: '2028-03-01', outcome: 'success' } },
  ],
  [
    { type: 'PlanEntered', data: { source: { kind: 'needs-assessment', caseId: `ehcna-${randomUUID()}`, reference: 'NA-2024-00012' }, childId: youngPerson, cohort: { receptionYear: 2013, yearGroupOffset: 0 }, planIssuedOn: '2024-09-02', lastReviewedOn: '2025-09-01', namedSetting: college, caseworkerId: null, reviewAnchor: 'meeting', reviewDueBy: '2026-08-31', suggestedReviews: [] } },
    { type: 'Post16TransferProposed', data: { transferOn: '2027-01-04', newInstitution: unnamed('new-institution', 'further-education', 'post-16'), recordedOn: '2026-06-15', amendBy: '2026-08-04' } },
    { type: 'AmendmentNoticeIssued', data: { amendmentId: 'amendment-1', reviewId: 'review-1', servedOn: '2026-06-15', representationsEndOn: '2026-06-29', amendedPlanDueBy: '2026-08-10', proposedChangesDocumentId: null } },
    { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn: '2026-07-20', withinStatutoryTime: true, namedSetting: college, phaseTransfer: null, planDocumentId: unpublished('post-16-plan'), post16Transfer: { transferOn: '2027-01-04', deadline: '2026-08-04', met: true } } },
    { type: 'AmendmentNoticeIssued', data: { amendmentId: 'amendment-2', reviewId: 'review-2', servedOn: '2026-09-07', representationsEndOn: '2026-09-21', amendedPlanDueBy: '2026-11-02', proposedChangesDocumentId: null } },
    { type: 'DecidedNotToAmend', data: { amendmentId: 'amendment-2', decidedOn: '2026-10-05', withinStatutoryTime: true, reasonsDocumentId: unpublished('not-to-amend-reasons') } },
    { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-not-to-amend', recipient: 'young-person', sentOn: '2026-10-05', appealRights: true } },
    { type: 'CeaseConsidered', data: { reason: 'paid-employment', consideredOn: '2026-10-12', settingConsulted: unnamed('consulted-setting', 'further-education', 'post-16'), reasonsDocumentId: unpublished('cease-considered-reasons') } },
    { type: 'CeaseDecisionMade', data: { reason: 'paid-employment', decidedOn: '2026-10-26', appealWindowEndsOn: '2027-01-04', reasonsDocumentId: unpublished('cease-reasons') } },
    { type: 'LetterSent', data: { letterId: 'letter-2', kind: 'cease-decision', recipient: 'young-person', sentOn: '2026-10-26', appealRights: true } },
    { type: 'CeaseMediationCertificateIssued', data: { issuedOn: '2026-12-01', appealWindowEndsOn: '2027-01-04' } },
    { type: 'CeaseAppealRegistered', data: { registeredOn: '2026-12-15', withinAppealWindow: true } },
    { type: 'CeaseAppealConcluded', data: { concludedOn: '2027-04-12', outcome: 'dismissed' } },
    { type: 'PlanCeased', data: { ceasedOn: '2027-04-13', reason: 'paid-employment', appeal: 'dismissed' } },
  ],
  // worked example 17, orders of Mon 2026-11-02: B/F (by 12-07), then section I on another decision (by 11-16), joined; a review's own amendment after
  [
    entered(randomUUID()),
    ordered(DECISION_A, 'amend-special-educational-provision', [{ step: 'amended-plan', dueBy: '2026-12-07' }], 'amendment-1'),
    ordered(DECISION_B, 'amend-section-i-only', [{ step: 'amended-plan', dueBy: '2026-11-16' }], 'amendment-1'),
    { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn: '2026-11-13', withinStatutoryTime: true, namedSetting: secondary, phaseTransfer: null, planDocumentId: null, post16Transfer: null } },
    { type: 'AmendmentNoticeIssued', data: { amendmentId: 'amendment-2', reviewId: 'review-1', servedOn: '2027-03-01', representationsEndOn: '2027-03-15', amendedPlanDueBy: '2027-04-26', proposedChangesDocumentId: null } },
    { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-2', issuedOn: '2027-04-01', withinStatutoryTime: true, namedSetting: secondary, phaseTransfer: null, planDocumentId: null, post16Transfer: null } },
  ],
  // a cease decision overturned with an amendment ordered too
  [
    entered(randomUUID()),
    ...ceaseDecided,
    ordered(DECISION_A, 'cease-decision-overturned', [{ step: 'continue-maintaining', dueBy: '2026-11-02' }, { step: 'amended-plan', dueBy: '2026-12-07' }], 'amendment-1'),
    { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-11-02', outcome: 'allowed' } },
    { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn: '2026-12-08', withinStatutoryTime: false, namedSetting: secondary, phaseTransfer: null, planDocumentId: null, post16Transfer: null } },
  ],
  // the appeal against ceasing dismissed by the order
  [
    entered(randomUUID()),
    ...ceaseDecided,
    ordered(DECISION_A, 'cease-appeal-dismissed', [{ step: 'plan-ceased', dueBy: '2026-11-02' }], null),
    { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-11-02', outcome: 'dismissed' } },
    { type: 'PlanCeased', data: { ceasedOn: '2026-11-02', reason: 'no-longer-necessary', appeal: 'dismissed' } },
  ],
  // the dismissal recorded here first (10-30), the order after
  [
    entered(randomUUID()),
    ...ceaseDecided,
    { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-10-30', outcome: 'dismissed' } },
    { type: 'PlanCeased', data: { ceasedOn: '2026-10-30', reason: 'no-longer-necessary', appeal: 'dismissed' } },
    ordered(DECISION_A, 'cease-appeal-dismissed', [{ step: 'plan-ceased', dueBy: '2026-11-02' }], null),
  ],
];

function entered(childId: string): Event {
  return { type: 'PlanEntered', data: {
    source: { kind: 'import', reference: 'LEG-17' }, childId, cohort: null, planIssuedOn: '2025-05-20', lastReviewedOn: null, namedSetting: primary,
    caseworkerId: 'cw-1', reviewAnchor: 'review-decision', reviewDueBy: '2026-05-19', suggestedReviews: [],
  } };
}
function ordered(decisionId: string, kind: Extract<Event, { type: 'TribunalOrderReceived' }>['data']['kind'], steps: Extract<Event, { type: 'TribunalOrderReceived' }>['data']['steps'], amendmentId: string | null): Event {
  return { type: 'TribunalOrderReceived', data: {
    orderId: 'order-1', decisionId, appealId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', kind, orderedOn: '2026-11-02', concession: false,
    amendmentOrdered: kind === 'cease-decision-overturned' && amendmentId !== null, steps, amendmentId,
  } };
}

const asStored = (e: Event): NewEvent => ({
  id: randomUUID(), type: e.type, schemaVersion: e.type === 'AmendedPlanIssued' ? 2 : 1, data: e.data,
  metadata: { occurredAt: '2026-06-01', actor: { kind: 'user', id: 'cw-1' }, correlationId: randomUUID(), causationId: null },
});

/** As the relay does: the store's global log, through the service's translation, as sent to the topic. */
async function publishAll() {
  const store = new InMemoryEventStore();
  const streams: string[] = [];
  for (const events of plans) {
    const stream = `annualReview-${randomUUID()}`;
    streams.push(stream);
    await store.appendToStream(stream, events.map(asStored), 'no-stream');
  }
  const { events: stored } = await store.readAll({ filter: annualReviewPublication.filter });
  const translated = await translateAll([annualReviewPublication], stored, cachedHistory(store));
  const published = JSON.parse(JSON.stringify(translated)) as IntegrationEvent<Record<string, unknown>>[];
  return { stored, streams, published };
}

const undeclared = (errors: ErrorObject[] | null | undefined) => (errors ?? [])
  .filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`);

describe('annual-review published events', () => {
  it('publishes the appealable decisions, the plan changes and the letters of each plan', async () => {
    const { streams, published } = await publishAll();
    const ofPlan = (i: number) => published.filter((p) => p.subject === streams[i]);

    expect(ofPlan(0).map((p) => p.type)).toEqual([
      'annual-review.ReviewDecisionMade.v1', 'annual-review.LetterSent.v1', 'annual-review.ReviewDecisionMade.v1', 'annual-review.LetterSent.v1',
      'annual-review.AmendedPlanIssued.v1', 'annual-review.LetterSent.v1',
      'annual-review.DualRegistrationAgreed.v1', 'annual-review.ProvisionFormSubmitted.v1', 'annual-review.DualRegistrationEnded.v1',
    ]);
    expect(ofPlan(1).map((p) => p.type)).toEqual([
      'annual-review.AmendedPlanIssued.v1', 'annual-review.DecidedNotToAmend.v1', 'annual-review.LetterSent.v1', 'annual-review.CeaseDecisionMade.v1',
      'annual-review.LetterSent.v1', 'annual-review.PlanCeased.v1',
    ]);
    for (const p of ofPlan(0)) expect(p.data).toMatchObject({ planId: streams[0], childId: child });
    for (const p of ofPlan(1)) expect(p.data).toMatchObject({ planId: streams[1], childId: youngPerson });
    expect(ofPlan(0).map((p) => p.data.appealable)).toEqual([true, undefined, false, undefined, true, undefined]);
    expect(ofPlan(0).find((p) => p.type === AMENDED_PLAN_ISSUED_V1)?.data).toEqual({
      planId: streams[0], childId: child, issuedOn: '2026-12-14', namedSetting: secondary, withinStatutoryTime: true,
      phaseTransfer: { kind: 'primary-to-secondary', transferYear: 2027, deadline: '2027-02-14', met: true }, post16Transfer: null, appealable: true,
    });
  });

  it('publishes each step of a tribunal order done on the plan, with its date, once for each order it completes', async () => {
    const { streams, published } = await publishAll();
    const steps = (i: number) => published.filter((p) => p.subject === streams[i] && p.type === TRIBUNAL_ORDER_STEP_COMPLETED_V1)
      .map((p) => [p.data.decisionId, p.data.orderId, p.data.step, p.data.completedOn]);

    // one amended plan completes both orders it was joined for; the review's later amendment completes none
    expect(steps(2)).toEqual([[DECISION_A, 'order-1', 'amended-plan', '2026-11-13'], [DECISION_B, 'order-1', 'amended-plan', '2026-11-13']]);
    // overturned: maintained from the order's date, then the amendment it also ordered
    expect(steps(3)).toEqual([[DECISION_A, 'order-1', 'continue-maintaining', '2026-11-02'], [DECISION_A, 'order-1', 'amended-plan', '2026-12-08']]);
    expect(steps(4)).toEqual([[DECISION_A, 'order-1', 'plan-ceased', '2026-11-02']]);
    // ceased by the dismissal recorded here before the order came: ceased on that day
    expect(steps(5)).toEqual([[DECISION_A, 'order-1', 'plan-ceased', '2026-10-30']]);
    // no plan without an order publishes a step, though plan 1 ceased after its appeal was dismissed
    expect([...steps(0), ...steps(1)]).toEqual([]);
    for (const p of published.filter((e) => e.type === TRIBUNAL_ORDER_STEP_COMPLETED_V1)) expect(p.data).toMatchObject({ planId: p.subject, childId: expect.any(String) });
    const ids = published.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps publishing the plan\'s own facts under an order as before', async () => {
    const { streams, published } = await publishAll();
    expect(published.filter((p) => p.subject === streams[4]).map((p) => p.type)).toEqual([
      'annual-review.CeaseDecisionMade.v1', 'annual-review.PlanCeased.v1', 'annual-review.TribunalOrderStepCompleted.v1',
    ]);
    expect(published.find((p) => p.subject === streams[4] && p.type === 'annual-review.PlanCeased.v1')?.data).toMatchObject({ ceasedOn: '2026-11-02', appeal: 'dismissed' });
  });

  it('publishes every contract type, each valid against its closed schema, with no property the schema does not declare', async () => {
    const { stored, published } = await publishAll();

    expect([...new Set(published.map((p) => p.type))].sort()).toEqual(Object.keys(annualReviewSchemas).sort());
    for (const p of published) {
      const validate = ajv.compile(annualReviewSchemas[p.type]);
      const valid = validate(p.data);
      expect({ type: p.type, undeclared: undeclared(validate.errors), errors: validate.errors ?? [] }).toEqual({ type: p.type, undeclared: [], errors: [] });
      expect(valid).toBe(true);
      // a second event from one domain event (a completed order step) has its own id, caused by the stored event
      expect(stored.map((s) => s.id)).toContain(p.type === TRIBUNAL_ORDER_STEP_COMPLETED_V1 ? p.causationId : p.id);
    }
  });

  it('carries nothing the contracts do not declare: no document id, note, or setting but the one the plan names', async () => {
    const { stored, published } = await publishAll();

    // the domain events do hold every one of them, so their absence below means something
    for (const value of UNPUBLISHED) expect(JSON.stringify(stored)).toContain(value);
    expect(JSON.stringify(published).match(/unpublished-[a-z0-9-]+/g) ?? []).toEqual([]);
  });
});
