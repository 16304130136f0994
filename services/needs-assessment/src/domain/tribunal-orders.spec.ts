import { complianceDeadlines } from '@ehc/domain-kernel';
import { deciderSpec } from '@ehc/testing';
import { needsAssessmentDecider, type Command, type Event } from './needs-assessment';

// Worked example 17 of the domain reference: a tribunal order of Mon 2026-11-02. Assess: notify by
// 11-16, a decision not to issue by 2027-01-11, the final plan by 2027-02-08. Make and maintain a
// plan: the draft by 12-07, the final plan by 2027-01-18 (reg 44(2)(a), (b)).
const given = deciderSpec(needsAssessmentDecider);
const TODAY = '2027-03-01';
const ORDERED_ON = '2026-11-02';
const school = { urn: '120345', name: 'Lincoln Castle Academy' };

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

const ASSESS_STEPS = [
  { step: 'notify', dueBy: '2026-11-16' }, { step: 'decision-not-to-issue', dueBy: '2027-01-11' }, { step: 'final-plan', dueBy: '2027-02-08' },
] as const;
const PLAN_STEPS = [{ step: 'draft-plan', dueBy: '2026-12-07' }, { step: 'final-plan', dueBy: '2027-01-18' }] as const;

type Order = Omit<Cmd<'ReceiveTribunalOrder'>['data'], 'today' | 'on'>;
const orderToAssess: Order = {
  orderId: 'order-1', decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', appealId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  kind: 'assess-or-reassess', concession: false, steps: [...ASSESS_STEPS],
};
const orderToMakePlan: Order = { ...orderToAssess, decisionId: '9b7c1d2e-3f4a-4b5c-8d6e-7f8091a2b3c4', kind: 'make-and-maintain-plan', steps: [...PLAN_STEPS] };
const receive = (order: Order, on = ORDERED_ON): Command => cmd('ReceiveTribunalOrder', { ...order, on });
const received = (order: Order, on = ORDERED_ON): Event => ({ type: 'TribunalOrderReceived', data: { ...order, orderedOn: on } });

const requested = (receivedOn: string, decisionDueBy: string): Event => ({
  type: 'NeedsAssessmentRequested',
  data: { reference: 'NA-2026-00007', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn, caseworkerId: 'cw-1', decisionDueBy },
});
const letter = (n: number, kind: Extract<Event, { type: 'LetterSent' }>['data']['kind'], sentOn: string, appealRights: boolean): Event =>
  ({ type: 'LetterSent', data: { letterId: `letter-${n}`, kind, recipient: 'parent', sentOn, appealRights } });

/** Refused on 2026-07-10 (request 2026-06-01): the family appealed, and the tribunal ordered the assessment. */
const refused: Event[] = [
  requested('2026-06-01', '2026-07-13'),
  { type: 'DecidedNotToAssess', data: { decidedOn: '2026-07-10', withinStatutoryTime: true, reasonsDocumentId: null } },
  letter(1, 'refusal-to-assess', '2026-07-10', true),
];
const orderedToAssess = [...refused, received(orderToAssess)];
const notified = [...orderedToAssess, { type: 'DecidedToAssess', data: { decidedOn: '2026-11-12', withinStatutoryTime: true } } as Event, letter(2, 'decision-to-assess', '2026-11-12', false)];

/** Assessed, then a decision not to issue on 2026-06-22 (request 2026-03-02): the tribunal ordered a plan. */
const noPlan: Event[] = [
  requested('2026-03-02', '2026-04-13'),
  { type: 'DecidedToAssess', data: { decidedOn: '2026-04-10', withinStatutoryTime: true } },
  letter(1, 'decision-to-assess', '2026-04-10', false),
  { type: 'DecidedNotToIssuePlan', data: { decidedOn: '2026-06-22', withinStatutoryTime: true, reasonsDocumentId: null } },
  letter(2, 'decision-not-to-issue', '2026-06-22', true),
];
const orderedToMakePlan = [...noPlan, received(orderToMakePlan)];
const draftServed = (on: string, n = 3): Event[] => [
  { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: on, representationsEndOn: '2026-12-21', planDocumentId: null } },
  letter(n, 'draft-plan', on, false),
];

