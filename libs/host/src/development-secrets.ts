import { ConfigError, type Env } from '@ehc/config';

/**
 * The secrets a distributed service must never run with in production: each has a development
 * value in this repository (the Keycloak realm file, docker-compose), and anyone who can read the
 * repository can read those.
 */
export const GUARDED_SECRETS = ['OIDC_CLIENT_SECRET', 'IDENTITY_PROVIDER_SECRET'] as const;

/** Every development value checked in says so in its text (`local-dev-hub-services-secret-not-for-production`). */
const DEVELOPMENT_MARK = /not-for-production/i;

/**
 * Distributed mode stops at start (ConfigError, exit 78) on a guarded secret holding a development
 * value, naming the variable, unless `EHC_DEVELOPMENT=true` says this is a developer's machine
 * (docker-compose sets it). A secret left unset is refused where it is needed (the service token
 * for the person directory), not here: an unset secret is not a leaked one.
 */
export function refuseDevelopmentSecrets(source: Env): void {
  if (source.EHC_DEVELOPMENT === 'true') return;
  const leaked = GUARDED_SECRETS.filter((name) => DEVELOPMENT_MARK.test(source[name] ?? ''));
  if (leaked.length > 0) {
    throw new ConfigError(`${leaked.join(' and ')} ${leaked.length === 1 ? 'holds' : 'hold'} a development value from this repository (it says "not-for-production"): `
      + 'give the service its own secret, or set EHC_DEVELOPMENT=true on a developer\'s machine only');
  }
}
