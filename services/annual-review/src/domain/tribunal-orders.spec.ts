import { complianceDeadlines } from '@ehc/domain-kernel';
import { deciderSpec } from '@ehc/testing';
import { annualReviewDecider, type Command, type Event, type Setting } from './annual-review';

// Worked example 17 of the domain reference: a tribunal order of Mon 2026-11-02. Section I only:
// the amended plan by 11-16; sections B/F (alone or with I): by 12-07 (reg 44(2)). A cease decision
// overturned: the plan is maintained at once; an appeal against ceasing dismissed: it ends at once.
const given = deciderSpec(annualReviewDecider);
const TODAY = '2027-06-30';
const ORDERED_ON = '2026-11-02';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

const school: Setting = { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'primary' };
const special: Setting = { urn: '120999', name: 'St Francis School', type: 'special', phase: 'all-through' };

type Order = Omit<Cmd<'ReceiveTribunalOrder'>['data'], 'today' | 'on'>;
const order = (kind: Order['kind'], steps: Order['steps'], over: Partial<Order> = {}): Order => ({
  orderId: 'order-1', decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', appealId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', kind,
  concession: false, amendmentOrdered: false, steps, ...over,
});
const sectionIOnly = order('amend-section-i-only', [{ step: 'amended-plan', dueBy: '2026-11-16' }]);
const sectionsBF = order('amend-special-educational-provision', [{ step: 'amended-plan', dueBy: '2026-12-07' }]);
const sectionsBFI = order('amend-provision-and-section-i', [{ step: 'amended-plan', dueBy: '2026-12-07' }]);
const overturned = order('cease-decision-overturned', [{ step: 'continue-maintaining', dueBy: ORDERED_ON }]);
const dismissed = order('cease-appeal-dismissed', [{ step: 'plan-ceased', dueBy: ORDERED_ON }]);

const receive = (o: Order, on = ORDERED_ON): Command => cmd('ReceiveTribunalOrder', { ...o, on });
const received = (o: Order, amendmentId: string | null, on = ORDERED_ON): Event => ({ type: 'TribunalOrderReceived', data: { ...o, orderedOn: on, amendmentId } });
const issue = (on: string, namedSetting: Setting = school): Command =>
  cmd('IssueAmendedPlan', { on, namedSetting, phaseTransfer: null, planDocumentId: null, earlyFinalisation: 'forbidden' });
const amendedPlan = (amendmentId: string, issuedOn: string, withinStatutoryTime: boolean, letterNumber: number, namedSetting: Setting = school): Event[] => [
  { type: 'AmendedPlanIssued', data: { amendmentId, issuedOn, withinStatutoryTime, namedSetting, phaseTransfer: null, planDocumentId: null, post16Transfer: null } },
  { type: 'LetterSent', data: { letterId: `letter-${letterNumber}`, kind: 'amended-plan', recipient: 'parent', sentOn: issuedOn, appealRights: true } },
];
const letter = (n: number, kind: Extract<Event, { type: 'LetterSent' }>['data']['kind'], sentOn: string, appealRights: boolean): Event =>
  ({ type: 'LetterSent', data: { letterId: `letter-${n}`, kind, recipient: 'parent', sentOn, appealRights } });

