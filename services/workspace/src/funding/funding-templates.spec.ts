import { inputId } from '../forms/steps';
import { planFundingSteps } from '../forms/funding-steps';
import { pageRenderer } from '../views';
import { commitmentRows, financialYearChoices, forecastTables, matrixTables, scheduleBySetting, varianceWords } from './figures';
import { fundingHelpers } from './funding-pages';
import { TRAYS } from './words';

/*
 * The funding templates rendered with views shaped as the funding API gives them: money in pounds
 * to the penny, every code in words, nothing left as "undefined" or an object.
 */

const views = pageRenderer();
const render = (template: string, context: Record<string, unknown>) => views.render(template, {
  ...fundingHelpers, inputId, settingNames: {}, csrfToken: 'token', user: { name: 'Sam Funding', roles: ['funding-officer'] }, navigation: [], errors: [], ...context,
});
const text = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/\s+/g, ' ');
const expectClean = (html: string) => expect(text(html)).not.toMatch(/undefined|\[object Object\]|NaN/);
const BANDS = [
  { band: 'C', settingType: 'mainstream', annualPence: 1_200_000, validFrom: '2026-04-01', validTo: '2027-03-31' },
  { band: 'C', settingType: 'mainstream', annualPence: 1_236_000, validFrom: '2027-04-01', validTo: null },
  { band: 'S2', settingType: 'special', annualPence: 2_100_050, validFrom: '2026-04-01', validTo: null },
];

