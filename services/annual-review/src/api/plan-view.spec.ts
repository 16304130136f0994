import type { EventEnvelope } from '@ehc/event-store';
import type { Event, Setting } from '../domain/events';
import { applyToPlanFile, runningDeadlines, type PlanFileView } from '../infrastructure/read-models/plan-file.view';
import { planView } from './plan-view';

// Worked example 17: orders of Mon 2026-11-02 on a maintained plan. The amended plan is due by the
// order's date (section I only: 11-16; with B/F: 12-07), and the plan's deadlines say so.
const stream = 'annualReview-6d2f8a10-3c4b-4d6e-8f70-1a2b3c4d5e6f';
const school: Setting = { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'primary' };

const fold = (events: Event[]): PlanFileView => events.reduce<PlanFileView | null>((view, e, revision) => applyToPlanFile(view, {
  id: `e-${revision}`, type: e.type, schemaVersion: 1, data: e.data, stream, revision, globalPosition: revision + 1, recordedAt: '2026-11-02T10:00:00Z',
  metadata: { occurredAt: '2026-11-02', actor: { kind: 'user', id: 'cw-1' }, correlationId: 'c', causationId: null },
} as EventEnvelope), null)!;
const view = (events: Event[], today: string) => planView(fold(events), null, null, new Map(), today);

const plan: Event[] = [{ type: 'PlanEntered', data: {
  source: { kind: 'import', reference: 'LEG-0017' }, childId: 'c-1', cohort: null, planIssuedOn: '2025-05-20', lastReviewedOn: '2026-06-01',
  namedSetting: school, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', reviewDueBy: '2027-05-31', suggestedReviews: [],
} }];
type Received = Extract<Event, { type: 'TribunalOrderReceived' }>['data'];
const received = (kind: Received['kind'], steps: Received['steps'], amendmentId: string | null): Event => ({ type: 'TribunalOrderReceived', data: {
  orderId: 'order-1', decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', appealId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', kind, orderedOn: '2026-11-02',
  concession: false, amendmentOrdered: kind === 'cease-decision-overturned' && amendmentId !== null, steps, amendmentId,
} });
const sectionI = received('amend-section-i-only', [{ step: 'amended-plan', dueBy: '2026-11-16' }], 'amendment-1');
const issued = (on: string): Event => ({ type: 'AmendedPlanIssued', data: {
  amendmentId: 'amendment-1', issuedOn: on, withinStatutoryTime: on <= '2026-11-16', namedSetting: school, phaseTransfer: null, planDocumentId: null, post16Transfer: null,
} });
const ceaseDecided: Event[] = [
  { type: 'CeaseConsidered', data: { reason: 'no-longer-necessary', consideredOn: '2026-06-01', settingConsulted: school, reasonsDocumentId: null } },
  { type: 'CeaseDecisionMade', data: { reason: 'no-longer-necessary', decidedOn: '2026-06-29', appealWindowEndsOn: '2026-09-01', reasonsDocumentId: null } },
  { type: 'CeaseAppealRegistered', data: { registeredOn: '2026-08-20', withinAppealWindow: true } },
];

describe('a plan under a tribunal order, as a caseworker sees it', () => {
  it('shows the amended plan due by the order\'s date, saying so, and lists it as running', () => {
    const p = view([...plan, sectionI], '2026-11-10');
    expect(p.status).toBe('amendment-in-progress');
    expect(p.deadlines.amendedPlan).toEqual(expect.objectContaining({ due: '2026-11-16', done: null, daysLeft: 6, outcome: null, basis: 'tribunal-order', orderId: 'order-1' }));
    expect(p.deadlines.representations).toMatchObject({ due: null });
    expect(p.tribunalOrders).toEqual([expect.objectContaining({ kind: 'amend-section-i-only', amendmentId: 'amendment-1', steps: [expect.objectContaining({ step: 'amended-plan', due: '2026-11-16', done: null })] })]);
    expect(runningDeadlines(fold([...plan, sectionI]))).toContainEqual({ kind: 'amended-plan', ref: 'amendment-1', due: '2026-11-16', excepted: false });
  });

  it('shows it done, late against the order, and the plan maintained again', () => {
    const p = view([...plan, sectionI, issued('2026-11-17')], '2026-11-20');
    expect(p.status).toBe('maintained');
    expect(p.deadlines.amendedPlan).toMatchObject({ due: '2026-11-16', done: '2026-11-17', onTime: false, daysLate: 1, outcome: 'amended', basis: 'tribunal-order' });
    expect(p.tribunalOrders[0].steps[0]).toMatchObject({ step: 'amended-plan', done: '2026-11-17', onTime: false });
    expect(runningDeadlines(fold([...plan, sectionI, issued('2026-11-17')])).map((d) => d.kind)).not.toContain('amended-plan');
  });

  it('shows the Regulations\' 8 weeks from a notice when no order is there', () =>
    expect(view(plan, '2026-11-10').deadlines.amendedPlan).toMatchObject({ due: null, basis: 'statutory' }));

  it('keeps a plan whose cease decision was overturned maintained from the order\'s date, amending it if ordered', () => {
    const overturned = received('cease-decision-overturned', [{ step: 'continue-maintaining', dueBy: '2026-11-02' }, { step: 'amended-plan', dueBy: '2026-12-07' }], 'amendment-1');
    const p = view([...plan, ...ceaseDecided, overturned, { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-11-02', outcome: 'allowed' } }], '2026-11-10');
    expect(p.status).toBe('amendment-in-progress');
    expect(p.cease?.appeal).toEqual({ registeredOn: '2026-08-20', outcome: 'allowed' });
    expect(p.tribunalOrders[0].steps.map((s) => [s.step, s.done])).toEqual([['continue-maintaining', '2026-11-02'], ['amended-plan', null]]);
    expect(p.deadlines.amendedPlan).toMatchObject({ due: '2026-12-07', basis: 'tribunal-order' });
  });

  it('shows the plan ceased by an order dismissing the appeal against ceasing', () => {
    const dismissed = received('cease-appeal-dismissed', [{ step: 'plan-ceased', dueBy: '2026-11-02' }], null);
    const p = view([...plan, ...ceaseDecided, dismissed, { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-11-02', outcome: 'dismissed' } },
      { type: 'PlanCeased', data: { ceasedOn: '2026-11-02', reason: 'no-longer-necessary', appeal: 'dismissed' } }], '2026-11-10');
    expect(p.status).toBe('ceased');
    expect(p.tribunalOrders[0].steps).toEqual([expect.objectContaining({ step: 'plan-ceased', due: '2026-11-02', done: '2026-11-02', onTime: true })]);
  });
});
