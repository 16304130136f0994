import type { Pool } from 'pg';
import { createSchemaOnce } from '@ehc/event-store';
import { NO_RELATIONS, type CallerRelations } from './relationships';

/** What the access guard asks of the directory on every request for a case or plan. */
export interface AccessDirectory {
  relationsOf(subject: string): Promise<CallerRelations>;
  /** The caller's relationships and the teams of a case's caseworker, in one round trip (every request for a case asks both). */
  relationsFor(subject: string, caseworker: string | null): Promise<{ relations: CallerRelations; caseworkerTeams: string[] }>;
  /** The teams of a member of staff (a case's caseworker). */
  teamsOf(subject: string): Promise<string[]>;
  /** Everyone in these teams: whose cases a team's lists show. */
  membersOf(teams: readonly string[]): Promise<string[]>;
  /** Everyone in some team: a caseworker in none is the whole service's. */
  staffInTeams(): Promise<string[]>;
}

export const ACCESS_DIRECTORY = Symbol('ACCESS_DIRECTORY');

/** No teams, no links: every member of staff works across the service, no outside party sees anything. */
export const EMPTY_DIRECTORY: AccessDirectory = {
  relationsOf: async () => NO_RELATIONS,
  relationsFor: async () => ({ relations: NO_RELATIONS, caseworkerTeams: [] }),
  teamsOf: async () => [],
  membersOf: async () => [],
  staffInTeams: async () => [],
};

