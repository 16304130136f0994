import type { EventEnvelope } from '@ehc/event-store';
import type { Event } from '../domain/events';
import { applyToCaseFile, openDeadlines, type CaseFileView } from '../infrastructure/read-models/case-file.view';
import { caseView } from './case-view';

// Worked example 17: a case refused (or with no plan), then a tribunal order of Mon 2026-11-02. The
// case's deadlines become the order's, and say so; the caseload lists them.
const stream = 'ehcna-6d2f8a10-3c4b-4d6e-8f70-1a2b3c4d5e6f';
const ORDER = { orderId: 'order-1', decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', appealId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', orderedOn: '2026-11-02', concession: false };

const fold = (events: Event[]): CaseFileView => events.reduce<CaseFileView | null>((view, e, revision) => applyToCaseFile(view, {
  id: `e-${revision}`, type: e.type, schemaVersion: 1, data: e.data, stream, revision, globalPosition: revision + 1, recordedAt: '2026-11-02T10:00:00Z',
  metadata: { occurredAt: '2026-11-02', actor: { kind: 'user', id: 'cw-1' }, correlationId: 'c', causationId: null },
} as EventEnvelope), null)!;
const view = (events: Event[], today: string) => caseView(fold(events), null, new Map(), today, 35);

const requested = (receivedOn: string): Event => ({ type: 'NeedsAssessmentRequested', data: {
  reference: 'NA-2026-00031', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn, caseworkerId: 'cw-1', decisionDueBy: '2026-07-13',
} });
const refused: Event[] = [
  requested('2026-06-01'),
  // an exception before the order lifted the Regulations' limits, never the order's
  { type: 'TimeLimitExceptionApplied', data: { exceptionId: 'exception-1', limb: 'exceptional-personal-circumstances', from: '2026-06-10', to: '2026-07-20', limitsLifted: ['decision-not-to-issue', 'final-plan'], evidenceDocumentId: null } },
  { type: 'DecidedNotToAssess', data: { decidedOn: '2026-07-10', withinStatutoryTime: true, reasonsDocumentId: null } },
];
const orderedToAssess: Event[] = [...refused, { type: 'TribunalOrderReceived', data: { ...ORDER, kind: 'assess-or-reassess', steps: [
  { step: 'notify', dueBy: '2026-11-16' }, { step: 'decision-not-to-issue', dueBy: '2027-01-11' }, { step: 'final-plan', dueBy: '2027-02-08' },
] } }];
const noPlan: Event[] = [
  requested('2026-03-02'),
  { type: 'DecidedToAssess', data: { decidedOn: '2026-04-10', withinStatutoryTime: true } },
  { type: 'DecidedNotToIssuePlan', data: { decidedOn: '2026-06-22', withinStatutoryTime: true, reasonsDocumentId: null } },
];
const orderedToMakePlan: Event[] = [...noPlan, { type: 'TribunalOrderReceived', data: { ...ORDER, kind: 'make-and-maintain-plan', steps: [
  { step: 'draft-plan', dueBy: '2026-12-07' }, { step: 'final-plan', dueBy: '2027-01-18' },
] } }];
const fromOrder = { basis: 'tribunal-order', orderId: 'order-1', excepted: false };

describe('a case on a tribunal order\'s dates, as a caseworker sees it', () => {
  it('shows the Regulations\' dates before any order, saying so', () => {
    const c = view(refused, '2026-08-01');
    expect(c.deadlines.decisionToAssess).toMatchObject({ due: '2026-07-13', done: '2026-07-10', outcome: 'refuse', basis: 'statutory' });
    expect(c.deadlines.finalPlan).toMatchObject({ due: '2026-10-19', basis: 'statutory', excepted: true });
    expect(c.tribunalOrders).toEqual([]);
  });

  it('reopens a refused case on the order\'s 2, 10 and 14 weeks, instead of 6, 16 and 20 from the request', () => {
    const c = view(orderedToAssess, '2026-11-10');
    expect(c.status).toBe('awaiting-decision');
    expect(c.deadlines).toMatchObject({
      decisionToAssess: { due: '2026-11-16', done: null, outcome: null, daysLeft: 6, target: '2026-11-16', ...fromOrder },
      decisionNotToIssue: { due: '2027-01-11', done: null, outcome: null, ...fromOrder },
      finalPlan: { due: '2027-02-08', done: null, target: '2027-02-08', ...fromOrder },
      draftPlanResponse: { due: null, basis: 'statutory' },
    });
    expect(c.tribunalOrders).toEqual([expect.objectContaining({ ...ORDER, kind: 'assess-or-reassess', steps: [
      expect.objectContaining({ step: 'notify', due: '2026-11-16', done: null }),
      expect.objectContaining({ step: 'decision-not-to-issue', due: '2027-01-11', done: null }),
      expect.objectContaining({ step: 'final-plan', due: '2027-02-08', done: null }),
    ] })]);
    expect(openDeadlines(fold(orderedToAssess))).toEqual([{ kind: 'decision-to-assess', ref: null, due: '2026-11-16', excepted: false }]);
  });

  it('marks each step done with the fact that did it, on time or late against the order', () => {
    const c = view([...orderedToAssess,
      { type: 'DecidedToAssess', data: { decidedOn: '2026-11-17', withinStatutoryTime: false } },
      { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: '2026-12-14', representationsEndOn: '2026-12-28', planDocumentId: null } },
      { type: 'FinalPlanIssued', data: { issuedOn: '2027-02-01', namedSetting: { urn: null, name: 'Ivy Lane Nursery' }, withinStatutoryTime: true, planDocumentId: null } },
    ], '2027-02-10');
    expect(c.deadlines.decisionToAssess).toMatchObject({ done: '2026-11-17', onTime: false, daysLate: 1, basis: 'tribunal-order' });
    expect(c.deadlines.finalPlan).toMatchObject({ done: '2027-02-01', onTime: true, basis: 'tribunal-order' });
    expect(c.tribunalOrders[0].steps.map((s) => [s.step, s.done, s.onTime])).toEqual([
      // serving the draft was the decision to issue the plan, within the 10 weeks
      ['notify', '2026-11-17', false], ['decision-not-to-issue', '2026-12-14', true], ['final-plan', '2027-02-01', true],
    ]);
  });

  it('takes a case with no plan to drafting, the draft due in 5 weeks and the plan in 11, and lists them as running', () => {
    const c = view(orderedToMakePlan, '2026-11-10');
    expect(c.status).toBe('drafting');
    expect(c.deadlines).toMatchObject({
      draftPlan: { due: '2026-12-07', done: null, target: '2026-12-07', ...fromOrder },
      finalPlan: { due: '2027-01-18', done: null, ...fromOrder },
      // the decision the tribunal overturned stays as it was
      decisionNotToIssue: { due: '2026-06-22', done: '2026-06-22', outcome: 'not-issue', basis: 'statutory' },
    });
    expect(openDeadlines(fold(orderedToMakePlan))).toEqual([
      { kind: 'draft-plan', ref: 'order-1', due: '2026-12-07', excepted: false },
      { kind: 'final-plan', ref: null, due: '2027-01-18', excepted: false },
    ]);
    const drafted = fold([...orderedToMakePlan, { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: '2026-12-08', representationsEndOn: '2026-12-22', planDocumentId: null } }]);
    expect(caseView(drafted, null, new Map(), '2026-12-09', 35).deadlines.draftPlan).toMatchObject({ done: '2026-12-08', onTime: false, daysLate: 1 });
    expect(drafted.status).toBe('draft-issued');
  });
});
