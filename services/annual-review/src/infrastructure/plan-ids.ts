import { createHash } from 'node:crypto';

/**
 * A plan's id is derived from where it came from, so entering the same plan twice (a redelivered
 * FinalPlanIssued, or the same import file again) lands on the same stream and changes nothing.
 */
export function planIdFor(source: { kind: 'needs-assessment'; caseId: string } | { kind: 'import'; reference: string }): string {
  // a plan from an assessment keeps the case's id, so either service's id finds it
  if (source.kind === 'needs-assessment') return source.caseId.replace(/^ehcna-/, '');
  const key = `import:${source.reference.trim().toUpperCase()}`;
  const h = createHash('sha1').update(`ehc-hub/annual-review/${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
