/** A token's last seconds are not used: a request sent with it must still find it valid. */
const RENEW_BEFORE_EXPIRY_SECONDS = 30;

/**
 * A service's own access token (OAuth client credentials, RFC 6749 §4.4), for the calls it makes
 * to another service (the person directory): asked for when needed, kept until shortly before it
 * expires. The client's roles are the provider's business (least privilege: `hub-service`).
 */
export function clientCredentials(options: { tokenEndpoint: string; clientId: string; clientSecret: string; now?: () => number }): () => Promise<string> {
  const now = options.now ?? Date.now;
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async () => {
    const response = await fetch(options.tokenEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`the OpenID provider refused the client credentials of ${options.clientId}: HTTP ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error('the OpenID provider answered no access_token');
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 60;
    cached = { token: body.access_token, renewAt: now() + Math.max(0, lifetime - RENEW_BEFORE_EXPIRY_SECONDS) * 1000 };
    return body.access_token;
  };
  return async () => {
    if (cached && now() < cached.renewAt) return cached.token;
    pending ??= fetchToken().finally(() => { pending = undefined; });
    return pending;
  };
}
