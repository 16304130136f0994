import { deciderSpec } from '@ehc/testing';
import { operationalTarget } from '@ehc/domain-kernel';
import { annualReviewDecider, planStream, type Cohort, type Command, type Event, type Setting } from './annual-review';

// Worked example 9 of the domain reference runs through most groups: plan made 2025-05-20, review
// meeting Thu 2026-05-14, amendment notice Mon 2026-06-08.
const given = deciderSpec(annualReviewDecider);
const TODAY = '2027-06-30';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;
const cmd = <T extends Command['type']>(type: T, data: Omit<Cmd<T>['data'], 'today'>, today = TODAY): Command =>
  ({ type, data: { ...data, today } }) as unknown as Command;

const school: Setting = { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream', phase: 'primary' };
const secondary: Setting = { urn: '137001', name: 'Witham Academy', type: 'mainstream', phase: 'secondary' };
const special: Setting = { urn: '120999', name: 'St Francis School', type: 'special', phase: 'all-through' };
const eotas: Setting = { urn: null, name: 'Education otherwise than at school', type: 'otherwise-than-at-school', phase: 'not-applicable' };
/** Year 4 in 2025/26. */
const YEAR_4: Cohort = { receptionYear: 2021, yearGroupOffset: 0 };

type Entered = Extract<Event, { type: 'PlanEntered' }>['data'];
const entered = (over: Partial<Entered> = {}): Event => ({
  type: 'PlanEntered',
  data: {
    source: { kind: 'needs-assessment', caseId: 'ehcna-1' }, childId: 'c-1', cohort: YEAR_4, planIssuedOn: '2025-05-20', lastReviewedOn: null,
    namedSetting: school, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', reviewDueBy: '2026-05-19', suggestedReviews: [], ...over,
  },
});
const letter = (n: number, kind: Extract<Event, { type: 'LetterSent' }>['data']['kind'], sentOn: string, appealRights: boolean, recipient: 'parent' | 'young-person' = 'parent'): Event =>
  ({ type: 'LetterSent', data: { letterId: `letter-${n}`, kind, recipient, sentOn, appealRights } });

const scheduled = (invitationsSentOn = '2026-04-30', meetingOn = '2026-05-14', reviewId = 'review-1', reviewDueBy = '2026-05-19'): Event => ({
  type: 'AnnualReviewScheduled', data: { reviewId, invitationsSentOn, meetingOn, noticeLatestBy: '2026-04-30', withinStatutoryTime: true, reviewDueBy },
});
const held = (heldOn = '2026-05-14', reviewId = 'review-1'): Event => ({
  type: 'AnnualReviewMeetingHeld', data: { reviewId, heldOn, reportDueBy: '2026-05-28', decisionDueBy: '2026-06-11', preparationForAdulthood: false },
});
const decided = (outcome: 'maintain' | 'amend' | 'cease', decidedOn = '2026-06-08'): Event => ({
  type: 'ReviewDecisionMade', data: {
    reviewId: 'review-1', outcome, decidedOn, withinStatutoryTime: true, reviewDueBy: '2026-05-19', reviewWithinTwelveMonths: false,
    nextReviewDueBy: '2027-06-07', suggestedReviews: [], reasonsDocumentId: null,
  },
});
const noticeServed: Event = {
  type: 'AmendmentNoticeIssued', data: {
    amendmentId: 'amendment-1', reviewId: 'review-1', servedOn: '2026-06-08', representationsEndOn: '2026-06-22', amendedPlanDueBy: '2026-08-03', proposedChangesDocumentId: 'doc-pc',
  },
};
const representations = (receivedOn = '2026-06-15', said: { meetingRequested?: boolean; final?: boolean } = {}): Event => ({
  type: 'AmendmentRepresentationsReceived', data: {
    amendmentId: 'amendment-1', receivedOn, withinRepresentationsWindow: true, meetingRequested: said.meetingRequested ?? false, final: said.final ?? false,
    preferredSetting: null, representationsDocumentId: null,
  },
});

const plan = [entered()];
const meetingScheduled = [...plan, scheduled()];
const meetingHeld = [...meetingScheduled, held()];
const amending = [...meetingHeld, decided('amend'), letter(1, 'decision-to-amend', '2026-06-08', false)];
const noticeIssued = [...amending, noticeServed, letter(2, 'amendment-notice', '2026-06-08', false)];

const considered = (consideredOn = '2026-05-20', reason: 'no-longer-necessary' | 'max-age' = 'no-longer-necessary'): Event =>
  ({ type: 'CeaseConsidered', data: { reason, consideredOn, settingConsulted: school, reasonsDocumentId: null } });
const ceaseDecided = (decidedOn = '2026-10-26', appealWindowEndsOn = '2027-01-04'): Event =>
  ({ type: 'CeaseDecisionMade', data: { reason: 'no-longer-necessary', decidedOn, appealWindowEndsOn, reasonsDocumentId: null } });
const ceaseConsidered = [...plan, considered('2026-10-01'), letter(1, 'cease-considered', '2026-10-01', false)];
const ceaseDecidedPlan = [...ceaseConsidered, ceaseDecided(), letter(2, 'cease-decision', '2026-10-26', true)];
const appealed = [...ceaseDecidedPlan, { type: 'CeaseAppealRegistered', data: { registeredOn: '2026-12-20', withinAppealWindow: true } } as Event];
const ceased: Event[] = [...ceaseDecidedPlan, { type: 'PlanCeased', data: { ceasedOn: '2027-01-05', reason: 'no-longer-necessary', appeal: 'none' } }];
const closed: Event[] = [...plan, { type: 'PlanClosed', data: { closedOn: '2026-03-01', reason: 'died' } }];

describe('annual review of an EHC plan', () => {
  it('keeps each plan in its own stream, category without a hyphen', () => expect(planStream('6f1c')).toBe('annualReview-6f1c'));

  describe('entering the review cycle', () => {
    const enter = (over: Partial<Cmd<'EnterPlan'>['data']> = {}): Command => ({
      type: 'EnterPlan',
      data: {
        source: { kind: 'needs-assessment', caseId: 'ehcna-1' }, childId: 'c-1', cohort: YEAR_4, planIssuedOn: '2025-05-20', lastReviewedOn: null,
        namedSetting: school, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', today: TODAY, ...over,
      },
    });

    it('enters a final plan from the needs assessment, due review within 12 months starting with the day it was made (worked example 9)', () =>
      given([]).when(enter()).then([entered()]));

    it('enters an imported plan, due review 12 months starting with its last review', () =>
      given([]).when(enter({ source: { kind: 'import', reference: 'LEGACY-0042' }, planIssuedOn: '2019-03-04', lastReviewedOn: '2025-11-20' })).then([
        entered({ source: { kind: 'import', reference: 'LEGACY-0042' }, planIssuedOn: '2019-03-04', lastReviewedOn: '2025-11-20', reviewDueBy: '2026-11-19' }),
      ]));

    it('enters an imported plan never reviewed, due from the day it was made', () =>
      given([]).when(enter({ source: { kind: 'import', reference: 'LEGACY-0043' } })).then([entered({ source: { kind: 'import', reference: 'LEGACY-0043' } })]));

    // CoP 9.178: prompts every 3-6 months while the child may be under 5; s.44 stays the backstop
    it.each([
      ['worked example 10: in nursery, turns 5 in 2026/27', 2026, '2026-01-12', '2027-01-11', ['2026-04-12', '2026-07-12']],
      ['turns 5 in 2025/26: both prompts before 31 Aug 2026', 2025, '2026-01-12', '2027-01-11', ['2026-04-12', '2026-07-12']],
      ['turns 5 in 2025/26: the 6-month prompt falls after the cohort is 5', 2025, '2026-04-15', '2027-04-14', ['2026-07-15']],
      ['already 5: no prompts', 2024, '2026-01-12', '2027-01-11', []],
    ])('%s', (_, receptionYear, planIssuedOn, reviewDueBy, suggestedReviews) => {
      const cohort = { receptionYear: receptionYear as number, yearGroupOffset: 0 };
      given([]).when(enter({ cohort, planIssuedOn: planIssuedOn as string })).then([
        entered({ cohort, planIssuedOn: planIssuedOn as string, reviewDueBy: reviewDueBy as string, suggestedReviews: suggestedReviews as string[] }),
      ]);
    });

    it('worked example 10: the prompts fall on Sundays, so the targets are the Fridays before', () => {
      expect(operationalTarget('2026-04-12')).toBe('2026-04-10');
      expect(operationalTarget('2026-07-12')).toBe('2026-07-10');
    });

    it('refuses a plan made after today', () => given([]).when(enter({ planIssuedOn: '2027-07-01' })).thenFails('DateInFuture'));
    it('refuses a last review after today', () => given([]).when(enter({ lastReviewedOn: '2027-07-01' })).thenFails('DateInFuture'));
    it('refuses a last review before the plan was made', () => given([]).when(enter({ lastReviewedOn: '2025-05-19' })).thenFails('DateBeforePlanMade'));
    it.each([
      ['not yet born', 2031],
      ['past the end of the academic year of their 25th birthday (s.46)', 2000],
    ])('refuses a cohort %s on the plan date', (_, receptionYear) =>
      given([]).when(enter({ cohort: { receptionYear, yearGroupOffset: 0 } })).thenFails('NotOfPlanAge'));
    it('refuses a second entry of the same plan', () => given(plan).when(enter()).thenFails('PlanAlreadyEntered'));
    it('refuses any other command on a plan not entered', () =>
      given([]).when(cmd('ScheduleMeeting', { on: '2026-04-30', meetingOn: '2026-05-14' })).thenFails('NoPlanOnFile'));
  });

  describe('every command on an entered plan', () => {
    it('refuses an effective date in the future', () =>
      given(plan).when(cmd('AddNote', { on: '2027-07-01', noteId: 'n-1' })).thenFails('DateInFuture'));
    it('refuses an effective date before the plan was made', () =>
      given(plan).when(cmd('ScheduleMeeting', { on: '2025-05-19', meetingOn: '2025-06-10' })).thenFails('DateBeforePlanMade'));
    it('refuses anything once the plan has ceased', () =>
      given(ceased).when(cmd('ScheduleMeeting', { on: '2027-01-10', meetingOn: '2027-02-01' })).thenFails('PlanCeased'));
    it('refuses anything once the plan is closed', () =>
      given(closed).when(cmd('AddNote', { on: '2026-03-02', noteId: 'n-1' })).thenFails('PlanClosed'));
  });

  describe('scheduling the review meeting', () => {
    it('invites two weeks ahead (reg 20), against the review date', () =>
      given(plan).when(cmd('ScheduleMeeting', { on: '2026-04-30', meetingOn: '2026-05-14' })).then([scheduled()]));
    it('records short notice as short rather than refusing it', () =>
      given(plan).when(cmd('ScheduleMeeting', { on: '2026-05-01', meetingOn: '2026-05-14' })).then([
        { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-05-01', meetingOn: '2026-05-14', noticeLatestBy: '2026-04-30', withinStatutoryTime: false, reviewDueBy: '2026-05-19' } },
      ]));
    it('moves a meeting not yet held, keeping the review', () =>
      given(meetingScheduled).when(cmd('ScheduleMeeting', { on: '2026-05-05', meetingOn: '2026-05-21' })).then([
        { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-05-05', meetingOn: '2026-05-21', noticeLatestBy: '2026-05-07', withinStatutoryTime: true, reviewDueBy: '2026-05-19' } },
      ]));
    it('starts the next review once the last was decided, against the new review date', () =>
      given([...meetingHeld, decided('maintain'), letter(1, 'decision-to-maintain', '2026-06-08', true)])
        .when(cmd('ScheduleMeeting', { on: '2027-04-20', meetingOn: '2027-05-06' })).then([
          { type: 'AnnualReviewScheduled', data: { reviewId: 'review-2', invitationsSentOn: '2027-04-20', meetingOn: '2027-05-06', noticeLatestBy: '2027-04-22', withinStatutoryTime: true, reviewDueBy: '2027-06-07' } },
        ]));
    it('refuses a new meeting while a held review is undecided', () =>
      given(meetingHeld).when(cmd('ScheduleMeeting', { on: '2026-05-20', meetingOn: '2026-06-10' })).thenFails('ReviewAlreadyInProgress'));
    it('refuses a new meeting while the review\'s amendment is open', () =>
      given(noticeIssued).when(cmd('ScheduleMeeting', { on: '2026-06-10', meetingOn: '2026-06-30' })).thenFails('ReviewAlreadyInProgress'));
    it('refuses a meeting dated before its invitations', () =>
      given(plan).when(cmd('ScheduleMeeting', { on: '2026-04-30', meetingOn: '2026-04-29' })).thenFails('MeetingBeforeInvitations'));
  });

  describe('holding the review meeting', () => {
    it('holds it: report due in 2 weeks, decision in 4 (worked example 9: 05-28 and 06-11)', () =>
      given(meetingScheduled).when(cmd('HoldMeeting', { on: '2026-05-14' })).then([held()]));
    it('covers preparing for adulthood from Year 9 (CoP 9.166)', () =>
      given([entered({ cohort: { receptionYear: 2016, yearGroupOffset: 0 } }), scheduled()]).when(cmd('HoldMeeting', { on: '2026-05-14' })).then([
        { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-05-14', reportDueBy: '2026-05-28', decisionDueBy: '2026-06-11', preparationForAdulthood: true } },
      ]));
    it('counts a child taught a year below their age group by their year group', () =>
      given([entered({ cohort: { receptionYear: 2016, yearGroupOffset: -1 } }), scheduled()]).when(cmd('HoldMeeting', { on: '2026-05-14' })).then([
        { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-05-14', reportDueBy: '2026-05-28', decisionDueBy: '2026-06-11', preparationForAdulthood: false } },
      ]));
    it('refuses a meeting that was never scheduled', () => given(plan).when(cmd('HoldMeeting', { on: '2026-05-14' })).thenFails('NoMeetingScheduled'));
    it('refuses holding the same meeting twice', () => given(meetingHeld).when(cmd('HoldMeeting', { on: '2026-05-15' })).thenFails('MeetingAlreadyHeld'));
    it('refuses a meeting held before the invitations went out', () =>
      given(meetingScheduled).when(cmd('HoldMeeting', { on: '2026-04-29' })).thenFails('DateBeforeInvitations'));
  });

  describe('receiving the review report', () => {
    it.each([
      ['2026-05-28', true],
      ['2026-05-29', false],
    ])('a report received %s is on time: %s (due meeting + 2 weeks)', (on, withinStatutoryTime) =>
      given(meetingHeld).when(cmd('ReceiveReport', { on, reportDocumentId: 'doc-r' })).then([
        { type: 'ReviewReportReceived', data: { reviewId: 'review-1', receivedOn: on, withinStatutoryTime, reportDocumentId: 'doc-r' } },
      ]));
    it('refuses a report before the meeting is held', () =>
      given(meetingScheduled).when(cmd('ReceiveReport', { on: '2026-05-20', reportDocumentId: null })).thenFails('NoMeetingHeld'));
    it('refuses a second report', () =>
      given([...meetingHeld, { type: 'ReviewReportReceived', data: { reviewId: 'review-1', receivedOn: '2026-05-20', withinStatutoryTime: true, reportDocumentId: null } }])
        .when(cmd('ReceiveReport', { on: '2026-05-21', reportDocumentId: null })).thenFails('ReportAlreadyReceived'));
    it('refuses a report dated before the meeting', () =>
      given(meetingHeld).when(cmd('ReceiveReport', { on: '2026-05-13', reportDocumentId: null })).thenFails('DateBeforeMeeting'));
  });

  describe('the LA\'s review decision', () => {
    it('decides to maintain, appealably (s.51), the next review due 12 months from the decision', () =>
      given(meetingHeld).when(cmd('Decide', { on: '2026-06-08', outcome: 'maintain', reasonsDocumentId: null })).then([
        decided('maintain'), letter(1, 'decision-to-maintain', '2026-06-08', true),
      ]));
    it('decides to amend; the amended plan, not this letter, carries appeal rights', () =>
      given(meetingHeld).when(cmd('Decide', { on: '2026-06-08', outcome: 'amend', reasonsDocumentId: null })).then([
        decided('amend'), letter(1, 'decision-to-amend', '2026-06-08', false),
      ]));

    // worked example 9: meeting 05-14, decision due 06-11; the review itself was due 05-19
    it.each([
      ['review-decision', '2026-06-11', true, false, '2027-06-10'],
      ['review-decision', '2026-06-12', false, false, '2027-06-11'],
      ['meeting', '2026-06-11', true, true, '2027-05-13'],
    ])('anchored on the %s, a decision on %s is within 4 weeks: %s; the review within 12 months: %s; next due %s', (anchor, on, withinStatutoryTime, reviewWithinTwelveMonths, nextReviewDueBy) =>
      given([entered({ reviewAnchor: anchor as 'meeting' | 'review-decision' }), scheduled(), held()])
        .when(cmd('Decide', { on: on as string, outcome: 'maintain', reasonsDocumentId: 'doc-d' })).then([
          { type: 'ReviewDecisionMade', data: {
            reviewId: 'review-1', outcome: 'maintain', decidedOn: on as string, withinStatutoryTime: withinStatutoryTime as boolean, reviewDueBy: '2026-05-19',
            reviewWithinTwelveMonths: reviewWithinTwelveMonths as boolean, nextReviewDueBy: nextReviewDueBy as string, suggestedReviews: [], reasonsDocumentId: 'doc-d',
          } },
          letter(1, 'decision-to-maintain', on as string, true),
        ]));

    it('a review of an under-5 plan renews the prompts from the new anchor (worked example 10)', () =>
      given([
        entered({ cohort: { receptionYear: 2026, yearGroupOffset: 0 }, planIssuedOn: '2026-01-12', reviewDueBy: '2027-01-11', suggestedReviews: ['2026-04-12', '2026-07-12'] }),
        scheduled('2026-03-27', '2026-04-10', 'review-1', '2027-01-11'), held('2026-04-10'),
      ]).when(cmd('Decide', { on: '2026-04-20', outcome: 'maintain', reasonsDocumentId: null })).then([
        { type: 'ReviewDecisionMade', data: {
          reviewId: 'review-1', outcome: 'maintain', decidedOn: '2026-04-20', withinStatutoryTime: true, reviewDueBy: '2027-01-11',
          reviewWithinTwelveMonths: true, nextReviewDueBy: '2027-04-19', suggestedReviews: ['2026-07-20', '2026-10-20'], reasonsDocumentId: null,
        } },
        letter(1, 'decision-to-maintain', '2026-04-20', true),
      ]));

    it('decides to cease after consultation: one decision, one appealable letter, the window to the appeal deadline', () =>
      given([...meetingHeld, considered(), letter(1, 'cease-considered', '2026-05-20', false)])
        .when(cmd('Decide', { on: '2026-06-11', outcome: 'cease', reasonsDocumentId: 'doc-c' })).then([
          { type: 'ReviewDecisionMade', data: {
            reviewId: 'review-1', outcome: 'cease', decidedOn: '2026-06-11', withinStatutoryTime: true, reviewDueBy: '2026-05-19',
            reviewWithinTwelveMonths: false, nextReviewDueBy: '2027-06-10', suggestedReviews: [], reasonsDocumentId: 'doc-c',
          } },
          // letter + 2 months is 08-11, in August: TR r.12(3) moves it to Tue 09-01
          { type: 'CeaseDecisionMade', data: { reason: 'no-longer-necessary', decidedOn: '2026-06-11', appealWindowEndsOn: '2026-09-01', reasonsDocumentId: 'doc-c' } },
          letter(2, 'cease-decision', '2026-06-11', true),
        ]));
    it('a decision to maintain ends a cease under consideration', () =>
      given([...meetingHeld, considered(), letter(1, 'cease-considered', '2026-05-20', false)])
        .when(cmd('Decide', { on: '2026-06-08', outcome: 'maintain', reasonsDocumentId: null })).then([
          decided('maintain'), { type: 'DecidedNotToCease', data: { decidedOn: '2026-06-08' } }, letter(2, 'decision-to-maintain', '2026-06-08', true),
        ]));

    it('refuses a decision before the meeting is held', () =>
      given(meetingScheduled).when(cmd('Decide', { on: '2026-05-20', outcome: 'maintain', reasonsDocumentId: null })).thenFails('NoMeetingHeld'));
    it('refuses a second decision', () =>
      given(amending).when(cmd('Decide', { on: '2026-06-09', outcome: 'maintain', reasonsDocumentId: null })).thenFails('DecisionAlreadyMade'));
    it('refuses to cease without first consulting (reg 31(1))', () =>
      given(meetingHeld).when(cmd('Decide', { on: '2026-06-08', outcome: 'cease', reasonsDocumentId: null })).thenFails('CeaseNotConsidered'));
    it('refuses to cease twice', () =>
      given([...ceaseDecidedPlan, scheduled('2026-11-01', '2026-11-16', 'review-1', '2026-05-19'), held('2026-11-16')])
        .when(cmd('Decide', { on: '2026-11-20', outcome: 'cease', reasonsDocumentId: null })).thenFails('CeaseAlreadyDecided'));
    it('refuses a decision dated before the meeting', () =>
      given(meetingHeld).when(cmd('Decide', { on: '2026-05-13', outcome: 'maintain', reasonsDocumentId: null })).thenFails('DateBeforeMeeting'));
    it('refuses a cease decision dated before the cease was considered', () =>
      given([...meetingHeld, considered('2026-05-20'), letter(1, 'cease-considered', '2026-05-20', false)])
        .when(cmd('Decide', { on: '2026-05-19', outcome: 'cease', reasonsDocumentId: null })).thenFails('DateBeforeCeaseConsidered'));
  });

  describe('the amendment notice', () => {
    it('serves the proposed changes: representations until notice + 14, amended plan by notice + 8 weeks (worked example 9: 06-22, 08-03)', () =>
      given(amending).when(cmd('IssueAmendmentNotice', { on: '2026-06-08', proposedChangesDocumentId: 'doc-pc' })).then([
        noticeServed, letter(2, 'amendment-notice', '2026-06-08', false),
      ]));
    it('refuses a notice without a decision to amend', () =>
      given(meetingHeld).when(cmd('IssueAmendmentNotice', { on: '2026-06-08', proposedChangesDocumentId: null })).thenFails('NoDecisionToAmend'));
    it('refuses a notice after a decision to maintain', () =>
      given([...meetingHeld, decided('maintain'), letter(1, 'decision-to-maintain', '2026-06-08', true)])
        .when(cmd('IssueAmendmentNotice', { on: '2026-06-09', proposedChangesDocumentId: null })).thenFails('NoDecisionToAmend'));
    it('refuses a second notice', () =>
      given(noticeIssued).when(cmd('IssueAmendmentNotice', { on: '2026-06-09', proposedChangesDocumentId: null })).thenFails('AmendmentNoticeAlreadyIssued'));
    it('refuses a notice dated before the decision', () =>
      given(amending).when(cmd('IssueAmendmentNotice', { on: '2026-06-07', proposedChangesDocumentId: null })).thenFails('DateBeforeReviewDecision'));
  });

  describe('the family\'s representations', () => {
    it.each([
      ['2026-06-22', true],
      ['2026-06-23', false],
    ])('representations on %s are within the 15 days: %s', (on, withinRepresentationsWindow) =>
      given(noticeIssued).when(cmd('RecordRepresentations', { on, meetingRequested: true, final: false, preferredSetting: secondary, representationsDocumentId: 'doc-rep' })).then([
        { type: 'AmendmentRepresentationsReceived', data: { amendmentId: 'amendment-1', receivedOn: on, withinRepresentationsWindow, meetingRequested: true, final: false, preferredSetting: secondary, representationsDocumentId: 'doc-rep' } },
      ]));
    it('refuses representations with no notice served', () =>
      given(amending).when(cmd('RecordRepresentations', { on: '2026-06-10', meetingRequested: false, final: false, preferredSetting: null, representationsDocumentId: null })).thenFails('NoAmendmentNotice'));
    it('refuses representations dated before the notice', () =>
      given(noticeIssued).when(cmd('RecordRepresentations', { on: '2026-06-07', meetingRequested: false, final: false, preferredSetting: null, representationsDocumentId: null })).thenFails('DateBeforeAmendmentNotice'));
  });

  describe('finishing the amendment', () => {
    const amended = (issuedOn: string, withinStatutoryTime: boolean, namedSetting: Setting = school, phaseTransfer: Extract<Event, { type: 'AmendedPlanIssued' }>['data']['phaseTransfer'] = null): Event =>
      ({ type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn, withinStatutoryTime, namedSetting, phaseTransfer, planDocumentId: 'doc-p', post16Transfer: null } });

    it.each([
      ['2026-06-23', true],
      ['2026-08-03', true],
      ['2026-08-04', false],
    ])('an amended plan issued %s is within 8 weeks of the notice: %s, with appeal rights on B, F and I', (on, withinStatutoryTime) =>
      given(noticeIssued).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on, namedSetting: school, phaseTransfer: null, planDocumentId: 'doc-p' })).then([
        amended(on, withinStatutoryTime), letter(3, 'amended-plan', on, true),
      ]));
    it('refuses to finish inside the 15 days although the family has responded (reg 22(2))', () =>
      given([...noticeIssued, representations()]).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-06-16', namedSetting: school, phaseTransfer: null, planDocumentId: 'doc-p' }))
        .thenFails('RepresentationsWindowOpen'));
    it('issues early on the family\'s final response where local policy allows', () =>
      given([...noticeIssued, representations('2026-06-15', { final: true })]).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-06-16', namedSetting: school, phaseTransfer: null, planDocumentId: 'doc-p' })).then([
        amended('2026-06-16', true), letter(3, 'amended-plan', '2026-06-16', true),
      ]));
    it('refuses early finalisation on a final response where local policy forbids it', () =>
      given([...noticeIssued, representations('2026-06-15', { final: true })]).when(cmd('DecideNotToAmend', { earlyFinalisation: 'forbidden', on: '2026-06-16', reasonsDocumentId: null }))
        .thenFails('RepresentationsWindowOpen'));
    it('refuses a final response that also asks for a meeting', () =>
      given(noticeIssued).when(cmd('RecordRepresentations', { on: '2026-06-15', meetingRequested: true, final: true, preferredSetting: null, representationsDocumentId: null }))
        .thenFails('FinalResponseRequestsMeeting'));
    it('refuses to finish while the meeting the family asked for has not been held, however late', () =>
      given([...noticeIssued, representations('2026-06-15', { meetingRequested: true })]).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-07-20', namedSetting: school, phaseTransfer: null, planDocumentId: 'doc-p' }))
        .thenFails('RequestedMeetingNotHeld'));
    it('holds the meeting the family asked for, then finishes', () => {
      given([...noticeIssued, representations('2026-06-15', { meetingRequested: true })]).when(cmd('HoldAmendmentMeeting', { on: '2026-06-25' })).then([
        { type: 'AmendmentMeetingHeld', data: { amendmentId: 'amendment-1', heldOn: '2026-06-25' } },
      ]);
      given([...noticeIssued, representations('2026-06-15', { meetingRequested: true }), { type: 'AmendmentMeetingHeld', data: { amendmentId: 'amendment-1', heldOn: '2026-06-25' } }])
        .when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-07-01', namedSetting: school, phaseTransfer: null, planDocumentId: 'doc-p' })).then([
          amended('2026-07-01', true), letter(3, 'amended-plan', '2026-07-01', true),
        ]);
    });
    it('refuses to hold a meeting nobody asked for', () =>
      given(noticeIssued).when(cmd('HoldAmendmentMeeting', { on: '2026-06-25' })).thenFails('NoMeetingRequested'));
    it('ends the review: the amended plan\'s named setting is the one consulted from then on', () =>
      given([...noticeIssued, amended('2026-07-01', true, special), letter(3, 'amended-plan', '2026-07-01', true)])
        .when(cmd('ProposeCease', { on: '2026-07-02', reason: 'no-longer-necessary', reasonsDocumentId: null })).then([
          { type: 'CeaseConsidered', data: { reason: 'no-longer-necessary', consideredOn: '2026-07-02', settingConsulted: special, reasonsDocumentId: null } },
          letter(4, 'cease-considered', '2026-07-02', false),
        ]));
    it('refuses the amended plan while the family may still make representations (reg 22(2))', () =>
      given(noticeIssued).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-06-22', namedSetting: school, phaseTransfer: null, planDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('refuses an amended plan with no notice served', () =>
      given(amending).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-06-23', namedSetting: school, phaseTransfer: null, planDocumentId: null })).thenFails('NoAmendmentNotice'));
    it('refuses an amended plan dated before the notice', () =>
      given([...noticeIssued, representations()]).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-06-07', namedSetting: school, phaseTransfer: null, planDocumentId: null })).thenFails('DateBeforeAmendmentNotice'));

    it.each([
      ['2026-06-23', true],
      ['2026-08-04', false],
    ])('decides not to amend on %s (within 8 weeks: %s), appealably', (on, withinStatutoryTime) =>
      given(noticeIssued).when(cmd('DecideNotToAmend', { earlyFinalisation: 'allowed', on, reasonsDocumentId: 'doc-n' })).then([
        { type: 'DecidedNotToAmend', data: { amendmentId: 'amendment-1', decidedOn: on, withinStatutoryTime, reasonsDocumentId: 'doc-n' } },
        letter(3, 'decision-not-to-amend', on, true),
      ]));
    it('refuses a decision not to amend while the family may still make representations', () =>
      given(noticeIssued).when(cmd('DecideNotToAmend', { earlyFinalisation: 'allowed', on: '2026-06-20', reasonsDocumentId: null })).thenFails('RepresentationsWindowOpen'));
    it('refuses a decision not to amend with no notice served', () =>
      given(amending).when(cmd('DecideNotToAmend', { earlyFinalisation: 'allowed', on: '2026-06-23', reasonsDocumentId: null })).thenFails('NoAmendmentNotice'));
    it('refuses a decision not to amend dated before the notice', () =>
      given([...noticeIssued, representations()]).when(cmd('DecideNotToAmend', { earlyFinalisation: 'allowed', on: '2026-06-07', reasonsDocumentId: null })).thenFails('DateBeforeAmendmentNotice'));
    it('refuses anything more on the amendment once it is finished', () =>
      given([...noticeIssued, amended('2026-07-01', true), letter(3, 'amended-plan', '2026-07-01', true)])
        .when(cmd('DecideNotToAmend', { earlyFinalisation: 'allowed', on: '2026-07-02', reasonsDocumentId: null })).thenFails('NoAmendmentNotice'));
  });

  describe('phase transfer (reg 18, worked example 11)', () => {
    // Y6 -> Y7 in Sept 2027: before Mon 2027-02-15, so by Sun 02-14; the notice here runs to 02-15, one day too late
    const transfer = (cohort: Cohort): Event[] => [
      entered({ cohort, planIssuedOn: '2025-11-25', reviewDueBy: '2026-11-24' }),
      { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-11-09', meetingOn: '2026-11-23', noticeLatestBy: '2026-11-09', withinStatutoryTime: true, reviewDueBy: '2026-11-24' } },
      { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-11-23', reportDueBy: '2026-12-07', decisionDueBy: '2026-12-21', preparationForAdulthood: false } },
      { type: 'ReviewDecisionMade', data: {
        reviewId: 'review-1', outcome: 'amend', decidedOn: '2026-12-21', withinStatutoryTime: true, reviewDueBy: '2026-11-24', reviewWithinTwelveMonths: false,
        nextReviewDueBy: '2027-12-20', suggestedReviews: [], reasonsDocumentId: null,
      } },
      letter(1, 'decision-to-amend', '2026-12-21', false),
      { type: 'AmendmentNoticeIssued', data: {
        amendmentId: 'amendment-1', reviewId: 'review-1', servedOn: '2026-12-21', representationsEndOn: '2027-01-04', amendedPlanDueBy: '2027-02-15', proposedChangesDocumentId: null,
      } },
      letter(2, 'amendment-notice', '2026-12-21', false),
    ];
    const YEAR_6_IN_2026: Cohort = { receptionYear: 2020, yearGroupOffset: 0 };
    const YEAR_11_IN_2026: Cohort = { receptionYear: 2015, yearGroupOffset: 0 };
    const college: Setting = { urn: '130789', name: 'Lincoln College', type: 'further-education', phase: 'post-16' };

    it.each([
      ['Y6 -> Y7 on 14 Feb, the last day before 15 February', YEAR_6_IN_2026, 'primary-to-secondary', secondary, '2027-02-14', '2027-02-14', true],
      ['Y6 -> Y7 on 15 Feb: not before 15 February, so late (reg 18(1))', YEAR_6_IN_2026, 'primary-to-secondary', secondary, '2027-02-15', '2027-02-14', false],
      ['Y11 -> college', YEAR_11_IN_2026, 'secondary-to-post-16', college, '2027-02-15', '2027-03-30', true],
      ['Y6 -> Y7, taught a year below age (year from the year group)', { receptionYear: 2019, yearGroupOffset: -1 }, 'primary-to-secondary', secondary, '2027-02-12', '2027-02-14', true],
    ])('%s: the amended plan naming the new setting records the deadline and whether it was met', (_, cohort, kind, namedSetting, on, deadline, met) =>
      given(transfer(cohort as Cohort)).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed',
        on: on as string, namedSetting: namedSetting as Setting, phaseTransfer: { kind: kind as 'primary-to-secondary', transferYear: null }, planDocumentId: null,
      })).then([
        { type: 'AmendedPlanIssued', data: {
          amendmentId: 'amendment-1', issuedOn: on as string, withinStatutoryTime: (on as string) <= '2027-02-15', namedSetting: namedSetting as Setting,
          phaseTransfer: { kind: kind as 'primary-to-secondary', transferYear: 2027, deadline: deadline as string, met: met as boolean }, planDocumentId: null, post16Transfer: null,
        } },
        letter(3, 'amended-plan', on as string, true),
      ]));
    it('takes the transfer year as given for a middle-school move', () =>
      given(transfer(YEAR_6_IN_2026)).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed',
        on: '2027-02-10', namedSetting: secondary, phaseTransfer: { kind: 'middle-to-secondary', transferYear: 2027 }, planDocumentId: null,
      })).then([
        { type: 'AmendedPlanIssued', data: {
          amendmentId: 'amendment-1', issuedOn: '2027-02-10', withinStatutoryTime: true, namedSetting: secondary,
          phaseTransfer: { kind: 'middle-to-secondary', transferYear: 2027, deadline: '2027-02-14', met: true }, planDocumentId: null, post16Transfer: null,
        } },
        letter(3, 'amended-plan', '2027-02-10', true),
      ]));
    it('refuses a middle-school move without its year (middle schools start at different year groups)', () =>
      given(transfer(YEAR_6_IN_2026)).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed',
        on: '2027-02-10', namedSetting: secondary, phaseTransfer: { kind: 'primary-to-middle', transferYear: null }, planDocumentId: null,
      })).thenFails('PhaseTransferYearNeeded'));
  });

  describe('a move between post-16 institutions at any other time (reg 18(2))', () => {
    const college: Setting = { urn: '130789', name: 'Lincoln College', type: 'further-education', phase: 'post-16' };
    const otherCollege: Setting = { urn: '130790', name: 'Boston College', type: 'further-education', phase: 'post-16' };
    /** Year 12 in 2026/27: over compulsory school age from the summer of 2026. */
    const YEAR_12: Cohort = { receptionYear: 2014, yearGroupOffset: 0 };
    const atCollege = entered({ cohort: YEAR_12, namedSetting: college, planIssuedOn: '2025-11-25', reviewDueBy: '2026-11-24' });
    const proposed: Event = { type: 'Post16TransferProposed', data: { transferOn: '2027-01-04', newInstitution: otherCollege, recordedOn: '2026-07-01', amendBy: '2026-08-04' } };

    it('records the proposed transfer date and the last day to amend the plan: five months before', () =>
      given([atCollege]).when(cmd('RecordPost16Transfer', { on: '2026-07-01', transferOn: '2027-01-04', newInstitution: otherCollege })).then([proposed]));

    it('refuses it for a child still of compulsory school age on the transfer date', () =>
      given([entered()]).when(cmd('RecordPost16Transfer', { on: '2026-07-01', transferOn: '2027-01-04', newInstitution: null })).thenFails('NotOverCompulsorySchoolAge'));

    const amending16: Event[] = [
      atCollege, proposed,
      { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-06-01', meetingOn: '2026-06-15', noticeLatestBy: '2026-06-01', withinStatutoryTime: true, reviewDueBy: '2026-11-24' } },
      { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-06-15', reportDueBy: '2026-06-29', decisionDueBy: '2026-07-13', preparationForAdulthood: true } },
      { type: 'ReviewDecisionMade', data: {
        reviewId: 'review-1', outcome: 'amend', decidedOn: '2026-06-20', withinStatutoryTime: true, reviewDueBy: '2026-11-24', reviewWithinTwelveMonths: true,
        nextReviewDueBy: '2027-06-19', suggestedReviews: [], reasonsDocumentId: null,
      } },
      letter(1, 'decision-to-amend', '2026-06-20', false, 'young-person'),
      { type: 'AmendmentNoticeIssued', data: {
        amendmentId: 'amendment-1', reviewId: 'review-1', servedOn: '2026-06-22', representationsEndOn: '2026-07-06', amendedPlanDueBy: '2026-08-17', proposedChangesDocumentId: null,
      } },
      letter(2, 'amendment-notice', '2026-06-22', false, 'young-person'),
    ];
    it.each([
      ['2026-08-04', true],
      ['2026-08-05', false],
    ])('an amended plan on %s meets the reg 18(2) deadline: %s', (on, met) =>
      given(amending16).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on, namedSetting: otherCollege, phaseTransfer: null, planDocumentId: null })).then([
        { type: 'AmendedPlanIssued', data: {
          amendmentId: 'amendment-1', issuedOn: on, withinStatutoryTime: true, namedSetting: otherCollege, phaseTransfer: null, planDocumentId: null,
          post16Transfer: { transferOn: '2027-01-04', deadline: '2026-08-04', met },
        } },
        letter(3, 'amended-plan', on, true, 'young-person'),
      ]));
  });

  describe('considering whether to cease (reg 31)', () => {
    it('informs the family and consults the setting', () =>
      given(plan).when(cmd('ProposeCease', { on: '2026-10-01', reason: 'no-longer-necessary', reasonsDocumentId: 'doc-w' })).then([
        { type: 'CeaseConsidered', data: { reason: 'no-longer-necessary', consideredOn: '2026-10-01', settingConsulted: school, reasonsDocumentId: 'doc-w' } },
        letter(1, 'cease-considered', '2026-10-01', false),
      ]));
    it('has no setting to consult for education otherwise than at school', () =>
      given([entered({ namedSetting: eotas })]).when(cmd('ProposeCease', { on: '2026-10-01', reason: 'no-longer-responsible-moved', reasonsDocumentId: null })).then([
        { type: 'CeaseConsidered', data: { reason: 'no-longer-responsible-moved', consideredOn: '2026-10-01', settingConsulted: null, reasonsDocumentId: null } },
        letter(1, 'cease-considered', '2026-10-01', false),
      ]));

    // born 2009/10: compulsory school age ends Fri 2026-06-26; 18 in 2027/28. Born 2001/02: 25 in 2026/27.
    const YEAR_11_IN_2025: Cohort = { receptionYear: 2014, yearGroupOffset: 0 };
    const TURNS_18_IN_2026: Cohort = { receptionYear: 2013, yearGroupOffset: 0 };
    const TURNS_25_IN_2026: Cohort = { receptionYear: 2006, yearGroupOffset: 0 };
    it.each([
      ['higher-education', YEAR_11_IN_2025, '2026-06-27'],
      ['paid-employment', YEAR_11_IN_2025, '2026-06-27'],
      ['disengaged-18-plus', TURNS_18_IN_2026, '2026-09-01'],
      ['max-age', TURNS_25_IN_2026, '2026-09-01'],
    ])('allows %s once the age allows it, writing to the young person', (reason, cohort, on) =>
      given([entered({ cohort: cohort as Cohort, namedSetting: secondary, planIssuedOn: '2024-01-10', reviewDueBy: '2025-01-09' })])
        .when(cmd('ProposeCease', { on: on as string, reason: reason as 'max-age', reasonsDocumentId: null })).then([
          { type: 'CeaseConsidered', data: { reason: reason as 'max-age', consideredOn: on as string, settingConsulted: secondary, reasonsDocumentId: null } },
          letter(1, 'cease-considered', on as string, false, 'young-person'),
        ]));
    it.each([
      ['higher-education', YEAR_11_IN_2025, '2026-06-26', 'before compulsory school age ends'],
      ['paid-employment', YEAR_11_IN_2025, '2026-06-26', 'before compulsory school age ends'],
      ['disengaged-18-plus', YEAR_11_IN_2025, '2027-06-30', 'while certainly under 18 (reg 29)'],
      ['max-age', TURNS_25_IN_2026, '2026-08-31', 'before the academic year of the 25th birthday (s.46)'],
    ])('refuses %s %s', (reason, cohort, on) =>
      given([entered({ cohort: cohort as Cohort, planIssuedOn: '2024-01-10', reviewDueBy: '2025-01-09' })])
        .when(cmd('ProposeCease', { on: on as string, reason: reason as 'max-age', reasonsDocumentId: null })).thenFails('CeaseReasonNotOpenAtThisAge'));
    it('refuses a second proposal while one is under consideration', () =>
      given(ceaseConsidered).when(cmd('ProposeCease', { on: '2026-10-02', reason: 'no-longer-necessary', reasonsDocumentId: null })).thenFails('CeaseAlreadyConsidered'));
    it('refuses a proposal once the decision to cease is made', () =>
      given(ceaseDecidedPlan).when(cmd('ProposeCease', { on: '2026-10-27', reason: 'no-longer-necessary', reasonsDocumentId: null })).thenFails('CeaseAlreadyDecided'));

    it('decides not to cease, and tells the family', () =>
      given(ceaseConsidered).when(cmd('DecideNotToCease', { on: '2026-10-20' })).then([
        { type: 'DecidedNotToCease', data: { decidedOn: '2026-10-20' } }, letter(2, 'decision-not-to-cease', '2026-10-20', false),
      ]));
    it('refuses not to cease when no cease is considered', () =>
      given(plan).when(cmd('DecideNotToCease', { on: '2026-10-20' })).thenFails('CeaseNotConsidered'));
    it('refuses not to cease once the decision to cease is made', () =>
      given(ceaseDecidedPlan).when(cmd('DecideNotToCease', { on: '2026-10-27' })).thenFails('CeaseAlreadyDecided'));
    it('refuses not to cease dated before the cease was considered', () =>
      given(ceaseConsidered).when(cmd('DecideNotToCease', { on: '2026-09-30' })).thenFails('DateBeforeCeaseConsidered'));
    it('a new proposal is possible once the LA decided not to cease', () =>
      given([...ceaseConsidered, { type: 'DecidedNotToCease', data: { decidedOn: '2026-10-20' } }])
        .when(cmd('ProposeCease', { on: '2026-11-01', reason: 'no-longer-necessary', reasonsDocumentId: null })).then([
          { type: 'CeaseConsidered', data: { reason: 'no-longer-necessary', consideredOn: '2026-11-01', settingConsulted: school, reasonsDocumentId: null } },
          letter(2, 'cease-considered', '2026-11-01', false),
        ]));
  });

  describe('the decision to cease and its appeal window', () => {
    it('decides to cease with appeal rights; the plan is maintained until the window closes (worked example 13: Mon 2027-01-04)', () =>
      given(ceaseConsidered).when(cmd('Cease', { on: '2026-10-26', reasonsDocumentId: null })).then([
        ceaseDecided(), letter(2, 'cease-decision', '2026-10-26', true),
      ]));
    it('refuses to cease without consultation', () =>
      given(plan).when(cmd('Cease', { on: '2026-10-26', reasonsDocumentId: null })).thenFails('CeaseNotConsidered'));
    it('refuses a second decision to cease', () =>
      given(ceaseDecidedPlan).when(cmd('Cease', { on: '2026-10-27', reasonsDocumentId: null })).thenFails('CeaseAlreadyDecided'));
    it('refuses a decision to cease dated before the cease was considered', () =>
      given(ceaseConsidered).when(cmd('Cease', { on: '2026-09-30', reasonsDocumentId: null })).thenFails('DateBeforeCeaseConsidered'));

    it('a mediation certificate moves the window (worked example 13: certificate 12-14 -> Thu 2027-01-14)', () =>
      given(ceaseDecidedPlan).when(cmd('RecordCeaseMediationCertificate', { on: '2026-12-14' })).then([
        { type: 'CeaseMediationCertificateIssued', data: { issuedOn: '2026-12-14', appealWindowEndsOn: '2027-01-14' } },
      ]));
    it('refuses a certificate with no decision to cease', () =>
      given(ceaseConsidered).when(cmd('RecordCeaseMediationCertificate', { on: '2026-12-14' })).thenFails('NoCeaseDecision'));
    it('refuses a certificate once the appeal is registered', () =>
      given(appealed).when(cmd('RecordCeaseMediationCertificate', { on: '2026-12-21' })).thenFails('CeaseAppealAlreadyRegistered'));
    it('refuses a certificate dated before the decision', () =>
      given(ceaseDecidedPlan).when(cmd('RecordCeaseMediationCertificate', { on: '2026-10-25' })).thenFails('DateBeforeCeaseDecision'));

    it.each([
      ['2027-01-04', true],
      ['2027-01-05', false],
    ])('records an appeal registered %s (within the window: %s); the tribunal may admit a late one', (on, withinAppealWindow) =>
      given(ceaseDecidedPlan).when(cmd('RecordCeaseAppeal', { on })).then([{ type: 'CeaseAppealRegistered', data: { registeredOn: on, withinAppealWindow } }]));
    it('measures the appeal against the window the certificate moved', () =>
      given([...ceaseDecidedPlan, { type: 'CeaseMediationCertificateIssued', data: { issuedOn: '2026-12-14', appealWindowEndsOn: '2027-01-14' } }])
        .when(cmd('RecordCeaseAppeal', { on: '2027-01-10' })).then([{ type: 'CeaseAppealRegistered', data: { registeredOn: '2027-01-10', withinAppealWindow: true } }]));
    it('refuses an appeal with no decision to cease', () =>
      given(ceaseConsidered).when(cmd('RecordCeaseAppeal', { on: '2026-12-01' })).thenFails('NoCeaseDecision'));
    it('refuses a second appeal', () =>
      given(appealed).when(cmd('RecordCeaseAppeal', { on: '2026-12-21' })).thenFails('CeaseAppealAlreadyRegistered'));
    it('refuses an appeal dated before the decision', () =>
      given(ceaseDecidedPlan).when(cmd('RecordCeaseAppeal', { on: '2026-10-25' })).thenFails('DateBeforeCeaseDecision'));

    it.each(['dismissed', 'withdrawn'] as const)('an appeal %s ends the plan at once (domain §3.4)', (outcome) =>
      given(appealed).when(cmd('RecordCeaseAppealOutcome', { on: '2027-04-12', outcome })).then([
        { type: 'CeaseAppealConcluded', data: { concludedOn: '2027-04-12', outcome } },
        { type: 'PlanCeased', data: { ceasedOn: '2027-04-12', reason: 'no-longer-necessary', appeal: outcome } },
      ]));
    it.each(['allowed', 'conceded'] as const)('an appeal %s keeps the plan maintained', (outcome) =>
      given(appealed).when(cmd('RecordCeaseAppealOutcome', { on: '2027-04-12', outcome })).then([
        { type: 'CeaseAppealConcluded', data: { concludedOn: '2027-04-12', outcome } },
      ]));
    it('after an appeal is allowed there is no decision to cease left to carry out', () =>
      given([...appealed, { type: 'CeaseAppealConcluded', data: { concludedOn: '2027-04-12', outcome: 'allowed' } }])
        .when(cmd('CeasePlan', { on: '2027-04-13' })).thenFails('NoCeaseDecision'));
    it('refuses an outcome with no appeal registered', () =>
      given(ceaseDecidedPlan).when(cmd('RecordCeaseAppealOutcome', { on: '2027-04-12', outcome: 'dismissed' })).thenFails('NoCeaseAppeal'));
    it('refuses an outcome dated before the appeal', () =>
      given(appealed).when(cmd('RecordCeaseAppealOutcome', { on: '2026-12-19', outcome: 'dismissed' })).thenFails('DateBeforeCeaseAppeal'));

    it('ceases the plan the day after the window closes, with no appeal', () =>
      given(ceaseDecidedPlan).when(cmd('CeasePlan', { on: '2027-01-05' })).then([
        { type: 'PlanCeased', data: { ceasedOn: '2027-01-05', reason: 'no-longer-necessary', appeal: 'none' } },
      ]));
    it('refuses to cease the plan on the last day an appeal can be made', () =>
      given(ceaseDecidedPlan).when(cmd('CeasePlan', { on: '2027-01-04' })).thenFails('AppealWindowOpen'));
    it('refuses to cease the plan inside a window the certificate moved', () =>
      given([...ceaseDecidedPlan, { type: 'CeaseMediationCertificateIssued', data: { issuedOn: '2026-12-14', appealWindowEndsOn: '2027-01-14' } }])
        .when(cmd('CeasePlan', { on: '2027-01-10' })).thenFails('AppealWindowOpen'));
    it('refuses to cease the plan while the appeal is open', () =>
      given(appealed).when(cmd('CeasePlan', { on: '2027-02-01' })).thenFails('CeaseAppealPending'));
    it('refuses to cease the plan with no decision to cease', () =>
      given(ceaseConsidered).when(cmd('CeasePlan', { on: '2027-02-01' })).thenFails('NoCeaseDecision'));
    it('keeps reviewing the plan while the window is open', () =>
      given(ceaseDecidedPlan).when(cmd('ScheduleMeeting', { on: '2026-11-02', meetingOn: '2026-11-16' })).then([
        { type: 'AnnualReviewScheduled', data: { reviewId: 'review-1', invitationsSentOn: '2026-11-02', meetingOn: '2026-11-16', noticeLatestBy: '2026-11-02', withinStatutoryTime: true, reviewDueBy: '2026-05-19' } },
      ]));
  });

  describe('special -> mainstream dual registration (seed 000)', () => {
    const inSpecial = [entered({ namedSetting: special })];
    const split = { specialSessions: 6, mainstreamSessions: 4 };
    const agreed = (startOn = '2026-09-07'): Event => ({
      type: 'DualRegistrationAgreed', data: {
        dualRegistrationId: 'dual-registration-1', special, mainstream: school, agreedOn: '2026-07-10', startOn, split, nextReviewFrom: '2026-10-19', nextReviewDueBy: '2026-11-02',
      },
    });
    const dual = [...inSpecial, agreed()];

    it('agrees the dual registration: first transition review from start + 6 weeks, due by start + 8', () =>
      given(inSpecial).when(cmd('AgreeDualRegistration', { on: '2026-07-10', mainstream: school, startOn: '2026-09-07', split })).then([agreed()]));
    it('agrees it without a split where none is set', () =>
      given(inSpecial).when(cmd('AgreeDualRegistration', { on: '2026-07-10', mainstream: school, startOn: '2026-09-07', split: null })).then([
        { type: 'DualRegistrationAgreed', data: { ...(agreed() as Extract<Event, { type: 'DualRegistrationAgreed' }>).data, split: null } },
      ]));
    it.each([
      ['more than ten sessions', { specialSessions: 6, mainstreamSessions: 5 }],
      ['negative sessions', { specialSessions: 11, mainstreamSessions: -1 }],
      ['no sessions', { specialSessions: 0, mainstreamSessions: 0 }],
      ['half a session', { specialSessions: 5.5, mainstreamSessions: 4.5 }],
    ])('refuses a split of %s a week', (_, badSplit) =>
      given(inSpecial).when(cmd('AgreeDualRegistration', { on: '2026-07-10', mainstream: school, startOn: '2026-09-07', split: badSplit })).thenFails('InvalidAttendanceSplit'));
    it('refuses it for a plan naming a mainstream school', () =>
      given(plan).when(cmd('AgreeDualRegistration', { on: '2026-07-10', mainstream: secondary, startOn: '2026-09-07', split: null })).thenFails('NamedSettingNotSpecial'));
    it('refuses a partner that is not a mainstream school', () =>
      given(inSpecial).when(cmd('AgreeDualRegistration', { on: '2026-07-10', mainstream: eotas, startOn: '2026-09-07', split: null })).thenFails('SettingNotMainstream'));
    it('refuses a second agreement while one runs', () =>
      given(dual).when(cmd('AgreeDualRegistration', { on: '2026-07-11', mainstream: school, startOn: '2026-09-07', split: null })).thenFails('DualRegistrationAlreadyAgreed'));

    it('submits the provision form, releasing funding to the mainstream school', () =>
      given(dual).when(cmd('SubmitProvisionForm', { on: '2026-07-15', formDocumentId: 'doc-pf' })).then([
        { type: 'ProvisionFormSubmitted', data: { dualRegistrationId: 'dual-registration-1', submittedOn: '2026-07-15', formDocumentId: 'doc-pf' } },
      ]));
    it('submits the transport form', () =>
      given(dual).when(cmd('SubmitTransportForm', { on: '2026-07-16', formDocumentId: 'doc-tf' })).then([
        { type: 'TransportFormSubmitted', data: { dualRegistrationId: 'dual-registration-1', submittedOn: '2026-07-16', formDocumentId: 'doc-tf' } },
      ]));
    it.each(['SubmitProvisionForm', 'SubmitTransportForm'] as const)('%s: refused with no dual registration', (type) =>
      given(inSpecial).when(cmd(type, { on: '2026-07-15', formDocumentId: null })).thenFails('NoDualRegistration'));
    it.each(['SubmitProvisionForm', 'SubmitTransportForm'] as const)('%s: refused when dated before the agreement', (type) =>
      given(dual).when(cmd(type, { on: '2026-07-09', formDocumentId: null })).thenFails('DateBeforeDualRegistration'));

    it.each([
      ['2026-10-19', true, '2026-11-30', '2026-12-14'],
      ['2026-11-02', true, '2026-12-14', '2026-12-28'],
      ['2026-11-03', false, '2026-12-15', '2026-12-29'],
    ])('a first transition review on %s is within 8 weeks of the start: %s; the next from %s, due by %s', (on, withinCadence, nextReviewFrom, nextReviewDueBy) =>
      given(dual).when(cmd('HoldTransitionReview', { on })).then([
        { type: 'TransitionReviewHeld', data: { dualRegistrationId: 'dual-registration-1', transitionReviewId: 'transition-review-1', heldOn: on, withinCadence, nextReviewFrom, nextReviewDueBy } },
      ]));
    it('counts the next transition review from the last', () =>
      given([...dual, { type: 'TransitionReviewHeld', data: { dualRegistrationId: 'dual-registration-1', transitionReviewId: 'transition-review-1', heldOn: '2026-10-19', withinCadence: true, nextReviewFrom: '2026-11-30', nextReviewDueBy: '2026-12-14' } }])
        .when(cmd('HoldTransitionReview', { on: '2026-12-15' })).then([
          { type: 'TransitionReviewHeld', data: { dualRegistrationId: 'dual-registration-1', transitionReviewId: 'transition-review-2', heldOn: '2026-12-15', withinCadence: false, nextReviewFrom: '2027-01-26', nextReviewDueBy: '2027-02-09' } },
        ]));
    it('refuses a transition review with no dual registration', () =>
      given(inSpecial).when(cmd('HoldTransitionReview', { on: '2026-10-19' })).thenFails('NoDualRegistration'));
    it('refuses a transition review before the placement starts', () =>
      given(dual).when(cmd('HoldTransitionReview', { on: '2026-09-06' })).thenFails('DateBeforeDualRegistrationStart'));

    const atReview = [...dual, scheduled('2027-04-20', '2027-05-06', 'review-1', '2026-05-19'), held('2027-05-06')];
    it.each(['success', 'failure'] as const)('records the outcome (%s) at the next annual review', (outcome) =>
      given(atReview).when(cmd('EndDualRegistration', { on: '2027-05-06', outcome })).then([
        { type: 'DualRegistrationEnded', data: { dualRegistrationId: 'dual-registration-1', reviewId: 'review-1', endedOn: '2027-05-06', outcome } },
      ]));
    it('refuses the outcome outside an annual review', () =>
      given(dual).when(cmd('EndDualRegistration', { on: '2027-05-06', outcome: 'success' })).thenFails('NotAtAnnualReview'));
    it('refuses the outcome at a review meeting held before the agreement', () =>
      given([...inSpecial, scheduled(), held(), agreed()]).when(cmd('EndDualRegistration', { on: '2026-07-20', outcome: 'failure' })).thenFails('NotAtAnnualReview'));
    it('refuses the outcome dated before the review meeting', () =>
      given(atReview).when(cmd('EndDualRegistration', { on: '2027-05-05', outcome: 'success' })).thenFails('DateBeforeMeeting'));
    it('refuses the outcome with no dual registration', () =>
      given([...inSpecial, scheduled(), held()]).when(cmd('EndDualRegistration', { on: '2026-05-14', outcome: 'success' })).thenFails('NoDualRegistration'));
    it('a later agreement is the plan\'s second', () =>
      given([...atReview, { type: 'DualRegistrationEnded', data: { dualRegistrationId: 'dual-registration-1', reviewId: 'review-1', endedOn: '2027-05-06', outcome: 'failure' } }])
        .when(cmd('AgreeDualRegistration', { on: '2027-05-10', mainstream: school, startOn: '2027-06-07', split: null })).then([
          { type: 'DualRegistrationAgreed', data: {
            dualRegistrationId: 'dual-registration-2', special, mainstream: school, agreedOn: '2027-05-10', startOn: '2027-06-07', split: null, nextReviewFrom: '2027-07-19', nextReviewDueBy: '2027-08-02',
          } },
        ]));
  });

  describe('caseworker, notes and closure', () => {
    it('reassigns the caseworker', () =>
      given(plan).when(cmd('Reassign', { on: '2026-03-01', caseworkerId: 'cw-2' })).then([
        { type: 'CaseworkerReassigned', data: { caseworkerId: 'cw-2', from: 'cw-1', reassignedOn: '2026-03-01' } },
      ]));
    it('does nothing when reassigning to the same caseworker', () =>
      given(plan).when(cmd('Reassign', { on: '2026-03-01', caseworkerId: 'cw-1' })).thenNothingHappened());
    it('adds a note', () =>
      given(plan).when(cmd('AddNote', { on: '2026-03-01', noteId: 'n-1' })).then([{ type: 'CaseNoteAdded', data: { noteId: 'n-1', notedOn: '2026-03-01' } }]));
    it('closes the plan on a transfer to another LA, with no letter', () =>
      given(plan).when(cmd('Close', { on: '2026-03-01', reason: 'transferred-to-another-authority' })).then([
        { type: 'PlanClosed', data: { closedOn: '2026-03-01', reason: 'transferred-to-another-authority' } },
      ]));
    it('refuses to close a plan twice', () =>
      given(closed).when(cmd('Close', { on: '2026-03-02', reason: 'other' })).thenFails('PlanClosed'));
  });

  describe('Valuing SEND in the review cycle (domain §8: re-rated termly and at transitions)', () => {
    type Ratings = Pick<Extract<Event, { type: 'NeedsProfileRecorded' }>['data'], 'needs' | 'settingReadiness' | 'familyConfidence'>;
    const ratings: Ratings = { needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 2] };
    const rerated: Ratings = { needs: [3, 3, 2, 2, 3], settingReadiness: [3, 3, 3, 3, 3], familyConfidence: [4, 3, 3, 3, 3] };
    const profile = (profileId: string, ratedOn: string, context: 'review' | 'other', r = ratings): Event =>
      ({ type: 'NeedsProfileRecorded', data: { profileId, ratedOn, context, ...r } });

    it('records the profile rated at the review meeting', () =>
      given(meetingHeld).when(cmd('RecordNeedsProfile', { on: '2026-05-14', context: 'review', ...ratings })).then([profile('profile-1', '2026-05-14', 'review')]));
    it('records a profile re-rated the next term as the plan\'s second, the first kept', () =>
      given([...meetingHeld, profile('profile-1', '2026-05-14', 'review')])
        .when(cmd('RecordNeedsProfile', { on: '2026-09-14', context: 'other', ...rerated })).then([profile('profile-2', '2026-09-14', 'other', rerated)]));
    it('records a profile outside any review, on a plan just entered', () =>
      given(plan).when(cmd('RecordNeedsProfile', { on: '2026-01-12', context: 'other', ...ratings })).then([profile('profile-1', '2026-01-12', 'other')]));
    it('refuses a profile dated in the future', () =>
      given(plan).when(cmd('RecordNeedsProfile', { on: '2027-07-01', context: 'other', ...ratings })).thenFails('DateInFuture'));
    it('refuses a profile dated before the plan was made', () =>
      given(plan).when(cmd('RecordNeedsProfile', { on: '2025-05-19', context: 'other', ...ratings })).thenFails('DateBeforePlanMade'));
    it('refuses a profile once the plan has ceased', () =>
      given(ceased).when(cmd('RecordNeedsProfile', { on: '2027-02-01', context: 'other', ...ratings })).thenFails('PlanCeased'));
    it('refuses a profile once the plan is closed', () =>
      given(closed).when(cmd('RecordNeedsProfile', { on: '2026-03-02', context: 'other', ...ratings })).thenFails('PlanClosed'));
  });

  describe('worked example 9, end to end', () => {
    it('review due 2026-05-19; report by 05-28; decision by 06-11; representations until 06-22; amended plan by 2026-08-03', () => {
      given([]).when({ type: 'EnterPlan', data: {
        source: { kind: 'needs-assessment', caseId: 'ehcna-1' }, childId: 'c-1', cohort: YEAR_4, planIssuedOn: '2025-05-20', lastReviewedOn: null,
        namedSetting: school, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', today: TODAY,
      } }).then(plan);
      given(plan).when(cmd('ScheduleMeeting', { on: '2026-04-30', meetingOn: '2026-05-14' })).then([scheduled()]);
      given(meetingScheduled).when(cmd('HoldMeeting', { on: '2026-05-14' })).then([held()]);
      given(meetingHeld).when(cmd('Decide', { on: '2026-06-08', outcome: 'amend', reasonsDocumentId: null })).then(amending.slice(meetingHeld.length));
      given(amending).when(cmd('IssueAmendmentNotice', { on: '2026-06-08', proposedChangesDocumentId: 'doc-pc' })).then(noticeIssued.slice(amending.length));
      given(noticeIssued).when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-08-03', namedSetting: school, phaseTransfer: null, planDocumentId: null })).then([
        { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn: '2026-08-03', withinStatutoryTime: true, namedSetting: school, phaseTransfer: null, planDocumentId: null, post16Transfer: null } },
        letter(3, 'amended-plan', '2026-08-03', true),
      ]);
    });
  });
});

