import { pageRenderer } from '../views';
import { type MonthResult, distributionRows, inWords, INVITATION_STATUS_TAG, INVITATION_STATUS_WORDS, meanWords, MESSAGE_STATUS_TAG, MESSAGE_STATUS_WORDS, monthWords, rateWords, RESPONDENT_WORDS, SUPPRESSED_WORDS, SURVEY_PAGES, TRIGGER_WORDS, trendTable } from './figures';

/*
 * The survey templates rendered with views shaped as the surveys API gives them: every code in
 * words, a comment's text escaped, nothing left as "undefined" or an object.
 */

const views = pageRenderer();
const helpers = {
  surveyPages: SURVEY_PAGES, inWords, rateWords, meanWords, monthWords,
  surveyWords: { trigger: TRIGGER_WORDS, status: INVITATION_STATUS_WORDS, statusTag: INVITATION_STATUS_TAG, suppressed: SUPPRESSED_WORDS, respondent: RESPONDENT_WORDS, messageStatus: MESSAGE_STATUS_WORDS, messageTag: MESSAGE_STATUS_TAG },
};
const render = (template: string, context: Record<string, unknown>) => views.render(template, {
  ...helpers, csrfToken: 'token', user: { name: 'Ayesha Khan', roles: ['caseworker'] }, navigation: [], errors: [], fieldErrors: {}, mayWork: true, ...context,
});
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
const expectClean = (html: string) => expect(text(html)).not.toMatch(/undefined|\[object Object\]|NaN/);

const results = {
  from: '2026-10', to: '2026-11', invited: 3, answered: 1, suppressed: 1, responseRate: 33.3,
  byTrigger: [{ trigger: 'refusal-to-assess', invited: 3, answered: 1, suppressed: 1, responseRate: 33.3 }],
  byTeam: [{ team: 'unallocated', invited: 3, answered: 1, suppressed: 1, responseRate: 33.3 }],
  byMonth: [
    { month: '2026-10', invited: 0, answered: 0, responseRate: null, means: {} },
    { month: '2026-11', invited: 3, answered: 1, responseRate: 33.3, means: { decisionClarity: 4 } },
  ] as MonthResult[],
  questions: [{ question: 'decisionClarity', text: 'How clear was the decision and the reasons for it?', n: 1, mean: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } }],
  cypInvolvement: { question: 'involvedInShapingPlan', text: 'I helped make my plan.', n: 4, mean: 3.75, involvedShare: 75 },
  themes: [{ theme: 'communication', count: 1 }],
  comments: [{ invitationId: 'i-1', answeredOn: '2026-11-20', trigger: 'refusal-to-assess', themes: ['communication'], text: '<script>alert(1)</script> [phone removed] never rang back' }],
};

