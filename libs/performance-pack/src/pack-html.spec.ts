import { renderPackHtml } from './pack-html';
import { examplePack } from './pack.spec-helpers';

/** The headings' levels in document order. */
const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
/** Text with tags dropped and white space collapsed, to match sentences across markup. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The section of one measure. */
const section = (html: string, name: string) => {
  const start = html.indexOf(`<section class="ehc-pack-measure" id="measure-${name}"`);
  return html.slice(start, html.indexOf('</section>', start));
};

describe('renderPackHtml', () => {
  const pack = examplePack();
  let standalone: string;
  let embedded: string;
  beforeAll(async () => {
    standalone = await renderPackHtml(pack, { standalone: true });
    embedded = await renderPackHtml(pack, {
      standalone: false, links: { xlsx: '/performance/2026-03.xlsx', csv: (m) => `/performance/2026-03${m ? `/${m}` : ''}.csv` },
    });
  });

  it('prints each figure in its unit: shares as per cent, money in whole pounds, a mean to one place', () => {
    const summary = textOf(embedded.slice(0, embedded.indexOf('</table>')));
    expect(summary).toContain('Decisions whether to assess within 6 weeks 25.0%');
    expect(summary).toContain('Requests refused 45.9% (provisional)');
    expect(summary).toContain('Top-up funding committed this financial year £1,234');
    expect(summary).toContain('Survey mean score (1–5) 3.8');
    expect(summary).toContain('Requests for an assessment received 12');
  });

  it('says why a figure is missing instead of printing a number', () => {
    const summary = textOf(embedded.slice(0, embedded.indexOf('</table>')));
    expect(summary).toContain('Appeals registered suppressed');
    expect(summary).toContain('Decisions not to issue a plan within 16 weeks no cases');
    expect(summary).toContain('Tribunal appeals decided in the family&#39;s favour not yet available: tribunal has not landed');
    expect(textOf(section(embedded, 'appealsRegistered'))).toContain('Number suppressed');
    expect(textOf(section(embedded, 'appealsRegistered'))).toContain('May 2025 suppressed');
    expect(textOf(section(embedded, 'tribunalOutcomes'))).toContain('Numerator not yet available Denominator not yet available Source tribunal Status not yet available: tribunal has not landed');
  });

  it('gives each measure its definition, numerator and denominator', () => {
    const text = textOf(section(embedded, 'decisionsToAssessOnTime'));
    expect(text).toContain('The definition of decisions whether to assess within 6 weeks.');
    expect(text).toContain('Numerator 1');
    expect(text).toContain('Denominator 4');
    expect(text).toContain('Source needs-assessment');
  });

  it('draws each trend as an SVG image with a label, and the same numbers in a table', () => {
    const s = section(embedded, 'decisionsToAssessOnTime');
    expect(s).toMatch(/<svg role="img" aria-label="Line chart of Decisions whether to assess within 6 weeks by month, April 2025 75.0% to March 2026 25.0%[^"]*"/);
    expect(textOf(s)).toContain('June 2025 no cases 0 0');
    expect(textOf(s)).toContain('March 2026 25.0% 1 4');
    // eight measures have a trend; the one whose source has not landed has none
    expect(embedded.match(/<svg\b/g)).toHaveLength(8);
    expect(section(embedded, 'tribunalOutcomes')).not.toContain('<svg');
    // nothing a policy without inline styles would refuse
    expect(embedded).not.toMatch(/<style| style=/);
    expect(s).toContain('font-size="12px"');
  });

  it('has the breakdown as a table', () =>
    expect(textOf(section(embedded, 'requestsReceived'))).toContain('Split Number parent 7 setting 5'));

  it('lists the cases behind a figure in a drill-down, with days overdue where there are any', () => {
    const overdue = section(embedded, 'overdueCases');
    expect(overdue).toContain('<details class="govuk-details ehc-pack-cases"');
    expect(textOf(overdue)).toContain('Show the 2 cases behind this figure');
    expect(textOf(overdue)).toContain('EHC-0007 final due 2026-03-01 30');
    const shares = textOf(section(embedded, 'decisionsToAssessOnTime'));
    expect(shares).toContain('Reference Counted in the figure Detail');
    expect(shares).toContain('EHC-0003 No refused 2026-03-10');
    expect(shares).toContain('no reference No agreed 2026-03-20');
    expect(shares).not.toContain('Days overdue');
    expect(section(embedded, 'surveyMeanScore')).not.toContain('<details');
  });

  it('links the downloads when told where they are', () => {
    expect(embedded).toContain('href="/performance/2026-03.xlsx"');
    expect(embedded).toContain('href="/performance/2026-03.csv"');
    expect(section(embedded, 'refusalRate')).toContain('href="/performance/2026-03/refusalRate.csv"');
    expect(standalone).not.toContain('download>');
  });

  it('embeds as content only, starting at h2 under the page\'s own h1', () => {
    expect(embedded).not.toMatch(/<html|<head|<body|<h1/);
    expect(headingLevels(embedded)[0]).toBe(2);
  });

  it('stands alone as a whole document with the GOV.UK stylesheet and a print stylesheet', () => {
    expect(standalone).toMatch(/^<!DOCTYPE html>\s*<html lang="en-GB"/);
    expect(standalone).toContain('<title>SEND performance pack: March 2026</title>');
    expect(standalone).toContain('<h1 class="govuk-heading-xl">SEND performance pack: March 2026</h1>');
    expect(standalone).toContain('.govuk-table{');
    expect(standalone).toMatch(/@media print\{[^]*\.ehc-pack-links,\.ehc-pack-cases[^}]*\{display:none\}/);
    expect(standalone).toContain('.ehc-pack-measure{break-inside:avoid-page;page-break-inside:avoid}');
  });

  it('links a stylesheet instead when given one, and takes a title', async () => {
    const html = await renderPackHtml(pack, { standalone: true, title: 'Pack for the board', stylesheetHref: '/assets/pack.css' });
    expect(html).toContain('<link rel="stylesheet" href="/assets/pack.css">');
    expect(html).not.toContain('<style');
    expect(html).toContain('<title>Pack for the board</title>');
  });

  it('has no script, headings in order and a caption on every table', () => {
    for (const html of [standalone, embedded]) {
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      const levels = headingLevels(html);
      levels.forEach((level, i) => { if (i > 0) expect(level).toBeLessThanOrEqual(levels[i - 1] + 1); });
      const tables = html.match(/<table\b[^>]*>\s*<caption\b/g) ?? [];
      expect(tables).toHaveLength((html.match(/<table\b/g) ?? []).length);
    }
    expect(headingLevels(standalone)[0]).toBe(1);
  });

  it('escapes what it prints', async () => {
    const odd = examplePack();
    odd.measures.requestsReceived.breakdown = { '<script>alert(1)</script>': 1 };
    odd.measures.requestsReceived.cases = [{ caseId: 'c', reference: '<b>EHC</b>', inNumerator: true, detail: '"quoted" & <i>' }];
    const html = await renderPackHtml(odd, { standalone: false });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;EHC&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<b>|<i>/);
  });
});
