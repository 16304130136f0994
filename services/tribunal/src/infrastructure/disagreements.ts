import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PersonalData, schemaOf } from '@ehc/personal-data';
import { sideTablesOf, type Queryable } from '@ehc/commands';
import type { ServiceRuntime } from '@ehc/host';
import type { Disagreements, NewPart } from '../application/disagreement-command';

/**
 * Mediations and appeals have their own ids in the API, but live in their decision's stream: this
 * row finds the stream from the id. It is written in the transaction of the part's first event, so
 * an id is found the moment its POST answers (the read model may still be catching up).
 */
export class DisagreementParts1764979200300 implements MigrationInterface {
  name = 'DisagreementParts1764979200300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.disagreement_parts (part_id uuid PRIMARY KEY, kind text NOT NULL, decision_id uuid NOT NULL)`);
  }

  async down(): Promise<void> {
    throw new Error('the part ids are written with their events; they are not dropped by a migration');
  }
}

export const tribunalMigrations = [DisagreementParts1764979200300];

export function disagreements(runtime: ServiceRuntime): Disagreements {
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  const s = `"${runtime.schema}"`;
  return {
    store: runtime.store,
    sideTables: sideTablesOf(runtime.pool),
    document: (stream, kind, content, documentId) => personal.documentWrite(stream, kind, content, documentId),
    part: (part: NewPart, decisionId: string) => async (db: Queryable) => {
      await db.query(`INSERT INTO ${s}.disagreement_parts (part_id, kind, decision_id) VALUES ($1, $2, $3)`, [part.partId, part.kind, decisionId]);
    },
  };
}

/** The decision a mediation or an appeal belongs to, or null when there is no such part. */
export async function decisionOf(runtime: ServiceRuntime, kind: NewPart['kind'], partId: string): Promise<string | null> {
  const rows = (await runtime.pool.query(`SELECT decision_id::text FROM "${runtime.schema}".disagreement_parts WHERE part_id = $1 AND kind = $2`, [partId, kind])).rows as { decision_id: string }[];
  return rows[0]?.decision_id ?? null;
}
