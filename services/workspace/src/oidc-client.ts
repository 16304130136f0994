import { createHash } from 'node:crypto';

interface Discovery { authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string }

export interface Tokens { accessToken: string; expiresInSeconds: number; refreshToken: string | null; idToken: string | null }

export class SignInFailed extends Error {}

/**
 * The workspace as an OpenID Connect client: authorization code with PKCE (S256), a public client
 * (`workspace`: no secret to keep), refresh tokens to stay signed in through a working day. The
 * browser is sent to the provider's own address; this server reaches it at `serverIssuer` (the
 * same, or the hub's loopback when the provider is embedded), with endpoints on that origin.
 */
export class OidcClient {
  private discovery?: Promise<{ browser: Discovery; server: Discovery }>;

  constructor(private readonly options: { issuer: string; serverIssuer: () => string; clientId: string; redirectUri: string }) {}

  private endpoints() {
    this.discovery ??= (async () => {
      const serverIssuer = this.options.serverIssuer().replace(/\/$/, '');
      const response = await fetch(`${serverIssuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new SignInFailed(`the OpenID provider's discovery answered ${response.status}`);
      const browser = (await response.json()) as Discovery;
      // the provider names its endpoints by its public issuer; this server calls them on the address it reaches
      const onServer = (url: string) => url.replace(this.options.issuer.replace(/\/$/, ''), serverIssuer);
      return { browser, server: { ...browser, token_endpoint: onServer(browser.token_endpoint) } };
    })().catch((error) => {
      this.discovery = undefined;
      throw error;
    });
    return this.discovery;
  }

  async authorizationUrl(state: string, codeVerifier: string): Promise<string> {
    const { browser } = await this.endpoints();
    const query = new URLSearchParams({
      client_id: this.options.clientId, response_type: 'code', redirect_uri: this.options.redirectUri,
      scope: 'openid profile roles offline_access', prompt: 'consent', state,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256',
    });
    return `${browser.authorization_endpoint}?${query}`;
  }

  async exchange(code: string, codeVerifier: string): Promise<Tokens> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: this.options.redirectUri, code_verifier: codeVerifier });
  }

  async refresh(refreshToken: string): Promise<Tokens> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  /** Where to send the browser to sign out of the provider too, when it says. */
  async endSessionUrl(postLogoutRedirectUri: string, idToken?: string | null): Promise<string | null> {
    const { browser } = await this.endpoints();
    if (!browser.end_session_endpoint) return null;
    const query = new URLSearchParams({ client_id: this.options.clientId, post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) });
    return `${browser.end_session_endpoint}?${query}`;
  }

  private async token(form: Record<string, string>): Promise<Tokens> {
    const { server } = await this.endpoints();
    const response = await fetch(server.token_endpoint, {
      method: 'POST', signal: AbortSignal.timeout(10_000),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, client_id: this.options.clientId }).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new SignInFailed(`the provider refused the ${form.grant_type} (${response.status} ${String(body.error ?? '')})`);
    }
    return {
      accessToken: body.access_token, expiresInSeconds: typeof body.expires_in === 'number' ? body.expires_in : 300,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null, idToken: typeof body.id_token === 'string' ? body.id_token : null,
    };
  }
}
