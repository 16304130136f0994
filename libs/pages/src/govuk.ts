import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';

/** Where govuk-frontend keeps its templates and assets (`dist/govuk/...`). */
export const GOVUK_DIST = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * A Nunjucks environment over the service's templates and GOV.UK Frontend's own macros. Pages are
 * rendered on the server, so they work without JavaScript, and every value is escaped (autoescape):
 * a name typed as `<script>` prints as text.
 */
export function govukEnvironment(templateDirs: readonly string[]): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([...templateDirs, GOVUK_DIST], { noCache: false }), {
    autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true,
  });
  env.addFilter('londonDate', (value: string | null | undefined) => (value ? formatDate(value) : ''));
  env.addFilter('words', words);
  return env;
}

/** DecidedToAssess → Decided to assess; decision-to-assess → Decision to assess. */
export function words(value: unknown): string {
  return String(value ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-03-02 → 2 March 2026 (GOV.UK style); a calendar date, no time zone to convert. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

const SYSTEM_FONTS = 'font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

/**
 * GOV.UK Frontend's stylesheet with the font changed to the system's, then the service's own rules:
 * GDS Transport is licensed for GOV.UK only, so its @font-face rules go and the family falls back to
 * the platform's own.
 */
/** 2026-03 → March 2026 (a month as the pages and the papers write it); anything else as it is. */
export function monthWords(month: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  return m ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : month;
}

export function govukStylesheet(extraCss = ''): string {
  const css = readFileSync(join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.css'), 'utf8');
  return css
    .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
    .replace(/font-family:GDS Transport,arial,sans-serif/g, SYSTEM_FONTS)
    .replace(/font-family:GDS Transport/g, SYSTEM_FONTS)
    + extraCss;
}
