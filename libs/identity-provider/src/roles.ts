import { EXTERNAL_ROLES, HUB_SERVICE_ROLE, STAFF_ROLES, type Role } from '@ehc/identity';

const STAFF: readonly string[] = STAFF_ROLES;
const PEOPLE: readonly string[] = [...STAFF_ROLES, ...EXTERNAL_ROLES];

/**
 * People hold staff roles or an outside party's (a parent, a setting: the access directory links
 * them to what is theirs); a service account may also be one of the hub's own services.
 */
export function checkRoles(roles: readonly string[], holder: 'person' | 'service'): Role[] {
  const allowed = holder === 'person' ? PEOPLE : [...PEOPLE, HUB_SERVICE_ROLE];
  if (roles.length === 0) throw new RolesRefused(`Give at least one role: ${allowed.join(', ')}`);
  const unknown = roles.filter((r) => !allowed.includes(r));
  if (unknown.length > 0) throw new RolesRefused(`Unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ${holder === 'person' ? 'a person' : 'a service account'} may hold ${allowed.join(', ')}`);
  return [...new Set(roles)].sort() as Role[];
}

export const holdsStaffRole = (roles: readonly string[]): boolean => roles.some((r) => STAFF.includes(r));

export class RolesRefused extends Error {}
