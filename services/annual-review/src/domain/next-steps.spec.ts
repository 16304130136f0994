import { addDays } from '@ehc/domain-kernel';
import { decide, evolve, initialState, type Command, type Event, type RuleBroken, type Setting } from './annual-review';
import { nextSteps, type StepName } from './next-steps';

// Worked example 9 of the domain reference: plan made 2025-05-20; every step a day after the last.
const TODAY = '2027-06-30';
const school: Setting = { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'primary' };
const special: Setting = { urn: '120347', name: 'St Francis School', type: 'special', phase: 'not-applicable' };

/** Each step as a command with plausible fields: what the workspace would send for it. */
const commandFor = (step: StepName, on: string): Command => {
  const d = (data: Record<string, unknown>) => ({ on, today: TODAY, ...data });
  const commands: Record<StepName, unknown> = {
    'schedule-meeting': { type: 'ScheduleMeeting', data: d({ meetingOn: on }) },
    'hold-meeting': { type: 'HoldMeeting', data: d({}) },
    'receive-report': { type: 'ReceiveReport', data: d({ reportDocumentId: null }) },
    decide: { type: 'Decide', data: d({ outcome: 'amend', reasonsDocumentId: null }) },
    'issue-amendment-notice': { type: 'IssueAmendmentNotice', data: d({ proposedChangesDocumentId: null }) },
    'record-representations': { type: 'RecordRepresentations', data: d({ meetingRequested: true, final: false, preferredSetting: null, representationsDocumentId: null }) },
    'hold-amendment-meeting': { type: 'HoldAmendmentMeeting', data: d({}) },
    'issue-amended-plan': { type: 'IssueAmendedPlan', data: d({ namedSetting: school, phaseTransfer: null, planDocumentId: null, earlyFinalisation: 'refuse' }) },
    'decide-not-to-amend': { type: 'DecideNotToAmend', data: d({ reasonsDocumentId: null, earlyFinalisation: 'refuse' }) },
    'record-post-16-transfer': { type: 'RecordPost16Transfer', data: d({ transferOn: '2027-09-01', newInstitution: null }) },
    'agree-dual-registration': { type: 'AgreeDualRegistration', data: d({ mainstream: school, startOn: on, split: null }) },
    'submit-provision-form': { type: 'SubmitProvisionForm', data: d({ formDocumentId: null }) },
    'submit-transport-form': { type: 'SubmitTransportForm', data: d({ formDocumentId: null }) },
    'hold-transition-review': { type: 'HoldTransitionReview', data: d({}) },
    'end-dual-registration': { type: 'EndDualRegistration', data: d({ outcome: 'success' }) },
    'propose-cease': { type: 'ProposeCease', data: d({ reason: 'no-longer-necessary', reasonsDocumentId: null }) },
    'decide-not-to-cease': { type: 'DecideNotToCease', data: d({}) },
    cease: { type: 'Cease', data: d({ reasonsDocumentId: null }) },
    'record-cease-mediation-certificate': { type: 'RecordCeaseMediationCertificate', data: d({}) },
    'record-cease-appeal': { type: 'RecordCeaseAppeal', data: d({}) },
    'record-cease-appeal-outcome': { type: 'RecordCeaseAppealOutcome', data: d({ outcome: 'allowed' }) },
    'cease-plan': { type: 'CeasePlan', data: d({}) },
    'record-needs-profile': { type: 'RecordNeedsProfile', data: d({ context: 'review', needs: [3, 3, 2, 4, 3], settingReadiness: [2, 3, 3, 2, 2], familyConfidence: [3, 2, 3, 3, 2] }) },
    'add-note': { type: 'AddNote', data: d({ noteId: 'n-1' }) },
    reassign: { type: 'Reassign', data: d({ caseworkerId: 'cw-2' }) },
    close: { type: 'Close', data: d({ reason: 'other' }) },
  };
  return commands[step] as Command;
};
const ALL_STEPS = Object.keys({
  'schedule-meeting': 1, 'hold-meeting': 1, 'receive-report': 1, decide: 1, 'issue-amendment-notice': 1, 'record-representations': 1,
  'hold-amendment-meeting': 1, 'issue-amended-plan': 1, 'decide-not-to-amend': 1, 'record-post-16-transfer': 1, 'agree-dual-registration': 1,
  'submit-provision-form': 1, 'submit-transport-form': 1, 'hold-transition-review': 1, 'end-dual-registration': 1, 'propose-cease': 1,
  'decide-not-to-cease': 1, cease: 1, 'record-cease-mediation-certificate': 1, 'record-cease-appeal': 1, 'record-cease-appeal-outcome': 1,
  'cease-plan': 1, 'record-needs-profile': 1, 'add-note': 1, reassign: 1, close: 1,
} satisfies Record<StepName, 1>) as StepName[];

