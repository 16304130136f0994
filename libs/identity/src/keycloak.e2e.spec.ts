import { decodeJwt } from 'jose';
import { fixedClock } from '@ehc/domain-kernel';
import { KEYCLOAK_TEST_CLIENT } from '@ehc/testing';
import { clientCredentials } from './client-credentials';
import { AccessTokenVerifier, remoteSigningKeys } from './access-token';

/**
 * Against the real Keycloak the test run started (infra/keycloak, realm ehc-hub): a service account
 * gets a token by client credentials, and the hub verifies it with the keys Keycloak publishes.
 */
describe('access tokens from a real Keycloak', () => {
  const issuer = () => {
    const url = process.env.OIDC_ISSUER_URL;
    if (!url) throw new Error('OIDC_ISSUER_URL is not set: run the tests with `npm test`, whose global setup starts Keycloak');
    return url;
  };
  let jwksUri: string;
  let tokenEndpoint: string;

  const clientCredentialsToken = async (secret: string = KEYCLOAK_TEST_CLIENT.secret) => {
    const res = await fetch(tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: KEYCLOAK_TEST_CLIENT.id, client_secret: secret }),
    });
    return { status: res.status, body: (await res.json()) as { access_token?: string } };
  };
  /** The hub's clock, set to the moment the provider says it issued the token (a test never reads the system clock). */
  const verifierAt = (token: string, over: { audience?: string; issuer?: string; secondsLater?: number } = {}) =>
    new AccessTokenVerifier({
      issuer: over.issuer ?? issuer(), audience: over.audience ?? KEYCLOAK_TEST_CLIENT.audience, keys: remoteSigningKeys(jwksUri),
      clock: fixedClock(new Date((decodeJwt(token).iat! + (over.secondsLater ?? 1)) * 1000)),
    });

  beforeAll(async () => {
    const discovery = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string; token_endpoint: string; id_token_signing_alg_values_supported: string[] };
    expect(discovery.issuer).toBe(issuer());
    jwksUri = discovery.jwks_uri;
    tokenEndpoint = discovery.token_endpoint;
  });

  it('verifies a service account\'s token and reads its subject and realm roles', async () => {
    const { status, body } = await clientCredentialsToken();
    expect(status).toBe(200);
    const result = await verifierAt(body.access_token!).verifyHeader(`Bearer ${body.access_token}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.subject).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.value.roles).toContain('caseworker');
    expect(result.value.roles).not.toContain('administrator');
    expect(result.value.clientId).toBe(KEYCLOAK_TEST_CLIENT.id);
  });

  it('refuses the same token for another audience, from another issuer, or once expired', async () => {
    const token = (await clientCredentialsToken()).body.access_token!;
    expect(await verifierAt(token, { audience: 'another-app' }).verify(token)).toEqual({ ok: false, error: 'WrongAudience' });
    expect(await verifierAt(token, { issuer: `${issuer()}-other` }).verify(token)).toEqual({ ok: false, error: 'WrongIssuer' });
    // the realm's access tokens live 300 seconds, and 30 seconds of skew are tolerated
    expect(await verifierAt(token, { secondsLater: 331 }).verify(token)).toEqual({ ok: false, error: 'TokenExpired' });
  });

  it('refuses a token whose signature was changed', async () => {
    const token = (await clientCredentialsToken()).body.access_token!;
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`;
    expect(await verifierAt(token).verify(`${header}.${payload}.${flipped}`)).toEqual({ ok: false, error: 'BadSignature' });
  });

  it('gives no token for a wrong client secret', async () => {
    expect((await clientCredentialsToken('not-the-secret')).status).toBe(401);
  });

  it('gives the hub\'s services their own token (role hub-service only) by client credentials, as a distributed service asks for it', async () => {
    const token = await clientCredentials({ tokenEndpoint, clientId: 'hub-services', clientSecret: 'local-dev-hub-services-secret-not-for-production' })();
    const verified = await verifierAt(token).verify(token);
    expect(verified.ok && verified.value.roles.filter((r) => !r.startsWith('default-roles') && !['offline_access', 'uma_authorization'].includes(r))).toEqual(['hub-service']);
  });
});
