import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from './schema-of';

/*
 * The personal-data tables every casework service keeps beside its events. They cannot be rebuilt
 * from the events (the events never hold what is in them), so their layout changes only through
 * these migrations, never through TypeORM's synchronize, which would drop a renamed column's data.
 */

/** Baseline: the tables as the hub first made them. `IF NOT EXISTS`, so a database made before migrations is taken as it is. */
export class PersonalDataTables1764460800000 implements MigrationInterface {
  name = 'PersonalDataTables1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.people (
      person_id uuid PRIMARY KEY,
      given_name text, family_name text, date_of_birth date, contact jsonb,
      erased_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.case_documents (
      document_id uuid PRIMARY KEY,
      case_id text NOT NULL,
      kind text NOT NULL,
      content jsonb,
      erased_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(): Promise<void> {
    throw new Error('the personal-data tables are never dropped by a migration: erase people instead');
  }
}

/**
 * A document belongs to a stream (a case, a plan), not only to a case: `case_id` becomes `stream_id`,
 * keeping every row, and the reads by stream and kind get an index.
 */
export class DocumentsByStream1764460800001 implements MigrationInterface {
  name = 'DocumentsByStream1764460800001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const [{ renamed }] = await queryRunner.query(
      `SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'case_documents' AND column_name = 'case_id') AS renamed`,
      [s.slice(1, -1)],
    );
    if (!renamed) await queryRunner.query(`ALTER TABLE ${s}.case_documents RENAME COLUMN case_id TO stream_id`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS case_documents_by_stream_kind ON ${s}.case_documents (stream_id, kind, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX IF EXISTS ${s}.case_documents_by_stream_kind`);
    await queryRunner.query(`ALTER TABLE ${s}.case_documents RENAME COLUMN stream_id TO case_id`);
  }
}

export const personalDataMigrations = [PersonalDataTables1764460800000, DocumentsByStream1764460800001];
