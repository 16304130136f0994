import { ConfigError } from '@ehc/config';
import { refuseDevelopmentSecrets } from './development-secrets';
import { startDistributed, type ServiceDefinition } from './service-host';
import { EXIT_CONFIG, startFailure } from './start-failure';

const REALM_FILE_SECRET = 'local-dev-hub-services-secret-not-for-production';

describe('distributed mode refuses the development secrets checked into this repository', () => {
  it.each([
    ['OIDC_CLIENT_SECRET', { OIDC_CLIENT_SECRET: REALM_FILE_SECRET }],
    ['OIDC_CLIENT_SECRET', { OIDC_CLIENT_SECRET: 'local-test-only-secret-NOT-FOR-PRODUCTION' }],
    ['IDENTITY_PROVIDER_SECRET', { IDENTITY_PROVIDER_SECRET: 'sealing-key-not-for-production' }],
    ['OIDC_CLIENT_SECRET and IDENTITY_PROVIDER_SECRET', { OIDC_CLIENT_SECRET: REALM_FILE_SECRET, IDENTITY_PROVIDER_SECRET: 'x-not-for-production' }],
  ])('names %s', (names, source) => {
    expect(() => refuseDevelopmentSecrets(source)).toThrow(ConfigError);
    expect(() => refuseDevelopmentSecrets(source)).toThrow(new RegExp(`^${names} holds? a development value`));
  });

  it('takes a secret of the authority\'s own, or none at all', () => {
    expect(() => refuseDevelopmentSecrets({ OIDC_CLIENT_SECRET: 'kq3P9vR2x7Lm', IDENTITY_PROVIDER_SECRET: 'Zt8wQ1nB5yHc' })).not.toThrow();
    expect(() => refuseDevelopmentSecrets({})).not.toThrow();
  });

  it('lets a developer\'s machine run with them when EHC_DEVELOPMENT=true (docker-compose), and only "true"', () => {
    expect(() => refuseDevelopmentSecrets({ OIDC_CLIENT_SECRET: REALM_FILE_SECRET, EHC_DEVELOPMENT: 'true' })).not.toThrow();
    expect(() => refuseDevelopmentSecrets({ OIDC_CLIENT_SECRET: REALM_FILE_SECRET, EHC_DEVELOPMENT: 'yes' })).toThrow(ConfigError);
    expect(() => refuseDevelopmentSecrets({ OIDC_CLIENT_SECRET: REALM_FILE_SECRET, EHC_DEVELOPMENT: 'false' })).toThrow(ConfigError);
  });

  describe('startDistributed', () => {
    const service = { name: 'needs-assessment', schema: 'needs_assessment', defaultPort: 0, entities: [], module: () => { throw new Error('not reached'); } } as ServiceDefinition;

    it('stops before it opens anything: exit 78 naming the variable', async () => {
      const error = await startDistributed(service, { LOG_LEVEL: 'silent', OIDC_CLIENT_SECRET: REALM_FILE_SECRET }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(startFailure(error)).toEqual({ exitCode: EXIT_CONFIG, message: expect.stringMatching(/^configuration error: OIDC_CLIENT_SECRET holds a development value/) });
    });

    it('goes on to the other settings with EHC_DEVELOPMENT=true', async () => {
      const error = await startDistributed(service, { LOG_LEVEL: 'silent', OIDC_CLIENT_SECRET: REALM_FILE_SECRET, EHC_DEVELOPMENT: 'true' }).catch((e: unknown) => e);
      expect(error).toEqual(new ConfigError('DATABASE_URL is required'));
    });
  });
});
