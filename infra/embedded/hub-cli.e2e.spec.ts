import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { Pool } from 'pg';
import { AccessTokenVerifier, remoteSigningKeys } from '@ehc/identity';
import { systemClock } from '@ehc/domain-kernel';
import { createIdentityProvider } from '@ehc/identity-provider';

const ROOT = join(__dirname, '../..');

/**
 * `npm run hub -- …` as an administrator runs it (a process of its own against DATABASE_URL): what it
 * prints once works — the client secret gets a token the hub accepts, the one-time password signs in.
 */
describe('the hub command line (accounts of the embedded OpenID provider)', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${prefix}identity" CASCADE`);
    await pool.end();
  });

  const hub = (args: string[], env: NodeJS.ProcessEnv = { ...process.env, EHC_SCHEMA_PREFIX: prefix }) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', './infra/node/register.js', 'infra/embedded/hub-cli.ts', ...args], { cwd: ROOT, env },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });

  it('creates a service account, printing its id and secret once; the secret gets a token the hub\'s verifier accepts', async () => {
    const run = await hub(['create-client', '--name', 'finance-export', '--roles', 'finance']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const clientId = /client id:\s+(\S+)/.exec(run.stdout)![1];
    const secret = /client secret:\s+(\S+)/.exec(run.stdout)![1];
    expect(clientId).toBe('finance-export');

    const app = express();
    const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    try {
      const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oidc`;
      const provider = await createIdentityProvider({ pool, schema: `${prefix}identity`, issuer, audience: 'ehc-hub' });
      app.use('/oidc', provider.handler);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(response.status).toBe(200);
      const { access_token } = (await response.json()) as { access_token: string };
      const verified = await new AccessTokenVerifier({ issuer, audience: 'ehc-hub', keys: remoteSigningKeys(provider.jwksUri), clock: systemClock }).verify(access_token);
      expect(verified.ok && verified.value).toMatchObject({ subject: 'finance-export', roles: ['finance'] });
      await provider.close();
    } finally {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    }
    expect((await hub(['list-clients'])).stdout).toContain('finance-export\tfinance');
  });

  it('creates a person, printing a one-time password once that signs them in; refuses an unknown role', async () => {
    const run = await hub(['create-user', '--username', 'asha', '--name', 'Asha Patel', '--roles', 'caseworker,team-manager']);
    expect(run.code).toBe(0);
    const oneTimePassword = /One-time password[^:]*: (\S+)/.exec(run.stdout)![1];
    const provider = await createIdentityProvider({ pool, schema: `${prefix}identity`, issuer: 'http://127.0.0.1:1/oidc', audience: 'ehc-hub' });
    expect(await provider.accounts.verifyPassword('asha', oneTimePassword)).toBe(true);
    expect(await provider.accounts.find('asha')).toMatchObject({ roles: ['caseworker', 'team-manager'], passwordMustChange: true });

    const refused = await hub(['create-user', '--username', 'bob', '--name', 'Bob', '--roles', 'root']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Unknown role root');
    expect((await hub(['create-user', '--username', 'bob'])).code).toBe(2);
  });

  it('says to start the hub first when the embedded PostgreSQL is not running', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_PORT: '1', EHC_SCHEMA_PREFIX: prefix };
    delete env.DATABASE_URL;
    const run = await hub(['list-users'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('embedded PostgreSQL is not running');
    expect(run.stderr).toContain('npm start');
  });
});
