import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { Pool } from 'pg';
import { AccessTokenVerifier, PostgresAccessDirectory, remoteSigningKeys } from '@ehc/identity';
import { fixedClock, systemClock } from '@ehc/domain-kernel';
import { AuditLog, type AuditRead } from '@ehc/audit';
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

/**
 * `npm run hub -- audit-search` and `audit-verify` as an administrator runs them, a process of its own
 * against DATABASE_URL, on the log an embedded hub keeps (its first service's schema).
 */
describe('the hub command line (the audit log)', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const schema = `${prefix}needs_assessment`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const child = randomUUID();
  const caseId = randomUUID();
  const read = (actor: string, subjectIds: string[], endpoint: string): AuditRead => ({
    kind: 'read', actor, actorRoles: ['caseworker'], clientId: 'workspace', subjectKind: 'case', subjectIds, subjectsOmitted: 0,
    query: null, endpoint, status: 200, source: '10.20.3.41', userAgent: 'Mozilla/5.0',
  });
  beforeAll(async () => {
    await pool.query(`CREATE SCHEMA "${schema}"`);
    const log = await AuditLog.open(pool, schema, fixedClock('2026-03-02T09:00:00Z'));
    await log.record(read('cw-ayesha', [caseId, child], 'GET /needs-assessments/:id'));
    await log.record(read('cw-ben', [randomUUID()], 'GET /annual-reviews/:planId'));
    await log.record(read('tm-priya', [child], 'GET /people/:personId'));
  });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  const hub = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', './infra/node/register.js', 'infra/embedded/hub-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, EHC_SCHEMA_PREFIX: prefix } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });

  it('finds who read a child\'s record, newest first', async () => {
    const run = await hub(['audit-search', '--subject', child]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('2 entries, newest first:');
    expect(lines.slice(1).map((l) => l.split('\t').slice(1, 5))).toEqual([
      ['#3', 'read', 'tm-priya (caseworker; client workspace)', 'GET /people/:personId 200'],
      ['#1', 'read', 'cw-ayesha (caseworker; client workspace)', 'GET /needs-assessments/:id 200'],
    ]);
    expect(lines[2]).toContain(`case: ${caseId},${child}`);
    expect((await hub(['audit-search', '--subject', child, '--actor', 'cw-ayesha'])).stdout).toMatch(/^1 entry, newest first:\n.*#1\t/);
    expect((await hub(['audit-search', '--from', 'yesterday'])).code).toBe(2);
  });

  it('verifies the chain: intact (exit 0), then changed behind its back (exit 3, naming the entry)', async () => {
    const intact = await hub(['audit-verify']);
    expect(intact).toMatchObject({ code: 0, stderr: '' });
    expect(intact.stdout).toContain('The audit log is intact: 3 entries');

    await pool.query(`ALTER TABLE "${schema}".audit_log DISABLE TRIGGER audit_log_append_only`);
    await pool.query(`UPDATE "${schema}".audit_log SET actor = 'someone-else' WHERE seq = 2`);
    await pool.query(`ALTER TABLE "${schema}".audit_log ENABLE TRIGGER audit_log_append_only`);
    const broken = await hub(['audit-verify']);
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain('entry 2 was changed');
    expect(broken.stdout).toContain('someone-else');
  });

  it('says so when the schema holds no audit log', async () => {
    const run = await hub(['audit-verify', '--schema', `${prefix}nowhere`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No audit log in schema');
  });
});

/**
 * `npm run hub -- create-team`, `add-to-team`, `link` and the rest as an administrator runs them, a
 * process of its own against DATABASE_URL, on the access directory the hub's guard reads
 * (EHC_SCHEMA_PREFIX + 'access'): what the command changes is what the directory then holds.
 */
describe('the hub command line (teams and outside parties\' links)', () => {
  /** Some seconds a command (a node process compiling the CLI): these tests run several. */
  const COMMANDS_TIMEOUT = 180_000;
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const child = randomUUID();
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${prefix}access" CASCADE`);
    await pool.query(`DROP SCHEMA IF EXISTS "${prefix}elsewhere" CASCADE`);
    await pool.end();
  });

  const hub = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', './infra/node/register.js', 'infra/embedded/hub-cli.ts', ...args], { cwd: ROOT, env: { ...process.env, EHC_SCHEMA_PREFIX: prefix } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
    });
  const directory = () => PostgresAccessDirectory.open(pool, `${prefix}access`);

  it('creates and renames a team, adds and removes members, and lists the teams', async () => {
    expect(await hub(['create-team', '--id', 'north', '--name', 'North team', '--area', 'North'])).toMatchObject({ code: 0, stderr: '', stdout: expect.stringContaining('Created team north (North team, area North)') });
    expect(await hub(['add-to-team', '--team', 'north', '--user', 'cw-ayesha'])).toMatchObject({ code: 0, stdout: 'Added cw-ayesha to team north.\n' });
    expect((await hub(['add-to-team', '--team', 'north', '--user', 'cw-ayesha'])).stdout).toBe('cw-ayesha was already in team north.\n');
    await hub(['add-to-team', '--team', 'north', '--user', 'tm-priya']);
    expect((await hub(['create-team', '--id', 'north', '--name', 'North and coast'])).stdout).toContain('Updated team north (North and coast), 2 members');
    expect(await hub(['remove-from-team', '--team', 'north', '--user', 'tm-priya'])).toMatchObject({ code: 0, stdout: 'Removed tm-priya from team north.\n' });
    expect(await hub(['remove-from-team', '--team', 'north', '--user', 'tm-priya'])).toMatchObject({ code: 1, stderr: 'tm-priya is not in team north\n' });
    expect((await hub(['list-teams'])).stdout).toBe('north\tNorth and coast\t\tcw-ayesha\n');
    expect(await (await directory()).teamsOf('cw-ayesha')).toEqual(['north']);
  }, COMMANDS_TIMEOUT);

  it('links an outside party to a child, a setting and an advice request, lists and removes the links', async () => {
    expect(await hub(['link', '--user', 'parent-okafor', '--child', child])).toMatchObject({ code: 0, stdout: `Linked parent-okafor to child ${child}.\n` });
    expect((await hub(['link', '--user', 'parent-okafor', '--child', child])).stdout).toBe(`parent-okafor was already linked to child ${child}.\n`);
    await Promise.all([hub(['link', '--user', 'setting-oak', '--setting', '120345']), hub(['link', '--user', 'ed-psych', '--advice-request', child])]);
    expect(await (await directory()).relationsOf('parent-okafor')).toEqual({ teams: [], children: [child], settings: [], adviceRequests: [] });
    expect(await (await directory()).relationsOf('setting-oak')).toMatchObject({ settings: ['120345'] });
    expect(await (await directory()).relationsOf('ed-psych')).toMatchObject({ adviceRequests: [child] });

    const listed = await hub(['list-links', '--user', 'parent-okafor']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^parent-okafor: teams \\(none\\)\\nchild\\t${child}\\tlinked by (cli:\\S+|command-line) at \\S+\\n$`));
    expect((await hub(['list-links', '--user', 'cw-nobody'])).stdout).toBe('cw-nobody: teams (none)\nno links\n');

    expect(await hub(['unlink', '--user', 'parent-okafor', '--child', child])).toMatchObject({ code: 0, stdout: `Unlinked parent-okafor from child ${child}.\n` });
    expect((await hub(['unlink', '--user', 'parent-okafor', '--child', child])).code).toBe(1);
    expect(await (await directory()).relationsOf('parent-okafor')).toMatchObject({ children: [] });
  }, COMMANDS_TIMEOUT);

  it('refuses a bad team id, an unknown team, a bad URN or child id with the rule (exit 1); a wrong use of the options with the usage (exit 2); and changes nothing', async () => {
    const refused = async (args: string[], message: string | RegExp) => {
      const run = await hub(args);
      expect([args, run.code]).toEqual([args, 1]);
      expect(run.stderr).toMatch(message);
    };
    // each run is a process of its own: started together
    await Promise.all([
      refused(['create-team', '--id', 'North Team', '--name', 'North'], /is not a team id: lower-case letters, digits and hyphens/),
      refused(['add-to-team', '--team', 'west', '--user', 'cw-ben'], 'there is no team west'),
      refused(['link', '--user', 'setting-elm', '--setting', '12345'], 'a setting is linked by its URN (6 or 7 digits)'),
      refused(['link', '--user', 'parent-cole', '--child', 'nia'], 'a child is linked by their person id (a UUID)'),
      ...[['link', '--user', 'parent-cole'], ['link', '--user', 'parent-cole', '--child', child, '--setting', '120345'], ['create-team', '--id', 'south'], ['list-links']].map(async (args) => {
        const run = await hub(args);
        expect([args, run.code]).toEqual([args, 2]);
        expect(run.stderr).toContain('usage: npm run hub');
      }),
    ]);
    const access = await directory();
    expect((await access.teams()).map((t) => t.teamId)).toEqual(['north']);
    expect(await access.relationsOf('setting-elm')).toMatchObject({ settings: [] });
    expect(await access.relationsOf('parent-cole')).toMatchObject({ children: [] });
  }, COMMANDS_TIMEOUT);

  it('uses the schema --schema names (a distributed hub\'s ACCESS_SCHEMA)', async () => {
    expect((await hub(['create-team', '--id', 'east', '--name', 'East team', '--schema', `${prefix}elsewhere`])).code).toBe(0);
    expect((await hub(['list-teams', '--schema', `${prefix}elsewhere`])).stdout).toBe('east\tEast team\t\t\n');
    expect((await (await directory()).teams()).map((t) => t.teamId)).toEqual(['north']);
  });

  it('shows the directory\'s commands and both kinds of role in its usage', async () => {
    const run = await hub(['help']);
    expect(run.code).toBe(0);
    for (const command of ['create-team', 'add-to-team', 'remove-from-team', 'list-teams', 'link', 'unlink', 'list-links']) expect(run.stdout).toContain(`  ${command} `);
    expect(run.stdout).toMatch(/roles of people: staff caseworker, .*; outside parties parent, young-person, professional, setting/);
  });
});