describe('a plan whose child has no date of birth on file (cohort unknown)', () => {
  const unknown = [entered({ cohort: null })];

  it('enters the review cycle with the statutory date and no under-5 prompts', () =>
    given([]).when({
      type: 'EnterPlan',
      data: {
        source: { kind: 'needs-assessment', caseId: 'ehcna-1' }, childId: 'c-1', cohort: null, planIssuedOn: '2025-05-20', lastReviewedOn: null,
        namedSetting: school, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', today: TODAY,
      },
    }).then([entered({ cohort: null })]));

  it('writes to the parent and does not assume preparation for adulthood', () =>
    given([...unknown, scheduled()]).when(cmd('HoldMeeting', { on: '2026-05-14' })).then([
      { type: 'AnnualReviewMeetingHeld', data: { reviewId: 'review-1', heldOn: '2026-05-14', reportDueBy: '2026-05-28', decisionDueBy: '2026-06-11', preparationForAdulthood: false } },
    ]));

  it('needs the transfer year for a phase transfer, since it cannot be worked out', () =>
    given([...unknown, scheduled(), held(), decided('amend'), letter(1, 'decision-to-amend', '2026-06-08', false), noticeServed, letter(2, 'amendment-notice', '2026-06-08', false), representations()])
      .when(cmd('IssueAmendedPlan', { earlyFinalisation: 'allowed', on: '2026-06-30', namedSetting: secondary, phaseTransfer: { kind: 'primary-to-secondary', transferYear: null }, planDocumentId: null }))
      .thenFails('PhaseTransferYearNeeded'));
});
