import { createLocalJWKSet } from 'jose';
import { AccessTokenVerifier, remoteSigningKeys } from '@ehc/identity';
import { systemClock } from '@ehc/domain-kernel';
import { AUDIENCE, startProvider, type RunningProvider } from './identity-provider.spec-helpers';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function clientCredentials(issuer: string, clientId: string, secret: string): Promise<Response> {
  return fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });
}

describe('the embedded OpenID provider: discovery, keys, client credentials (real PostgreSQL, over HTTP)', () => {
  let running: RunningProvider;

  beforeAll(async () => {
    running = await startProvider('idp_core');
  });

  afterAll(async () => {
    await running.stop();
    await running.schema.drop();
  });

  it('serves its discovery document at the issuer, with the routes under the issuer\'s path', async () => {
    const response = await fetch(`${running.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as any;
    expect(discovery).toMatchObject({
      issuer: running.issuer,
      jwks_uri: `${running.issuer}/jwks`,
      token_endpoint: `${running.issuer}/token`,
      authorization_endpoint: `${running.issuer}/auth`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(discovery.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials']));
    expect(running.provider.jwksUri).toBe(discovery.jwks_uri);
  });

  it('publishes one ES256 public key, and no private part of it', async () => {
    const jwks = (await (await fetch(running.provider.jwksUri)).json()) as any;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
  });

  it('keeps its signing key in PostgreSQL: a second provider on the same schema (a restart) serves the same key', async () => {
    const first = (await (await fetch(running.provider.jwksUri)).json()) as any;
    const second = await startProvider('idp_core_again', { testSchema: running.schema });
    try {
      const again = (await (await fetch(second.provider.jwksUri)).json()) as any;
      expect(again.keys.map((k: { kid: string }) => k.kid)).toEqual(first.keys.map((k: { kid: string }) => k.kid));
      expect(again.keys[0].x).toBe(first.keys[0].x);
    } finally {
      await second.stop();
    }
  });

  it('gives a service account a JWT access token that the hub\'s AccessTokenVerifier accepts, with its roles', async () => {
    const { clientId, clientSecret } = await running.provider.clients.createServiceAccount({ name: 'finance-export', roles: ['finance'] });
    expect(clientId).toBe('finance-export');
    const response = await clientCredentials(running.issuer, clientId, clientSecret);
    expect(response.status).toBe(200);
    const token = (await response.json()) as any;
    expect(token.token_type).toBe('Bearer');
    expect(token.access_token.split('.')).toHaveLength(3);

    const verifier = new AccessTokenVerifier({ issuer: running.issuer, audience: AUDIENCE, keys: remoteSigningKeys(running.provider.jwksUri), clock: systemClock });
    const verified = await verifier.verifyHeader(`Bearer ${token.access_token}`);
    if (!verified.ok) throw new Error(`refused: ${verified.error}`);
    expect(verified.value).toMatchObject({ subject: 'finance-export', roles: ['finance'], clientId: 'finance-export', name: 'finance-export' });

    // the same with a key set fetched once, as a host may hold it
    const local = new AccessTokenVerifier({ issuer: running.issuer, audience: AUDIENCE, keys: createLocalJWKSet((await (await fetch(running.provider.jwksUri)).json()) as any), clock: systemClock });
    expect((await local.verify(token.access_token)).ok).toBe(true);
  });

  it('gives a hub service its hub-service role', async () => {
    const { clientId, clientSecret } = await running.provider.clients.createServiceAccount({ name: 'person-directory-reader', roles: ['hub-service'] });
    const token = (await (await clientCredentials(running.issuer, clientId, clientSecret)).json()) as any;
    const verifier = new AccessTokenVerifier({ issuer: running.issuer, audience: AUDIENCE, keys: remoteSigningKeys(running.provider.jwksUri), clock: systemClock });
    const verified = await verifier.verify(token.access_token);
    expect(verified.ok && verified.value.roles).toEqual(['hub-service']);
  });

  it('refuses a wrong secret, an unknown client, and a token for another audience is not what it issues', async () => {
    const { clientId, clientSecret } = await running.provider.clients.createServiceAccount({ name: 'tribunal-feed', roles: ['tribunal-officer'] });
    const wrong = await clientCredentials(running.issuer, clientId, `${clientSecret.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as any).error).toBe('invalid_client');
    expect((await clientCredentials(running.issuer, 'nobody', clientSecret)).status).toBe(401);

    const token = (await (await clientCredentials(running.issuer, clientId, clientSecret)).json()) as any;
    const otherAudience = new AccessTokenVerifier({ issuer: running.issuer, audience: 'another-app', keys: remoteSigningKeys(running.provider.jwksUri), clock: systemClock });
    expect(await otherAudience.verify(token.access_token)).toEqual({ ok: false, error: 'WrongAudience' });
  });

  it('keeps only a digest of a client secret, and refuses unknown roles and a name taken', async () => {
    const { clientSecret } = await running.provider.clients.createServiceAccount({ name: 'reports', roles: ['performance-reader'] });
    const { rows } = await running.schema.pool.query(`SELECT x::text AS row FROM "${running.schema.schema}".service_accounts x`);
    expect(rows.map((r) => r.row).join('\n')).not.toContain(clientSecret);
    await expect(running.provider.clients.createServiceAccount({ name: 'reports', roles: ['finance'] })).rejects.toThrow(/already/);
    await expect(running.provider.clients.createServiceAccount({ name: 'other', roles: ['root'] })).rejects.toThrow(/Unknown role root/);
    await expect(running.provider.clients.createServiceAccount({ name: 'workspace', roles: ['finance'] })).rejects.toThrow(/own clients/);
    expect((await running.provider.clients.list()).map((c) => c.clientId)).toContain('reports');
  });
});
