import { cohortOf, isYoungPerson } from '@ehc/domain-kernel';
import { deciderSpec } from '@ehc/testing';
import { needsAssessmentDecider, type Command, type Event } from './needs-assessment';

// Worked example 1 of the domain reference: request received Mon 2026-01-05.
const given = deciderSpec(needsAssessmentDecider);
const TODAY = '2026-11-26';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

const requested = (receivedOn = '2026-01-05', requestedBy: 'parent' | 'young-person' = 'parent'): Event => ({
  type: 'NeedsAssessmentRequested',
  data: { reference: 'NA-2026-00001', childId: 'c-1', cohort: null, requestedBy, receivedOn, caseworkerId: 'cw-1', decisionDueBy: '2026-02-16' },
});
const decidedToAssess = (on = '2026-02-10'): Event[] => [
  { type: 'DecidedToAssess', data: { decidedOn: on, withinStatutoryTime: true } },
  { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-assess', recipient: 'parent', sentOn: on, appealRights: false } },
];
const adviceRequested = (adviceId = 'advice-1', adviceType: 'educational' | 'medical' = 'educational', on = '2026-02-16'): Event => ({
  type: 'AdviceRequested', data: { adviceId, adviceType, adviser: null, requestedOn: on, dueBy: '2026-03-30' },
});
const draftIssued = (on = '2026-04-17'): Event[] => [
  { type: 'DraftPlanIssued', data: { draftNumber: 1, servedOn: on, representationsEndOn: '2026-05-01', planDocumentId: null } },
  { type: 'LetterSent', data: { letterId: 'letter-2', kind: 'draft-plan', recipient: 'parent', sentOn: on, appealRights: false } },
];
const assessing = [requested(), ...decidedToAssess()];
const response = (said: { meetingRequested?: boolean; final?: boolean }): Event => ({ type: 'ParentResponseReceived', data: {
  receivedOn: '2026-04-20', meetingRequested: said.meetingRequested ?? false, final: said.final ?? false, preferredSetting: school,
  withinRepresentationsWindow: true, representationsDocumentId: null,
} });
const withDraft = [...assessing, ...draftIssued()];
const school = { urn: '120345', name: 'Lincoln Castle Academy' };

describe('EHC needs assessment case', () => {
  describe('recording the request', () => {
    it.each([
      ['2026-01-05', '2026-02-16'],
      ['2026-03-07', '2026-04-18'],
      ['2026-11-16', '2026-12-28'],
    ])('a request received %s is due a decision by %s (6 weeks, never moved)', (receivedOn, due) =>
      given([]).when({ type: 'RecordNeedsAssessmentRequest', data: { reference: 'NA-2026-00001', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn, caseworkerId: 'cw-1', youngPersonOnReceipt: null, today: TODAY } })
        .then([{ type: 'NeedsAssessmentRequested', data: { reference: 'NA-2026-00001', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn, caseworkerId: 'cw-1', decisionDueBy: due } }]));

    it('refuses a received date after today', () =>
      given([]).when({ type: 'RecordNeedsAssessmentRequest', data: { reference: 'r', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn: '2026-11-27', caseworkerId: null, youngPersonOnReceipt: null, today: TODAY } })
        .thenFails('DateInFuture'));

    it('refuses a second request on the same case', () =>
      given([requested()]).when({ type: 'RecordNeedsAssessmentRequest', data: { reference: 'r', childId: 'c-1', cohort: null, requestedBy: 'parent', receivedOn: '2026-01-06', caseworkerId: null, youngPersonOnReceipt: null, today: TODAY } })
        .thenFails('RequestAlreadyRecorded'));

    it('takes a young person\'s own request when the kernel says they are one on the day (born 2010-08-31, received 2026-07-01)', () =>
      given([]).when({ type: 'RecordNeedsAssessmentRequest', data: {
        reference: 'r', childId: 'c-1', cohort: cohortOf('2010-08-31'), requestedBy: 'young-person', receivedOn: '2026-07-01', caseworkerId: null,
        youngPersonOnReceipt: isYoungPerson('2010-08-31', '2026-07-01'), today: TODAY,
      } }).then([{ type: 'NeedsAssessmentRequested', data: {
        reference: 'r', childId: 'c-1', cohort: cohortOf('2010-08-31'), requestedBy: 'young-person', receivedOn: '2026-07-01', caseworkerId: null, decisionDueBy: '2026-08-12',
      } }]));

    it('refuses a request made by a child for themselves before compulsory school age ends (Act s.36(1))', () =>
      given([]).when({ type: 'RecordNeedsAssessmentRequest', data: {
        reference: 'r', childId: 'c-1', cohort: cohortOf('2010-09-01'), requestedBy: 'young-person', receivedOn: '2026-07-01', caseworkerId: null,
        youngPersonOnReceipt: isYoungPerson('2010-09-01', '2026-07-01'), today: TODAY,
      } }).thenFails('NotAYoungPerson'));

    it('writes to the young person once compulsory school age has ended, whoever asked', () =>
      given([{ type: 'NeedsAssessmentRequested', data: {
        reference: 'r', childId: 'c-1', cohort: cohortOf('2010-08-31'), requestedBy: 'parent', receivedOn: '2026-06-01', caseworkerId: null, decisionDueBy: '2026-07-13',
      } }]).when(cmd('DecideToAssess', { on: '2026-07-01' })).then([
        { type: 'DecidedToAssess', data: { decidedOn: '2026-07-01', withinStatutoryTime: true } },
        { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-assess', recipient: 'young-person', sentOn: '2026-07-01', appealRights: false } },
      ]));

    it('refuses any other command on a case with no request', () =>
      given([]).when(cmd('DecideToAssess', { on: '2026-02-01' })).thenFails('NoRequestOnFile'));
  });

  describe('awaiting the decision whether to assess', () => {
    it('decides to assess on time, and writes to the family', () =>
      given([requested()]).when(cmd('DecideToAssess', { on: '2026-02-16' })).then([
        { type: 'DecidedToAssess', data: { decidedOn: '2026-02-16', withinStatutoryTime: true } },
        { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-assess', recipient: 'parent', sentOn: '2026-02-16', appealRights: false } },
      ]));

    it('records a late refusal as late, with a letter carrying appeal rights', () =>
      given([requested()]).when(cmd('RefuseAssessment', { on: '2026-02-17', reasonsDocumentId: 'doc-1' })).then([
        { type: 'DecidedNotToAssess', data: { decidedOn: '2026-02-17', withinStatutoryTime: false, reasonsDocumentId: 'doc-1' } },
        { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'refusal-to-assess', recipient: 'parent', sentOn: '2026-02-17', appealRights: true } },
      ]));

    it('writes to a young person who asked for themselves', () =>
      given([requested('2026-01-05', 'young-person')]).when(cmd('DecideToAssess', { on: '2026-02-16' })).then([
        { type: 'DecidedToAssess', data: { decidedOn: '2026-02-16', withinStatutoryTime: true } },
        { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-assess', recipient: 'young-person', sentOn: '2026-02-16', appealRights: false } },
      ]));

    it('refuses an effective date in the future', () =>
      given([requested()]).when(cmd('DecideToAssess', { on: '2026-11-27' })).thenFails('DateInFuture'));
    it('refuses an effective date before the request', () =>
      given([requested()]).when(cmd('DecideToAssess', { on: '2026-01-04' })).thenFails('DateBeforeRequest'));
    it('refuses advice before the decision to assess', () =>
      given([requested()]).when(cmd('RequestAdvice', { on: '2026-01-10', adviceType: 'educational', adviser: null })).thenFails('NotAssessing'));
    it('refuses a draft plan before the decision to assess', () =>
      given([requested()]).when(cmd('IssueDraftPlan', { on: '2026-01-10', namesSetting: false, planDocumentId: null })).thenFails('NotAssessing'));
    it('refuses a final plan before any draft', () =>
      given([requested()]).when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-01-10', namedSetting: school, planDocumentId: null })).thenFails('NoDraftPlan'));

    it('records an exception with the limits still running that its limb lifts (worked example 7)', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: '2026-04-06', closure: null, evidenceDocumentId: 'doc-e' })).then([
        { type: 'TimeLimitExceptionApplied', data: { exceptionId: 'exception-1', limb: 'exceptional-personal-circumstances', from: '2026-03-02', to: '2026-04-06', limitsLifted: ['decision-not-to-issue', 'final-plan'], closure: null, evidenceDocumentId: 'doc-e' } },
      ]));
    it('refuses an exception that ends before it starts', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-03-02', limb: 'absence-from-area', to: '2026-03-01', closure: null, evidenceDocumentId: 'doc-e' })).thenFails('ExceptionEndsBeforeItStarts'));
    it('refuses an exception with no end date, which would lift the limits for ever', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: null, closure: null, evidenceDocumentId: 'doc-e' })).thenFails('ExceptionNeedsDates'));
    it('refuses a closure exception without the closure dates', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-01-20', limb: 'school-closure', to: null, closure: null, evidenceDocumentId: 'doc-e' })).thenFails('ExceptionNeedsDates'));
    it('refuses an exception without evidence', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: '2026-04-06', closure: null, evidenceDocumentId: null })).thenFails('ExceptionNeedsEvidence'));
    it('refuses an absence shorter than 4 continuous weeks', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-03-02', limb: 'absence-from-area', to: '2026-03-29', closure: null, evidenceDocumentId: 'doc-e' })).thenFails('AbsenceShorterThanFourWeeks'));

    describe('worked example 5: request Mon 2026-07-27; school closed 07-23, reopens 09-03 (window 07-16 to 08-27)', () => {
      const summerRequest = requested('2026-07-27');
      const closure = { closedFrom: '2026-07-23', reopensOn: '2026-09-03' };
      it('head asked 08-03, inside the window: the limits stop binding until the school reopens', () =>
        given([summerRequest]).when(cmd('RecordException', { on: '2026-08-03', limb: 'school-closure', to: null, closure, evidenceDocumentId: 'doc-e' }, '2026-08-10')).then([
          { type: 'TimeLimitExceptionApplied', data: {
            exceptionId: 'exception-1', limb: 'school-closure', from: '2026-08-03', to: '2026-09-03', limitsLifted: ['decision-to-assess', 'decision-not-to-issue', 'final-plan'],
            closure: { ...closure, window: { opensOn: '2026-07-16', closesOn: '2026-08-27' } }, evidenceDocumentId: 'doc-e',
          } },
        ]));
      it('head asked 08-28, after the window: no exception', () =>
        given([summerRequest]).when(cmd('RecordException', { on: '2026-08-28', limb: 'school-closure', to: null, closure, evidenceDocumentId: 'doc-e' }, '2026-09-01')).thenFails('AdviceAskedAfterClosureWindow'));
    });

    it('worked example 6: head asked 07-13, before the window opens: no exception', () =>
      given([requested('2026-06-01')]).when(cmd('RecordException', { on: '2026-07-13', limb: 'school-closure', to: null, closure: { closedFrom: '2026-07-23', reopensOn: '2026-09-03' }, evidenceDocumentId: 'doc-e' }))
        .thenFails('AdviceAskedBeforeClosureWindow'));

    it('refuses an exception that begins after every limit it could lift has fallen due', () =>
      given([requested()]).when(cmd('RecordException', { on: '2026-06-01', limb: 'exceptional-personal-circumstances', to: '2026-07-01', closure: null, evidenceDocumentId: 'doc-e' }))
        .thenFails('NoRunningTimeLimitToLift'));
  });

  describe('after the decision whether to assess', () => {
    it('refuses a second decision', () =>
      given(assessing).when(cmd('RefuseAssessment', { on: '2026-02-12', reasonsDocumentId: null })).thenFails('DecisionAlreadyMade'));
    it('refuses advice once the assessment was refused', () =>
      given([requested(), { type: 'DecidedNotToAssess', data: { decidedOn: '2026-02-10', withinStatutoryTime: true, reasonsDocumentId: null } }])
        .when(cmd('RequestAdvice', { on: '2026-02-12', adviceType: 'medical', adviser: null })).thenFails('AssessmentRefused'));

    it('requests advice, due 6 weeks later (worked example 2)', () =>
      given(assessing).when(cmd('RequestAdvice', { on: '2026-02-16', adviceType: 'educational', adviser: 'EP service' })).then([
        { type: 'AdviceRequested', data: { adviceId: 'advice-1', adviceType: 'educational', adviser: 'EP service', requestedOn: '2026-02-16', dueBy: '2026-03-30' } },
      ]));
    it('refuses an advice request dated before the decision to assess', () =>
      given(assessing).when(cmd('RequestAdvice', { on: '2026-02-09', adviceType: 'educational', adviser: null })).thenFails('DateBeforeDecisionToAssess'));

    it('records advice that arrived late as late', () =>
      given([...assessing, adviceRequested()]).when(cmd('RecordAdvice', { on: '2026-03-31', adviceId: 'advice-1', adviceType: null })).then([
        { type: 'AdviceReceived', data: { adviceId: 'advice-1', receivedOn: '2026-03-31', withinStatutoryTime: false } },
      ]));
    it('finds the open request by advice type', () =>
      given([...assessing, adviceRequested()]).when(cmd('RecordAdvice', { on: '2026-03-30', adviceId: null, adviceType: 'educational' })).then([
        { type: 'AdviceReceived', data: { adviceId: 'advice-1', receivedOn: '2026-03-30', withinStatutoryTime: true } },
      ]));
    it('refuses advice that was never requested', () =>
      given(assessing).when(cmd('RecordAdvice', { on: '2026-03-30', adviceId: 'advice-9', adviceType: null })).thenFails('UnknownAdviceRequest'));
    it('refuses the same advice twice', () =>
      given([...assessing, adviceRequested(), { type: 'AdviceReceived', data: { adviceId: 'advice-1', receivedOn: '2026-03-01', withinStatutoryTime: true } }])
        .when(cmd('RecordAdvice', { on: '2026-03-02', adviceId: 'advice-1', adviceType: null })).thenFails('AdviceAlreadyReceived'));
    it('refuses to guess between two open requests of one type', () =>
      given([...assessing, adviceRequested('advice-1'), adviceRequested('advice-2')])
        .when(cmd('RecordAdvice', { on: '2026-03-02', adviceId: null, adviceType: 'educational' })).thenFails('AmbiguousAdviceRequest'));
    it('refuses advice dated before it was requested', () =>
      given([...assessing, adviceRequested()]).when(cmd('RecordAdvice', { on: '2026-02-15', adviceId: 'advice-1', adviceType: null })).thenFails('DateBeforeAdviceRequest'));

    it('decides not to issue a plan, appealably, within 16 weeks', () =>
      given(assessing).when(cmd('DecideNotToIssue', { on: '2026-04-27', reasonsDocumentId: null })).then([
        { type: 'DecidedNotToIssuePlan', data: { decidedOn: '2026-04-27', withinStatutoryTime: true, reasonsDocumentId: null } },
        { type: 'LetterSent', data: { letterId: 'letter-2', kind: 'decision-not-to-issue', recipient: 'parent', sentOn: '2026-04-27', appealRights: true } },
      ]));
    it('records a decision not to issue after 16 weeks as late', () =>
      given(assessing).when(cmd('DecideNotToIssue', { on: '2026-04-28', reasonsDocumentId: null })).then([
        { type: 'DecidedNotToIssuePlan', data: { decidedOn: '2026-04-28', withinStatutoryTime: false, reasonsDocumentId: null } },
        { type: 'LetterSent', data: { letterId: 'letter-2', kind: 'decision-not-to-issue', recipient: 'parent', sentOn: '2026-04-28', appealRights: true } },
      ]));

    it('serves a draft plan with the family\'s 15-day window (worked example 8)', () =>
      given(assessing).when(cmd('IssueDraftPlan', { on: '2026-04-17', namesSetting: false, planDocumentId: null })).then(draftIssued()));
    it('refuses a draft plan that names a setting', () =>
      given(assessing).when(cmd('IssueDraftPlan', { on: '2026-04-17', namesSetting: true, planDocumentId: null })).thenFails('DraftNamesSetting'));
  });

  describe('with a draft plan served', () => {
    it('refuses a decision not to issue once a draft is out', () =>
      given(withDraft).when(cmd('DecideNotToIssue', { on: '2026-04-20', reasonsDocumentId: null })).thenFails('DecisionAlreadyMade'));

    it('records the family\'s response, with a meeting and a preferred setting', () =>
      given(withDraft).when(cmd('RecordParentResponse', { on: '2026-05-01', meetingRequested: true, final: false, preferredSetting: school, representationsDocumentId: null })).then([
        { type: 'ParentResponseReceived', data: { receivedOn: '2026-05-01', meetingRequested: true, final: false, preferredSetting: school, withinRepresentationsWindow: true, representationsDocumentId: null } },
      ]));
    it('refuses a final response that also asks for a meeting', () =>
      given(withDraft).when(cmd('RecordParentResponse', { on: '2026-04-20', meetingRequested: true, final: true, preferredSetting: null, representationsDocumentId: null })).thenFails('FinalResponseRequestsMeeting'));
    it('holds the meeting the family asked for', () =>
      given([...withDraft, response({ meetingRequested: true })]).when(cmd('HoldDraftPlanMeeting', { on: '2026-04-28' })).then([
        { type: 'DraftPlanMeetingHeld', data: { draftNumber: 1, heldOn: '2026-04-28' } },
      ]));
    it('refuses to hold a meeting nobody asked for', () =>
      given(withDraft).when(cmd('HoldDraftPlanMeeting', { on: '2026-04-28' })).thenFails('NoMeetingRequested'));
    it('refuses a response dated before the draft was served', () =>
      given(withDraft).when(cmd('RecordParentResponse', { on: '2026-04-16', meetingRequested: false, final: false, preferredSetting: null, representationsDocumentId: null })).thenFails('DateBeforeDraftPlan'));

    it('consults a setting, with 15 days to answer (worked example 8: due Sat 05-02)', () =>
      given(withDraft).when(cmd('ConsultSetting', { on: '2026-04-17', setting: school })).then([
        { type: 'SettingConsulted', data: { consultationId: 'consultation-1', setting: school, sentOn: '2026-04-17', responseDueBy: '2026-05-02' } },
      ]));
    it('records the setting\'s answer by its URN', () =>
      given([...withDraft, { type: 'SettingConsulted', data: { consultationId: 'consultation-1', setting: school, sentOn: '2026-04-17', responseDueBy: '2026-05-02' } }])
        .when(cmd('RecordSettingResponse', { on: '2026-05-04', consultationId: null, settingUrn: '120345', canMeetNeeds: true })).then([
          { type: 'SettingConsultationResponded', data: { consultationId: 'consultation-1', respondedOn: '2026-05-04', canMeetNeeds: true, withinTime: false } },
        ]));
    it('refuses an answer from a setting that was not consulted', () =>
      given(withDraft).when(cmd('RecordSettingResponse', { on: '2026-05-01', consultationId: null, settingUrn: '999999', canMeetNeeds: true })).thenFails('UnknownConsultation'));
    it('refuses a second answer to one consultation', () =>
      given([...withDraft,
        { type: 'SettingConsulted', data: { consultationId: 'consultation-1', setting: school, sentOn: '2026-04-17', responseDueBy: '2026-05-02' } },
        { type: 'SettingConsultationResponded', data: { consultationId: 'consultation-1', respondedOn: '2026-04-20', canMeetNeeds: true, withinTime: true } }])
        .when(cmd('RecordSettingResponse', { on: '2026-04-21', consultationId: 'consultation-1', settingUrn: null, canMeetNeeds: false })).thenFails('ConsultationAlreadyAnswered'));

    it('refuses the final plan while the family may still make representations', () =>
      given(withDraft).when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-01', namedSetting: school, planDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('issues the final plan naming the setting, appealably, once the window has closed', () =>
      given(withDraft).when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-05', namedSetting: school, planDocumentId: 'doc-9' })).then([
        { type: 'FinalPlanIssued', data: { issuedOn: '2026-05-05', namedSetting: school, withinStatutoryTime: true, planDocumentId: 'doc-9' } },
        { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'final-plan', recipient: 'parent', sentOn: '2026-05-05', appealRights: true } },
      ]));
    it('refuses the final plan inside the 15 days although the family has responded (reg 13(1))', () =>
      given([...withDraft, response({ meetingRequested: false })])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-04-22', namedSetting: school, planDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('refuses the final plan on the last day of the 15 (served + 14)', () =>
      given([...withDraft, response({ meetingRequested: false })])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-01', namedSetting: school, planDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('issues the final plan from served + 15 (2026-05-02)', () =>
      given(withDraft).when(cmd('IssueFinalPlan', { earlyFinalisation: 'forbidden', on: '2026-05-02', namedSetting: school, planDocumentId: null })).then([
        { type: 'FinalPlanIssued', data: { issuedOn: '2026-05-02', namedSetting: school, withinStatutoryTime: true, planDocumentId: null } },
        { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'final-plan', recipient: 'parent', sentOn: '2026-05-02', appealRights: true } },
      ]));
    it('issues the final plan early on the family\'s final response where local policy allows', () =>
      given([...withDraft, response({ final: true })])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-04-22', namedSetting: school, planDocumentId: null })).then([
          { type: 'FinalPlanIssued', data: { issuedOn: '2026-04-22', namedSetting: school, withinStatutoryTime: true, planDocumentId: null } },
          { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'final-plan', recipient: 'parent', sentOn: '2026-04-22', appealRights: true } },
        ]));
    it('refuses early finalisation on a final response where local policy forbids it', () =>
      given([...withDraft, response({ final: true })])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'forbidden', on: '2026-04-22', namedSetting: school, planDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('refuses the final plan while the meeting the family asked for has not been held, even after the 15 days', () =>
      given([...withDraft, response({ meetingRequested: true })])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-20', namedSetting: school, planDocumentId: null })).thenFails('RequestedMeetingNotHeld'));
    it('issues the final plan once the requested meeting was held and the 15 days have run', () =>
      given([...withDraft, response({ meetingRequested: true }), { type: 'DraftPlanMeetingHeld', data: { draftNumber: 1, heldOn: '2026-04-28' } }])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-05', namedSetting: school, planDocumentId: null })).then([
          { type: 'FinalPlanIssued', data: { issuedOn: '2026-05-05', namedSetting: school, withinStatutoryTime: true, planDocumentId: null } },
          { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'final-plan', recipient: 'parent', sentOn: '2026-05-05', appealRights: true } },
        ]));
    it('a response recorded before the family could say it was final counts as not final', () =>
      given([...withDraft, { type: 'ParentResponseReceived', data: { receivedOn: '2026-04-20', meetingRequested: false, preferredSetting: school, withinRepresentationsWindow: true, representationsDocumentId: null } }])
        .when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-04-22', namedSetting: school, planDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('records a final plan after 20 weeks as late (worked example 1: due 2026-05-25)', () =>
      given(withDraft).when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-26', namedSetting: school, planDocumentId: null })).then([
        { type: 'FinalPlanIssued', data: { issuedOn: '2026-05-26', namedSetting: school, withinStatutoryTime: false, planDocumentId: null } },
        { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'final-plan', recipient: 'parent', sentOn: '2026-05-26', appealRights: true } },
      ]));
    it('serves a second draft, opening a new window', () =>
      given(withDraft).when(cmd('IssueDraftPlan', { on: '2026-04-24', namesSetting: false, planDocumentId: null })).then([
        { type: 'DraftPlanIssued', data: { draftNumber: 2, servedOn: '2026-04-24', representationsEndOn: '2026-05-08', planDocumentId: null } },
        { type: 'LetterSent', data: { letterId: 'letter-3', kind: 'draft-plan', recipient: 'parent', sentOn: '2026-04-24', appealRights: false } },
      ]));
  });

  describe('once the final plan is issued', () => {
    const issued: Event[] = [...withDraft, { type: 'FinalPlanIssued', data: { issuedOn: '2026-05-05', namedSetting: school, withinStatutoryTime: true, planDocumentId: null } }];
    it('refuses a second final plan', () =>
      given(issued).when(cmd('IssueFinalPlan', { earlyFinalisation: 'allowed', on: '2026-05-06', namedSetting: school, planDocumentId: null })).thenFails('PlanAlreadyIssued'));
    it('refuses a withdrawal', () =>
      given(issued).when(cmd('Withdraw', { on: '2026-05-06', reasonDocumentId: null })).thenFails('PlanAlreadyIssued'));
    it('still takes a Valuing SEND profile at plan', () =>
      given(issued).when(cmd('RecordNeedsProfile', { on: '2026-05-05', context: 'plan', needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 2] })).then([
        { type: 'NeedsProfileRecorded', data: { profileId: 'profile-1', ratedOn: '2026-05-05', context: 'plan', needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 2] } },
      ]));
  });

  describe('withdrawal, closure, reassignment and notes', () => {
    it('withdraws an open request, with the reason the family gave kept outside the event', () =>
      given(assessing).when(cmd('Withdraw', { on: '2026-03-01', reasonDocumentId: 'doc-w' })).then([{ type: 'RequestWithdrawn', data: { withdrawnOn: '2026-03-01', reasonDocumentId: 'doc-w' } }]));
    it('closes a case when the child moves to another authority', () =>
      given(assessing).when(cmd('Close', { on: '2026-03-01', reason: 'moved-to-another-authority' })).then([{ type: 'CaseClosed', data: { closedOn: '2026-03-01', reason: 'moved-to-another-authority' } }]));
    it('refuses anything on a closed case', () =>
      given([...assessing, { type: 'CaseClosed', data: { closedOn: '2026-03-01', reason: 'died' } }])
        .when(cmd('AddNote', { on: '2026-03-02', noteId: 'n-1' })).thenFails('CaseClosed'));
    it('refuses anything on a withdrawn request', () =>
      given([...assessing, { type: 'RequestWithdrawn', data: { withdrawnOn: '2026-03-01' } }])
        .when(cmd('RequestAdvice', { on: '2026-03-02', adviceType: 'medical', adviser: null })).thenFails('CaseClosed'));
    it('reassigns the caseworker', () =>
      given(assessing).when(cmd('Reassign', { on: '2026-03-01', caseworkerId: 'cw-2' })).then([{ type: 'CaseworkerReassigned', data: { caseworkerId: 'cw-2', from: 'cw-1', reassignedOn: '2026-03-01' } }]));
    it('does nothing when reassigning to the same caseworker', () =>
      given(assessing).when(cmd('Reassign', { on: '2026-03-01', caseworkerId: 'cw-1' })).thenNothingHappened());
    it('adds a case note', () =>
      given(assessing).when(cmd('AddNote', { on: '2026-03-01', noteId: 'n-1' })).then([{ type: 'CaseNoteAdded', data: { noteId: 'n-1', notedOn: '2026-03-01' } }]));
  });
});
