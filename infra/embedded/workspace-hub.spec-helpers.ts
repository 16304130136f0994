import type { Browser, BrowserContext, Page } from 'playwright-core';
import { londonDateOf, type CalendarDate } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { openIdentityAdministration, type IdentityAdministration } from '@ehc/identity-provider';
import { freePort } from '@ehc/tooling';
import { dropSchemasWithPrefix, hubNow, launchBrowser } from '@ehc/testing';
import { allServices, frontEnds } from './main';

/** What every workspace journey starts from: the hub with the workspace and its own provider, and a browser on it. */
export interface WorkspaceHub {
  host: RunningHost;
  origin: string;
  /** The hub's own today (London), from its clock: the real one, which the browser's cookies and the authenticator follow. */
  today: CalendarDate;
  administration: IdentityAdministration;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A service account's token by client credentials: the desk that records or imports what the journey starts with. */
  serviceToken(name: string, roles: string[]): Promise<string>;
  close(): Promise<void>;
}

/** Starts the hub on a free port (its PUBLIC_URL that address) with the workspace, and a browser with one page. */
export async function startWorkspaceHub(prefix: string): Promise<WorkspaceHub> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // no OIDC_ISSUER_URL and no test verifier: the hub runs its own provider, which people sign in with
  const host = await startEmbedded(allServices, {
    DATABASE_URL: process.env.DATABASE_URL, PORT: String(port), PUBLIC_URL: origin, EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
  }, { frontEnds });
  const today = londonDateOf(await hubNow(origin));
  const administration = await openIdentityAdministration({ pool: host.runtimes[0].pool, schema: `${prefix}identity` });
  const browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  return {
    host, origin, today, administration, browser, context, page,
    async serviceToken(name, roles) {
      const account = await administration.clients.createServiceAccount({ name, roles });
      const answer = await fetch(`${origin}/oidc/token`, {
        method: 'POST', body: 'grant_type=client_credentials',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64')}` },
      });
      return ((await answer.json()) as { access_token: string }).access_token;
    },
    async close() {
      await context.close();
      await browser.close();
      await host.stop();
      await dropSchemasWithPrefix(prefix);
    },
  };
}
