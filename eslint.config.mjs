// Boundaries are enforced by lint, not by review (../shared/STYLE.md §2): Nx module boundaries
// between projects (tags type:* and scope:*), and import zones inside each service.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const services = ['needs-assessment', 'annual-review', 'funding', 'tribunal', 'surveys', 'workspace'];

const depConstraints = (specs) => [
  // type:tooling (infra/tooling) is no platform lib: the embedded PostgreSQL server and the progress
  // bar, for the host's embedded mode, the command-line tools, the benchmarks and the test servers
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:platform', 'type:kernel', 'type:contract', 'type:testing', 'type:tooling'] },
  // a platform lib's own specs may use the shared test kit (the contract suite, test servers)
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:kernel', 'type:tooling', ...(specs ? ['type:testing'] : [])] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:kernel', 'type:contract', 'type:tooling'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
  {
    sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'],
    bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', '@eventstore/*', '@kurrent/*'],
  },
  // a contract's specs run the shared contract checks from libs/testing; its code never may (no-restricted-imports below)
  { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract', 'type:testing'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared', 'type:contract'] })),
];

// The test kit depends on the platform libs it tests, and their specs use the kit: a cycle through
// spec files only, which the graph cannot tell apart from a real one.
const ignoredCircularDependencies = [['testing', 'event-store'], ['testing', 'messaging'], ['testing', 'identity']];

const boundaries = (specs) => ['error', { enforceBuildableLibDependency: false, allow: [], ignoredCircularDependencies, depConstraints: depConstraints(specs) }];

export default [
  { ignores: ['**/node_modules/**', 'dist/**', 'tmp/**', 'data/**', '.nx/**', 'infra/kafka/.runtime/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx, import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  { files: ['**/*.spec.ts', '**/*.spec-helpers.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(true) } },
  // Inside a service: domain/ is pure; application/ knows nothing of infrastructure/ or api/.
  ...services.map((s) => ({
    files: [`services/${s}/src/**/*.ts`],
    rules: {
      'import/no-restricted-paths': ['error', {
        zones: [
          { target: `./services/${s}/src/domain`, from: `./services/${s}/src`, except: ['./domain'], message: 'domain/ is pure: it imports only domain/ and kernel libs' },
          { target: `./services/${s}/src/application`, from: [`./services/${s}/src/infrastructure`, `./services/${s}/src/api`], message: 'application/ depends on ports, not on infrastructure/ or api/' },
        ],
      }],
    },
  })),
  {
    files: ['libs/**/*.ts', 'services/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.spec-helpers.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@ehc/testing'], message: '@ehc/testing is for *.spec.ts only' }] }],
    },
  },
  // after the general rule, so it replaces it for domain/ files (and keeps its ban on @ehc/testing)
  {
    files: ['services/*/src/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@nestjs/*', 'typeorm', 'pg', 'kafkajs', '@kurrent/*', '@eventstore/*', 'express', '@ehc/http', '@ehc/config', '@ehc/commands', '@ehc/personal-data', '@ehc/csv', '@ehc/letters', '@ehc/notifications', '@ehc/pages', '@ehc/calendar', '@ehc/host', '@ehc/tooling', '@ehc/event-store', '@ehc/messaging', '@ehc/testing'], message: 'domain/ is pure TypeScript: no framework, no I/O' },
      ] }],
    },
  },
];
