import { infraScript } from './infra-script';

/** Controls the real Keycloak that infra/keycloak/keycloak.sh runs from Maven Central's zip. */
export function keycloakServer(command: 'start' | 'stop' | 'status' | 'clean', port: number): Promise<string> {
  return infraScript('infra/keycloak/keycloak.sh', command, { KEYCLOAK_PORT: String(port) });
}

/** The service account infra/keycloak/ehc-hub-realm.json defines for tests (local only). */
export const KEYCLOAK_TEST_CLIENT = { id: 'hub-acceptance', secret: 'local-test-only-secret-not-for-production', audience: 'ehc-hub' } as const;
