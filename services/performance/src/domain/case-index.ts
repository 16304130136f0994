import { reviewDueBy, type CalendarDate } from '@ehc/domain-kernel';
import type { Fact, FactKind } from './facts';

/**
 * The facts of a pack, grouped the ways the measures read them: by kind, and by case. Built once per
 * pack from the facts recorded by its as-at time.
 */
export class CaseIndex {
  private readonly byKind = new Map<FactKind, Fact[]>();
  private readonly byCase = new Map<string, Fact[]>();
  // per case, worked out once when first asked: the first fact of each kind (the facts are in date
  // order, so the first is the earliest), the plan's life, the reviews it owed, its reference
  private readonly firstByCase = new Map<string, Map<FactKind, Fact>>();
  private readonly lifeByCase = new Map<string, { issuedOn: CalendarDate | null; endedOn: CalendarDate | null }>();
  private readonly owedByCase = new Map<string, { anchorOn: CalendarDate; dueBy: CalendarDate }[]>();
  private readonly referenceByCase = new Map<string, string | null>();

  constructor(facts: readonly Fact[]) {
    // by day, then by when it was recorded, then by id: one order however the facts were read
    const sorted = [...facts].sort((a, b) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.recordedAt !== b.recordedAt ? (a.recordedAt < b.recordedAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const f of sorted) {
      push(this.byKind, f.kind, f);
      push(this.byCase, f.caseId, f);
    }
  }

  of<K extends FactKind>(kind: K): Fact<K>[] {
    return (this.byKind.get(kind) ?? []) as Fact<K>[];
  }

  /** The kinds' facts dated in [from, to] (in date order: found by bisection). */
  between<K extends FactKind>(kind: K, from: CalendarDate, to: CalendarDate): Fact<K>[] {
    const all = this.of(kind);
    return all.slice(firstOnOrAfter(all, from), firstOnOrAfter(all, to, true));
  }

  caseFacts(caseId: string): Fact[] {
    return this.byCase.get(caseId) ?? [];
  }

  private firsts(caseId: string): Map<FactKind, Fact> {
    let firsts = this.firstByCase.get(caseId);
    if (!firsts) {
      firsts = new Map();
      for (const f of this.caseFacts(caseId)) if (!firsts.has(f.kind)) firsts.set(f.kind, f);
      this.firstByCase.set(caseId, firsts);
    }
    return firsts;
  }

  first<K extends FactKind>(caseId: string, kind: K, onOrBefore?: CalendarDate): Fact<K> | undefined {
    // the first of its kind is the earliest: if it is after the day, so is every other
    const f = this.firsts(caseId).get(kind) as Fact<K> | undefined;
    return f && (!onOrBefore || f.on <= onOrBefore) ? f : undefined;
  }

  /** The day the LA received the case's request: from the request, else from its final plan. */
  receivedOn(caseId: string): CalendarDate | null {
    const request = this.first(caseId, 'requested');
    if (request) return request.on;
    return this.first(caseId, 'final-plan')?.data.receivedOn ?? null;
  }

  reference(caseId: string): string | null {
    let reference = this.referenceByCase.get(caseId);
    if (reference === undefined) {
      reference = this.first(caseId, 'requested')?.data.reference ?? this.first(caseId, 'final-plan')?.data.reference ?? null;
      this.referenceByCase.set(caseId, reference);
    }
    return reference;
  }

  /**
   * Each review a plan owed, with the day it fell due and the day the duty began: 12 months from the
   * plan (s.44), then the next due date each review decision set. The same list on every call: not to
   * be changed by the caller.
   */
  reviewsOwed(caseId: string): readonly { anchorOn: CalendarDate; dueBy: CalendarDate }[] {
    let owed = this.owedByCase.get(caseId);
    if (!owed) {
      owed = [];
      for (const f of this.caseFacts(caseId)) {
        if (f.kind === 'final-plan') owed.push({ anchorOn: f.on, dueBy: reviewDueBy(f.on) });
        if (f.kind === 'review-decision') owed.push({ anchorOn: f.on, dueBy: (f as Fact<'review-decision'>).data.nextReviewDueBy });
      }
      this.owedByCase.set(caseId, owed);
    }
    return owed;
  }

  /** Whether the plan was still maintained on `date` (issued by then, not ceased before it). */
  planActiveOn(caseId: string, date: CalendarDate): boolean {
    let life = this.lifeByCase.get(caseId);
    if (!life) {
      // issued from its first plan or first review decision; ended by its first cessation or closure
      const firsts = this.firsts(caseId);
      const earliest = (kinds: FactKind[]) => kinds.map((k) => firsts.get(k)?.on).filter((on): on is CalendarDate => on !== undefined).sort()[0] ?? null;
      life = { issuedOn: earliest(['final-plan', 'review-decision']), endedOn: earliest(['plan-ceased', 'case-closed']) };
      this.lifeByCase.set(caseId, life);
    }
    return life.issuedOn !== null && life.issuedOn <= date && !(life.endedOn !== null && life.endedOn < date);
  }

  cases(): string[] {
    return [...this.byCase.keys()];
  }
}

/** The index of the first fact dated on or after `date` (after it, when `after`) in facts in date order. */
function firstOnOrAfter(facts: readonly Fact[], date: CalendarDate, after = false): number {
  let lo = 0;
  let hi = facts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after ? facts[mid].on <= date : facts[mid].on < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
