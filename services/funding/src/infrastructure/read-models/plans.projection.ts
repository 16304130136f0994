import type { EventEnvelope } from '@ehc/event-store';
import { viewProjection, type Projection } from '@ehc/messaging';
import { evolve, initialState, PLAN_FUNDING_STREAM_PREFIX, type Event, type PlanFundingState } from '../../domain/plan-funding/plan-funding';
import { runningTopUp } from '../../domain/plan-funding/state';

const fold = (view: PlanFundingState | null, e: EventEnvelope): PlanFundingState => evolve(view ?? initialState(), { type: e.type, data: e.data } as Event);

/** The plans' funding: the awaiting-funding tray and the lists. A new name is a new checkpoint (rebuilt from position 0). */
export function plansProjection(schema: string): Projection {
  return viewProjection<PlanFundingState>({
    name: 'funding.plans.v1',
    schema,
    streamPrefix: PLAN_FUNDING_STREAM_PREFIX,
    tables: { views: 'rm_funding_plans', deadlines: 'rm_funding_deadlines', timeline: 'rm_funding_timeline' },
    fold,
    columnTypes: {
      reference: 'text', child_id: 'uuid', status: 'text', awaiting_since: 'date', awaiting_source: 'text', setting_urn: 'text', setting_name: 'text',
      setting_type: 'text', band: 'text', annual_pence: 'integer',
    },
    columns: (v) => {
      const running = runningTopUp(v);
      const setting = v.awaiting?.namedSetting ?? v.namedSetting;
      return {
        reference: v.reference, child_id: v.childId, status: v.ceased ? 'ceased' : v.awaiting ? 'awaiting-funding' : running ? 'funded' : 'no-top-up',
        awaiting_since: v.awaiting?.since ?? null, awaiting_source: v.awaiting?.source ?? null,
        setting_urn: running?.settingUrn ?? setting?.urn ?? null, setting_name: setting?.name ?? null, setting_type: running?.settingType ?? setting?.type ?? null,
        band: running?.band ?? null, annual_pence: running?.annualPence ?? null,
      };
    },
    deadlines: () => [],
    owner: () => null,
  });
}
