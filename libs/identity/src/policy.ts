import { SetMetadata } from '@nestjs/common';
import { EXTERNAL_ROLES, type ExternalRole } from './relationships';

/** The staff roles (issue 11); teams and areas are data, these are what a role may do. */
export const STAFF_ROLES = ['caseworker', 'team-manager', 'tribunal-officer', 'funding-officer', 'finance', 'performance-reader', 'administrator'] as const;
/** Another service of the hub, by client credentials (the person directory, distributed consumers). */
export const HUB_SERVICE_ROLE = 'hub-service';
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | ExternalRole | typeof HUB_SERVICE_ROLE;
export const ALL_ROLES: readonly Role[] = [...STAFF_ROLES, ...EXTERNAL_ROLES, HUB_SERVICE_ROLE];

/** Those who work cases and reviews, and those who read them for mediation and appeals. */
export const CASEWORK: readonly Role[] = ['caseworker', 'team-manager'];
export const CASE_READERS: readonly Role[] = [...CASEWORK, 'tribunal-officer'];
/** Those outside the authority who may open a case or plan they are related to (and see it as a family does). */
export const RELATED_OUTSIDERS: readonly Role[] = ['parent', 'young-person', 'setting'];

export type AccessPolicy =
  | { kind: 'public'; why: string }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'page'; why: string };

export const ACCESS_POLICY = 'ehc:access-policy';

/** Anyone, signed in or not; `why` says what makes that safe (it shows in the route review). */
export const Public = (why: string) => SetMetadata(ACCESS_POLICY, { kind: 'public', why } satisfies AccessPolicy);

/**
 * A page of a web front end (the workspace): the browser holds a session cookie, not a token, so
 * the front end's own guard signs the user in; whatever the page shows comes from the APIs, called
 * with the user's own access token, so every role and object-level check still applies there.
 */
export const Page = (why: string) => SetMetadata(ACCESS_POLICY, { kind: 'page', why } satisfies AccessPolicy);

/** Only callers holding one of these roles. */
export const Allow = (...roles: Role[]) => {
  if (roles.length === 0) throw new Error('Allow() needs at least one role: a route nobody may call has no reason to exist');
  return SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);
};

/** A route's policy: the handler's own, else its controller's; none means the route is refused. */
export function policyOf(handler: object, controller: object): AccessPolicy | undefined {
  return (Reflect.getMetadata(ACCESS_POLICY, handler) ?? Reflect.getMetadata(ACCESS_POLICY, controller)) as AccessPolicy | undefined;
}

export const OBJECT_SCOPE = 'ehc:object-scope';

/**
 * Where a route's object comes from: the provider (by its injection token) that tells who is
 * related to it, and the path parameter holding its id.
 */
export type ObjectScope =
  | { kind: 'scoped'; facts: symbol; param: string }
  | { kind: 'not-scoped'; why: string };

/**
 * The id in `param` names a case, plan or request whose relationships `facts` knows: the caller
 * needs one to it (issue 11), else the object does not exist for them (404). A GET needs to be
 * able to read it; any other method, to act on it.
 */
export const ScopedTo = (facts: symbol, param: string) => SetMetadata(OBJECT_SCOPE, { kind: 'scoped', facts, param } satisfies ObjectScope);

/** A path id that is not someone's case (an import run, a setting's URN): `why` says so in the route review. */
export const NotScoped = (why: string) => SetMetadata(OBJECT_SCOPE, { kind: 'not-scoped', why } satisfies ObjectScope);

export function objectScopeOf(handler: object, controller: object): ObjectScope | undefined {
  return (Reflect.getMetadata(OBJECT_SCOPE, handler) ?? Reflect.getMetadata(OBJECT_SCOPE, controller)) as ObjectScope | undefined;
}
