import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDate, govukEnvironment, govukStylesheet, GOVUK_DIST, words } from './govuk';

describe('govukEnvironment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ehc-pages-'));
  writeFileSync(join(dir, 'page.njk'), [
    '{% from "govuk/components/button/macro.njk" import govukButton %}',
    '<p>{{ value }}</p><p>{{ on | londonDate }}</p><p>{{ type | words }}</p>',
    '{{ govukButton({ text: label }) }}',
  ].join('\n'));
  const env = govukEnvironment([dir]);

  it('renders the service\'s templates with GOV.UK Frontend\'s macros', () =>
    expect(env.render('page.njk', { label: 'Continue' })).toMatch(/<button[^>]*class="govuk-button"[^>]*>\s*Continue\s*<\/button>/));

  it('escapes every value', () => {
    const html = env.render('page.njk', { value: '<script>alert(1)</script>', label: '<b>x</b>' });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>x</b>');
  });

  it('has the londonDate and words filters', () => {
    const html = env.render('page.njk', { on: '2026-03-02', type: 'DecidedToAssess' });
    expect(html).toContain('<p>2 March 2026</p>');
    expect(html).toContain('<p>Decided to assess</p>');
  });

  it('an empty date prints nothing', () => expect(env.render('page.njk', { on: null })).toContain('<p></p>'));
});

describe('formatDate and words', () => {
  it.each([['2026-03-02', '2 March 2026'], ['2025-12-31T23:00:00Z', '31 December 2025'], ['not a date', 'not a date']])('%s → %s', (date, text) =>
    expect(formatDate(date)).toBe(text));

  it.each([['DecidedToAssess', 'Decided to assess'], ['decision-to-assess', 'Decision to assess'], [null, '']])('%s → %s', (value, text) =>
    expect(words(value)).toBe(text));
});

describe('govukStylesheet', () => {
  const css = govukStylesheet('.extra{color:red}');

  it('is GOV.UK Frontend\'s stylesheet without the GOV.UK-only font', () => {
    expect(css).toContain('.govuk-button');
    expect(css).not.toContain('GDS Transport');
    expect(css).toContain('system-ui');
  });

  it('ends with the service\'s own rules', () => expect(css.endsWith('.extra{color:red}')).toBe(true));

  it('GOVUK_DIST holds the templates', () => expect(GOVUK_DIST).toMatch(/govuk-frontend[\\/]dist$/));
});
