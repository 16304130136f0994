// `npm run hub -- <command>`: the embedded OpenID provider's accounts, and the audit log, from the command line.
//
//   create-user   --username asha --name "Asha Patel" --roles caseworker[,team-manager]
//   reset-password --username asha          a new one-time password; the authenticator is enrolled afresh
//   list-users
//   create-client --name finance-export --roles finance      a service account (client credentials)
//   list-clients
//   remove-client --name finance-export
//   audit-search  --subject <case, plan or person id> [--actor cw-ayesha] [--from <instant>] [--to <instant>] [--limit 100]
//   audit-verify                             walks the hash chain; exit 3 if an entry was changed, removed or inserted
//   create-team   --id north --name "North team" [--area North]     creates a team, or renames it
//   add-to-team   --team north --user <subject>                      a member of staff (their token's sub)
//   remove-from-team --team north --user <subject>
//   list-teams
//   link          --user <subject> --child <person id> | --setting <URN> | --advice-request <id>
//   unlink        --user <subject> --child <person id> | --setting <URN> | --advice-request <id>
//   list-links    --user <subject>                 their teams and links
//
// One-time passwords and client secrets are printed once, here, and never stored in clear.
// Database: DATABASE_URL if set, else the embedded PostgreSQL of `npm start` (127.0.0.1,
// EMBEDDED_PG_PORT, default 54329), which must be running. Schema: EHC_SCHEMA_PREFIX + 'identity'; the audit
// log is the embedded hub's (EHC_SCHEMA_PREFIX + 'needs_assessment', its first service's schema), or --schema
// names a distributed service's own (e.g. --schema annual_review). The access directory (teams, outside
// parties' links) is EHC_SCHEMA_PREFIX + 'access' (a distributed hub's ACCESS_SCHEMA), or --schema.
import { Pool } from 'pg';
import { systemClock } from '@ehc/domain-kernel';
import { AuditLog, type AuditEntry } from '@ehc/audit';
import { userInfo } from 'node:os';
import { DirectoryRefused, EXTERNAL_ROLES, HUB_SERVICE_ROLE, LINK_KINDS, PostgresAccessDirectory, STAFF_ROLES } from '@ehc/identity';
import { AccountRefused, openIdentityAdministration, RolesRefused, ServiceAccountRefused } from '@ehc/identity-provider';

const USAGE = `usage: npm run hub -- <command> [options]
  create-user    --username <name> --name "<full name>" --roles <role>[,<role>…]
  reset-password --username <name>
  list-users
  create-client  --name <client id> --roles <role>[,<role>…]
  list-clients
  remove-client  --name <client id>
  audit-search   [--subject <id>] [--actor <subject>] [--from <ISO instant>] [--to <ISO instant>] [--limit <1-1000>] [--schema <schema>]
  audit-verify   [--schema <schema>]
  create-team    --id <team id> --name "<team name>" [--area "<area>"] [--schema <schema>]
  add-to-team    --team <team id> --user <subject> [--schema <schema>]
  remove-from-team --team <team id> --user <subject> [--schema <schema>]
  list-teams     [--schema <schema>]
  link           --user <subject> (--child <person id> | --setting <URN> | --advice-request <advice id>) [--schema <schema>]
  unlink         --user <subject> (--child <person id> | --setting <URN> | --advice-request <advice id>) [--schema <schema>]
  list-links     --user <subject> [--schema <schema>]
roles of people: staff ${STAFF_ROLES.join(', ')}; outside parties ${EXTERNAL_ROLES.join(', ')} (linked to what is theirs with \`link\`)
roles of service accounts: the same, and ${HUB_SERVICE_ROLE}
`;

class UsageError extends Error {}