const plan: Event[] = [{ type: 'PlanEntered', data: {
  source: { kind: 'import', reference: 'LEG-0017' }, childId: 'c-1', cohort: null, planIssuedOn: '2025-05-20', lastReviewedOn: null,
  namedSetting: school, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', reviewDueBy: '2026-05-19', suggestedReviews: [],
} }];
/** A review amending the plan, its notice served 2026-10-26: representations to 11-09, amended plan by 12-21. */
const reviewAmending: Event[] = [
  ...plan,
  { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-09-28', meetingOn: '2026-10-12', noticeLatestBy: '2026-09-28', withinStatutoryTime: true, reviewDueBy: '2026-05-19' } },
  { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-10-12', reportDueBy: '2026-10-26', decisionDueBy: '2026-11-09', preparationForAdulthood: false } },
  { type: 'ReviewDecisionMade', data: { reviewId: 'review-1', outcome: 'amend', decidedOn: '2026-10-19', withinStatutoryTime: true, reviewDueBy: '2026-05-19', reviewWithinTwelveMonths: false, nextReviewDueBy: '2027-10-18', suggestedReviews: [], reasonsDocumentId: null } },
  letter(1, 'decision-to-amend', '2026-10-19', false),
  { type: 'AmendmentNoticeIssued', data: { amendmentId: 'amendment-1', reviewId: 'review-1', servedOn: '2026-10-26', representationsEndOn: '2026-11-09', amendedPlanDueBy: '2026-12-21', proposedChangesDocumentId: null } },
  letter(2, 'amendment-notice', '2026-10-26', false),
];
const ceaseDecided: Event[] = [
  ...plan,
  { type: 'CeaseConsidered', data: { reason: 'no-longer-necessary', consideredOn: '2026-06-01', settingConsulted: school, reasonsDocumentId: null } },
  letter(1, 'cease-considered', '2026-06-01', false),
  { type: 'CeaseDecisionMade', data: { reason: 'no-longer-necessary', decidedOn: '2026-06-29', appealWindowEndsOn: '2026-09-01', reasonsDocumentId: null } },
  letter(2, 'cease-decision', '2026-06-29', true),
  { type: 'CeaseAppealRegistered', data: { registeredOn: '2026-08-20', withinAppealWindow: true } },
];

describe('tribunal orders on an EHC plan (reg 44)', () => {
  it.each([
    ['amend-section-i-only', sectionIOnly],
    ['amend-special-educational-provision', sectionsBF],
    ['amend-provision-and-section-i', sectionsBFI],
  ] as const)('the order\'s date in these specs is the kernel\'s reg 44 period for worked example 17: %s', (kind, o) =>
    expect(o.steps[0].dueBy).toBe(complianceDeadlines(kind, ORDERED_ON).amendedPlanBy));

  describe('an order to amend the plan', () => {
    it.each([
      ['section I only', sectionIOnly],
      ['sections B and F', sectionsBF],
      ['sections B, F and I', sectionsBFI],
    ])('opens an amendment on the order\'s date: %s', (_name, o) =>
      given(plan).when(receive(o)).then([received(o, 'amendment-1')]));

    it.each([
      ['2026-11-16', true],
      ['2026-11-17', false],
    ])('takes the amended plan with no amendment notice and no 15 days of representations, on time by the order\'s 2 weeks (issued %s, within: %s)', (on, within) =>
      given([...plan, received(sectionIOnly, 'amendment-1')]).when(issue(on, special)).then(amendedPlan('amendment-1', on, within, 1, special)));

    it('measures an amendment of B and F against the order\'s 5 weeks, not 8 weeks from a notice', () =>
      given([...plan, received(sectionsBF, 'amendment-1')]).when(issue('2026-12-07')).then(amendedPlan('amendment-1', '2026-12-07', true, 1)));

    it('refuses a decision not to amend: the tribunal ordered the amendment', () =>
      given([...plan, received(sectionsBF, 'amendment-1')]).when(cmd('DecideNotToAmend', { on: '2026-11-20', reasonsDocumentId: null, earlyFinalisation: 'forbidden' }))
        .thenFails('AmendmentOrderedByTribunal'));

    it('refuses an amended plan dated before the order', () =>
      given([...plan, received(sectionsBF, 'amendment-1')]).when(issue('2026-11-01')).thenFails('DateBeforeTribunalOrder'));

    it('joins a second order to amend to the amendment still open: one amended plan, by the earlier date', () => {
      const second = { ...sectionIOnly, decisionId: '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a0b' };
      given([...plan, received(sectionsBF, 'amendment-1')]).when(receive(second, '2026-11-02')).then([received(second, 'amendment-1')]);
      given([...plan, received(sectionsBF, 'amendment-1'), received(second, 'amendment-1')]).when(issue('2026-11-20')).then(amendedPlan('amendment-1', '2026-11-20', false, 1));
    });

    it('issues the ordered amendment first while a review\'s amendment runs on, which then ends as before', () => {
      const ordered = [...reviewAmending, received(sectionIOnly, 'amendment-2')];
      given(ordered).when(issue('2026-11-05')).then(amendedPlan('amendment-2', '2026-11-05', true, 3));
      given([...ordered, ...amendedPlan('amendment-2', '2026-11-05', true, 3)])
        .when(cmd('DecideNotToAmend', { on: '2026-11-10', reasonsDocumentId: null, earlyFinalisation: 'forbidden' })).then([
          { type: 'DecidedNotToAmend', data: { amendmentId: 'amendment-1', decidedOn: '2026-11-10', withinStatutoryTime: true, reasonsDocumentId: null } },
          letter(4, 'decision-not-to-amend', '2026-11-10', true),
        ]);
    });

    it('refuses an order to amend with no date for the amended plan', () =>
      given(plan).when(receive({ ...sectionsBF, steps: [] })).thenFails('OrderStepsMissing'));
  });

  describe('an order on a decision to cease', () => {
    it('records the appeal allowed and keeps maintaining the plan when the cease decision is overturned', () =>
      given(ceaseDecided).when(receive(overturned)).then([
        received(overturned, null), { type: 'CeaseAppealConcluded', data: { concludedOn: ORDERED_ON, outcome: 'allowed' } },
      ]));

    it('records it conceded when the LA did not oppose the appeal (reg 45)', () =>
      given(ceaseDecided).when(receive({ ...overturned, concession: true })).then([
        received({ ...overturned, concession: true }, null), { type: 'CeaseAppealConcluded', data: { concludedOn: ORDERED_ON, outcome: 'conceded' } },
      ]));

    it('opens the amendment too when the tribunal also ordered one, due in 5 weeks', () => {
      const withAmendment = { ...overturned, amendmentOrdered: true, steps: [...overturned.steps, { step: 'amended-plan' as const, dueBy: '2026-12-07' }] };
      given(ceaseDecided).when(receive(withAmendment)).then([
        received(withAmendment, 'amendment-1'), { type: 'CeaseAppealConcluded', data: { concludedOn: ORDERED_ON, outcome: 'allowed' } },
      ]);
      given(ceaseDecided).when(receive({ ...withAmendment, steps: overturned.steps })).thenFails('OrderStepsMissing');
    });

    it('maintains the plan: once overturned there is no decision to cease the plan on', () =>
      given([...ceaseDecided, received(overturned, null), { type: 'CeaseAppealConcluded', data: { concludedOn: ORDERED_ON, outcome: 'allowed' } }])
        .when(cmd('CeasePlan', { on: '2026-11-10' })).thenFails('NoCeaseDecision'));

    it('takes the order when the appeal was recorded as allowed here first, adding nothing but the order', () =>
      given([...ceaseDecided, { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-10-30', outcome: 'allowed' } }])
        .when(receive(overturned)).then([received(overturned, null)]));

    it('ends the plan at once when the appeal against ceasing is dismissed', () =>
      given(ceaseDecided).when(receive(dismissed)).then([
        received(dismissed, null), { type: 'CeaseAppealConcluded', data: { concludedOn: ORDERED_ON, outcome: 'dismissed' } },
        { type: 'PlanCeased', data: { ceasedOn: ORDERED_ON, reason: 'no-longer-necessary', appeal: 'dismissed' } },
      ]));

    it('takes the dismissal on a plan already ceased by it here, adding nothing but the order', () =>
      given([...ceaseDecided, { type: 'CeaseAppealConcluded', data: { concludedOn: '2026-10-30', outcome: 'dismissed' } },
        { type: 'PlanCeased', data: { ceasedOn: '2026-10-30', reason: 'no-longer-necessary', appeal: 'dismissed' } }])
        .when(receive(dismissed)).then([received(dismissed, null)]));

    it.each([
      ['a plan with no decision to cease', plan, overturned],
      ['a plan with no decision to cease', plan, dismissed],
      ['a cease only considered', ceaseDecided.slice(0, 3), dismissed],
    ])('refuses an order on a cease decision for %s', (_name, history, o) =>
      given(history).when(receive(o)).thenFails('NoCeaseDecision'));

    it('refuses an order on a cease decision dated before the decision', () =>
      given(ceaseDecided).when(receive(dismissed, '2026-06-28')).thenFails('DateBeforeCeaseDecision'));
  });

  describe('orders the plan cannot take', () => {
    it('refuses the same order delivered again, whatever became of the plan since', () => {
      given([...plan, received(sectionsBF, 'amendment-1')]).when(receive(sectionsBF)).thenFails('OrderAlreadyReceived');
      given([...ceaseDecided, received(dismissed, null), { type: 'CeaseAppealConcluded', data: { concludedOn: ORDERED_ON, outcome: 'dismissed' } },
        { type: 'PlanCeased', data: { ceasedOn: ORDERED_ON, reason: 'no-longer-necessary', appeal: 'dismissed' } }])
        .when(receive(dismissed)).thenFails('OrderAlreadyReceived');
    });

    it('refuses an order on a plan ceased without an appeal, closed, or not entered', () => {
      given([...ceaseDecided.slice(0, 5), { type: 'PlanCeased', data: { ceasedOn: '2026-09-02', reason: 'no-longer-necessary', appeal: 'none' } }])
        .when(receive(dismissed)).thenFails('PlanCeased');
      given([...plan, { type: 'PlanClosed', data: { closedOn: '2026-10-01', reason: 'transferred-to-another-authority' } }]).when(receive(sectionsBF)).thenFails('PlanClosed');
      given([]).when(receive(sectionsBF)).thenFails('NoPlanOnFile');
    });

    it('refuses an order dated before the plan was made, or after today', () => {
      given(plan).when(receive(sectionsBF, '2025-05-19')).thenFails('DateBeforePlanMade');
      given(plan).when(receive(sectionsBF, '2027-07-01')).thenFails('DateInFuture');
    });
  });
});
