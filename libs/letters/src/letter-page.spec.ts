import { escapeHtml, letterPage, nameHtml, withoutBidiControls } from './letter-page';

describe('typed text in a letter', () => {
  // U+202E (right-to-left override) would print the rest of the line backwards: "Amara" then the
  // date and reference reversed, or a name that reads as another
  const overridden = 'Amara\u202Erofako';

  it.each([
    ['U+202A–U+202E embeddings and overrides', '\u202A\u202B\u202C\u202D\u202E'],
    ['U+2066–U+2069 isolates', '\u2066\u2067\u2068\u2069'],
    ['U+200E, U+200F and U+061C marks', '\u200E\u200F\u061C'],
  ])('loses the bidirectional controls: %s', (_label, controls) => {
    expect(withoutBidiControls(`Am${controls}ara`)).toBe('Amara');
    expect(escapeHtml(`<b>${controls}</b>`)).toBe('&lt;b&gt;&lt;/b&gt;');
  });

  it('keeps names in right-to-left scripts as written, isolated from the sentence around them', () => {
    expect(nameHtml('أمارة أوكافور')).toBe('<bdi>أمارة أوكافور</bdi>');
  });

  it("prints a child's name holding U+202E inert: no control left, the name isolated, markup escaped", () => {
    const page = letterPage({
      authority: 'Lincolnshire County Council', reference: 'NA-2026-00001', title: 'decision-to-assess', sentOn: '2026-02-16',
      to: `the parent of ${nameHtml(`${overridden} <script>`)}`, paragraphs: [`We have decided to assess ${nameHtml(overridden)}.`],
    });
    expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    expect(page).toContain('To the parent of <bdi>Amararofako &lt;script&gt;</bdi>');
    expect(page).toContain('We have decided to assess <bdi>Amararofako</bdi>.');
  });
});