describe('tribunal orders on an EHC needs assessment case (reg 44)', () => {
  it.each([
    ['assess-or-reassess', ASSESS_STEPS.map((s) => s.dueBy), Object.values(complianceDeadlines('assess-or-reassess', ORDERED_ON)).slice(1)],
    ['make-and-maintain-plan', PLAN_STEPS.map((s) => s.dueBy), Object.values(complianceDeadlines('make-and-maintain-plan', ORDERED_ON)).slice(1)],
  ])('the order\'s dates in these specs are the kernel\'s reg 44 periods for worked example 17: %s', (_kind, given17, kernel) =>
    expect(given17).toEqual(kernel));

  describe('an order to assess, after a refusal to assess (reg 44(2)(a))', () => {
    it('reopens the refused case on the order\'s dates, taken as the order gives them', () =>
      given(refused).when(receive(orderToAssess)).then([received(orderToAssess)]));

    it('measures the notice of the decision to assess against the order\'s 2 weeks, not 6 weeks from the request', () =>
      given(orderedToAssess).when(cmd('DecideToAssess', { on: '2026-11-16' })).then([
        { type: 'DecidedToAssess', data: { decidedOn: '2026-11-16', withinStatutoryTime: true } },
        letter(2, 'decision-to-assess', '2026-11-16', false),
      ]));

    it('records a late notice as late rather than refusing it', () =>
      given(orderedToAssess).when(cmd('DecideToAssess', { on: '2026-11-17' })).then([
        { type: 'DecidedToAssess', data: { decidedOn: '2026-11-17', withinStatutoryTime: false } },
        letter(2, 'decision-to-assess', '2026-11-17', false),
      ]));

    it('refuses a second refusal: the tribunal has decided the assessment is to be made', () =>
      given(orderedToAssess).when(cmd('RefuseAssessment', { on: '2026-11-10', reasonsDocumentId: null })).thenFails('AssessmentOrderedByTribunal'));

    it('refuses a decision to assess dated before the order', () =>
      given(orderedToAssess).when(cmd('DecideToAssess', { on: '2026-11-01' })).thenFails('DateBeforeTribunalOrder'));

    it.each([
      ['2027-01-11', true],
      ['2027-01-12', false],
    ])('measures a decision not to issue on %s against the order\'s 10 weeks (within: %s)', (on, within) =>
      given(notified).when(cmd('DecideNotToIssue', { on, reasonsDocumentId: null })).then([
        { type: 'DecidedNotToIssuePlan', data: { decidedOn: on, withinStatutoryTime: within, reasonsDocumentId: null } },
        letter(3, 'decision-not-to-issue', on, true),
      ]));

    it.each([
      ['2027-02-08', true],
      ['2027-02-09', false],
    ])('measures the final plan on %s against the order\'s 14 weeks, not 20 weeks from the request (within: %s)', (on, within) =>
      given([...notified, ...draftServed('2026-12-07', 3)]).when(cmd('IssueFinalPlan', { on, namedSetting: school, planDocumentId: null, earlyFinalisation: 'allowed' })).then([
        { type: 'FinalPlanIssued', data: { issuedOn: on, namedSetting: school, withinStatutoryTime: within, planDocumentId: null } },
        letter(4, 'final-plan', on, true),
      ]));

    it('refuses a reg 10(4) exception while the order\'s periods run: reg 44(3) exceptions go with the order', () =>
      given(notified).when(cmd('RecordException', { on: '2026-11-20', limb: 'exceptional-personal-circumstances', to: '2026-12-20', closure: null, evidenceDocumentId: 'doc-e' }))
        .thenFails('TribunalOrderInForce'));
  });

  describe('an order to make and maintain a plan, after a decision not to issue (reg 44(2)(b))', () => {
    it('takes the case to drafting on the order\'s dates', () =>
      given(noPlan).when(receive(orderToMakePlan)).then([received(orderToMakePlan)]));

    it('issues the draft plan next', () =>
      given(orderedToMakePlan).when(cmd('IssueDraftPlan', { on: '2026-12-07', namesSetting: false, planDocumentId: null })).then(draftServed('2026-12-07')));

    it('refuses a draft plan dated before the order', () =>
      given(orderedToMakePlan).when(cmd('IssueDraftPlan', { on: '2026-11-01', namesSetting: false, planDocumentId: null })).thenFails('DateBeforeTribunalOrder'));

    it.each([
      ['DecideNotToIssue', { reasonsDocumentId: null }],
      ['RequestAdvice', { adviceType: 'educational', adviser: null }],
    ] as const)('refuses %s: the tribunal has ordered the plan', (type, data) =>
      given(orderedToMakePlan).when(cmd(type, { on: '2026-11-10', ...data } as never)).thenFails('PlanOrderedByTribunal'));

    it.each([
      ['2027-01-18', true],
      ['2027-01-19', false],
    ])('measures the final plan on %s against the order\'s 11 weeks (within: %s)', (on, within) =>
      given([...orderedToMakePlan, ...draftServed('2026-12-07')]).when(cmd('IssueFinalPlan', { on, namedSetting: school, planDocumentId: null, earlyFinalisation: 'allowed' })).then([
        { type: 'FinalPlanIssued', data: { issuedOn: on, namedSetting: school, withinStatutoryTime: within, planDocumentId: null } },
        letter(4, 'final-plan', on, true),
      ]));
  });

  describe('orders the case cannot take', () => {
    it('refuses the same order delivered again, whatever became of the case since', () => {
      given(orderedToAssess).when(receive(orderToAssess)).thenFails('OrderAlreadyReceived');
      given([...orderedToAssess, { type: 'CaseClosed', data: { closedOn: '2026-11-20', reason: 'moved-to-another-authority' } }])
        .when(receive(orderToAssess)).thenFails('OrderAlreadyReceived');
    });

    it.each([
      ['awaiting the decision', [requested('2026-06-01', '2026-07-13')]],
      ['already reopened by another order', orderedToAssess],
      ['with no plan', noPlan],
    ])('refuses an order to assess on a case not refused: %s', (_name, history) =>
      given(history).when(receive({ ...orderToAssess, orderId: 'order-2' })).thenFails('NoRefusalToAssess'));

    it.each([
      ['refused', refused],
      ['assessing', notified],
    ])('refuses an order to make and maintain a plan on a case with no decision not to issue: %s', (_name, history) =>
      given(history).when(receive(orderToMakePlan)).thenFails('NoDecisionNotToIssue'));

    it('refuses an order that does not date every step its kind requires', () =>
      given(refused).when(receive({ ...orderToAssess, steps: [{ step: 'notify', dueBy: '2026-11-16' }] })).thenFails('OrderStepsMissing'));

    it('refuses an order on a closed case, and on no case at all', () => {
      given([...refused, { type: 'CaseClosed', data: { closedOn: '2026-08-01', reason: 'other' } }]).when(receive(orderToAssess)).thenFails('CaseClosed');
      given([]).when(receive(orderToAssess)).thenFails('NoRequestOnFile');
    });

    it('refuses an order dated before the request, or after today', () => {
      given(refused).when(receive(orderToAssess, '2026-05-29')).thenFails('DateBeforeRequest');
      given(refused).when(receive(orderToAssess, '2027-03-02')).thenFails('DateInFuture');
    });
  });
});
