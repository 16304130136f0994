import { VALUING_SEND_DOMAINS } from '@ehc/domain-kernel';
import { inputId } from '../forms/steps';
import { EY_APPLICATION_STEP, eyApplicationSteps, eotasPackageSteps } from '../forms/ey-eotas-steps';
import { pageRenderer } from '../views';
import { amountWorking, checkRows, costRows, decisionDeadlineWords, paymentRows, profileRows, rateRows, reviewDeadlineWords } from './ey-eotas';
import { fundingHelpers } from './funding-pages';

/*
 * The early years inclusion and EOTAS templates rendered with views shaped as the funding API gives
 * them: money in pounds to the penny, every code in words, nothing left as "undefined" or an object.
 */

const views = pageRenderer();
const render = (template: string, context: Record<string, unknown>) => views.render(template, {
  ...fundingHelpers, inputId, csrfToken: 'token', user: { name: 'Sam Funding', roles: ['funding-officer'] }, navigation: [], errors: [], ...context,
});
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ');
const expectClean = (html: string) => expect(text(html)).not.toMatch(/undefined|\[object Object\]|NaN/);
const RATES = [{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01', validTo: null }];

const approved = {
  id: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', childId: '6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a', settingUrn: 'EY123456', status: 'approved', appliedOn: '2026-11-02',
  hoursPerWeek: 7.5, weeks: 38, needsProfile: { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] },
  triagedOn: '2026-11-03', informationRequests: [{ requestedOn: '2026-11-04', providedOn: '2026-11-09' }],
  deadlines: { decision: { dueBy: '2026-12-07', status: 'met' } },
  decision: { outcome: 'approved', on: '2026-11-20', withinTime: true, level: 'targeted', hourlyPence: 1_250, from: '2026-11-02', to: '2027-07-16', amountPence: 356_250 },
  payments: [
    { periodId: '2026-27-2-autumn', from: '2026-11-02', to: '2026-12-31', pence: 83_171, paid: true, paidOn: '2026-11-27', cancelled: false },
    { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 124_757, paid: false, paidOn: null, cancelled: false },
    { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 148_322, paid: false, paidOn: null, cancelled: false },
  ],
  clawback: null, withdrawn: null, nextSteps: ['record-payment', 'record-child-left'], revision: 4,
};

const applicationContext = (view: any, outcome: Record<string, unknown> = {}) => ({
  title: 'Application', view, outcome, mayChange: true, asOf: '2026-11-30', ratesEmpty: false,
  steps: eyApplicationSteps(view, RATES, '2026-11-30').filter((s) => view.nextSteps.includes(s.name)),
  decision: view.decision?.outcome === 'approved' ? { ...view.decision, working: amountWorking(view.decision, view.hoursPerWeek, view.weeks) } : view.decision,
  deadline: decisionDeadlineWords(view.deadlines.decision, '2026-11-30'), payments: paymentRows(view.payments), profile: profileRows(VALUING_SEND_DOMAINS, view.needsProfile),
});

const eotas = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', planId: '8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b', childId: '0d9c8b7a-6e5f-4a3b-9c2d-1e0f9a8b7c6d', status: 'proposed',
  provider: { name: 'Wolds <Learning> CIC', ukprn: null, unregulated: true },
  checks: { required: true, done: ['dbs-checks', 'insurance'], outstanding: ['safeguarding-policy', 'premises-risk-assessment', 'qualifications', 'references'] },
  weeklyCostPence: 42_550, costHistory: [], startOn: '2026-11-16', reviewDate: '2027-03-15', deadlines: { review: null },
  proposedOn: '2026-11-02', proposedBy: 'fo-sam', panelOn: null, approvedOn: null, signedOffBy: null, declinedOn: null, reasonsDocumentId: null, lastReviewedOn: null,
  endedOn: null, lastDay: null, endReason: null, nextSteps: ['record-check', 'decline'], revision: 1,
};
const packageContext = (view: any, signOff: Record<string, boolean>, offered: string[] = view.nextSteps) => ({
  title: 'EOTAS package', view, outcome: {}, mayChange: true, steps: eotasPackageSteps(view).filter((s) => offered.includes(s.name)),
  checks: checkRows(view.checks), costs: costRows(view.costHistory), review: reviewDeadlineWords(view.deadlines.review, '2026-11-30'),
  signOff: { awaiting: view.status === 'proposed', isProposer: false, maySignOff: false, isManager: false, ...signOff }, staff: (id: string) => ({ 'fo-sam': 'Sam Funding' }[id] ?? id),
});