function options(args: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const flag = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!flag) throw new UsageError(`unexpected argument ${JSON.stringify(args[i])}`);
    const value = flag[2] ?? args[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${flag[1]} needs a value`);
    found.set(flag[1], value);
  }
  return found;
}

function required(found: Map<string, string>, name: string): string {
  const value = found.get(name);
  if (!value?.trim()) throw new UsageError(`--${name} is required`);
  return value;
}

const rolesOf = (text: string) => text.split(',').map((r) => r.trim()).filter(Boolean);

function connection(): { url: string; where: string } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, where: 'DATABASE_URL' };
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  return { url: `postgres://postgres:ehc@127.0.0.1:${port}/postgres`, where: `the embedded PostgreSQL on 127.0.0.1:${port}` };
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const found = options(rest);
  const { url, where } = connection();
  const pool = new Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
  try {
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!process.env.DATABASE_URL && (code === 'ECONNREFUSED' || code === 'ENOTFOUND')) {
        process.stderr.write(`The hub's embedded PostgreSQL is not running (${where}).\nStart the hub first with \`npm start\` (in another terminal), then run this again; or set DATABASE_URL.\n`);
      } else {
        process.stderr.write(`Cannot connect to ${where}: ${(error as Error).message}\n`);
      }
      return 1;
    }
    if (command === 'audit-search' || command === 'audit-verify') return await audit(command, found, pool);
    if (DIRECTORY_COMMANDS.includes(command)) return await directory(command, found, pool);
    const schema = `${process.env.EHC_SCHEMA_PREFIX ?? ''}identity`;
    const admin = await openIdentityAdministration({ pool, schema });
    const issuer = process.env.OIDC_ISSUER_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/oidc`;

    switch (command) {
      case 'create-user': {
        const { account, oneTimePassword } = await admin.accounts.create({ username: required(found, 'username'), name: required(found, 'name'), roles: rolesOf(required(found, 'roles')) });
        process.stdout.write([
          `Created ${account.username} (${account.name}), roles ${account.roles.join(', ')}.`,
          `One-time password (shown this once; hand it over privately): ${oneTimePassword}`,
          `At the first sign-in they choose their own password and set up an authenticator app.`,
          '',
        ].join('\n'));
        return 0;
      }
      case 'reset-password': {
        const { account, oneTimePassword } = await admin.accounts.resetPassword(required(found, 'username'));
        process.stdout.write([
          `Reset ${account.username}: the old password no longer works, the lock is lifted, and the authenticator app is set up again at the next sign-in.`,
          `One-time password (shown this once): ${oneTimePassword}`,
          '',
        ].join('\n'));
        return 0;
      }
      case 'list-users': {
        for (const a of await admin.accounts.list()) {
          const state = [a.passwordMustChange ? 'one-time password not yet changed' : '', a.totpEnrolled ? 'authenticator set up' : 'no authenticator yet', a.lockedUntil && a.lockedUntil > new Date() ? `locked until ${a.lockedUntil.toISOString()}` : ''].filter(Boolean).join('; ');
          process.stdout.write(`${a.username}\t${a.name}\t${a.roles.join(',')}\t${state}\n`);
        }
        return 0;
      }
      case 'create-client': {
        const { clientId, clientSecret } = await admin.clients.createServiceAccount({ name: required(found, 'name'), roles: rolesOf(required(found, 'roles')) });
        process.stdout.write([
          `client id:     ${clientId}`,
          `client secret: ${clientSecret}`,
          `(the secret is shown this once; only its SHA-256 is kept)`,
          `token: curl -s -u '${clientId}:<secret>' -d grant_type=client_credentials ${issuer}/token`,
          '',
        ].join('\n'));
        return 0;
      }
      case 'list-clients': {
        for (const c of await admin.clients.list()) process.stdout.write(`${c.clientId}\t${c.roles.join(',')}\tcreated ${c.createdAt.toISOString()}\n`);
        return 0;
      }
      case 'remove-client': {
        const name = required(found, 'name');
        if (!(await admin.clients.remove(name))) {
          process.stderr.write(`No service account named ${name}\n`);
          return 1;
        }
        process.stdout.write(`Removed ${name}: it gets no new tokens (those issued expire within 10 minutes).\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } finally {
    await pool.end();
  }
}

const DIRECTORY_COMMANDS = ['create-team', 'add-to-team', 'remove-from-team', 'list-teams', 'link', 'unlink', 'list-links'];

/** Who made a change from the command line, as the directory records it. */
function commandLineActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'command-line';
  }
}

/** The one link a link or unlink command names: exactly one of --child, --setting, --advice-request. */
function linkOption(found: Map<string, string>): { kind: string; target: string } {
  const given = LINK_KINDS.filter((kind) => found.has(kind));
  if (given.length !== 1) throw new UsageError(`give exactly one of ${LINK_KINDS.map((k) => `--${k}`).join(', ')}`);
  return { kind: given[0], target: found.get(given[0])! };
}

