// the one html rule for text a family or a caseworker typed: the letters' (no markup, no bidi controls)
export { escapeHtml } from '@ehc/letters';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholders a template uses, in order of first use; a stray `{{` or `}}` is an Error. */
function placeholdersOf(template: string): string[] {
  const stray = template.replace(PLACEHOLDER, '');
  const at = stray.search(/\{\{|\}\}/);
  if (at >= 0) throw new Error(`template has a malformed placeholder near ${JSON.stringify(stray.slice(Math.max(0, at - 10), at + 20))}: placeholders are {{name}}`);
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Refuses, at start-up, a template that uses a placeholder outside `allowed` or a malformed one, so a
 * misconfigured template stops the service instead of reaching a family half filled.
 */
export function checkTemplate(template: string, allowed: readonly string[]): void {
  const unknown = placeholdersOf(template).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw new Error(`template uses unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')} (allowed: ${allowed.map((n) => `{{${n}}}`).join(', ') || 'none'})`);
  }
}

/**
 * Fills `{{name}}` placeholders, and nothing else (no logic, no escaping: for an html part, escape
 * the values with escapeHtml first). A placeholder without a value throws an Error naming it.
 * Values are inserted as they are: a `{{…}}` inside a value is not filled in turn.
 */
export function renderMessageTemplate(template: string, values: Record<string, string>): string {
  checkTemplate(template, Object.keys(values));
  return template.replace(PLACEHOLDER, (_, name: string) => values[name]);
}
