import type { Request } from 'express';
import { problem } from '@ehc/http';
import type { AccessDirectory } from './access-directory';
import { callerOf } from './authentication';
import { isExternalCaller } from './relationships';

/**
 * Whose cases a list may show the caller: everyone's, or those of their teams' members, the
 * unallocated ones, and those of caseworkers in no team (the same rule as one case's check).
 */
export type ListScope = { kind: 'all' } | { kind: 'teams'; members: string[]; staffInTeams: string[] };

const ALLOCATED_ROLES = ['caseworker', 'team-manager'];

export async function listScopeOf(caller: { subject: string; roles: readonly string[] }, directory: AccessDirectory): Promise<ListScope> {
  // a role that reads across the service (tribunal officer, administrator) sees every list's rows
  if (caller.roles.some((r) => !ALLOCATED_ROLES.includes(r))) return { kind: 'all' };
  const { teams } = await directory.relationsOf(caller.subject);
  if (teams.length === 0) return { kind: 'all' };
  const [members, staffInTeams] = await Promise.all([directory.membersOf(teams), directory.staffInTeams()]);
  return { kind: 'teams', members: [...new Set([...members, caller.subject])], staffInTeams };
}

/** The SQL condition on a caseworker column for a list scope; `param` adds a bound parameter and names it. */
export function caseworkerCondition(scope: ListScope, column: string, param: (value: unknown) => string): string | null {
  if (scope.kind === 'all') return null;
  return `(${column} IS NULL OR ${column} = ANY(${param(scope.members)}::text[]) OR NOT (${column} = ANY(${param(scope.staffInTeams)}::text[])))`;
}

/** The same rule, for rows already read. */
export function scopeShows(scope: ListScope, caseworker: string | null): boolean {
  return scope.kind === 'all' || caseworker === null || scope.members.includes(caseworker) || !scope.staffInTeams.includes(caseworker);
}

/**
 * Case notes are the team's working record, and the next steps its own commands: a family's or a
 * setting's view goes without them.
 */
export function asSeenBy<T extends { notes: unknown }>(req: Request, view: T): T | Omit<T, 'notes' | 'nextSteps'> {
  const caller = callerOf(req);
  if (!caller || !isExternalCaller(caller.roles)) return view;
  const { notes: _notes, nextSteps: _next, ...rest } = view as T & { nextSteps?: unknown };
  return rest;
}

/** The list scope of a request's verified caller. */
export async function listScopeFor(req: Request, directory: AccessDirectory): Promise<ListScope> {
  const caller = callerOf(req);
  if (!caller) throw new Error('listScopeFor on a route without a verified caller');
  return listScopeOf(caller, directory);
}

/**
 * A case or plan is allocated (on recording, on reassignment) only to a caseworker whose cases the
 * caller may see: one of their teams, or one in no team. Anyone else is refused, naming the field.
 */
export async function allocationProblem(req: Request, directory: AccessDirectory, caseworker: string | null, field = 'caseworker'): Promise<void> {
  if (caseworker === null) return;
  const scope = await listScopeFor(req, directory);
  if (scopeShows(scope, caseworker)) return;
  throw problem(422, 'NotInYourTeam', 'That caseworker is not in your team', `${caseworker} is in none of your teams`, {
    errors: [{ field, rule: 'NotInYourTeam', message: `${field} must be a caseworker of your team (or one in no team)` }],
  });
}
