import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ehc/event-store';
import type { Projection } from '@ehc/messaging';
import { applyToCaseFile, openDeadlines, type CaseFileView } from './case-file.view';
import { CaseDeadline, CaseFile, CaseTimelineEntry } from './case-file.entity';

/**
 * Case files, their running deadlines and their timelines, from the needs-assessment events. A batch
 * loads the cases it touches once, folds in memory and writes each table with one statement, so a
 * replay of millions of events stays fast.
 */
export function caseFilesProjection(schema: string): Projection {
  const t = (name: string) => `"${schema}".${name}`;
  return {
    name: 'needs-assessment.case-files',
    filter: { streamPrefixes: ['ehcna-'] },
    tables: [t('rm_case_files'), t('rm_case_deadlines'), t('rm_case_timeline')],
    async applyBatch(events: EventEnvelope[], tx: EntityManager) {
      const caseIds = [...new Set(events.map((e) => e.stream))];
      const existing = await tx.getRepository(CaseFile).createQueryBuilder('c').where('c.case_id = ANY(:ids)', { ids: caseIds }).getMany();
      const views = new Map<string, CaseFileView | null>(existing.map((c) => [c.caseId, c.view]));
      for (const e of events) views.set(e.stream, applyToCaseFile(views.get(e.stream) ?? null, e));

      const files = [...views.values()].filter((v): v is CaseFileView => v !== null);
      if (files.length > 0) {
        await tx.query(
          `INSERT INTO ${t('rm_case_files')} (case_id, reference, child_id, caseworker_id, status, received_on, view)
           SELECT x.case_id, x.reference, x.child_id::uuid, x.caseworker_id, x.status, x.received_on::date, x.view
           FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, reference text, child_id text, caseworker_id text, status text, received_on text, view jsonb)
           ON CONFLICT (case_id) DO UPDATE SET caseworker_id = EXCLUDED.caseworker_id, status = EXCLUDED.status, view = EXCLUDED.view`,
          [JSON.stringify(files.map((v) => ({
            case_id: v.caseId, reference: v.reference, child_id: v.childId, caseworker_id: v.caseworkerId, status: v.status, received_on: v.receivedOn, view: v,
          })))],
        );
        await tx.query(`DELETE FROM ${t('rm_case_deadlines')} WHERE case_id = ANY($1)`, [files.map((v) => v.caseId)]);
        const deadlines = files.flatMap((v) => openDeadlines(v).map((d) => ({ case_id: v.caseId, kind: d.kind, ref: d.ref ?? '', due: d.due, excepted: d.excepted, caseworker_id: v.caseworkerId })));
        if (deadlines.length > 0) {
          await tx.query(
            `INSERT INTO ${t('rm_case_deadlines')} (case_id, kind, ref, due, excepted, caseworker_id)
             SELECT x.case_id, x.kind, x.ref, x.due::date, x.excepted, x.caseworker_id
             FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, kind text, ref text, due text, excepted boolean, caseworker_id text)`,
            [JSON.stringify(deadlines)],
          );
        }
      }
      await tx.query(
        `INSERT INTO ${t('rm_case_timeline')} (case_id, revision, global_position, type, occurred_at, recorded_at, actor, data)
         SELECT x.case_id, x.revision, x.global_position, x.type, x.occurred_at, x.recorded_at::timestamptz, x.actor, x.data
         FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, revision int, global_position bigint, type text, occurred_at text, recorded_at text, actor jsonb, data jsonb)
         ON CONFLICT (case_id, revision) DO NOTHING`,
        [JSON.stringify(events.map((e) => ({
          case_id: e.stream, revision: e.revision, global_position: e.globalPosition, type: e.type, occurred_at: e.metadata.occurredAt,
          recorded_at: e.recordedAt, actor: e.metadata.actor, data: e.data,
        })))],
      );
    },
  };
}

export const caseFileEntities = [CaseFile, CaseDeadline, CaseTimelineEntry];
export { CaseFile, CaseDeadline, CaseTimelineEntry };
