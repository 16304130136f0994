import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type nunjucks from 'nunjucks';
import { formatDate, govukEnvironment, govukStylesheet, GOVUK_DIST } from '@ehc/pages';
import { PACK_CSS } from '@ehc/performance-pack';
import { DOMAINS } from './valuing-send';

// GOV.UK pages are rendered the same way in every service (@ehc/pages); these stay importable from here
export { formatDate, GOVUK_DIST };

/**
 * Pages are rendered on the server with GOV.UK Frontend's own Nunjucks macros: they work without
 * JavaScript, and every value is escaped (autoescape) — a child named `<script>` prints as text.
 */
export function pageRenderer(): nunjucks.Environment {
  const env = govukEnvironment([join(__dirname, 'templates')]);
  env.addGlobal('ratingDomains', DOMAINS);
  env.addFilter('londonTime', (value: string | null | undefined) => (value ? LONDON_TIME.format(new Date(value)) : ''));
  return env;
}

/** An instant as a clock on the wall in England shows it. */
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** GOV.UK Frontend's stylesheet (system font), the workspace's own rules and the performance pack's (its content is embedded in the meeting's pages). */
export function workspaceStylesheet(): string {
  return govukStylesheet(`${readFileSync(join(__dirname, 'templates', 'workspace.css'), 'utf8')}\n${PACK_CSS}`);
}