describe('the survey pages as rendered', () => {
  it('shows the results: the headline figures with the rate, the CYP measure, the tables, the trend and the comments escaped', () => {
    const html = render('surveys-results.njk', {
      title: 'Survey results', query: { from: '2026-10', to: '2026-11' }, fromMonths: [], toMonths: [], triggers: [], results,
      trend: trendTable(results.byMonth, results.questions), questions: results.questions.map((q) => ({ ...q, rows: distributionRows(q) })),
      chart: '/feedback/trend.svg?from=2026-10&to=2026-11', csv: '/feedback/trend.csv?from=2026-10&to=2026-11', range: 'October 2026 to November 2026',
    });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Invited 3 Answered 1 Response rate 33.3%');
    expect(words).toContain('75% agreed (answered “Yes, a bit” or “Yes, a lot”), a mean of 3.75 out of 5, from 4 answers');
    expect(words).toContain('Refusal to assess 3 1 33.3% 1');
    expect(words).toContain('No team 3 1 33.3% 1');
    expect(words).toContain('October 2026 0 0 No invitations –');
    expect(words).toContain('November 2026 3 1 33.3% 4.00');
    expect(words).toContain('How clear was the decision and the reasons for it? — mean 4.00 out of 5, from 1 answer');
    expect(words).toContain('Communication 1');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [phone removed] never rang back');
    expect(html).toContain('src="/feedback/trend.svg?from=2026-10&amp;to=2026-11"');
  });

  it('shows no rate as "No invitations", never an empty box', () => {
    const empty = { ...results, invited: 0, answered: 0, suppressed: 0, responseRate: null, byTrigger: [], byTeam: [], questions: [], themes: [], comments: [], cypInvolvement: { ...results.cypInvolvement, n: 0, mean: null, involvedShare: null } };
    const words = text(render('surveys-results.njk', { title: 'Survey results', query: {}, fromMonths: [], toMonths: [], triggers: [], results: empty, trend: trendTable([], []), questions: [], chart: '', csv: '', range: 'x' }));
    expect(words).toContain('Response rate No invitations');
    expect(words).toContain('Nobody was invited in these months.');
  });

  it('shows an outbox message\'s body inside a details component, escaped', () => {
    const html = render('surveys-outbox.njk', {
      title: 'Survey outbox', query: {}, statuses: [], list: { total: 1, page: 1, pages: 1, rows: [{
        messageId: 'm-1', invitationId: 'i-1', kind: 'invitation', to: null, subject: 'Tell us what you think', body: 'Open https://hub.example/s/abc <b>now</b>', status: 'in-outbox',
        attempts: 0, lastError: null, createdAt: '2026-11-20T10:00:00.000Z', sentAt: null,
      }] },
    });
    expectClean(html);
    expect(html).toMatch(/<details class="govuk-details"[\s\S]*Open the message[\s\S]*Open https:\/\/hub.example\/s\/abc &lt;b&gt;now&lt;\/b&gt;/);
    expect(text(html)).toContain('To No address on file Status In the outbox: send it on');
  });

  it('shows the families sent no surveys, a lift button only for a staff flag, and the form\'s errors beside their boxes', () => {
    const html = render('surveys-suppressions.njk', {
      title: 'Families sent no surveys', values: { personId: 'x' }, errors: [{ text: 'Enter the reason', href: '#reason' }], fieldErrors: { reason: { text: 'Enter the reason' } },
      rows: [
        { personId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', flag: { reason: 'safeguarding', flaggedOn: '2026-11-02', flaggedBy: 'cw-1' }, optedOutOn: null, diedOn: null, reasons: ['Flagged off by staff: safeguarding'] },
        { personId: '1a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', flag: null, optedOutOn: '2026-10-01', diedOn: null, reasons: ['The family opted out'] },
      ],
    });
    expectClean(html);
    expect(html.match(/\/lift"/g)).toHaveLength(1);
    expect(html).toContain('action="/feedback/suppressions/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/lift"');
    expect(html).toContain('href="#reason">Enter the reason</a>');
    expect(html).toMatch(/id="reason-error"/);
    expect(html.match(/name="csrf" value="token"/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('shows an invitation with its letter, who is asked, and why one was not sent', () => {
    const html = render('surveys-invitations.njk', {
      title: 'Survey invitations', query: {}, list: { total: 1, page: 1, pages: 1, asOf: '2026-11-26', rows: [{
        invitationId: 'i-1', letterId: 'letter-1', caseId: '0b8f6c3e-1d2a-4c1b-9a77-2f1e5d3c4b6a', service: 'needs-assessment', trigger: 'refusal-to-assess', respondentRole: 'parent',
        status: 'suppressed', sentOn: null, expiresOn: '2026-12-20', remindedOn: null, answeredOn: null, suppressedReason: 'quiet-period', caseHref: '/cases/0b8f6c3e-1d2a-4c1b-9a77-2f1e5d3c4b6a',
      }] },
    });
    expectClean(html);
    expect(text(html)).toMatch(/Refusal to assess Case .* letter-1 Parent Not sent Not sent Surveyed on this case recently/);
  });
});
