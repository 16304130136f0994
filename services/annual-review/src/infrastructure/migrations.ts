import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@ehc/personal-data';

/**
 * The settings directory, mirrored from the register by import: not rebuilt from events, so it
 * changes only by migration. Baseline: `IF NOT EXISTS`, so a database made before migrations is
 * taken as it is.
 */
export class SettingsDirectory1764460800200 implements MigrationInterface {
  name = 'SettingsDirectory1764460800200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.settings_directory (
      urn text PRIMARY KEY, ukprn text, name text NOT NULL, type text NOT NULL, phase text NOT NULL,
      low_age int, high_age int, gias_type text, status text, local_authority text, postcode text)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS settings_directory_by_ukprn ON ${s}.settings_directory (ukprn)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS settings_directory_by_name ON ${s}.settings_directory (name)`);
  }

  async down(): Promise<void> {
    throw new Error('the settings directory is replaced by import, never dropped by a migration');
  }
}

export const annualReviewMigrations = [SettingsDirectory1764460800200];
