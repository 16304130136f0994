import { infraScript } from './infra-script';

/** Controls the real Keycloak that infra/keycloak/keycloak.sh runs from Maven Central's zip. */
export function keycloakServer(command: 'start' | 'stop' | 'status' | 'clean', port: number): Promise<string> {
  return infraScript('infra/keycloak/keycloak.sh', command, { KEYCLOAK_PORT: String(port) });
}

/** The service account infra/keycloak/ehc-hub-realm.json defines for tests (local only). */
export const KEYCLOAK_TEST_CLIENT = { id: 'hub-acceptance', secret: 'local-test-only-secret-not-for-production', audience: 'ehc-hub' } as const;

/** A member of staff in the realm file, with a password and an authenticator (TOTP) already set up. */
export const KEYCLOAK_TEST_STAFF = {
  username: 'cw-signin-test',
  password: 'local-test-only-password-not-for-production',
  /** Keycloak keeps a TOTP secret as text; authenticator apps get its bytes in base32. */
  totpSecret: 'local-test-only-totp-secret',
} as const;

/**
 * The realm's tests-only client that may create and delete users (realm-management: manage-users,
 * view-realm): the browser sign-in test makes a new member of staff each run, to set up TOTP afresh.
 */
export const KEYCLOAK_TEST_USER_ADMIN = { id: 'test-user-admin', secret: 'local-test-only-user-admin-secret-not-for-production' } as const;
