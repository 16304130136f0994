import type { QueryRunner } from 'typeorm';

/**
 * The quoted schema a migration runs in: the service's own (a prefix in tests), from the data
 * source it is run by, so one migration serves every service and every test schema.
 */
export const schemaOf = (queryRunner: QueryRunner): string => {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('migrations run in a named schema');
  return `"${schema}"`;
};
