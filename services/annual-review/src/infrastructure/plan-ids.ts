import { nameBasedUuid } from '@ehc/domain-kernel';
import { caseUuidOf } from '@ehc/contracts/needs-assessment';

/**
 * A plan's id is derived from where it came from, so entering the same plan twice (a redelivered
 * FinalPlanIssued, or the same import file again) lands on the same stream and changes nothing.
 */
export function planIdFor(source: { kind: 'needs-assessment'; caseId: string } | { kind: 'import'; reference: string }): string {
  // a plan from an assessment keeps the case's id, so either service's id finds it
  if (source.kind === 'needs-assessment') return caseUuidOf(source.caseId);
  return nameBasedUuid(`ehc-hub/annual-review/import:${source.reference.trim().toUpperCase()}`);
}
