import { PLAN_STREAM_PREFIX } from '../../domain/annual-review';
import { viewProjection, type Projection } from '@ehc/messaging';
import { applyToPlanFile, runningDeadlines, upcomingReviewDue, type PlanFileView } from './plan-file.view';
import { PlanDeadline, PlanFile, PlanTimelineEntry } from './plan-file.entity';

/**
 * Plans in their review cycle, their running deadlines and their timelines. A new name is a new
 * checkpoint: the tables are emptied and rebuilt from position 0 (v3: the views carry `needsProfiles`;
 * v4: `tribunalOrders` and `orderedAmendment`).
 */
export function planFilesProjection(schema: string): Projection {
  return viewProjection<PlanFileView>({
    name: 'annual-review.plan-files.v4',
    schema,
    streamPrefix: PLAN_STREAM_PREFIX,
    tables: { views: 'rm_plans', deadlines: 'rm_plan_deadlines', timeline: 'rm_plan_timeline' },
    fold: (view, event) => applyToPlanFile(view, event),
    columnTypes: { reference: 'text', child_id: 'uuid', caseworker_id: 'text', setting_urn: 'text', status: 'text', next_review_due: 'date', reception_year: 'integer' },
    columns: (v) => ({
      reference: v.reference, child_id: v.childId, caseworker_id: v.caseworkerId, setting_urn: v.namedSetting.urn, status: v.status,
      next_review_due: upcomingReviewDue(v), reception_year: v.cohort?.receptionYear ?? null,
    }),
    deadlines: (v) => runningDeadlines(v),
    owner: (v) => v.caseworkerId,
  });
}

export const planFileEntities = [PlanFile, PlanDeadline, PlanTimelineEntry];
export { PlanFile, PlanDeadline, PlanTimelineEntry };
