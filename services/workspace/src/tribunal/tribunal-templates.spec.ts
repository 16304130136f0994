import { inputId } from '../forms/steps';
import { appealSteps, MEDIATION_STEPS, REQUEST_MEDIATION, registerAppeal } from '../forms/tribunal-steps';
import { pageRenderer } from '../views';
import { tribunalHelpers } from './tribunal-pages';
import { appealDeadlineWords } from './words';

/*
 * The tribunal templates rendered with views shaped as the API's contract gives them: every value
 * in words, nothing left as a code, an object or "undefined", and a child's name escaped.
 */

const views = pageRenderer();
const deadline = (due: string | null, more: Record<string, unknown> = {}) =>
  ({ due, done: null, target: null, daysLeft: 10, daysLate: 0, onTime: null, excepted: false, expectedUnderException: null, ...more });
const render = (template: string, context: Record<string, unknown>) => views.render(template, {
  ...tribunalHelpers, inputId, csrfToken: 'token', user: { name: 'Jo Tribunal', roles: ['tribunal-officer'] }, navigation: [], errors: [], ...context,
});
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
const expectClean = (html: string) => {
  const words = text(html);
  expect(words).not.toMatch(/undefined|\[object Object\]|NaN/);
};

const window = {
  decisionId: '0b8f6c3e-1d2a-4c1b-9a77-2f1e5d3c4b6a', source: { service: 'needs-assessment', id: '5a0e0d6b-6f1c-4a63-8d0b-1f3e3c2a9b10' },
  childId: 'c-1', child: { givenName: '<b>Amara</b>', familyName: 'Okafor' }, decisionType: 'refusal-to-assess', letterOn: '2026-06-10', letterId: 'letter-1', openedBy: 'published-decision',
  certificateOn: '2026-07-24', status: 'open',
  deadlines: { mediationContact: deadline('2026-08-10'), appeal: { ...deadline('2026-09-01'), due: '2026-09-01', unadjusted: '2026-08-24', adjustment: 'august' as const } },
  mediations: [{ id: 'm-1', status: 'certificate-issued', requestedOn: '2026-06-20', href: '/mediations/m-1' }],
  appeals: [{ id: 'a-1', stage: 'registered', type: 'refusal-to-assess', registeredOn: '2026-08-01', href: '/appeals/a-1' }],
  openMediation: null,
};