describe('the early years inclusion pages as rendered', () => {
  it('lists applications with their status in words, the decision deadline and the days left or paused', () => {
    const html = render('funding-ey-applications.njk', {
      title: 'Early years inclusion funding', query: {}, fieldErrors: {}, statuses: [], mayChange: true, pagination: null,
      list: { total: 2, asOf: '2026-11-30', page: 1, pages: 1, rows: [
        { item: { ...approved, status: 'triaged', deadlines: { decision: { dueBy: '2026-12-07', status: 'due' } } }, href: `/high-needs/early-years/${approved.id}`, deadline: decisionDeadlineWords({ dueBy: '2026-12-07', status: 'due' }, '2026-11-30') },
        { item: { ...approved, status: 'awaiting-information', deadlines: { decision: { dueBy: null, status: 'paused' } } }, href: '/x', deadline: decisionDeadlineWords({ dueBy: null, status: 'paused' }, '2026-11-30') },
      ] },
    });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('2 applications, the decision due soonest first');
    expect(words).toContain('URN EY123456 7.5 hours a week for 38 weeks 2 November 2026 Triaged 7 December 2026 7 days left');
    expect(words).toContain('Waiting for information Paused Paused: waiting for information from the setting');
    expect(html).toContain('href="/high-needs/early-years/new"');
  });

  it('shows an approved application: the amount and how it was reached, the needs profile, the payments paid and unpaid, and its forms', () => {
    const html = render('funding-ey-application.njk', applicationContext(approved, { done: 'Approve the funding' }));
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Recorded: Approve the funding');
    expect(words).toContain('Decision 20 working days from the application, or from the setting\'s answer to a request for information 7 December 2026 Decided in time');
    expect(words).toContain('Amount £3,562.50 How it was worked out £12.50 an hour × 7.5 hours a week × 38 weeks = £3,562.50');
    expect(words).toContain('Communication and interaction 4 2 2');
    expect(words).toContain('Autumn term 2026 2 November 2026 31 December 2026 £831.71 Paid 27 November 2026');
    expect(words).toContain('Spring term 2027 1 January 2027 31 March 2027 £1,247.57 Unpaid');
    expect(words).toContain('Paid so far: £831.71. Still to pay: £2,730.79.');
    expect(words).toContain('More information asked for 4 November 2026, answered 9 November 2026');
    expect(html.match(/<summary/g)).toHaveLength(2);
  });

  it('shows the free text beside the facts: the support to be bought, the evidence, the questions and the setting\'s answer, escaped', () => {
    const withText = { ...approved, text: {
      support: 'A key person one to one <b>daily</b>', evidence: 'Speech and language therapist\'s report', refusalReasons: null,
      informationRequests: [{ requestedOn: '2026-11-04', questions: 'Please send the SEN support plan', providedOn: '2026-11-09', answer: 'Plan attached' }],
    } };
    const html = render('funding-ey-application.njk', applicationContext(withText));
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Support to be bought A key person one to one &lt;b&gt;daily&lt;/b&gt;');
    expect(html).not.toContain('<b>daily</b>');
    expect(words).toContain('Evidence Speech and language therapist\'s report');
    expect(words).toContain('Questions Please send the SEN support plan The setting\'s answer Plan attached');
    expect(html).toContain(`action="/high-needs/early-years/${approved.id}/record-payment"`);
  });

  it('shows the clawback once the child left, and no forms to a reader', () => {
    const left = { ...approved, status: 'child-left', nextSteps: [],
      payments: approved.payments.map((p, i) => ({ ...p, cancelled: i > 0 })),
      clawback: { lastDay: '2026-11-30', fundedDays: 257, fundedDaysUpToLastDay: 29, earnedPence: 40_199, paidPence: 83_171, clawbackPence: 42_972, balancePence: 0 } };
    const html = render('funding-ey-application.njk', { ...applicationContext(left), mayChange: false });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Summer term 2027 1 April 2027 16 July 2027 £1,483.22 Cancelled');
    expect(words).toContain('Days funded up to then 29 of 257 Earned by then £401.99 Paid £831.71 To claw back £429.72 Still to pay Nothing');
    expect(words).toContain('Applications are decided by the funding team.');
    expect(html).not.toContain('<form method="post"');
  });

  it('renders the application form with a radio group a domain, a refusal beside its first radio', () => {
    const failed = { step: 'apply', errors: [{ text: 'Select a needs rating for every domain', href: '#apply-needs-0', field: 'needs' }], values: { settingUrn: 'EY123456', 'needs-1': '4' } };
    const html = render('funding-new-record.njk', { title: EY_APPLICATION_STEP.title, caption: 'Early years inclusion funding', step: EY_APPLICATION_STEP, failed, action: '/high-needs/early-years/new', back: { href: '/high-needs/early-years', text: 'Back' } });
    expectClean(html);
    expect(html).toContain('id="apply-needs-0"');
    expect(html).toMatch(/<legend[^>]*>\s*Needs: Communication and interaction\s*<\/legend>/);
    expect(html).toMatch(/name="needs-1" type="radio" value="4" checked/);
    expect(text(html)).toContain('Select a needs rating for every domain');
  });

  it('shows the rates table with each level\'s versions and the upload form', () => {
    const html = render('funding-ey-rates.njk', { title: 'Early years inclusion rates', asOf: '2026-11-30', rows: rateRows([...RATES, { level: 'targeted', hourlyPence: 1_310, validFrom: '2027-04-01', validTo: null }], '2026-11-30'), fieldErrors: {}, imported: { added: 2, unchanged: 0 }, mayImport: true, action: '/high-needs/early-years/rates' });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Rates imported: 2 rates added, 0 already there');
    expect(words).toContain('targeted 1 April 2027 No end Not yet in force £13.10');
    expect(html).toContain('enctype="multipart/form-data"');
  });
});

