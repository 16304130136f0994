import { isUuid } from '@ehc/domain-kernel';
import { problem } from '@ehc/http';
import { objectFacts, type ServiceRuntime } from '@ehc/host';
import type { ObjectFactsSource } from '@ehc/identity';
import { caseStream, evolve, initialState } from '../domain/needs-assessment';

/** The token of the source the access guard asks who is related to a case (`@ScopedTo(CASE_FACTS, 'id')`). */
export const CASE_FACTS = Symbol('CASE_FACTS');

export const caseNotFound = (id: string) => problem(404, 'CaseNotFound', 'No such case', `No case ${id}`);

/**
 * A case is related to its caseworker, its child, and the settings consulted on it (a setting sees
 * the consultations it was sent). Advice requests are a professional's own objects, not the case.
 */
export function caseFacts(runtime: ServiceRuntime): ObjectFactsSource {
  const s = `"${runtime.schema}"`;
  return objectFacts({
    runtime, isId: isUuid, streamOf: caseStream, notFound: caseNotFound,
    decider: { evolve, initialState },
    async fromView(stream) {
      const [row] = (await runtime.dataSource.query(
        `SELECT caseworker_id, child_id::text,
                ARRAY(SELECT DISTINCT c->'setting'->>'urn' FROM jsonb_array_elements(view->'consultations') c WHERE c->'setting'->>'urn' IS NOT NULL) AS settings
         FROM ${s}.rm_case_files WHERE stream_id = $1`, [stream])) as { caseworker_id: string | null; child_id: string; settings: string[] }[];
      return row ? { caseworker: row.caseworker_id, children: [row.child_id], settings: row.settings, adviceRequests: [] } : null;
    },
    fromState: (state, first) => ({
      caseworker: state.caseworkerId,
      children: [(first.data as { childId: string }).childId],
      settings: state.consultations.flatMap((c) => (c.settingUrn ? [c.settingUrn] : [])),
      adviceRequests: [],
    }),
  });
}
