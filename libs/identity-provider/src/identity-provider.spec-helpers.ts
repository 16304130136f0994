import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { createTestSchema, type TestSchema } from '@ehc/testing';
import type { Clock } from '@ehc/domain-kernel';
import { createIdentityProvider, type IdentityProvider, type IdentityProviderOptions } from './identity-provider';

export interface RunningProvider {
  provider: IdentityProvider;
  origin: string;
  issuer: string;
  schema: TestSchema;
  stop(): Promise<void>;
}

export const AUDIENCE = 'ehc-hub';

/**
 * The provider as a host mounts it: a plain Express app listening on 127.0.0.1 (a free port), the
 * provider created with that real port in its issuer and mounted at the issuer's path.
 */
export async function startProvider(label: string, options: Partial<Omit<IdentityProviderOptions, 'schema'>> & { testSchema?: TestSchema; clock?: Clock; port?: number } = {}): Promise<RunningProvider> {
  const { testSchema, port, ...rest } = options;
  const schema = testSchema ?? (await createTestSchema(label));
  const app = express();
  const server: Server = await new Promise((resolve) => { const s = app.listen(port ?? 0, '127.0.0.1', () => resolve(s)); });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/oidc`;
  const provider = await createIdentityProvider({
    pool: schema.pool, schema: schema.schema, issuer, audience: AUDIENCE,
    workspaceRedirectUris: [`${origin}/workspace/signed-in`],
    log: process.env.IDP_DEBUG ? (line) => process.stderr.write(`${line}\n`) : undefined, ...rest,
  });
  app.use('/oidc', provider.handler);
  return {
    provider, origin, issuer, schema,
    async stop() {
      await provider.close();
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    },
  };
}

/** A browser's cookie handling, enough for the sign-in pages: name, value, path; no JavaScript. */
export class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response): void {
    // a cookie's expiry is the provider's, so is its clock: the answer's Date, never this machine's
    const answeredAt = Date.parse(response.headers.get('date') ?? '');
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const path = attr('path') ?? '/';
      const expired = attr('max-age') === '0' || (attr('expires') && Date.parse(attr('expires')!) < answeredAt) || value === '';
      if (expired) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  header(url: string): string {
    const path = new URL(url).pathname;
    return [...this.cookies.values()]
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`).join('; ');
  }

  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.header(url) };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    this.store(response);
    return response;
  }
}

/** Follows 3xx answers on the same jar until one is not a redirect or leaves for `stopAt`. */
export async function follow(jar: CookieJar, start: Response, base: string, stopAt?: string): Promise<{ response: Response; url: string }> {
  let response = start;
  let url = base;
  for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
    if (hops > 10) throw new Error('too many redirects');
    url = new URL(response.headers.get('location')!, url).href;
    if (stopAt && url.startsWith(stopAt)) return { response, url };
    response = await jar.fetch(url);
  }
  return { response, url };
}