describe('the tribunal pages as rendered', () => {
  it('shows an appeal window: its deadlines, the working of the appeal deadline, its mediations, appeals and forms', () => {
    const html = render('tribunal-window.njk', {
      title: 'Appeal window', view: window, child: '<b>Amara</b> Okafor', sourceLink: `/cases/${window.source.id}`, letterLink: `/cases/${window.source.id}/letters/letter-1`,
      appealWords: appealDeadlineWords(window.deadlines.appeal, window), outcome: { done: 'Record a request for mediation' },
      steps: [REQUEST_MEDIATION, registerAppeal(window.decisionType)],
    });
    expectClean(html);
    expect(html).toContain('&lt;b&gt;Amara&lt;/b&gt; Okafor');
    const words = text(html);
    expect(words).toContain('Refusal to carry out an EHC needs assessment');
    expect(words).toContain('24 August 2026 falls in August, so the deadline moves to the first working day after 31 August: 1 September 2026 (r.12(3)).');
    expect(words).toContain('Recorded: Record a request for mediation');
    expect(html).toContain('href="/tribunal/mediations/m-1"');
    expect(html).toContain('href="/tribunal/appeals/a-1"');
    expect(html).toContain('action="/tribunal/appeal-windows/0b8f6c3e-1d2a-4c1b-9a77-2f1e5d3c4b6a/register-appeal"');
    expect(html).toContain('name="csrf" value="token"');
  });

  it('shows a mediation: each deadline with its date, done and on time, and a form for each next step', () => {
    const mediation = {
      id: 'm-1', decisionId: window.decisionId, source: window.source, decisionType: 'cease', letterOn: '2026-03-02', status: 'held', requestedOn: '2026-03-03',
      wantsMediation: true, healthInvolved: true, withinContactWindow: true, issues: ['Section F: therapy'], screening: { on: '2026-03-05', outcome: 'proceed' },
      arrangedOn: '2026-03-10', takesPlaceOn: '2026-03-26', notArrangedOn: null, heldOn: '2026-03-26', agreement: null, certificateOn: null, certificateAfter: null, withdrawnOn: null,
      deadlines: {
        healthNotification: deadline('2026-03-06', { done: '2026-03-09', daysLate: 3, onTime: false, daysLeft: null }),
        mediationBy: deadline('2026-04-02', { done: '2026-03-26', onTime: true, daysLeft: null }),
        certificate: deadline('2026-03-31', { daysLeft: 2 }),
      },
      appealDeadline: deadline('2026-05-05'), nextSteps: ['record-agreement', 'issue-certificate', 'withdraw'],
    };
    const html = render('tribunal-mediation.njk', { title: 'Mediation', view: mediation, outcome: {}, steps: MEDIATION_STEPS.filter((s) => mediation.nextSteps.includes(s.name)) });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Done 9 March 2026, 3 days late Late');
    expect(words).toContain('Done 26 March 2026 On time');
    expect(words).toContain('2 days left Due soon');
    expect(words).toContain('Decision to cease to maintain the EHC plan');
    expect(html.match(/<summary/g)).toHaveLength(3);
  });

  it('shows an appeal with its orders, each step of an order with its date and where it stands', () => {
    const appeal = {
      id: 'a-1', decisionId: window.decisionId, source: window.source, decisionType: 'final-plan', letterOn: '2026-06-10', type: 'contents', stage: 'decided',
      registeredOn: '2026-08-01', grounds: [{ section: 'B' }, { section: 'F' }], late: true, lateAppealAdmitted: true, certificateNeeded: true, certificateOnFile: true,
      afterMediation: true, sentToLaOn: '2026-08-03', responseSentOn: '2026-09-10', hearingOn: '2026-10-20', outcome: 'allowed-in-part', concludedOn: '2026-11-02',
      groundsDecided: [{ section: 'B', outcome: 'upheld' }, { section: 'F', outcome: 'not-upheld' }], costs: { awarded: false },
      deadlines: { laResponse: deadline('2026-09-14', { done: '2026-09-10', onTime: true, daysLeft: null }), recommendationsResponse: null },
      orders: [{
        orderId: 'o-1', kind: 'amend-special-educational-provision', orderedOn: '2026-11-02', concession: false, amendmentOrdered: false, status: 'overdue',
        compliedOn: null, compliedOnTime: null, exception: null,
        deadlines: { 'amended-plan': { step: 'amended-plan', ...deadline('2026-12-07', { daysLeft: null, daysLate: 4 }), completedBy: null } },
      }],
      letters: [{ letterId: 'l-1', kind: 'compliance-confirmed', sentOn: '2026-12-11' }],
      nextSteps: ['record-compliance', 'apply-compliance-exception'],
    };
    const steps = appealSteps(appeal).filter((s) => appeal.nextSteps.includes(s.name));
    const html = render('tribunal-appeal.njk', { title: 'Appeal', view: appeal, outcome: {}, steps });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Contents of the plan (sections B, F and I)');
    expect(words).toContain('Amend the special educational needs or provision (sections B and F)');
    expect(words).toContain('Issue the amended EHC plan');
    expect(words).toContain('4 days late Overdue');
    expect(words).toContain('Section B: special educational needs Upheld');
    expect(words).toContain('after the appeal deadline: admitted late by the tribunal');
    expect(html.match(/<summary/g)).toHaveLength(2);
  });

  it('lists appeal windows and appeals', () => {
    const windows = render('tribunal-windows.njk', {
      title: 'Appeal windows closing soon', query: { within: '14', status: 'open' }, fieldErrors: {}, filtered: true,
      list: { total: 1, asOf: '2026-08-20', page: 1, pages: 1, rows: [{
        item: window, href: `/tribunal/appeal-windows/${window.decisionId}`, decision: 'Refusal to carry out an EHC needs assessment', source: 'Needs assessment',
        sourceLink: '/cases/x', child: 'Amara Okafor', appealDays: 12, appealWords: '12 days left', contactWords: 'closed',
      }] },
    });
    expectClean(windows);
    expect(text(windows)).toContain('1 September 2026 12 days left');
    const appeals = render('tribunal-appeals.njk', {
      title: 'Open appeals', query: { status: 'open' }, filtered: false,
      list: { total: 1, asOf: '2026-08-20', page: 1, pages: 1, rows: [{
        item: { id: 'a-1', decisionId: 'd', source: window.source, type: 'cease', stage: 'registered', registeredOn: '2026-08-01', outcome: null, nextDeadline: { kind: 'la-response', due: '2026-09-14', daysLeft: 25 } },
        href: '/tribunal/appeals/a-1', nextDays: 25,
      }] },
    });
    expectClean(appeals);
    expect(text(appeals)).toContain('The authority\'s response 14 September 2026 25 days left');
  });
});
