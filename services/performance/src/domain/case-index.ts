import { reviewDueBy, type CalendarDate } from '@ehc/domain-kernel';
import type { Fact, FactKind } from './facts';

/**
 * The facts of a pack, grouped the ways the measures read them: by kind, and by case. Built once per
 * pack from the facts recorded by its as-at time.
 */
export class CaseIndex {
  private readonly byKind = new Map<FactKind, Fact[]>();
  private readonly byCase = new Map<string, Fact[]>();

  constructor(facts: readonly Fact[]) {
    const sorted = [...facts].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.recordedAt < b.recordedAt ? -1 : 1));
    for (const f of sorted) {
      push(this.byKind, f.kind, f);
      push(this.byCase, f.caseId, f);
    }
  }

  of<K extends FactKind>(kind: K): Fact<K>[] {
    return (this.byKind.get(kind) ?? []) as Fact<K>[];
  }

  /** The kinds' facts dated in [from, to]. */
  between<K extends FactKind>(kind: K, from: CalendarDate, to: CalendarDate): Fact<K>[] {
    return this.of(kind).filter((f) => f.on >= from && f.on <= to);
  }

  caseFacts(caseId: string): Fact[] {
    return this.byCase.get(caseId) ?? [];
  }

  first<K extends FactKind>(caseId: string, kind: K, onOrBefore?: CalendarDate): Fact<K> | undefined {
    return this.caseFacts(caseId).find((f) => f.kind === kind && (!onOrBefore || f.on <= onOrBefore)) as Fact<K> | undefined;
  }

  has(caseId: string, kinds: readonly FactKind[], onOrBefore: CalendarDate): boolean {
    return this.caseFacts(caseId).some((f) => kinds.includes(f.kind) && f.on <= onOrBefore);
  }

  /** The day the LA received the case's request: from the request, else from its final plan. */
  receivedOn(caseId: string): CalendarDate | null {
    const request = this.first(caseId, 'requested');
    if (request) return request.on;
    return this.first(caseId, 'final-plan')?.data.receivedOn ?? null;
  }

  reference(caseId: string): string | null {
    return this.first(caseId, 'requested')?.data.reference ?? this.first(caseId, 'final-plan')?.data.reference ?? null;
  }

  /**
   * Each review a plan owed, with the day it fell due and the day the duty began: 12 months from the
   * plan (s.44), then the next due date each review decision set.
   */
  reviewsOwed(caseId: string): { anchorOn: CalendarDate; dueBy: CalendarDate }[] {
    const owed: { anchorOn: CalendarDate; dueBy: CalendarDate }[] = [];
    for (const f of this.caseFacts(caseId)) {
      if (f.kind === 'final-plan') owed.push({ anchorOn: f.on, dueBy: reviewDueBy(f.on) });
      if (f.kind === 'review-decision') owed.push({ anchorOn: f.on, dueBy: (f as Fact<'review-decision'>).data.nextReviewDueBy });
    }
    return owed;
  }

  /** Whether the plan was still maintained on `date` (issued by then, not ceased before it). */
  planActiveOn(caseId: string, date: CalendarDate): boolean {
    const facts = this.caseFacts(caseId);
    const issued = facts.some((f) => f.kind === 'final-plan' && f.on <= date) || facts.some((f) => f.kind === 'review-decision' && f.on <= date);
    return issued && !facts.some((f) => f.kind === 'plan-ceased' && f.on < date) && !facts.some((f) => f.kind === 'case-closed' && f.on < date);
  }

  cases(): string[] {
    return [...this.byCase.keys()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
