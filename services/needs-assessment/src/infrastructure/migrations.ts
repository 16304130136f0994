import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@ehc/personal-data';

/**
 * Case reference counters: the next number of each year's references. Not a read model (a rebuild
 * would reissue numbers), so it changes only by migration. Baseline: `IF NOT EXISTS`, so a database
 * made before migrations is taken as it is.
 */
export class CaseReferenceCounters1764460800100 implements MigrationInterface {
  name = 'CaseReferenceCounters1764460800100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${schemaOf(queryRunner)}.case_reference_counters (year int PRIMARY KEY, last int NOT NULL)`);
  }

  async down(): Promise<void> {
    throw new Error('the case reference counters are never dropped: references would be issued twice');
  }
}

export const needsAssessmentMigrations = [CaseReferenceCounters1764460800100];
