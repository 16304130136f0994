import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Real-browser tests: Debian's chromium (never a browser downloaded by Playwright), driven by
 * playwright-core; axe-core checks every page a journey passes through; screenshots go to
 * docs/screenshots for the README.
 */

const REPOSITORY_ROOT = resolve(__dirname, '../../..');

/** The chromium the tests drive: CHROMIUM_PATH, or Debian's package. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** How to get the browser, for the errors that say it is missing. */
export const CHROMIUM_INSTALL_HINT = 'install Debian\'s chromium (`apt-get install -y chromium`, or `bash infra/chromium/install.sh` as root), or set CHROMIUM_PATH to a chromium executable';

/** A headless chromium; a missing executable is an error that says how to install it, never a skip. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`chromium not found at ${executablePath}: ${CHROMIUM_INSTALL_HINT}`);
  }
  // chromium's sandbox refuses to run as root: tests in a container run as root
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return chromium.launch({ executablePath, headless: true, args });
}

/** The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

let axeSource: string | undefined;
const axe = () => (axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

interface AxeViolation { id: string; impact: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] }

/**
 * Runs axe-core in the page against WCAG 2.x A and AA and throws on any serious or critical
 * violation, listing each (rule, impact, help, the first elements it found). axe's source is
 * evaluated through the DevTools protocol, so the page's Content-Security-Policy (script-src) does
 * not stop it (the harness's spec checks that under `default-src 'none'`); `what` names the page in the error.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // the source as an expression, evaluated by the DevTools protocol: no <script> element, no eval()
  // in the page, so a Content-Security-Policy without 'unsafe-eval' or 'unsafe-inline' does not apply
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe());
  const violations = await page.evaluate(async (tags) => {
    // (runs in the page: this project is typed without the DOM library)
    const w = globalThis as unknown as { document: unknown; axe?: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } };
    if (!w.axe) throw new Error('axe-core did not load in the page');
    const results = await w.axe.run(w.document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return results.violations;
  }, [...WCAG_TAGS]) as AxeViolation[];
  const failing = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (failing.length === 0) return;
  const list = failing.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => n.target.map(String).join(' ')).join(', ');
    return `  - ${v.id} (${v.impact}): ${v.help}\n    at ${targets}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}\n    ${v.helpUrl}`;
  }).join('\n');
  throw new Error(`${what} (${page.url()}) is not accessible: axe-core found ${failing.length} serious or critical WCAG 2.2 AA violation(s):\n${list}`);
}

/** A full-page PNG at docs/screenshots/<name>.png from the repository's root (for the README). */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name ${name}: lower-case letters, digits and hyphens only`);
  const folder = resolve(REPOSITORY_ROOT, 'docs/screenshots');
  mkdirSync(folder, { recursive: true });
  const path = resolve(folder, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Presses Tab until the element matching `selector` has the focus (at most `limit` times): keyboard-only journeys. */
export async function tabTo(page: Page, selector: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) > 0) return;
  }
  throw new Error(`${selector} did not get the focus after ${limit} presses of Tab on ${page.url()}`);
}
