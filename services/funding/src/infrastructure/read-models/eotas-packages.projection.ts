import type { EventEnvelope } from '@ehc/event-store';
import { viewProjection, type Projection } from '@ehc/messaging';
import { EOTAS_PACKAGE_STREAM_PREFIX, evolve, initialState, isOnFile, type Event, type EotasPackage } from '../../domain/eotas/eotas';

/** A stream begins with its proposal: until then there is no row. */
const fold = (view: EotasPackage | null, e: EventEnvelope): EotasPackage | null => {
  const next = evolve(view ?? initialState(), { type: e.type, data: e.data } as Event);
  return isOnFile(next) ? next : null;
};

/** EOTAS packages: the list by status and plan, the review due soonest first. A new name is a new checkpoint (rebuilt from position 0). */
export function eotasPackagesProjection(schema: string): Projection {
  return viewProjection<EotasPackage>({
    name: 'funding.eotas-packages.v1',
    schema,
    streamPrefix: EOTAS_PACKAGE_STREAM_PREFIX,
    tables: { views: 'rm_eotas_packages', deadlines: 'rm_eotas_deadlines', timeline: 'rm_eotas_timeline' },
    fold,
    columnTypes: { plan_id: 'uuid', child_id: 'uuid', status: 'text', proposed_on: 'date', start_on: 'date', provider_name: 'text' },
    columns: (v) => ({ plan_id: v.planId, child_id: v.childId, status: v.status, proposed_on: v.proposedOn, start_on: v.startOn, provider_name: v.provider.name }),
    // the review runs only while the package does, as the view says
    deadlines: (v) => (v.status === 'approved' ? [{ kind: 'review', ref: null, due: v.reviewDate, excepted: false }] : []),
    owner: () => null,
  });
}
