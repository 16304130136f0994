import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { DOMAINS } from './valuing-send';

/** Where govuk-frontend keeps its templates and assets (`dist/govuk/...`). */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * Pages are rendered on the server with GOV.UK Frontend's own Nunjucks macros: they work without
 * JavaScript, and every value is escaped (autoescape) — a child named `<script>` prints as text.
 */
export function pageRenderer(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(__dirname, 'templates'), GOVUK_DIST], { noCache: false }), {
    autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true,
  });
  env.addGlobal('ratingDomains', DOMAINS);
  env.addFilter('londonDate', (value: string | null | undefined) => (value ? formatDate(value) : ''));
  env.addFilter('londonTime', (value: string | null | undefined) => (value ? LONDON_TIME.format(new Date(value)) : ''));
  // DecidedToAssess → Decided to assess
  env.addFilter('words', (value: string) => String(value ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase()));
  return env;
}

/** An instant as a clock on the wall in England shows it. */
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-03-02 → 2 March 2026 (GOV.UK style); a calendar date, no time zone to convert. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * GOV.UK Frontend's stylesheet with the font changed to the system's: GDS Transport is licensed for
 * GOV.UK only, so its @font-face rules go and the family falls back to the platform's own.
 */
export function workspaceStylesheet(): string {
  const css = readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8');
  return css
    .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
    .replace(/font-family:GDS Transport,arial,sans-serif/g, 'font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif')
    .replace(/font-family:GDS Transport/g, 'font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif')
    + readFileSync(join(__dirname, 'templates', 'workspace.css'), 'utf8');
}
