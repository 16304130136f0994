import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@ehc/personal-data';

/**
 * The audit log and its head. Entries are never updated or deleted: triggers refuse both, so only
 * someone who owns the table (and disables them) can tamper, and the hash chain then shows it.
 */
/** `s` is the quoted schema. */
export const auditLogDdl = (s: string): string[] => {
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.audit_log (
      seq bigint PRIMARY KEY,
      recorded_at timestamptz NOT NULL,
      actor text NOT NULL,
      subject_kind text NOT NULL,
      subject_id text NOT NULL,
      action text NOT NULL,
      endpoint text NOT NULL,
      source text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS audit_log_by_subject ON ${s}.audit_log (subject_id, recorded_at)`,
    `CREATE INDEX IF NOT EXISTS audit_log_by_actor ON ${s}.audit_log (actor, recorded_at)`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_head (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      entries bigint NOT NULL,
      last_hash text NOT NULL)`,
    `INSERT INTO ${s}.audit_head (entries, last_hash) VALUES (0, '${GENESIS_HASH}') ON CONFLICT DO NOTHING`,
    `CREATE OR REPLACE FUNCTION ${s}.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP; END $$`,
    `DROP TRIGGER IF EXISTS audit_log_append_only ON ${s}.audit_log`,
    `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_log
      FOR EACH ROW EXECUTE FUNCTION ${s}.audit_log_is_append_only()`,
  ];
};

/** The hash an empty log's first entry chains from. */
export const GENESIS_HASH = '0'.repeat(64);

export class AuditLogTables1764547200000 implements MigrationInterface {
  name = 'AuditLogTables1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of auditLogDdl(schemaOf(queryRunner))) await queryRunner.query(statement);
  }

  async down(): Promise<void> {
    throw new Error('the audit log is never dropped by a migration');
  }
}

export const auditLogMigrations = [AuditLogTables1764547200000];
