import type { CalendarDate } from '@ehc/domain-kernel';

/**
 * The invisible characters that change the direction of the text around them: embeddings and
 * overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). A
 * right-to-left override in a typed name would print the rest of the sentence backwards (a date, a
 * reference); names in right-to-left scripts need none of them (the Unicode bidi algorithm orders them).
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** Typed text without bidirectional control characters. */
export const withoutBidiControls = (s: string) => s.replace(BIDI_CONTROLS, '');

/** Typed text made inert for a letter: no markup, and no bidirectional controls. */
export const escapeHtml = (s: string) => withoutBidiControls(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A person's name in a letter: escaped, and isolated (`<bdi>`), so a name in any script leaves the sentence around it in order. */
export const nameHtml = (name: string) => `<bdi>${escapeHtml(name)}</bdi>`;

/** "Thursday 14 May 2026": dates in letters are written out in full. */
export const longDate = (d: CalendarDate) =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The letter page's only style, inline so a printed or saved letter stands alone; the hosts' Content
 * Security Policy allows exactly this text by its hash, and no other inline style or any script.
 */
export const LETTER_STYLE = 'body{font-family:Arial,sans-serif;max-width:42rem;margin:2rem auto;line-height:1.5}header{display:flex;justify-content:space-between}@media print{body{margin:0}}';

/** The printable page every letter to a family shares; paragraphs are HTML already escaped. */
export function letterPage(o: { authority: string; reference: string; title: string; sentOn: CalendarDate; to: string; paragraphs: string[] }): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(o.reference)} — ${escapeHtml(o.title)}</title>
<style>${LETTER_STYLE}</style></head>
<body><header><strong>${escapeHtml(o.authority)}</strong><span>Our reference: ${escapeHtml(o.reference)}</span></header>
<p>${longDate(o.sentOn)}</p>
<p>To ${o.to}</p>
${o.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<p>Yours sincerely,<br>SEND Service, ${escapeHtml(o.authority)}</p>
</body></html>`;
}

/**
 * reg 32 and CoP ch. 11: an appealable decision's letter gives the right of appeal, when mediation
 * advice must be sought, the latest date to appeal, and the free advice services.
 * `about` names what may be appealed; `noCertificateNeeded` says when no certificate is needed.
 */
export function appealRightsParagraphs(sentOn: CalendarDate, mediationBy: CalendarDate, appealBy: CalendarDate, about = '', noCertificateNeeded = ''): string[] {
  return [
    `You have the right to appeal to the First-tier Tribunal (Special Educational Needs and Disability)${about}. Before appealing you must contact a mediation adviser within two months of the date of this letter (by ${longDate(mediationBy)}) and obtain a mediation certificate${noCertificateNeeded}.`,
    `If you do not go to mediation, the latest date to register an appeal is ${longDate(appealBy)}, or one month after the date of the mediation certificate if that is later.`,
    'Independent information, advice and support is available from the local SEND information, advice and support service, and disagreement resolution services are available free of charge.',
  ];
}