/**
 * The refusals that say "not at this stage" (decide.ts's 409 group): a step offered must never meet
 * one, a step withheld must. The rest (a date before the meeting, the representations or appeal
 * window still open) judge what was typed in, not the stage.
 */
const STAGE_RULES: RuleBroken[] = [
  'PlanAlreadyEntered', 'NoPlanOnFile', 'PlanCeased', 'PlanClosed', 'ReviewAlreadyInProgress', 'NoMeetingScheduled', 'MeetingAlreadyHeld',
  'NoMeetingHeld', 'ReportAlreadyReceived', 'DecisionAlreadyMade', 'NoDecisionToAmend', 'AmendmentNoticeAlreadyIssued', 'NoAmendmentNotice',
  'CeaseAlreadyConsidered', 'CeaseNotConsidered', 'CeaseAlreadyDecided', 'NoCeaseDecision', 'CeaseAppealAlreadyRegistered', 'NoCeaseAppeal',
  'CeaseAppealPending', 'DualRegistrationAlreadyAgreed', 'NoDualRegistration', 'NamedSettingNotSpecial', 'NotAtAnnualReview',
  'NoMeetingRequested', 'AmendmentMeetingAlreadyHeld', 'AmendmentOrderedByTribunal',
];

/** A tribunal order arriving on the plan (from the tribunal service, never a step a caseworker takes). */
type Ordered = { order: 'amend-section-i-only' | 'cease-decision-overturned' | 'cease-appeal-dismissed' };
const orderOn = (kind: Ordered['order'], on: string): Command => ({ type: 'ReceiveTribunalOrder', data: {
  on, today: TODAY, orderId: 'order-1', decisionId: `decision-${kind}`, appealId: 'appeal-1', kind, concession: false, amendmentOrdered: false,
  steps: [{ step: kind === 'amend-section-i-only' ? 'amended-plan' : kind === 'cease-decision-overturned' ? 'continue-maintaining' : 'plan-ceased', dueBy: addDays(on, 14) }],
} });
const AMEND_I: Ordered = { order: 'amend-section-i-only' };

/** A step taken, an order received, or days left to pass (a window to close) before the next. */
type Move = StepName | Ordered | { wait: number };

/** A plan's history built by its own decisions: entered (made 2025-05-20), then one move a day from 2026-05-01. */
function planAfter(moves: Move[], namedSetting: Setting = school): { state: ReturnType<typeof initialState>; nextDay: string } {
  let state = initialState();
  const apply = (command: Command) => {
    const decided = decide(command, state);
    if (!decided.ok) throw new Error(`${command.type} refused: ${decided.error}`);
    state = (decided.value as Event[]).reduce(evolve, state);
  };
  apply({ type: 'EnterPlan', data: {
    source: { kind: 'import', reference: 'LEG-1' }, childId: 'c-1', cohort: null, planIssuedOn: '2025-05-20', lastReviewedOn: null,
    namedSetting, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', today: TODAY,
  } });
  let day = '2026-05-01';
  for (const move of moves) {
    if (typeof move === 'string') apply(commandFor(move, day));
    else if ('order' in move) apply(orderOn(move.order, day));
    day = addDays(day, typeof move !== 'string' && 'wait' in move ? move.wait : 1);
  }
  return { state, nextDay: day };
}