describe('the EOTAS pages as rendered', () => {
  it('shows a proposed package with an unregulated provider: the checks outstanding, no sign-off offered, and who must sign off', () => {
    const html = render('funding-eotas-package.njk', packageContext(eotas, { isManager: false }));
    expectClean(html);
    expect(html).toContain('Wolds &lt;Learning&gt; CIC');
    const words = text(html);
    expect(words).toContain('Weekly cost £425.50 (proposed)');
    expect(words).toContain('Proposed 2 November 2026 by Sam Funding');
    expect(words).toContain('DBS checks of the staff Done Safeguarding policy Outstanding');
    expect(words).toContain('4 checks are outstanding: the package cannot be signed off until they are done.');
    expect(words).toContain('A team manager other than the officer who proposed the package (Sam Funding) must sign it off');
    expect(words).toContain('Not running: the review (15 March 2027) runs once the package is signed off.');
    expect(html).not.toContain('/approve"');
  });

  it('offers the sign-off to a team manager once the checks are done, and shows an approved package\'s cost history and review', () => {
    const checked = { ...eotas, checks: { ...eotas.checks, done: [...eotas.checks.done, ...eotas.checks.outstanding], outstanding: [] }, nextSteps: ['approve', 'decline'] };
    expect(render('funding-eotas-package.njk', packageContext(checked, { isManager: true, maySignOff: true }))).toContain(`action="/high-needs/eotas/${eotas.id}/approve"`);
    const running = { ...checked, status: 'approved', approvedOn: '2026-11-06', panelOn: '2026-11-05', signedOffBy: 'fm-kit', deadlines: { review: { dueBy: '2027-03-15', status: 'due' } },
      costHistory: [{ from: '2026-11-16', to: '2026-11-29', weeklyCostPence: 42_550 }, { from: '2026-11-30', to: null, weeklyCostPence: 45_000 }], nextSteps: ['review', 'end'] };
    const html = render('funding-eotas-package.njk', packageContext(running, {}));
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Signed off 6 November 2026 by fm-kit');
    expect(words).toMatch(/Due by 15 March 2027 ?: 105 days left/);
    expect(words).toContain('16 November 2026 29 November 2026 £425.50 30 November 2026 Continuing £450.00');
    expect(html.match(/<summary/g)).toHaveLength(2);
  });

  it('lists packages with the review due, the weekly cost in pounds and the checks outstanding', () => {
    const html = render('funding-eotas-packages.njk', {
      title: 'EOTAS packages', query: {}, fieldErrors: {}, statuses: [], mayChange: false, pagination: null,
      list: { total: 1, asOf: '2026-11-30', page: 1, pages: 1, rows: [{ item: eotas, href: `/high-needs/eotas/${eotas.id}`, review: reviewDeadlineWords(null, '2026-11-30') }] },
    });
    expectClean(html);
    expect(text(html)).toContain('Wolds &lt;Learning&gt; CIC Unregulated; 4 checks outstanding Proposed £425.50 — Not running');
    expect(html).not.toContain('/high-needs/eotas/new');
  });
});
