import { decide, evolve, initialState, type Command, type Event } from './needs-assessment';
import { nextSteps, type StepName } from './next-steps';
import type { RuleBroken } from './decide';

// Worked example 1 of the domain reference: request received Mon 2026-01-05, every step a few days on.
const TODAY = '2026-11-26';
const school = { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'primary' };
const ratings = { communication: 2, cognition: 2, social: 2, sensory: 2, independence: 2 };

/** Each step as a command with plausible fields: what the workspace would send for it. */
const commandFor = (step: StepName, on: string): Command => {
  const d = (data: Record<string, unknown>) => ({ on, today: TODAY, ...data });
  const commands: Record<StepName, Command> = {
    'decide-to-assess': { type: 'DecideToAssess', data: d({}) },
    'refuse-assessment': { type: 'RefuseAssessment', data: d({ reasonsDocumentId: null }) },
    'request-advice': { type: 'RequestAdvice', data: d({ adviceType: 'educational', adviser: null }) },
    'record-advice': { type: 'RecordAdvice', data: d({ adviceId: null, adviceType: 'educational' }) },
    'record-exception': { type: 'RecordException', data: d({ limb: 'absence-from-area', to: null, closure: null, evidenceDocumentId: null }) },
    'decide-not-to-issue': { type: 'DecideNotToIssue', data: d({ reasonsDocumentId: null }) },
    'issue-draft-plan': { type: 'IssueDraftPlan', data: d({ namesSetting: false, planDocumentId: null }) },
    'record-parent-response': { type: 'RecordParentResponse', data: d({ meetingRequested: true, final: false, preferredSetting: school, representationsDocumentId: null }) },
    'hold-draft-plan-meeting': { type: 'HoldDraftPlanMeeting', data: d({}) },
    'consult-setting': { type: 'ConsultSetting', data: d({ setting: school }) },
    'record-setting-response': { type: 'RecordSettingResponse', data: d({ consultationId: null, settingUrn: '120345', canMeetNeeds: true }) },
    'issue-final-plan': { type: 'IssueFinalPlan', data: d({ namedSetting: school, planDocumentId: null, earlyFinalisation: 'refuse' }) },
    'record-needs-profile': { type: 'RecordNeedsProfile', data: d({ context: 'request', needs: ratings, settingReadiness: ratings, familyConfidence: ratings }) },
    'add-note': { type: 'AddNote', data: d({ noteId: 'n-1' }) },
    reassign: { type: 'Reassign', data: d({ caseworkerId: 'cw-2' }) },
    withdraw: { type: 'Withdraw', data: d({ reasonDocumentId: null }) },
    close: { type: 'Close', data: d({ reason: 'moved-to-another-authority' }) },
  } as unknown as Record<StepName, Command>;
  return commands[step];
};
const ALL_STEPS = Object.keys({
  'decide-to-assess': 1, 'refuse-assessment': 1, 'request-advice': 1, 'record-advice': 1, 'record-exception': 1, 'decide-not-to-issue': 1,
  'issue-draft-plan': 1, 'record-parent-response': 1, 'hold-draft-plan-meeting': 1, 'consult-setting': 1, 'record-setting-response': 1,
  'issue-final-plan': 1, 'record-needs-profile': 1, 'add-note': 1, reassign: 1, withdraw: 1, close: 1,
} satisfies Record<StepName, 1>) as StepName[];

/** The refusals that say "not at this stage" (409): a step offered must never meet one, a step withheld must. */
const STAGE_RULES: RuleBroken[] = [
  'NoRequestOnFile', 'CaseClosed', 'DecisionAlreadyMade', 'AssessmentRefused', 'NotAssessing', 'NoDraftPlan', 'PlanAlreadyIssued',
  'AdviceAlreadyReceived', 'UnknownAdviceRequest', 'ConsultationAlreadyAnswered', 'UnknownConsultation', 'NoMeetingRequested', 'MeetingAlreadyHeld',
  'AssessmentOrderedByTribunal', 'PlanOrderedByTribunal', 'TribunalOrderInForce',
];

/** A tribunal order arriving on the case (it comes from the tribunal service, never as a step a caseworker takes). */
type Ordered = { order: 'assess-or-reassess' | 'make-and-maintain-plan' };
const orderOn = (kind: Ordered['order'], on: string): Command => ({ type: 'ReceiveTribunalOrder', data: {
  on, today: TODAY, orderId: 'order-1', decisionId: `decision-${kind}`, appealId: 'appeal-1', kind, concession: false,
  steps: kind === 'assess-or-reassess'
    ? [{ step: 'notify', dueBy: '2026-11-16' }, { step: 'decision-not-to-issue', dueBy: '2027-01-11' }, { step: 'final-plan', dueBy: '2027-02-08' }]
    : [{ step: 'draft-plan', dueBy: '2026-12-07' }, { step: 'final-plan', dueBy: '2027-01-18' }],
} });

