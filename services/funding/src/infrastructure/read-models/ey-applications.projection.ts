import type { EventEnvelope } from '@ehc/event-store';
import { viewProjection, type Projection, type RunningDeadline } from '@ehc/messaging';
import { EY_INCLUSION_STREAM_PREFIX, evolve, initialState, type Event, type EyInclusionState } from '../../domain/ey-inclusion/ey-inclusion';

/** A stream begins with its application: until then there is no row. */
const fold = (view: EyInclusionState | null, e: EventEnvelope): EyInclusionState | null => {
  const next = evolve(view ?? initialState(), { type: e.type, data: e.data } as Event);
  return next.application ? next : null;
};

/** The decision runs until the application is decided or withdrawn; while the LA waits for information it is stopped (no due date). */
export function runningDecision(v: EyInclusionState): RunningDeadline[] {
  if (v.decision || v.withdrawn || v.decisionDueBy === null) return [];
  return [{ kind: 'decision', ref: null, due: v.decisionDueBy, excepted: false }];
}

/** Early-years inclusion funding applications: the list by status, the decision due soonest first. A new name is a new checkpoint (rebuilt from position 0). */
export function eyApplicationsProjection(schema: string): Projection {
  return viewProjection<EyInclusionState>({
    name: 'funding.ey-applications.v1',
    schema,
    streamPrefix: EY_INCLUSION_STREAM_PREFIX,
    tables: { views: 'rm_ey_applications', deadlines: 'rm_ey_deadlines', timeline: 'rm_ey_timeline' },
    fold,
    columnTypes: { child_id: 'uuid', setting_urn: 'text', status: 'text', applied_on: 'date', level: 'text', amount_pence: 'integer' },
    columns: (v) => ({
      child_id: v.application?.childId ?? null, setting_urn: v.application?.settingUrn ?? null, status: v.status, applied_on: v.application?.appliedOn ?? null,
      level: v.decision?.outcome === 'approved' ? v.decision.level : null, amount_pence: v.decision?.outcome === 'approved' ? v.decision.amountPence : null,
    }),
    deadlines: runningDecision,
    owner: () => null,
  });
}
