import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@ehc/personal-data';

/*
 * The performance service's tables. `pf_facts` keeps every published event the pack reads, once
 * (keyed by its id, so a redelivery is a no-op), with the day it is about and the time its source
 * recorded it: the pack as at any date is a query over it, and every measure is recomputed from it,
 * so nothing derived needs rebuilding. `pf_school_capacity` is the special schools' places, imported
 * from a CSV (no service publishes them).
 */
export class PerformanceTables1764979200600 implements MigrationInterface {
  name = 'PerformanceTables1764979200600';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.pf_facts (
      event_id uuid PRIMARY KEY,
      kind text NOT NULL,
      case_id text NOT NULL,
      on_date date NOT NULL,
      recorded_at timestamptz NOT NULL,
      recorded_on date NOT NULL,
      data jsonb NOT NULL)`);
    for (const index of factIndexes(s)) await queryRunner.query(index.create);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.pf_school_capacity (
      urn text NOT NULL,
      academic_year int NOT NULL,
      name text NOT NULL,
      places int NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (urn, academic_year))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE IF EXISTS ${s}.pf_school_capacity`);
    await queryRunner.query(`DROP TABLE IF EXISTS ${s}.pf_facts`);
  }
}

/** The facts' secondary indexes: made by the migration, and dropped and made again around a rebuild from event zero. */
export const factIndexes = (s: string) => [
  { name: `${s}.pf_facts_kind_on`, create: `CREATE INDEX IF NOT EXISTS pf_facts_kind_on ON ${s}.pf_facts (kind, on_date)` },
  { name: `${s}.pf_facts_case`, create: `CREATE INDEX IF NOT EXISTS pf_facts_case ON ${s}.pf_facts (case_id)` },
  // a pack's window: every kind dated in twelve months
  { name: `${s}.pf_facts_on`, create: `CREATE INDEX IF NOT EXISTS pf_facts_on ON ${s}.pf_facts (on_date)` },
  // a plan's latest commitment, and its latest review decision, before a day: one index probe a plan
  {
    name: `${s}.pf_facts_latest_commitment`,
    create: `CREATE INDEX IF NOT EXISTS pf_facts_latest_commitment ON ${s}.pf_facts (case_id, on_date DESC, recorded_at DESC, event_id DESC) WHERE kind = 'commitment-changed'`,
  },
  {
    name: `${s}.pf_facts_latest_review`,
    create: `CREATE INDEX IF NOT EXISTS pf_facts_latest_review ON ${s}.pf_facts (case_id, on_date DESC, recorded_at DESC, event_id DESC) WHERE kind = 'review-decision'`,
  },
];

export const performanceMigrations = [PerformanceTables1764979200600];
