import { pageRenderer } from '../views';
import { asAtWords, caseHref, defaultSen2Year, isAsAt, issuesByRule, meetingMonths, MEETING_PAGES, restatementTables, type Restatement } from './meeting';

/*
 * The monthly meeting's pages as the workspace shapes them from the performance API's answers:
 * the months and years offered, the restated measures and the SEN2 checks grouped, each case linked.
 */

const CASE = '0f8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('the monthly meeting\'s choices', () => {
  it('offers the 24 months before this one, last month first', () => {
    const months = meetingMonths('2026-11-30');
    expect(months).toHaveLength(24);
    expect(months[0]).toEqual({ value: '2026-10', text: 'October 2026' });
    expect(months[23].value).toBe('2024-11');
  });

  it('prepares the SEN2 return whose census is next: in January that year\'s, after it the next', () => {
    expect(defaultSen2Year('2027-01-10')).toBe(2027);
    expect(defaultSen2Year('2026-11-30')).toBe(2027);
    expect(defaultSen2Year('2026-02-01')).toBe(2027);
  });

  it('takes an as-at carried in a link as a date or an instant with its offset, nothing else', () => {
    expect(isAsAt('2026-11-05')).toBe(true);
    expect(isAsAt('2026-11-05T09:00:00Z')).toBe(true);
    expect(isAsAt('2026-11-05T09:00:00')).toBe(false);
    expect(isAsAt('last tuesday')).toBe(false);
    expect(asAtWords('2026-11-05T09:00:00Z', (d) => d)).toBe('what was recorded by 5 November 2026 at 09:00:00');
    expect(asAtWords(null, (d) => d)).toBe('everything recorded so far');
  });

  it('links a case by its uuid to the workspace\'s case page, and nothing else', () => {
    expect(caseHref(CASE)).toBe(`/cases/${CASE}`);
    expect(caseHref(`ehcna-${CASE}`)).toBe(`/cases/${CASE}`);
    expect(caseHref('p')).toBeNull();
  });
});

describe('the restatement and the SEN2 checks as shown', () => {
  const restatement: Restatement = {
    month: '2026-10', fromAsAt: '2026-11-05', toAsAt: null, restated: ['refusalRate'],
    measures: {
      refusalRate: {
        from: { value: 0.25, numerator: 1, denominator: 4 }, to: { value: 0.4, numerator: 2, denominator: 5 }, restated: true,
        casesAdded: [{ caseId: CASE, reference: 'NA-2026-00042', inNumerator: true, detail: 'refused on 2026-10-20' }], casesRemoved: [],
      },
      requestsReceived: { from: { value: 5, numerator: 5, denominator: null }, to: { value: 5, numerator: 5, denominator: null }, restated: false, casesAdded: [], casesRemoved: [] },
    },
  };
  const later = { month: '2026-10', asAt: null, snapshotOn: '2026-11-30', measures: {
    refusalRate: { title: 'Requests refused', unit: 'share' as const, value: 0.4, numerator: 2, denominator: 5, definition: '', source: 'needs-assessment', status: 'ok' as const, provisional: false, breakdown: {}, trend: [], cases: [] },
  } };

  it('shows each measure that changed, before and after in the pack\'s words, and the case that came in linked', () => {
    const [table, ...rest] = restatementTables(restatement, later);
    expect(rest).toEqual([]);
    expect(table.title).toBe('Requests refused');
    expect(table.rows).toEqual([
      { label: 'Figure', before: '25.0%', after: '40.0%' },
      { label: 'Numerator', before: '1', after: '2' },
      { label: 'Denominator', before: '4', after: '5' },
    ]);
    expect(table.added).toEqual([{ reference: 'NA-2026-00042', href: `/cases/${CASE}`, detail: 'refused on 2026-10-20', inNumerator: true }]);
  });

  it('groups the SEN2 problems by rule, largest first, in words', () => {
    const groups = issuesByRule([
      { rule: 'missing-urn', message: 'no URN', caseId: CASE, reference: 'NA-1', field: 'URN' },
      { rule: 'duplicate-open-request', message: 'second', caseId: CASE, reference: null, field: 'ReceivedDate' },
      { rule: 'missing-urn', message: 'no URN again', caseId: 'p', reference: 'NA-2', field: 'URN' },
    ]);
    expect(groups.map((g) => [g.rule, g.count])).toEqual([['missing-urn', 2], ['duplicate-open-request', 1]]);
    expect(groups[0].title).toBe('Setting with no URN, UKPRN or SEN setting code');
    expect(groups[0].rows[1]).toEqual({ reference: 'NA-2', href: null, field: 'URN', message: 'no URN again' });
    expect(groups[1].rows[0].reference).toBe('no reference');
  });

  it('renders the SEN2 page with each problem\'s case linked and nothing left undefined', () => {
    const html = pageRenderer().render('meeting-sen2.njk', {
      title: 'SEN2 return', meetingPages: MEETING_PAGES, maySen2: true, errors: [], fieldErrors: {}, years: [], year: 2027,
      ret: { year: 2027, censusDate: '2027-01-21', flowsFrom: '2026-01-01', flowsTo: '2026-12-31', gaps: [{ item: 'UPN', why: 'Not in any published contract.' }] },
      totals: [{ key: 'Plans active on the census date', value: 0 }], ageBands: [], records: 2, issues: 1, xml: '/meeting/sen2.xml?year=2027', csv: '/meeting/sen2.csv?year=2027',
      groups: issuesByRule([{ rule: 'missing-urn', message: 'The setting has no URN <b>', caseId: CASE, reference: 'NA-1', field: 'URN' }]),
    });
    expect(html).toContain(`<a class="govuk-link" href="/cases/${CASE}">NA-1</a>`);
    expect(html).toContain('The setting has no URN &lt;b&gt;');
    expect(html).not.toMatch(/undefined|\[object Object\]/);
  });
});
