import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@ehc/personal-data';

/**
 * The audit log and its head. Entries are never updated or deleted: triggers refuse both, so only
 * someone who owns the table (and disables them) can tamper, and the hash chain then shows it.
 * Every statement is idempotent: a host runs them at each start (AuditLog.open).
 */
/** `s` is the quoted schema. */
export const auditLogDdl = (s: string): string[] => {
  return [
    `CREATE TABLE IF NOT EXISTS ${s}.audit_log (
      seq bigint PRIMARY KEY,
      recorded_at timestamptz NOT NULL,
      kind text NOT NULL,
      actor text NOT NULL,
      actor_roles text[] NOT NULL,
      client_id text,
      subject_kind text NOT NULL,
      subject_ids text[] NOT NULL,
      subjects_omitted integer NOT NULL,
      query text,
      endpoint text NOT NULL,
      status integer NOT NULL,
      source text NOT NULL,
      user_agent text,
      prev_hash text NOT NULL,
      hash text NOT NULL)`,
    // "who read this child's record?": any entry naming the id among its subjects
    `CREATE INDEX IF NOT EXISTS audit_log_by_subject ON ${s}.audit_log USING gin (subject_ids)`,
    `CREATE INDEX IF NOT EXISTS audit_log_by_actor ON ${s}.audit_log (actor, recorded_at)`,
    `CREATE INDEX IF NOT EXISTS audit_log_by_time ON ${s}.audit_log (recorded_at)`,
    `CREATE TABLE IF NOT EXISTS ${s}.audit_head (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      entries bigint NOT NULL,
      last_hash text NOT NULL)`,
    `INSERT INTO ${s}.audit_head (entries, last_hash) VALUES (0, '${GENESIS_HASH}') ON CONFLICT DO NOTHING`,
    `CREATE OR REPLACE FUNCTION ${s}.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP; END $$`,
    `CREATE OR REPLACE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_log
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