const REVIEW: Move[] = ['schedule-meeting', 'hold-meeting'];
const NOTICE: Move[] = [...REVIEW, 'decide', 'issue-amendment-notice'];
// every row names its setting: a test function with more parameters than its row takes the last as `done`
const HISTORIES: [string, Move[], Setting][] = [
  ['a plan just entered', [], school],
  ['a review meeting scheduled', ['schedule-meeting'], school],
  ['the review meeting held', REVIEW, school],
  ['the report received', [...REVIEW, 'receive-report'], school],
  ['a decision to amend', [...REVIEW, 'receive-report', 'decide'], school],
  ['the amendment notice served', NOTICE, school],
  ['a meeting about the amendment asked for', [...NOTICE, 'record-representations'], school],
  ['the meeting about the amendment held', [...NOTICE, 'record-representations', 'hold-amendment-meeting'], school],
  // the representations window (15 days beginning with service) closes before the amended plan
  ['the amended plan issued', [...NOTICE, { wait: 15 }, 'issue-amended-plan'], school],
  ['a decision not to amend', [...NOTICE, { wait: 15 }, 'decide-not-to-amend'], school],
  ['a move between post-16 institutions recorded', ['record-post-16-transfer'], school],
  ['at a special school', [], special],
  ['dually registered', ['agree-dual-registration'], special],
  ['dually registered, forms in, a transition review held', ['agree-dual-registration', 'submit-provision-form', 'submit-transport-form', 'hold-transition-review'], special],
  ['dually registered, at the annual review', ['agree-dual-registration', ...REVIEW], special],
  ['the dual registration ended', ['agree-dual-registration', ...REVIEW, 'end-dual-registration'], special],
  ['ceasing considered', ['propose-cease'], school],
  ['decided not to cease', ['propose-cease', 'decide-not-to-cease'], school],
  ['a decision to cease', ['propose-cease', 'cease'], school],
  ['a decision to cease, its mediation certificate issued', ['propose-cease', 'cease', 'record-cease-mediation-certificate'], school],
  ['a decision to cease under appeal', ['propose-cease', 'cease', 'record-cease-appeal'], school],
  ['a decision to cease overturned on appeal', ['propose-cease', 'cease', 'record-cease-appeal', 'record-cease-appeal-outcome'], school],
  // s.51: the plan is maintained until the appeal window (2 months and more) has closed
  ['ceased', ['propose-cease', 'cease', { wait: 100 }, 'cease-plan'], school],
  ['closed', ['close'], school],
  // reg 44(2): the tribunal's orders
  ['ordered to amend section I', [AMEND_I], school],
  ['ordered to amend, a review\'s amendment notice served too', [...NOTICE, AMEND_I], school],
  ['ordered to amend, the amended plan issued', [AMEND_I, 'issue-amended-plan'], school],
  ['a decision to cease overturned by the tribunal', ['propose-cease', 'cease', 'record-cease-appeal', { order: 'cease-decision-overturned' }], school],
  ['an appeal against ceasing dismissed by the tribunal', ['propose-cease', 'cease', 'record-cease-appeal', { order: 'cease-appeal-dismissed' }], school],
];

describe('what a plan allows next', () => {
  it.each(HISTORIES)('offers exactly the steps decide accepts at this stage: %s', (_name, history, setting) => {
    const { state, nextDay } = planAfter(history, setting);
    const offered = nextSteps(state);
    for (const step of ALL_STEPS) {
      const decided = decide(commandFor(step, nextDay), state);
      const stageRefusal = !decided.ok && STAGE_RULES.includes(decided.error);
      expect([step, offered.includes(step) ? 'offered' : 'withheld', stageRefusal ? (decided as { error: string }).error : 'accepted at this stage'])
        .toEqual([step, stageRefusal ? 'withheld' : 'offered', expect.any(String)]);
    }
  });

  it('offers the review meeting first, the report and the decision once it is held, and nothing once the plan has ceased or closed', () => {
    expect(nextSteps(planAfter([]).state)[0]).toBe('schedule-meeting');
    expect(nextSteps(planAfter(REVIEW).state).slice(0, 2)).toEqual(['receive-report', 'decide']);
    expect(nextSteps(planAfter(['propose-cease', 'cease', { wait: 100 }, 'cease-plan']).state)).toEqual([]);
    expect(nextSteps(planAfter(['close']).state)).toEqual([]);
  });

  it('offers the amended plan, and no decision not to amend, once the tribunal has ordered the amendment', () => {
    const offered = nextSteps(planAfter([AMEND_I]).state);
    expect(offered).toContain('issue-amended-plan');
    expect(offered).not.toContain('decide-not-to-amend');
    expect(nextSteps(planAfter([AMEND_I, 'issue-amended-plan']).state)).not.toContain('issue-amended-plan');
  });

  it('lists every step once, in the order of the list of names', () => {
    const offered = nextSteps(planAfter([...NOTICE, 'record-representations', 'propose-cease', 'agree-dual-registration'], special).state);
    expect(offered).toEqual(ALL_STEPS.filter((s) => offered.includes(s)));
  });
});
