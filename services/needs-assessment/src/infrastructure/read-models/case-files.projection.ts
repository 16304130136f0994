import { CASE_STREAM_PREFIX } from '../../domain/needs-assessment';
import { viewProjection, type Projection } from '@ehc/messaging';
import { applyToCaseFile, openDeadlines, type CaseFileView } from './case-file.view';
import { CaseDeadline, CaseFile, CaseTimelineEntry } from './case-file.entity';

/**
 * Case files, their running deadlines and their timelines, from the needs-assessment events. A new
 * name is a new checkpoint: the tables are emptied and rebuilt from position 0 (v3: the views carry
 * `tribunalOrders`, and the dates an order sets).
 */
export function caseFilesProjection(schema: string): Projection {
  return viewProjection<CaseFileView>({
    name: 'needs-assessment.case-files.v3',
    schema,
    streamPrefix: CASE_STREAM_PREFIX,
    tables: { views: 'rm_case_files', deadlines: 'rm_case_deadlines', timeline: 'rm_case_timeline' },
    fold: (view, event) => applyToCaseFile(view, event),
    columnTypes: { reference: 'text', child_id: 'uuid', caseworker_id: 'text', status: 'text', received_on: 'date' },
    columns: (v) => ({ reference: v.reference, child_id: v.childId, caseworker_id: v.caseworkerId, status: v.status, received_on: v.receivedOn }),
    deadlines: (v) => openDeadlines(v),
    owner: (v) => v.caseworkerId,
  });
}

export const caseFileEntities = [CaseFile, CaseDeadline, CaseTimelineEntry];
export { CaseFile, CaseDeadline, CaseTimelineEntry };
