import { isUuid } from '@ehc/domain-kernel';
import { problem } from '@ehc/http';
import { objectFacts, type ServiceRuntime } from '@ehc/host';
import type { ObjectFactsSource } from '@ehc/identity';
import { evolve, initialState, planStream } from '../domain/annual-review';

/** The token of the source the access guard asks who is related to a plan (`@ScopedTo(PLAN_FACTS, 'planId')`). */
export const PLAN_FACTS = Symbol('PLAN_FACTS');

export const planNotFound = (id: string) => problem(404, 'PlanNotFound', 'No such plan', `No plan ${id}`);

/** A plan is related to its caseworker, its child, and the setting it names (the pupil is on that setting's roll). */
export function planFacts(runtime: ServiceRuntime): ObjectFactsSource {
  const s = `"${runtime.schema}"`;
  return objectFacts({
    runtime, isId: isUuid, streamOf: planStream, notFound: planNotFound,
    decider: { evolve, initialState },
    async fromView(stream) {
      const [row] = (await runtime.dataSource.query(
        `SELECT caseworker_id, child_id::text, setting_urn FROM ${s}.rm_plans WHERE stream_id = $1`, [stream])) as { caseworker_id: string | null; child_id: string; setting_urn: string | null }[];
      return row ? { caseworker: row.caseworker_id, children: [row.child_id], settings: row.setting_urn ? [row.setting_urn] : [], adviceRequests: [] } : null;
    },
    fromState: (state, first) => ({
      caseworker: state.caseworkerId,
      children: [(first.data as { childId: string }).childId],
      settings: state.namedSetting?.urn ? [state.namedSetting.urn] : [],
      adviceRequests: [],
    }),
  });
}
