/**
 * Object-level access (issue 11; OWASP API1, broken object level authorisation): a role says what
 * kind of work a caller may do, a relationship says on which case or plan. The relationships are
 * data (the access directory): which team a member of staff is in, which child a parent or young
 * person is linked to, which setting (by URN) or advice request an outside account speaks for.
 */

/** Families, professionals and settings: they sign in to the portal and see only their own. */
export const EXTERNAL_ROLES = ['parent', 'young-person', 'professional', 'setting'] as const;
export type ExternalRole = (typeof EXTERNAL_ROLES)[number];

/** What the directory holds about one caller (empty for someone it does not know). */
export interface CallerRelations {
  /** The teams a member of staff belongs to (none: they work across the whole service). */
  teams: readonly string[];
  /** Children (person ids) a parent or young person is linked to: their own case and plan. */
  children: readonly string[];
  /** Settings (URNs) an account speaks for: the pupils on its roll, its consultations. */
  settings: readonly string[];
  /** Advice requests a professional was asked for. */
  adviceRequests: readonly string[];
}

export const NO_RELATIONS: CallerRelations = { teams: [], children: [], settings: [], adviceRequests: [] };

/** What a case, plan or advice request says about who is related to it. */
export interface ObjectFacts {
  /** The caseworker it is allocated to (null: unallocated, in the service's tray). */
  caseworker: string | null;
  /** The teams of that caseworker (none: the caseworker is in no team, or it is unallocated). */
  caseworkerTeams: readonly string[];
  /** The children it is about. */
  children: readonly string[];
  /** The settings that may see it: the plan's named setting, the settings consulted. */
  settings: readonly string[];
  /** The advice requests it is, for a professional (a case as a whole is none of them). */
  adviceRequests: readonly string[];
}

/** `act`: may change it; `read`: may see it, not change it; `none`: it does not exist for them. */
export type ObjectAccess = 'act' | 'read' | 'none';

const RANK: Record<ObjectAccess, number> = { none: 0, read: 1, act: 2 };
const shares = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/**
 * What one role, with the caller's relationships, gives on one object. Staff in no team, and cases
 * whose caseworker is in none, belong to the whole service: a small authority that never creates a
 * team works as one, and creating teams narrows who sees what.
 */
export function accessByRole(role: string, subject: string, relations: CallerRelations, facts: ObjectFacts): ObjectAccess {
  const sameTeam = relations.teams.length === 0 || facts.caseworkerTeams.length === 0 || shares(relations.teams, facts.caseworkerTeams);
  switch (role) {
    case 'team-manager':
      // the team's cases, and the unallocated ones they allocate
      return facts.caseworker === null || sameTeam ? 'act' : 'none';
    case 'caseworker':
      if (facts.caseworker === subject || facts.caseworker === null) return 'act';
      return sameTeam ? 'read' : 'none';
    case 'parent':
    case 'young-person':
      return shares(relations.children, facts.children) ? 'read' : 'none';
    case 'setting':
      return shares(relations.settings, facts.settings) ? 'read' : 'none';
    case 'professional':
      return shares(relations.adviceRequests, facts.adviceRequests) ? 'read' : 'none';
    default:
      // tribunal, funding, finance, administrator, the hub's services: not allocated cases; the
      // route's roles already say what they may do with any of them
      return 'act';
  }
}

/** The most any of the caller's roles gives. */
export function accessToObject(caller: { subject: string; roles: readonly string[] }, relations: CallerRelations, facts: ObjectFacts): ObjectAccess {
  let best: ObjectAccess = 'none';
  for (const role of caller.roles) {
    const access = accessByRole(role, caller.subject, relations, facts);
    if (RANK[access] > RANK[best]) best = access;
  }
  return best;
}

/** True when every role the caller holds is an outside party's: they see the family's view, not the staff's. */
export const isExternalCaller = (roles: readonly string[]): boolean =>
  roles.length > 0 && roles.every((r) => (EXTERNAL_ROLES as readonly string[]).includes(r));