/** The access directory: teams and their members, outside parties' links (what the hub's /access API changes too). */
async function directory(command: string, found: Map<string, string>, pool: Pool): Promise<number> {
  const schema = found.get('schema') ?? `${process.env.EHC_SCHEMA_PREFIX ?? ''}access`;
  const access = await PostgresAccessDirectory.open(pool, schema);
  const by = commandLineActor();
  switch (command) {
    case 'create-team': {
      const id = required(found, 'id');
      const existed = (await access.team(id)) !== null;
      const team = await access.saveTeam({ teamId: id, name: required(found, 'name'), area: found.get('area') ?? null }, by);
      process.stdout.write(`${existed ? 'Updated' : 'Created'} team ${team.teamId} (${team.name}${team.area ? `, area ${team.area}` : ''}), ${team.members.length} member${team.members.length === 1 ? '' : 's'}.\n`);
      return 0;
    }
    case 'add-to-team': {
      const [team, user] = [required(found, 'team'), required(found, 'user')];
      const added = await access.addMember(team, user, by);
      process.stdout.write(added ? `Added ${user} to team ${team}.\n` : `${user} was already in team ${team}.\n`);
      return 0;
    }
    case 'remove-from-team': {
      const [team, user] = [required(found, 'team'), required(found, 'user')];
      if (!(await access.removeMember(team, user))) {
        process.stderr.write(`${user} is not in team ${team}\n`);
        return 1;
      }
      process.stdout.write(`Removed ${user} from team ${team}.\n`);
      return 0;
    }
    case 'list-teams': {
      for (const t of await access.teams()) process.stdout.write(`${t.teamId}\t${t.name}\t${t.area ?? ''}\t${t.members.join(',')}\n`);
      return 0;
    }
    case 'link': {
      const user = required(found, 'user');
      const { kind, target } = linkOption(found);
      const added = await access.link(user, kind, target, by);
      process.stdout.write(added ? `Linked ${user} to ${kind} ${target}.\n` : `${user} was already linked to ${kind} ${target}.\n`);
      return 0;
    }
    case 'unlink': {
      const user = required(found, 'user');
      const { kind, target } = linkOption(found);
      if (!(await access.unlink(user, kind, target))) {
        process.stderr.write(`${user} is not linked to ${kind} ${target}\n`);
        return 1;
      }
      process.stdout.write(`Unlinked ${user} from ${kind} ${target}.\n`);
      return 0;
    }
    default: {
      const user = required(found, 'user');
      const [teams, links] = await Promise.all([access.teamsOf(user), access.linksOf(user)]);
      process.stdout.write(`${user}: teams ${teams.length ? teams.join(', ') : '(none)'}\n`);
      for (const l of links) process.stdout.write(`${l.kind}\t${l.target}\tlinked by ${l.linkedBy} at ${l.linkedAt}\n`);
      if (links.length === 0) process.stdout.write('no links\n');
      return 0;
    }
  }
}

/** What audit-verify exits with when the log is not as it was written (1 is any other failure). */
const AUDIT_BROKEN_EXIT = 3;

async function audit(command: 'audit-search' | 'audit-verify', found: Map<string, string>, pool: Pool): Promise<number> {
  const schema = found.get('schema') ?? `${process.env.EHC_SCHEMA_PREFIX ?? ''}needs_assessment`;
  const { rows: [table] } = await pool.query('SELECT to_regclass($1) IS NOT NULL AS exists', [`"${schema}".audit_log`]);
  if (!table.exists) {
    process.stderr.write(`No audit log in schema ${schema}: has the hub started on this database? (--schema names another)\n`);
    return 1;
  }
  // opening makes nothing new here (the tables exist); the clock only stamps entries, and this records none
  const log = new AuditLog(pool, schema, systemClock);
  if (command === 'audit-verify') {
    const result = await log.verify();
    if (result.ok) {
      process.stdout.write(`The audit log is intact: ${result.entries} entries, last hash ${result.lastHash}.\n`);
      return 0;
    }
    process.stdout.write(`The audit log is NOT as it was written: entry ${result.brokenAt} was ${result.finding} (${result.entries} entries before it verify).\n`);
    if (result.entry) process.stdout.write(`${line(result.entry)}\n`);
    return AUDIT_BROKEN_EXIT;
  }
  const instant = (name: string) => {
    const value = found.get(name);
    if (value !== undefined && Number.isNaN(Date.parse(value))) throw new UsageError(`--${name} must be an ISO 8601 instant, e.g. 2026-03-02T09:00:00Z`);
    return value === undefined ? undefined : new Date(value).toISOString();
  };
  const limit = found.has('limit') ? Number(found.get('limit')) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');
  const { total, items } = await log.search({ subjectId: found.get('subject')?.toLowerCase(), actor: found.get('actor'), from: instant('from'), to: instant('to'), limit });
  process.stdout.write(`${total} entr${total === 1 ? 'y' : 'ies'}${total > items.length ? ` (the newest ${items.length} shown)` : ''}, newest first:\n`);
  for (const entry of items) process.stdout.write(`${line(entry)}\n`);
  return 0;
}

/** One entry, tab-separated: when, seq, kind, who (roles, client), endpoint and status, whose, from where. */
function line(e: AuditEntry): string {
  const subjects = e.subjectIds.join(',') + (e.subjectsOmitted ? ` (+${e.subjectsOmitted} more)` : '');
  return [e.recordedAt, `#${e.seq}`, e.kind, `${e.actor} (${e.actorRoles.join(',')}${e.clientId ? `; client ${e.clientId}` : ''})`,
    `${e.endpoint} ${e.status}${e.query ? ` ?${e.query}` : ''}`, `${e.subjectKind}: ${subjects}`, `from ${e.source}${e.userAgent ? ` (${e.userAgent})` : ''}`].join('\t');
}

main().then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof AccountRefused || error instanceof ServiceAccountRefused || error instanceof RolesRefused || error instanceof DirectoryRefused) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`hub: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    }
  },
);
