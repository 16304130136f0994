import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual, type JsonWebKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Pool } from 'pg';
import { systemClock, type Clock } from '@ehc/domain-kernel';
import { Accounts, AccountRefused, normaliseUsername, type Account } from './accounts';
import { postgresAdapter } from './adapter';
import { importEsm, toMainRealm } from './esm';
import {
  authenticatorCodePage, enrolAuthenticatorPage, logoutPage, messagePage, newPasswordPage, pageSecurityPolicy, signInPage, STYLESHEET, type FieldError,
} from './pages';
import { newPasswordProblem } from './passwords';
import { holdsStaffRole } from './roles';
import { migrateIdentityProvider, quoteSchema } from './schema';
import { Sealer } from './sealed';
import { secretDigest, ServiceAccounts, type ServiceAccount } from './service-accounts';

export interface IdentityProviderOptions {
  pool: Pool;
  /** Its tables live in this schema (created if missing). */
  schema: string;
  /** e.g. `http://127.0.0.1:3000/oidc`: `iss` of every token; `handler` is mounted at its path. */
  issuer: string;
  /** `aud` of every access token: `ehc-hub`. */
  audience: string;
  /** "Now" for TOTP codes and account locks; oidc-provider itself (token `iat`/`exp`) reads the system clock. */
  clock?: Clock;
  log?: (line: string) => void;
  /** Redirect URIs of the public PKCE client `workspace` (default: `<origin>/workspace/signed-in`). */
  workspaceRedirectUris?: string[];
  /** Seals TOTP secrets at rest (AES-256-GCM); default: env IDENTITY_PROVIDER_SECRET. */
  secret?: string;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto/Host, so cookies are `Secure`. */
  trustProxy?: boolean;
  /** Lifetime of access tokens, seconds (600). */
  accessTokenSeconds?: number;
}

/** Accounts, service accounts and the first run: what the CLI needs, without the OpenID endpoints. */
export interface IdentityAdministration {
  accounts: {
    create(input: { username: string; name: string; roles: readonly string[] }): Promise<{ account: Account; oneTimePassword: string }>;
    find(username: string): Promise<Account | null>;
    list(): Promise<Account[]>;
    setPassword(username: string, password: string): Promise<void>;
    verifyPassword(username: string, password: string): Promise<boolean>;
    /** A new one-time password; the lock lifted, TOTP enrolled afresh, every session and grant of the account ended. */
    resetPassword(username: string): Promise<{ account: Account; oneTimePassword: string }>;
    enrolTotp(username: string): Promise<{ secret: string; uri: string }>;
    checkTotp(username: string, code: string): Promise<boolean>;
  };
  clients: {
    createServiceAccount(input: { name: string; roles: readonly string[] }): Promise<{ clientId: string; clientSecret: string }>;
    list(): Promise<ServiceAccount[]>;
    remove(clientId: string): Promise<boolean>;
  };
  /** Creates the administrator (`admin`, one-time password) when no account exists yet; null otherwise. */
  firstRun(): Promise<{ username: string; oneTimePassword: string } | null>;
}

export interface IdentityProvider extends IdentityAdministration {
  issuer: string;
  jwksUri: string;
  /** The resource indicator (RFC 8707) whose tokens carry `aud` = the audience; the default one. */
  resource: string;
  /** Mount at the issuer's path, before any body parser: `app.use(new URL(issuer).pathname, handler)`. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  close(): Promise<void>;
}

/** The public PKCE client of the staff workspace: the hub's own, so no consent page is shown. */
export const WORKSPACE_CLIENT_ID = 'workspace';
export const FIRST_ADMINISTRATOR = 'admin';
/** The hub's one resource-server scope (RFC 8707 needs one). The hub decides by `roles`, never by scope. */
export const HUB_SCOPE = 'hub';

const SIGNING_ALG = 'ES256';
/** The issuer's name in authenticator apps. */
const ACCOUNT_ISSUER_NAME = 'EHC Hub';

export async function createIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const { pool, schema, audience } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const issuerUrl = new URL(options.issuer);
  if (issuerUrl.search || issuerUrl.hash) throw new Error(`The issuer ${options.issuer} must have no query or fragment`);
  const issuer = options.issuer.replace(/\/+$/, '');
  const basePath = new URL(issuer).pathname.replace(/\/+$/, '');
  const resource = URL.parse(audience) ? audience : `urn:ehc:${audience}`;
  const accessTokenSeconds = options.accessTokenSeconds ?? 600;
  const workspaceRedirectUris = options.workspaceRedirectUris?.length ? options.workspaceRedirectUris : [`${issuerUrl.origin}/workspace/signed-in`];
  const sealer = new Sealer(options.secret ?? process.env.IDENTITY_PROVIDER_SECRET);

