import { SetMetadata } from '@nestjs/common';

/** The staff roles (issue 11); teams and areas are data, these are what a role may do. */
export const STAFF_ROLES = ['caseworker', 'team-manager', 'tribunal-officer', 'funding-officer', 'finance', 'performance-reader', 'administrator'] as const;
/** Another service of the hub, by client credentials (the person directory, distributed consumers). */
export const HUB_SERVICE_ROLE = 'hub-service';
export type Role = (typeof STAFF_ROLES)[number] | typeof HUB_SERVICE_ROLE;

/** Those who work cases and reviews, and those who read them for mediation and appeals. */
export const CASEWORK: readonly Role[] = ['caseworker', 'team-manager'];
export const CASE_READERS: readonly Role[] = [...CASEWORK, 'tribunal-officer'];

export type AccessPolicy =
  | { kind: 'public'; why: string }
  | { kind: 'roles'; roles: readonly Role[] };

export const ACCESS_POLICY = 'ehc:access-policy';

/** Anyone, signed in or not; `why` says what makes that safe (it shows in the route review). */
export const Public = (why: string) => SetMetadata(ACCESS_POLICY, { kind: 'public', why } satisfies AccessPolicy);

/** Only callers holding one of these roles. */
export const Allow = (...roles: Role[]) => {
  if (roles.length === 0) throw new Error('Allow() needs at least one role: a route nobody may call has no reason to exist');
  return SetMetadata(ACCESS_POLICY, { kind: 'roles', roles } satisfies AccessPolicy);
};

/** A route's policy: the handler's own, else its controller's; none means the route is refused. */
export function policyOf(handler: object, controller: object): AccessPolicy | undefined {
  return (Reflect.getMetadata(ACCESS_POLICY, handler) ?? Reflect.getMetadata(ACCESS_POLICY, controller)) as AccessPolicy | undefined;
}