export const LINK_KINDS = ['child', 'setting', 'advice-request'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface Team { teamId: string; name: string; area: string | null; members: string[] }
export interface Link { kind: LinkKind; target: string; linkedBy: string; linkedAt: string }

/** A change the directory will not make, in words an administrator can act on. */
export class DirectoryRefused extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const TEAM_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URN = /^\d{6,7}$/;
const RULES: Record<LinkKind, { pattern: RegExp; rule: string }> = {
  child: { pattern: UUID, rule: 'a child is linked by their person id (a UUID)' },
  setting: { pattern: URN, rule: 'a setting is linked by its URN (6 or 7 digits)' },
  'advice-request': { pattern: UUID, rule: 'an advice request is linked by its advice id (a UUID)' },
};

/** Checks a link's target and gives it in the form it is stored (ids in lower case). */
export function linkTarget(kind: string, target: string): { kind: LinkKind; target: string } {
  if (!(LINK_KINDS as readonly string[]).includes(kind)) throw new DirectoryRefused('kind', `kind must be one of ${LINK_KINDS.join(', ')}`);
  const rule = RULES[kind as LinkKind];
  if (!rule.pattern.test(target)) throw new DirectoryRefused('target', `${target} is not valid: ${rule.rule}`);
  return { kind: kind as LinkKind, target: target.toLowerCase() };
}

export function teamId(value: string): string {
  if (!TEAM_ID.test(value)) throw new DirectoryRefused('teamId', `${JSON.stringify(value)} is not a team id: lower-case letters, digits and hyphens, up to 63`);
  return value;
}

function subjectOf(value: string): string {
  if (!value || value.length > 255 || /\s/.test(value)) throw new DirectoryRefused('subject', 'a subject is the user\'s or service account\'s id (the token\'s sub), without spaces, up to 255 characters');
  return value;
}

/**
 * Teams and the links of outside parties, in PostgreSQL: one schema for the whole hub (every
 * service of a database reads the same directory), changed by administrators.
 */
export class PostgresAccessDirectory implements AccessDirectory {
  private constructor(private readonly pool: Pool, private readonly s: string) {}

  static async open(pool: Pool, schema: string): Promise<PostgresAccessDirectory> {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`${schema} is not a schema name`);
    const s = `"${schema}"`;
    // made by whichever host starts first, under a lock held for the transaction; the others find them made
    await createSchemaOnce(pool, `ehc-access-directory:${schema}`, `
          CREATE SCHEMA IF NOT EXISTS ${s};
          CREATE TABLE IF NOT EXISTS ${s}.teams (
            team_id text PRIMARY KEY, name text NOT NULL, area text, changed_by text NOT NULL, changed_at timestamptz NOT NULL DEFAULT now());
          CREATE TABLE IF NOT EXISTS ${s}.team_members (
            team_id text NOT NULL REFERENCES ${s}.teams (team_id) ON DELETE CASCADE, subject text NOT NULL,
            added_by text NOT NULL, added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (team_id, subject));
          CREATE INDEX IF NOT EXISTS team_members_subject ON ${s}.team_members (subject);
          CREATE TABLE IF NOT EXISTS ${s}.links (
            subject text NOT NULL, kind text NOT NULL CHECK (kind IN ('child', 'setting', 'advice-request')), target text NOT NULL,
            linked_by text NOT NULL, linked_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (subject, kind, target));
          CREATE TABLE IF NOT EXISTS ${s}.staff_names (subject text PRIMARY KEY, name text NOT NULL, seen_at timestamptz NOT NULL DEFAULT now());`);
    return new PostgresAccessDirectory(pool, s);
  }

  async relationsOf(subject: string): Promise<CallerRelations> {
    const { rows } = await this.pool.query<{ kind: string; target: string }>(
      `SELECT 'team' AS kind, team_id AS target FROM ${this.s}.team_members WHERE subject = $1
       UNION ALL SELECT kind, target FROM ${this.s}.links WHERE subject = $1`, [subject]);
    const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.target);
    return { teams: of('team'), children: of('child'), settings: of('setting'), adviceRequests: of('advice-request') };
  }

  async relationsFor(subject: string, caseworker: string | null): Promise<{ relations: CallerRelations; caseworkerTeams: string[] }> {
    const { rows } = await this.pool.query<{ whose: string; kind: string; target: string }>(
      `SELECT 'caller' AS whose, 'team' AS kind, team_id AS target FROM ${this.s}.team_members WHERE subject = $1
       UNION ALL SELECT 'caller', kind, target FROM ${this.s}.links WHERE subject = $1
       UNION ALL SELECT 'caseworker', 'team', team_id FROM ${this.s}.team_members WHERE $2::text IS NOT NULL AND subject = $2`, [subject, caseworker]);
    const of = (kind: string) => rows.filter((r) => r.whose === 'caller' && r.kind === kind).map((r) => r.target);
    return {
      relations: { teams: of('team'), children: of('child'), settings: of('setting'), adviceRequests: of('advice-request') },
      caseworkerTeams: rows.filter((r) => r.whose === 'caseworker').map((r) => r.target),
    };
  }

  async teamsOf(subject: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ team_id: string }>(`SELECT team_id FROM ${this.s}.team_members WHERE subject = $1 ORDER BY team_id`, [subject]);
    return rows.map((r) => r.team_id);
  }

  async membersOf(teams: readonly string[]): Promise<string[]> {
    if (teams.length === 0) return [];
    const { rows } = await this.pool.query<{ subject: string }>(`SELECT DISTINCT subject FROM ${this.s}.team_members WHERE team_id = ANY($1) ORDER BY subject`, [teams]);
    return rows.map((r) => r.subject);
  }

  async staffInTeams(): Promise<string[]> {
    const { rows } = await this.pool.query<{ subject: string }>(`SELECT DISTINCT subject FROM ${this.s}.team_members ORDER BY subject`);
    return rows.map((r) => r.subject);
  }

  /**
   * The name a member of staff goes by, as their provider said when they last signed in to the
   * workspace: pages show names, not the providers' opaque ids.
   */
  async recordName(subject: string, name: string): Promise<void> {
    const trimmed = name.trim().slice(0, 200);
    if (!trimmed) return;
    await this.pool.query(
      `INSERT INTO ${this.s}.staff_names (subject, name) VALUES ($1, $2) ON CONFLICT (subject) DO UPDATE SET name = excluded.name, seen_at = now()`,
      [subjectOf(subject), trimmed]);
  }

  /** The caller's own teams, each member with their name when known. */
  async teamsOfMember(subject: string): Promise<{ teamId: string; name: string; area: string | null; members: { subject: string; name: string | null }[] }[]> {
    const { rows } = await this.pool.query<{ team_id: string; team_name: string; area: string | null; subject: string; name: string | null }>(
      `SELECT t.team_id, t.name AS team_name, t.area, m.subject, n.name
       FROM ${this.s}.teams t JOIN ${this.s}.team_members m USING (team_id) LEFT JOIN ${this.s}.staff_names n ON n.subject = m.subject
       WHERE t.team_id IN (SELECT team_id FROM ${this.s}.team_members WHERE subject = $1)
       ORDER BY t.team_id, coalesce(n.name, m.subject)`, [subject]);
    const teams = new Map<string, { teamId: string; name: string; area: string | null; members: { subject: string; name: string | null }[] }>();
    for (const r of rows) {
      const team = teams.get(r.team_id) ?? { teamId: r.team_id, name: r.team_name, area: r.area, members: [] };
      team.members.push({ subject: r.subject, name: r.name });
      teams.set(r.team_id, team);
    }
    return [...teams.values()];
  }

  /** The names of these members of staff, where known. */
  async namesOf(subjects: readonly string[]): Promise<Record<string, string>> {
    if (subjects.length === 0) return {};
    const { rows } = await this.pool.query<{ subject: string; name: string }>(`SELECT subject, name FROM ${this.s}.staff_names WHERE subject = ANY($1)`, [subjects]);
    return Object.fromEntries(rows.map((r) => [r.subject, r.name]));
  }

  // ---- administration (the administrator's API and `npm run hub`) ----

  async saveTeam(team: { teamId: string; name: string; area?: string | null }, by: string): Promise<Team> {
    const id = teamId(team.teamId);
    const name = team.name?.trim();
    if (!name || name.length > 200) throw new DirectoryRefused('name', 'a team needs a name of 1 to 200 characters');
    const area = team.area?.trim() || null;
    if (area && area.length > 200) throw new DirectoryRefused('area', 'an area is at most 200 characters');
    await this.pool.query(
      `INSERT INTO ${this.s}.teams (team_id, name, area, changed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id) DO UPDATE SET name = excluded.name, area = excluded.area, changed_by = excluded.changed_by, changed_at = now()`,
      [id, name, area, by]);
    return (await this.team(id))!;
  }

  async team(id: string): Promise<Team | null> {
    return (await this.teams()).find((t) => t.teamId === id) ?? null;
  }

  async teams(): Promise<Team[]> {
    const { rows } = await this.pool.query<{ team_id: string; name: string; area: string | null; members: string[] }>(
      `SELECT t.team_id, t.name, t.area, coalesce(array_agg(m.subject ORDER BY m.subject) FILTER (WHERE m.subject IS NOT NULL), '{}') AS members
       FROM ${this.s}.teams t LEFT JOIN ${this.s}.team_members m USING (team_id) GROUP BY t.team_id ORDER BY t.team_id`);
    return rows.map((r) => ({ teamId: r.team_id, name: r.name, area: r.area, members: r.members }));
  }

  /** True when the team had no such member before. */
  async addMember(team: string, subject: string, by: string): Promise<boolean> {
    if (!(await this.team(teamId(team)))) throw new DirectoryRefused('teamId', `there is no team ${team}`);
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.s}.team_members (team_id, subject, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [team, subjectOf(subject), by]);
    return rowCount === 1;
  }

  /** True when there was such a member. */
  async removeMember(team: string, subject: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`DELETE FROM ${this.s}.team_members WHERE team_id = $1 AND subject = $2`, [team, subject]);
    return rowCount === 1;
  }

  async link(subject: string, kind: string, target: string, by: string): Promise<boolean> {
    const link = linkTarget(kind, target);
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.s}.links (subject, kind, target, linked_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [subjectOf(subject), link.kind, link.target, by]);
    return rowCount === 1;
  }

  async unlink(subject: string, kind: string, target: string): Promise<boolean> {
    const link = linkTarget(kind, target);
    const { rowCount } = await this.pool.query(`DELETE FROM ${this.s}.links WHERE subject = $1 AND kind = $2 AND target = $3`, [subject, link.kind, link.target]);
    return rowCount === 1;
  }

  async linksOf(subject: string): Promise<Link[]> {
    const { rows } = await this.pool.query<{ kind: LinkKind; target: string; linked_by: string; linked_at: Date }>(
      `SELECT kind, target, linked_by, linked_at FROM ${this.s}.links WHERE subject = $1 ORDER BY kind, target`, [subject]);
    return rows.map((r) => ({ kind: r.kind, target: r.target, linkedBy: r.linked_by, linkedAt: r.linked_at.toISOString() }));
  }
}