  await migrateIdentityProvider(pool, schema);
  const keysTable = `${quoteSchema(schema)}.provider_keys`;
  const payloads = `${quoteSchema(schema)}.oidc_payloads`;
  const accounts = new Accounts(pool, schema, sealer, clock, ACCOUNT_ISSUER_NAME);
  const serviceAccounts = new ServiceAccounts(pool, schema, clock, [WORKSPACE_CLIENT_ID]);

  /** A key made on first use and kept: the same for every host on this schema and after a restart. */
  const kept = async <T>(name: string, make: () => T): Promise<T> => {
    await pool.query(`INSERT INTO ${keysTable} (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, JSON.stringify(make())]);
    const { rows } = await pool.query<{ value: T }>(`SELECT value FROM ${keysTable} WHERE name = $1`, [name]);
    return rows[0].value;
  };
  const signingKey = await kept('signing-key', newSigningKey);
  const cookieKeys = await kept('cookie-keys', () => [randomBytes(32).toString('base64url')]);

  const { default: Provider, errors } = await importEsm('oidc-provider');

  const clientMetadata = async (clientId: string) => {
    const account = await serviceAccounts.find(clientId);
    if (!account) return undefined;
    return toMainRealm({
      client_id: account.clientId,
      // oidc-provider compares this with what the client sends; the override below hashes that first
      client_secret: `sha256:${account.secretSha256}`,
      client_name: account.clientId,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: SIGNING_ALG,
    });
  };

  const formTargets = [...new Set(workspaceRedirectUris.map((u) => new URL(u).origin))];
  const policy = pageSecurityPolicy(formTargets);
  const stylesheet = `${basePath}/assets/sign-in.css`;

  const provider = new Provider(issuer, toMainRealm({
    adapter: postgresAdapter(pool, schema, clientMetadata),
    clients: [{
      client_id: WORKSPACE_CLIENT_ID,
      client_name: 'EHC Hub workspace',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: workspaceRedirectUris,
      id_token_signed_response_alg: SIGNING_ALG,
    }],
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: SIGNING_ALG },
    jwks: { keys: [signingKey] },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles'] },
    scopes: ['openid', 'offline_access', 'profile', 'roles'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: any, form: string) => { ctx.set('Content-Security-Policy', policy); ctx.type = 'html'; ctx.body = logoutPage(stylesheet, form); },
        postLogoutSuccessSource: async (ctx: any) => { ctx.set('Content-Security-Policy', policy); ctx.type = 'html'; ctx.body = messagePage(stylesheet, 'You have signed out', 'You have signed out of EHC Hub.'); },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`the only resource here is ${resource}`);
          return toMainRealm({ scope: HUB_SCOPE, audience, accessTokenTTL: accessTokenSeconds, accessTokenFormat: 'jwt', jwt: { sign: { alg: SIGNING_ALG } } });
        },
      },
    },
    extraTokenClaims: async (_ctx: unknown, token: { kind: string; clientId: string; accountId?: string }) => {
      if (token.kind === 'ClientCredentials') {
        const account = await serviceAccounts.find(token.clientId);
        return toMainRealm({ roles: account?.roles ?? [], name: token.clientId, azp: token.clientId });
      }
      if (token.accountId) {
        const account = await accounts.findById(token.accountId);
        return toMainRealm({ roles: account?.roles ?? [], name: account?.name, preferred_username: account?.username, azp: token.clientId });
      }
      return undefined;
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = await accounts.findById(sub);
      if (!account) return undefined;
      return toMainRealm({ accountId: account.id, claims: async () => toMainRealm({ sub: account.id, name: account.name, preferred_username: account.username, roles: account.roles }) });
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `${basePath}/interaction/${interaction.uid}` },
    renderError: async (ctx: any, out: { error: string; error_description?: string }) => {
      ctx.set('Content-Security-Policy', policy);
      ctx.type = 'html';
      ctx.body = messagePage(stylesheet, 'Sorry, there is a problem signing you in', `${out.error_description ?? out.error}. Go back to the application and try again.`);
    },
    ttl: {
      AccessToken: accessTokenSeconds,
      ClientCredentials: accessTokenSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      // a working day signed in; a restart keeps it (sessions are in PostgreSQL)
      Session: 10 * 3600,
      Grant: 10 * 3600,
      RefreshToken: 10 * 3600,
    },
  }));
  provider.proxy = options.trustProxy ?? false;

  // A service account's secret is kept as its SHA-256 only: hash what the client sent, then compare in constant time.
  const compareClientSecret = provider.Client.prototype.compareClientSecret;
  provider.Client.prototype.compareClientSecret = async function (this: { clientSecret?: string }, actual: string) {
    const stored = this.clientSecret ?? '';
    if (!stored.startsWith('sha256:')) return compareClientSecret.call(this, actual);
    const expected = Buffer.from(stored.slice('sha256:'.length), 'hex');
    const given = Buffer.from(secretDigest(String(actual ?? '')), 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given);
  };

  provider.on('server_error', (_ctx: unknown, error: Error) => log(`identity provider: server error: ${error.stack ?? error.message}`));
  provider.on('grant.success', (ctx: any) => log(`identity provider: token issued to ${ctx.oidc?.client?.clientId ?? '?'} (${ctx.oidc?.params?.grant_type ?? '?'})`));
  provider.on('grant.error', (ctx: any, error: Error) => log(`identity provider: token refused to ${ctx.oidc?.client?.clientId ?? '?'}: ${error.message}`));

  const callback = provider.callback();
  const interactions = signInFlow({ provider, accounts, pool, payloads, basePath, stylesheet, policy, log });

  const handler = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    // mounted without Express: take the issuer's path off here, as app.use(path, …) does
    if (req.originalUrl === undefined && basePath && (req.url === basePath || req.url?.startsWith(`${basePath}/`) || req.url?.startsWith(`${basePath}?`))) {
      req.originalUrl = req.url;
      req.url = req.url.slice(basePath.length) || '/';
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/assets/sign-in.css' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : STYLESHEET);
      return;
    }
    const step = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(sign-in|new-password|authenticator))?$/.exec(path);
    if (step) {
      interactions(req, res, step[1], step[2] as Step | undefined).catch((error: Error) => {
        log(`identity provider: sign-in page failed: ${error.stack ?? error.message}`);
        if (!res.headersSent) send(res, 500, policy, messagePage(stylesheet, 'Sorry, there is a problem with the service', 'Try again later.'));
      });
      return;
    }
    callback(req, res);
  };

  const administration = identityAdministration({ pool, schema, clock, log, accounts, serviceAccounts });

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    resource,
    handler,
    ...administration,
    async close() {
      provider.removeAllListeners();
    },
  };
}

/**
 * The accounts and service accounts on their own (the tables are created if missing), for the
 * command line: `npm run hub -- create-user …` needs no OpenID endpoints.
 */
export async function openIdentityAdministration(options: Pick<IdentityProviderOptions, 'pool' | 'schema' | 'clock' | 'log' | 'secret'>): Promise<IdentityAdministration> {
  const clock = options.clock ?? systemClock;
  await migrateIdentityProvider(options.pool, options.schema);
  const sealer = new Sealer(options.secret ?? process.env.IDENTITY_PROVIDER_SECRET);
  return identityAdministration({
    pool: options.pool, schema: options.schema, clock, log: options.log ?? (() => undefined),
    accounts: new Accounts(options.pool, options.schema, sealer, clock, ACCOUNT_ISSUER_NAME),
    serviceAccounts: new ServiceAccounts(options.pool, options.schema, clock, [WORKSPACE_CLIENT_ID]),
  });
}

function identityAdministration(deps: { pool: Pool; schema: string; clock: Clock; log: (line: string) => void; accounts: Accounts; serviceAccounts: ServiceAccounts }): IdentityAdministration {
  const { pool, schema, log, accounts, serviceAccounts } = deps;
  const byUsername = async (username: string) => {
    const account = await accounts.find(username);
    if (!account) throw new AccountRefused(`No account named ${normaliseUsername(username)}`);
    return account;
  };

  return {
    accounts: {
      create: (input) => accounts.create(input),
      find: (username) => accounts.find(username),
      list: () => accounts.list(),
      setPassword: async (username, password) => accounts.setPassword((await byUsername(username)).id, password),
      verifyPassword: async (username, password) => (await accounts.signIn(username, password)).ok,
      resetPassword: async (username) => {
        const reset = await accounts.resetPassword(username);
        // signed out everywhere: sessions, grants, codes and refresh tokens of the account go (its JWTs expire within minutes)
        await pool.query(`DELETE FROM ${quoteSchema(schema)}.oidc_payloads WHERE payload->>'accountId' = $1`, [reset.account.id]);
        return reset;
      },
      enrolTotp: async (username) => accounts.startTotpEnrolment((await byUsername(username)).id),
      checkTotp: async (username, code) => (await accounts.checkTotp((await byUsername(username)).id, code)).ok,
    },
    clients: {
      createServiceAccount: (input) => serviceAccounts.create(input),
      list: () => serviceAccounts.list(),
      remove: (clientId) => serviceAccounts.remove(clientId),
    },
    async firstRun() {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`ehc-identity-provider:first-run:${schema}`]);
        if ((await accounts.count(client)) > 0) {
          await client.query('COMMIT');
          return null;
        }
        const { account, oneTimePassword } = await accounts.create({ username: FIRST_ADMINISTRATOR, name: 'Administrator', roles: ['administrator'] }, client);
        await client.query('COMMIT');
        log(`identity provider: first run: created the administrator account ${account.username}`);
        return { username: account.username, oneTimePassword };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** What to print once after `firstRun()` created the administrator. */
export function firstRunBanner(first: { username: string; oneTimePassword: string }, signInUrl: string): string {
  return [
    'First run: an administrator account was created. This one-time password is shown once only:',
    `  username: ${first.username}`,
    `  one-time password: ${first.oneTimePassword}`,
    `Sign in at ${signInUrl}: you will choose your own password and set up an authenticator app (TOTP).`,
  ].join('\n');
}

function newSigningKey(): JsonWebKey & { kid: string; alg: string; use: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint of the public key as its id
  const kid = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
  return { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' };
}

type Step = 'sign-in' | 'new-password' | 'authenticator';

interface Progress { accountId: string; secondFactor: boolean }

function send(res: ServerResponse, status: number, policy: string, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': policy,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}

async function formOf(req: IncomingMessage & { body?: unknown }): Promise<URLSearchParams> {
  // a body parser mounted before the handler has read the stream already
  if (req.body && typeof req.body === 'object') return new URLSearchParams(Object.entries(req.body as Record<string, unknown>).map(([k, v]): [string, string] => [k, String(v)]));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('sign-in form larger than 16 KiB');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const WRONG_CREDENTIALS = 'Enter a correct username and password. After 5 wrong attempts in a row, an account is locked for 15 minutes';
const WRONG_CODE = 'Enter the code your authenticator app shows now. After 5 wrong attempts in a row, an account is locked for 15 minutes';

/**
 * The sign-in pages, one interaction at a time: username and password; a new password if the one
 * used was a one-time password; for staff, TOTP (enrolled at the first sign-in). The steps passed
 * are kept in PostgreSQL beside the interaction, so a restart mid-way loses nothing. Every form
 * answers with the same page and a GOV.UK error summary, or a 303 to the next step (POST/redirect/GET).
 */
function signInFlow(deps: { provider: any; accounts: Accounts; pool: Pool; payloads: string; basePath: string; stylesheet: string; policy: string; log: (line: string) => void }) {
  const { provider, accounts, pool, payloads, basePath, stylesheet, policy, log } = deps;
  const links = (uid: string, step: Step) => ({ stylesheet, action: `${basePath}/interaction/${uid}/${step}` });

  const progressOf = async (uid: string): Promise<Progress | null> => {
    const { rows } = await pool.query<{ payload: Progress }>(`SELECT payload FROM ${payloads} WHERE kind = 'SignInProgress' AND id = $1 AND expires_at > now()`, [uid]);
    return rows[0]?.payload ?? null;
  };
  const saveProgress = (uid: string, progress: Progress, expiresAtEpoch: number) => pool.query(
    `INSERT INTO ${payloads} (kind, id, payload, expires_at) VALUES ('SignInProgress', $1, $2, to_timestamp($3))
     ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, expires_at = EXCLUDED.expires_at`, [uid, JSON.stringify(progress), expiresAtEpoch]);
  const forget = (uid: string) => pool.query(`DELETE FROM ${payloads} WHERE kind = 'SignInProgress' AND id = $1`, [uid]);
  const seeOther = (res: ServerResponse, location: string) => { res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' }); res.end(); };

  /** What this account still has to do, once its password was right. */
  const nextStep = (account: Account, progress: Progress): 'new-password' | 'enrol' | 'code' | 'done' => {
    if (account.passwordMustChange) return 'new-password';
    if (holdsStaffRole(account.roles) && !progress.secondFactor) return account.totpEnrolled ? 'code' : 'enrol';
    return 'done';
  };

  const finish = async (req: IncomingMessage, res: ServerResponse, uid: string, account: Account) => {
    await forget(uid);
    log(`identity provider: ${account.username} signed in`);
    await provider.interactionFinished(req, res, { login: { accountId: account.id, amr: holdsStaffRole(account.roles) ? ['pwd', 'otp'] : ['pwd'] } }, { mergeWithLastSubmission: false });
  };

  const show = async (res: ServerResponse, uid: string, account: Account, step: 'new-password' | 'enrol' | 'code', errors: FieldError[] = [], status = 200) => {
    if (step === 'new-password') return send(res, status, policy, newPasswordPage(links(uid, 'new-password'), { errors }));
    if (step === 'code') return send(res, status, policy, authenticatorCodePage(links(uid, 'authenticator'), { errors }));
    const enrolment = await accounts.startTotpEnrolment(account.id);
    return send(res, status, policy, enrolAuthenticatorPage(links(uid, 'authenticator'), { ...enrolment, errors }));
  };

  /** The hub's own clients are first-party: what they ask for is granted without a consent page. */
  const consent = async (req: IncomingMessage, res: ServerResponse, interaction: any) => {
    const { prompt: { details }, params, session, grantId } = interaction;
    if (params.client_id !== WORKSPACE_CLIENT_ID) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'only the hub\'s own clients may sign people in' }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) grant.addResourceScope(indicator, (scopes as string[]).join(' '));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };

  return async (req: IncomingMessage, res: ServerResponse, uid: string, step: Step | undefined): Promise<void> => {
    let interaction: any;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch (error) {
      if ((error as Error).name !== 'SessionNotFound') throw error;
    }
    if (!interaction || interaction.uid !== uid) {
      return send(res, 400, policy, messagePage(stylesheet, 'Your sign-in has timed out', 'Go back to the application and sign in again.'));
    }
    if (interaction.prompt.name === 'consent') {
      if (req.method !== 'GET') return seeOther(res, `${basePath}/interaction/${uid}`);
      return consent(req, res, interaction);
    }
    if (interaction.prompt.name !== 'login') {
      return send(res, 400, policy, messagePage(stylesheet, 'Sorry, there is a problem signing you in', 'Go back to the application and try again.'));
    }

    const progress = await progressOf(uid);
    const account = progress ? await accounts.findById(progress.accountId) : null;
    const locked = account ? await accounts.isLockedNow(account.id) : false;
    if (progress && (!account || locked)) await forget(uid);
    const signedInSoFar = progress && account && !locked ? { progress, account } : null;

    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!signedInSoFar) return send(res, 200, policy, signInPage(links(uid, 'sign-in')));
      const next = nextStep(signedInSoFar.account, signedInSoFar.progress);
      return next === 'done' ? finish(req, res, uid, signedInSoFar.account) : show(res, uid, signedInSoFar.account, next);
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' });
      res.end();
      return;
    }
    const form = await formOf(req);

    if (step === 'sign-in') {
      const username = form.get('username') ?? '';
      const password = form.get('password') ?? '';
      const empty: FieldError[] = [
        ...(username.trim() ? [] : [{ field: 'username', message: 'Enter your username' }]),
        ...(password ? [] : [{ field: 'password', message: 'Enter your password' }]),
      ];
      if (empty.length) return send(res, 200, policy, signInPage(links(uid, 'sign-in'), { username, errors: empty }));
      const outcome = await accounts.signIn(username, password);
      if (!outcome.ok) {
        log(`identity provider: sign-in refused for ${JSON.stringify(normaliseUsername(username).slice(0, 64))} (${outcome.reason})`);
        return send(res, 200, policy, signInPage(links(uid, 'sign-in'), { username, errors: [{ field: 'username', message: WRONG_CREDENTIALS }] }));
      }
      await saveProgress(uid, { accountId: outcome.account.id, secondFactor: false }, interaction.exp);
      return seeOther(res, `${basePath}/interaction/${uid}`);
    }

    if (!signedInSoFar) return seeOther(res, `${basePath}/interaction/${uid}`);
    const { account: current, progress: sofar } = signedInSoFar;
    const expected = nextStep(current, sofar);

    if (step === 'new-password' && expected === 'new-password') {
      const password = form.get('password') ?? '';
      const confirm = form.get('confirm') ?? '';
      const problem = password ? newPasswordProblem(password, current.username) : 'Enter a new password';
      const errors: FieldError[] = problem ? [{ field: 'password', message: problem }]
        : password !== confirm ? [{ field: 'confirm', message: 'The passwords do not match: type the same new password twice' }] : [];
      if (errors.length) return show(res, uid, current, 'new-password', errors);
      await accounts.setPassword(current.id, password);
      return seeOther(res, `${basePath}/interaction/${uid}`);
    }

    if (step === 'authenticator' && (expected === 'enrol' || expected === 'code')) {
      const code = form.get('code') ?? '';
      const checked = await accounts.checkTotp(current.id, code);
      if (!checked.ok) {
        log(`identity provider: authenticator code refused for ${current.username} (${checked.reason})`);
        if (checked.reason === 'locked') {
          await forget(uid);
          return send(res, 200, policy, signInPage(links(uid, 'sign-in'), { errors: [{ field: 'username', message: WRONG_CREDENTIALS }] }));
        }
        return show(res, uid, current, expected, [{ field: 'code', message: WRONG_CODE }]);
      }
      await saveProgress(uid, { ...sofar, secondFactor: true }, interaction.exp);
      const after = await accounts.findById(current.id);
      return after && nextStep(after, { ...sofar, secondFactor: true }) === 'done' ? finish(req, res, uid, after) : seeOther(res, `${basePath}/interaction/${uid}`);
    }

    return seeOther(res, `${basePath}/interaction/${uid}`);
  };
}