/** A case's history built by its own decisions, one step a day from 2026-01-06. */
function caseAfter(steps: (StepName | Ordered)[]): { events: Event[]; nextDay: string } {
  const requested: Command = { type: 'RecordNeedsAssessmentRequest', data: {
    reference: 'NA-2026-00001', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn: '2026-01-05', caseworkerId: 'cw-1', youngPersonOnReceipt: null, today: TODAY,
  } } as unknown as Command;
  let state = initialState();
  const events: Event[] = [];
  const apply = (command: Command) => {
    const decided = decide(command, state);
    if (!decided.ok) throw new Error(`${command.type} refused: ${decided.error}`);
    for (const e of decided.value) { events.push(e); state = evolve(state, e); }
  };
  apply(requested);
  steps.forEach((step, i) => {
    const on = `2026-01-${String(6 + i).padStart(2, '0')}`;
    apply(typeof step === 'string' ? commandFor(step, on) : orderOn(step.order, on));
  });
  return { events, nextDay: `2026-01-${String(6 + steps.length).padStart(2, '0')}` };
}

const ASSESS: Ordered = { order: 'assess-or-reassess' };
const MAKE_PLAN: Ordered = { order: 'make-and-maintain-plan' };
const HISTORIES: [string, (StepName | Ordered)[]][] = [
  ['a new request', []],
  ['assessing', ['decide-to-assess']],
  ['assessing, advice outstanding', ['decide-to-assess', 'request-advice']],
  ['assessing, advice returned', ['decide-to-assess', 'request-advice', 'record-advice']],
  ['a draft issued', ['decide-to-assess', 'issue-draft-plan']],
  ['a draft, a meeting asked for', ['decide-to-assess', 'issue-draft-plan', 'record-parent-response']],
  ['a draft, the meeting held, a setting consulted', ['decide-to-assess', 'issue-draft-plan', 'record-parent-response', 'hold-draft-plan-meeting', 'consult-setting']],
  ['refused', ['refuse-assessment']],
  ['no plan', ['decide-to-assess', 'decide-not-to-issue']],
  // the representations window (15 days) passes before the final plan: notes on the days between
  ['the final plan issued', ['decide-to-assess', 'issue-draft-plan', ...Array<StepName>(16).fill('add-note'), 'issue-final-plan']],
  ['withdrawn', ['withdraw']],
  // reg 44(2): a tribunal order reopens the case on the order's dates
  ['refused, then ordered to assess', ['refuse-assessment', ASSESS]],
  ['ordered to assess, the decision to assess notified', ['refuse-assessment', ASSESS, 'decide-to-assess']],
  ['ordered to assess, advice outstanding', ['refuse-assessment', ASSESS, 'decide-to-assess', 'request-advice']],
  ['ordered to assess, a draft issued', ['refuse-assessment', ASSESS, 'decide-to-assess', 'issue-draft-plan']],
  ['no plan, then ordered to make and maintain one', ['decide-to-assess', 'decide-not-to-issue', MAKE_PLAN]],
  ['ordered to make a plan, advice outstanding', ['decide-to-assess', 'request-advice', 'decide-not-to-issue', MAKE_PLAN]],
  ['ordered to make a plan, the draft issued', ['decide-to-assess', 'decide-not-to-issue', MAKE_PLAN, 'issue-draft-plan']],
  ['closed', ['decide-to-assess', 'close']],
];

describe('what a case allows next', () => {
  it.each(HISTORIES)('offers exactly the steps decide accepts at this stage: %s', (_name, history) => {
    const { events, nextDay } = caseAfter(history);
    const state = events.reduce(evolve, initialState());
    const offered = nextSteps(state);
    for (const step of ALL_STEPS) {
      const decided = decide(commandFor(step, nextDay), state);
      const stageRefusal = !decided.ok && STAGE_RULES.includes(decided.error);
      expect([step, offered.includes(step) ? 'offered' : 'withheld', stageRefusal ? (decided as { error: string }).error : 'accepted at this stage'])
        .toEqual([step, stageRefusal ? 'withheld' : 'offered', expect.any(String)]);
    }
  });

  it('offers the decision first on a new request, and nothing once the case is closed', () => {
    expect(nextSteps(caseAfter([]).events.reduce(evolve, initialState())).slice(0, 2)).toEqual(['decide-to-assess', 'refuse-assessment']);
    expect(nextSteps(caseAfter(['withdraw']).events.reduce(evolve, initialState()))).toEqual([]);
  });

  it('offers the notice of the decision to assess, and no refusal, once the tribunal has ordered the assessment', () => {
    const offered = nextSteps(caseAfter(['refuse-assessment', ASSESS]).events.reduce(evolve, initialState()));
    expect(offered[0]).toBe('decide-to-assess');
    expect(offered).not.toContain('refuse-assessment');
  });

  it('offers the draft plan, and no decision not to issue, once the tribunal has ordered a plan', () => {
    const offered = nextSteps(caseAfter(['decide-to-assess', 'decide-not-to-issue', MAKE_PLAN]).events.reduce(evolve, initialState()));
    expect(offered[0]).toBe('issue-draft-plan');
    expect(offered).not.toContain('decide-not-to-issue');
  });
});