const plan = {
  planId: '0b8f6c3e-1d2a-4c1b-9a77-2f1e5d3c4b6a', reference: 'EHCP-<b>7</b>', childId: 'c-1', status: 'funded', awaitingFunding: null,
  namedSetting: { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream' },
  placements: [{ settingUrn: '120345', settingName: 'Lincoln Castle Academy', settingType: 'mainstream', from: '2026-09-01', to: null }],
  topUps: [
    { topUpId: 'top-up-1', band: 'C', settingUrn: '120345', settingType: 'mainstream', from: '2026-09-01', to: '2026-10-31', annualPence: 1_200_000, endReason: null },
    { topUpId: 'top-up-2', band: 'D', settingUrn: '120345', settingType: 'mainstream', from: '2026-11-01', to: null, annualPence: 1_550_000, endReason: null },
  ],
  commitmentsByYear: { '2026-27': 841_781 },
  fundingIncreaseRequests: [{ requestId: 'increase-request-1', requestedOn: '2026-10-05', requestedBand: 'D', outcome: 'agreed', decidedOn: '2026-10-19' }],
  dualRegistration: {
    dualRegistrationId: 'd-1', mainstreamUrn: '100001', mainstreamName: 'Hill Primary', startOn: '2026-09-01', split: null,
    fundingReleased: { from: '2026-10-01', split: { specialSessions: 5, mainstreamSessions: 5 }, splitAssumed: true }, ended: null,
  },
  personalBudget: { status: 'agreed', decidedOn: '2026-09-14', from: '2026-10-01', to: null, annualPence: 350_000, directPayment: { from: '2026-10-01', to: null, annualPence: 120_050 } },
  ceased: null, asOf: '2026-11-30', nextSteps: ['change-band', 'request-funding-increase', 'end-top-up', 'stop-direct-payment'], revision: 6,
};

describe('the funding pages as rendered', () => {
  it('shows the awaiting-funding tray: the plan, its named setting, since when and how many days it has waited', () => {
    const html = render('funding-plans.njk', {
      title: 'Plans awaiting funding', tray: TRAYS[0], query: { tray: 'awaiting-funding' }, fieldErrors: {},
      trays: TRAYS.map((t) => ({ ...t, href: `/high-needs/plans?tray=${t.tray}`, current: t.tray === 'awaiting-funding' })),
      list: { total: 1, asOf: '2026-11-30', page: 1, pages: 1, rows: [{
        item: { planId: plan.planId, reference: 'EHCP-7', status: 'awaiting-funding', awaitingSince: '2026-07-14', source: 'final-plan', setting: { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream' }, band: null, annualPence: null },
        href: `/high-needs/plans/${plan.planId}`, days: 139,
      }] },
    });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('1 plan, the longest wait first');
    expect(words).toContain('EHCP-7 Final plan issued Lincoln Castle Academy URN 120345, mainstream school 14 July 2026 139');
    expect(html).toContain('aria-current="page">Awaiting funding</a>');
  });

  it('shows a plan\'s funding: its band and rate, commitments by year, top-ups, placements, dual registration, personal budget, and its forms', () => {
    const steps = planFundingSteps(plan, BANDS, plan.asOf).filter((s) => plan.nextSteps.includes(s.name));
    const html = render('funding-plan.njk', {
      title: 'Funding', view: plan, outcome: { done: 'Change the band' }, settingNames: { 120345: 'Lincoln Castle Academy', 100001: 'Hill Primary' }, steps, mayChange: true, running: plan.topUps[1],
      commitments: commitmentRows(plan.commitmentsByYear), matrixEmpty: false, waiting: null,
    });
    expectClean(html);
    expect(html).toContain('EHC plan EHCP-&lt;b&gt;7&lt;/b&gt;');
    const words = text(html);
    expect(words).toContain('Recorded: Change the band');
    expect(words).toContain('Band D Annual rate £15,500.00 a year, from 1 November 2026');
    expect(words).toContain('2026 to 2027 £8,417.81');
    expect(words).toContain('C Lincoln Castle Academy (URN 120345) Mainstream school 1 September 2026 31 October 2026 £12,000.00');
    expect(words).toContain('Paid to Lincoln Castle Academy (URN 120345), mainstream school');
    expect(words).toContain('Mainstream school Hill Primary (URN 100001)');
    expect(words).toContain('From 1 October 2026, equally until a split is agreed');
    expect(words).toContain('£1,200.50 a year from 1 October 2026, continuing');
    expect(words).toContain('Agreed 19 October 2026');
    expect(html.match(/<summary/g)).toHaveLength(4);
    expect(html).toContain(`action="/high-needs/plans/${plan.planId}/change-band"`);
    expect(html).toContain('name="csrf" value="token"');
  });

  it('shows a plan waiting, with the top-up form prefilled with the named setting and the refusal beside its field', () => {
    const waiting = { ...plan, status: 'awaiting-funding', awaitingFunding: { since: '2026-07-14', source: 'final-plan', namedSetting: plan.namedSetting },
      topUps: [], commitmentsByYear: {}, placements: [], dualRegistration: null, personalBudget: null, fundingIncreaseRequests: [], nextSteps: ['agree-top-up', 'record-top-up-not-required'] };
    const steps = planFundingSteps(waiting, BANDS, waiting.asOf).filter((s) => waiting.nextSteps.includes(s.name));
    const failed = { step: 'agree-top-up', errors: [{ text: 'First day funded must be a real date', href: '#agree-top-up-from-day', field: 'from' }], values: { band: 'C', settingUrn: '120345', 'from-day': '31', 'from-month': '2', 'from-year': '2026' } };
    const html = render('funding-plan.njk', {
      title: 'Funding', view: waiting, outcome: { failed }, steps, mayChange: true, running: null, commitments: null, matrixEmpty: false, waiting: 'waiting 139 days',
      errors: failed.errors.map((e) => ({ text: e.text, href: e.href })),
    });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Since 14 July 2026 (final plan issued): waiting 139 days');
    expect(words).toContain('Nothing committed: no top-up has been agreed.');
    expect(html).toContain('href="#agree-top-up-from-day"');
    expect(html).toMatch(/<details[^>]*open/);
    expect(html).toMatch(/<option value="C" selected>/);
    expect(html).toContain('value="120345"');
  });

  it('shows the banding matrix by setting type, each version\'s dates and rate, and the upload form', () => {
    const html = render('funding-bands.njk', { title: 'Banding matrix', asOf: '2026-11-30', tables: matrixTables(BANDS, '2026-11-30'), fieldErrors: {}, imported: { added: 3, unchanged: 0 }, mayImport: true, action: '/high-needs/bands' });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Banding matrix imported: 3 rates added, 0 already there');
    expect(words).toContain('Mainstream school Band Valid from Valid to Annual rate C 1 April 2026 31 March 2027 £12,000.00 C 1 April 2027 No end Not yet in force £12,360.00');
    expect(words).toContain('S2 1 April 2026 No end £21,000.50');
    expect(html).toContain('enctype="multipart/form-data"');
  });

  it('shows the schedule: totals by setting type, by setting, and the two downloads', () => {
    const lines = [
      { planId: 'p1', reference: 'EHCP-7', settingUrn: '120345', settingName: 'Lincoln Castle Academy', settingType: 'mainstream', band: 'C', periodId: '2026-27-M06', from: '2026-09-01', to: '2026-09-30', pence: 98_630, kind: 'scheduled' },
      { planId: 'p1', reference: 'EHCP-7', settingUrn: '120345', settingName: 'Lincoln Castle Academy', settingType: 'mainstream', band: 'C', periodId: '2026-27-M06', from: '2026-09-01', to: '2026-09-30', pence: -10_000, kind: 'adjustment' },
    ];
    const html = render('funding-schedule.njk', {
      title: 'Payment schedule', fy: '2026-27', year: '2026 to 2027', years: financialYearChoices('2026-27').map((value) => ({ value, text: value, selected: value === '2026-27' })), fieldErrors: {},
      schedule: { fy: '2026-27', asAt: '2026-11-30', lines, totals: { pence: 88_630, bySettingType: [{ settingType: 'mainstream', pence: 88_630 }] } },
      bySetting: scheduleBySetting(lines), downloads: { csv: '/high-needs/schedule/download?fy=2026-27&format=csv', xlsx: '/high-needs/schedule/download?fy=2026-27&format=xlsx' },
    });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Totals by setting type Setting type Paid in the year Mainstream school £886.30 Total £886.30');
    expect(words).toContain('Lincoln Castle Academy URN 120345, mainstream school 1 £886.30 -£100.00');
    expect(html).toContain('href="/high-needs/schedule/download?fy=2026-27&amp;format=xlsx"');
  });

  it('shows the forecast: the overspend in words, the totals, each setting type and band, and the budget form', () => {
    const totals = { spentPence: 1_250_000, committedPence: 2_000_000, forecastPence: 3_250_000, budgetPence: 3_000_000, variancePence: 250_000, outcome: 'overspend' as const };
    const rows = [{ settingType: 'mainstream', band: 'C', plans: 2, spentPence: 1_250_000, committedPence: 2_000_000, forecastPence: 3_250_000 }];
    const html = render('funding-forecast.njk', {
      title: 'High-needs forecast', fy: '2026-27', year: '2026 to 2027', years: [{ value: '2026-27', text: '2026 to 2027', selected: true }], asAtParts: { day: '30', month: '11', year: '2026' },
      asAtError: null, asAt: '2026-11-30', fieldErrors: {}, done: true, maySetBudget: true, budgetPounds: '30000.00',
      forecast: { fy: '2026-27', asAt: '2026-11-30', budget: { totalPence: 3_000_000 }, totals, rows }, tables: forecastTables(rows), variance: varianceWords(totals, '2026-27'),
    });
    expectClean(html);
    const words = text(html);
    expect(words).toContain('Budget entered for 2026 to 2027');
    expect(words).toContain('Overspend Forecast overspend of £2,500.00 against the budget for 2026 to 2027.');
    expect(words).toContain('Forecast against the budget Over by £2,500.00');
    expect(words).toContain('Mainstream school: band C 2 £12,500.00 £20,000.00 £32,500.00');
    expect(html).toContain('value="30000.00"');
    expect(html).toContain('action="/high-needs/forecast/budget"');
  });
});
