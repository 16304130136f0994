import { QUESTION_SETS } from '../domain/question-sets';
import { surveyPages } from './survey-pages';

const pages = surveyPages();
const decision = QUESTION_SETS.decision;
const survey = (over: Partial<Parameters<typeof pages.render<'survey'>>[1]> = {}) =>
  pages.render('survey', { token: 'tok-123', set: decision, stage: 'the decision about an assessment', ...over });

const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const ids = (html: string) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
const hrefs = (html: string) => [...html.matchAll(/\shref="([^"]+)"/g)].map((m) => m[1]);
const count = (html: string, s: string) => html.split(s).length - 1;

describe('every page', () => {
  const all = [
    survey(), pages.render('thanks', {}), pages.render('already-answered', {}), pages.render('expired', { expiredOn: '2026-03-02' }),
    pages.render('not-found', {}), pages.render('opted-out', {}), survey({ set: QUESTION_SETS['cyp-review'] }),
  ];

  it.each(all.map((html) => [title(html), html]))('%s: an English GOV.UK page with the survey stylesheet and no script', (_t, html) => {
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en" class="govuk-template">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">');
    expect(html).toContain('<link rel="stylesheet" href="/s/assets/survey.css">');
    expect(html).toContain('<span class="govuk-service-navigation__text">Tell us what you think</span>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
  });

  it.each(all.map((html) => [title(html), html]))('%s: links to nothing but its own content and stylesheet (no staff pages)', (_t, html) =>
    expect(hrefs(html).filter((h) => h !== '#main-content' && h !== '/s/assets/survey.css' && !/^#[a-zA-Z]+$/.test(h))).toEqual([]));
});

describe('the survey page', () => {
  const html = survey();

  it('is titled after the question set, and says which stage it is about', () => {
    expect(title(html)).toBe('Tell us about the decision letter you received – Tell us what you think');
    expect(html).toContain('<h1 class="govuk-heading-l">Tell us about the decision letter you received</h1>');
    expect(html).toContain('This survey is about the decision about an assessment.');
  });

  it('posts the answers to /s/<token> as a plain form', () =>
    expect(html).toContain('<form method="post" action="/s/tok-123" enctype="application/x-www-form-urlencoded" novalidate>'));

  it('asks each scale as radios in a fieldset with the question as legend, inline on wide screens, lowest first', () => {
    expect(html).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">\s*How clear was the decision and the reasons for it\?\s*<\/legend>/);
    expect(count(html, 'govuk-radios govuk-radios--inline"')).toBe(3);
    expect(html).toMatch(/id="decisionClarity" name="decisionClarity" type="radio" value="1">\s*<label[^>]*for="decisionClarity">\s*Very unclear/);
    expect(html).toMatch(/id="decisionClarity-5" name="decisionClarity" type="radio" value="5">\s*<label[^>]*>\s*Very clear/);
  });

  it('asks the closed question with its options', () => {
    expect(html).toMatch(/<legend[^>]*>\s*Did you know what happens next\?\s*<\/legend>/);
    expect(html).toMatch(/name="knowWhatHappensNext" type="radio" value="not-sure">\s*<label[^>]*>\s*Not sure/);
  });

  it('has a text box with its character count, which says the limit without JavaScript', () => {
    expect(html).toMatch(/<textarea class="govuk-textarea govuk-js-character-count" id="comment" name="comment"/);
    expect(html).toContain('data-maxlength="1200"');
    expect(html).toMatch(/govuk-character-count__message">\s*You can enter up to 1200 characters/);
  });

  it('sends with "Send my answers", and offers a separate form to stop surveys', () => {
    expect(html).toMatch(/<button type="submit" class="govuk-button" data-module="govuk-button">\s*Send my answers\s*<\/button>\s*<\/form>/);
    expect(html).toMatch(/<form class="survey-opt-out" method="post" action="\/surveys\/opt-out\/tok-123"[^>]*>[\s\S]*Stop sending me surveys\s*<\/button>\s*<\/form>/);
  });

  it('shows no error summary and no symbols when all is well', () => {
    expect(html).not.toContain('govuk-error-summary');
    expect(html).not.toContain('<svg');
    expect(title(html)).not.toMatch(/^Error/);
  });

  it('never a checked answer on a fresh page', () => expect(html).not.toContain(' checked'));
});

describe('the survey page with problems', () => {
  const problems = [
    { field: 'decisionClarity', message: 'Select one of the answers to "How clear was the decision and the reasons for it?"' },
    { field: 'comment', message: 'Your answer must be 1,200 characters or fewer' },
  ];
  const html = survey({ problems, values: { keptInformed: '4', knowWhatHappensNext: 'no', comment: 'Too long', decisionClarity: '9' } });

  it('is titled "Error: …"', () => expect(title(html)).toBe('Error: Tell us about the decision letter you received – Tell us what you think'));

  it('has an error summary linking to each field, whose id is an input on the page', () => {
    expect(html).toContain('<h2 class="govuk-error-summary__title">');
    const links = [...html.matchAll(/<li>\s*<a href="#([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['decisionClarity', 'Select one of the answers to &quot;How clear was the decision and the reasons for it?&quot;'],
      ['comment', 'Your answer must be 1,200 characters or fewer'],
    ]);
    for (const [id] of links) expect(html).toMatch(new RegExp(`<(input|textarea)[^>]* id="${id}"`));
  });

  it('shows each problem beside its question', () => {
    expect(html).toMatch(/<p id="decisionClarity-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Select one of the answers/);
    expect(html).toMatch(/<p id="comment-error" class="govuk-error-message">/);
    expect(html).toContain('govuk-textarea--error');
  });

  it('fills the answers in again', () => {
    expect(html).toMatch(/id="keptInformed-4" name="keptInformed" type="radio" value="4" checked>/);
    expect(html).toMatch(/name="knowWhatHappensNext" type="radio" value="no" checked>/);
    expect(html).toMatch(/name="comment"[^>]*>Too long<\/textarea>/);
    expect(count(html, ' checked')).toBe(2);
  });

  it('the "answer at least one" problem links to the first question', () => {
    const none = survey({ problems: [{ field: 'decisionClarity', message: 'Answer at least one question' }] });
    expect(none).toContain('<a href="#decisionClarity">Answer at least one question</a>');
    expect(ids(none)).toContain('decisionClarity');
  });

  it('a repeated field sent back is not an answer to fill in', () =>
    expect(survey({ values: { decisionClarity: ['1', '5'], comment: ['a', 'b'] } })).not.toContain(' checked'));
});

describe('escaping', () => {
  const evil = '<script>alert(1)</script>';
  const html = survey({
    token: '"><script>alert(1)</script>',
    stage: evil,
    values: { comment: evil, keptInformed: '"><script>' },
    problems: [{ field: 'comment', message: evil }],
  });

  it('prints every value as text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('This survey is about &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(html).toMatch(/name="comment"[^>]*>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/textarea>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</a>');
  });

  it('encodes the token in the form actions', () => {
    expect(html).toContain('action="/s/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
    expect(html).toContain('action="/surveys/opt-out/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E"');
  });
});

describe('the CYP variant', () => {
  const cyp = QUESTION_SETS['cyp-review'];
  const html = survey({ set: cyp, stage: 'your annual review', values: { involvedInShapingPlan: '5' } });

  it('shows a face beside each answer of each scale, hidden from screen readers, with the words as text', () => {
    expect(count(html, '<svg class="survey-face')).toBe(15);
    expect(count(html, 'aria-hidden="true" focusable="false"')).toBe(15);
    for (let level = 1; level <= 5; level++) expect(count(html, `survey-face survey-face--${level}"`)).toBe(3);
    expect(html).toMatch(/<\/svg>\s*<span class="survey-face__label">Yes, a lot<\/span>\s*<\/label>/);
  });

  it('uses the large symbol scale and plain words', () => {
    expect(count(html, 'govuk-radios--inline survey-symbols')).toBe(3);
    expect(html).toMatch(/<legend[^>]*>\s*I helped make my plan\.\s*<\/legend>/);
    expect(html).toMatch(/<legend[^>]*>\s*I was asked what I think\.\s*<\/legend>/);
    expect(html).toMatch(/<label class="govuk-label govuk-label--m" for="comment">\s*Anything else you want to tell us\?/);
    expect(html).toContain('These questions are about your annual review.');
  });

  it('keeps the answer given', () => expect(html).toMatch(/id="involvedInShapingPlan-5" name="involvedInShapingPlan" type="radio" value="5" checked>/));
});

describe('the other pages', () => {
  it('thanks: a "Thank you" panel', () => {
    const html = pages.render('thanks', {});
    expect(title(html)).toBe('Thank you – Tell us what you think');
    expect(html).toMatch(/<div class="govuk-panel govuk-panel--confirmation">\s*<h1 class="govuk-panel__title">\s*Thank you\s*<\/h1>/);
  });

  it('already answered', () => {
    const html = pages.render('already-answered', {});
    expect(title(html)).toBe('You have already answered this survey – Tell us what you think');
    expect(html).toContain('<h1 class="govuk-heading-l">You have already answered this survey</h1>');
  });

  it('expired: the day the link expired, nothing else', () => {
    const html = pages.render('expired', { expiredOn: '2026-03-02' });
    expect(title(html)).toBe('This link has expired – Tell us what you think');
    expect(html).toContain('<p class="govuk-body">The link expired on 2 March 2026.</p>');
    expect(html).not.toContain('<form');
  });

  it('not found: one page for an unknown and a tampered link', () => {
    const html = pages.render('not-found', {});
    expect(title(html)).toBe('This link is not recognised – Tell us what you think');
    expect(html).toContain('<h1 class="govuk-heading-l">This link is not recognised</h1>');
    expect(html).not.toContain('<form');
  });

  it('opted out', () => {
    const html = pages.render('opted-out', {});
    expect(title(html)).toBe('You will not be sent more surveys – Tell us what you think');
    expect(html).toContain('<h1 class="govuk-heading-l">You will not be sent more surveys</h1>');
  });
});

describe('the stylesheet', () => {
  const css = pages.stylesheet();

  it('is GOV.UK Frontend\'s without the GOV.UK-only font, then the symbol scale', () => {
    expect(css).toContain('.govuk-radios__input');
    expect(css).not.toContain('GDS Transport');
    expect(css).toContain('.survey-symbols .govuk-radios__label');
    expect(css).toContain('.survey-face');
  });

  it('is read once', () => expect(pages.stylesheet()).toBe(css));
});
