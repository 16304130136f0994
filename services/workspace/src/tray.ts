/** One line of a work tray: an assessment or a review, with its next statutory date and where it stands. */
export interface TrayRow {
  kind: 'assessment' | 'review';
  id: string;
  href: string;
  reference: string;
  child: string;
  stage: string;
  caseworker: string | null;
  setting: string | null;
  next: { kind: string; due: string; daysLeft: number } | null;
  tag: TrayTag;
}

export type TrayTag = 'overdue' | 'due-soon' | 'on-track' | 'excepted';
export const TAG_WORDS: Record<TrayTag, { text: string; classes: string }> = {
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  'due-soon': { text: 'Due within 7 days', classes: 'govuk-tag--orange' },
  'on-track': { text: 'On track', classes: 'govuk-tag--green' },
  excepted: { text: 'Excepted', classes: 'govuk-tag--grey' },
};

interface Deadline { kind: string; due: string; daysLeft: number; overdue: boolean; excepted?: boolean }
interface Child { givenName?: string; familyName?: string; erased?: boolean }
const nameOf = (c: Child) => (c.erased ? '(details erased)' : `${c.givenName ?? ''} ${c.familyName ?? ''}`.trim());

/**
 * Where one item stands: overdue if any running deadline is (the API says so, exceptions counted),
 * else excepted if an exception holds its next date, else due within 7 days, else on track.
 */
export function tagOf(deadlines: Deadline[]): TrayTag {
  if (deadlines.some((d) => d.overdue)) return 'overdue';
  const next = earliest(deadlines);
  if (next?.excepted) return 'excepted';
  if (next && next.daysLeft <= 7) return 'due-soon';
  return 'on-track';
}

const earliest = (deadlines: Deadline[]) => [...deadlines].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))[0] ?? null;

export function caseRow(item: { id: string; reference: string; status: string; caseworker: string | null; child: Child; deadlines: Deadline[] }): TrayRow {
  const next = earliest(item.deadlines);
  return {
    kind: 'assessment', id: item.id, href: `/cases/${item.id}`, reference: item.reference, child: nameOf(item.child), stage: item.status,
    caseworker: item.caseworker, setting: null, next: next && { kind: next.kind, due: next.due, daysLeft: next.daysLeft }, tag: tagOf(item.deadlines),
  };
}

export function planRow(item: { planId: string; reference: string; status: string; caseworker: string | null; setting: { urn: string | null; name: string } | null; child: Child; deadlines: Deadline[] }): TrayRow {
  const next = earliest(item.deadlines);
  return {
    kind: 'review', id: item.planId, href: `/plans/${item.planId}`, reference: item.reference, child: nameOf(item.child), stage: item.status,
    caseworker: item.caseworker, setting: item.setting?.name ?? null, next: next && { kind: next.kind, due: next.due, daysLeft: next.daysLeft }, tag: tagOf(item.deadlines),
  };
}

export const SORTS = ['next', 'reference', 'child', 'stage', 'status', 'caseworker'] as const;
export type Sort = (typeof SORTS)[number];

export interface TrayQuery { sort: Sort; descending: boolean; tag?: TrayTag; kind?: 'assessment' | 'review'; caseworker?: string; setting?: string; page: number }
export const PAGE_SIZE = 25;

const TAG_ORDER: Record<TrayTag, number> = { overdue: 0, 'due-soon': 1, excepted: 2, 'on-track': 3 };

/** The tray as asked: filtered, sorted by any column (ties by next date, then reference), one page of it. */
export function trayPage(rows: TrayRow[], q: TrayQuery) {
  const filtered = rows.filter((r) => (!q.tag || r.tag === q.tag) && (!q.kind || r.kind === q.kind)
    && (!q.caseworker || r.caseworker === q.caseworker) && (!q.setting || (r.setting ?? '').toLowerCase().includes(q.setting.toLowerCase())));
  const key = (r: TrayRow): string | number => {
    switch (q.sort) {
      case 'next': return r.next?.due ?? '9999-12-31';
      case 'reference': return r.reference;
      case 'child': return r.child.toLowerCase();
      case 'stage': return r.stage;
      case 'status': return TAG_ORDER[r.tag];
      case 'caseworker': return r.caseworker ?? '~';
    }
  };
  const sorted = [...filtered].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const byKey = x < y ? -1 : x > y ? 1 : 0;
    if (byKey !== 0) return q.descending ? -byKey : byKey;
    return (a.next?.due ?? '9999').localeCompare(b.next?.due ?? '9999') || a.reference.localeCompare(b.reference);
  });
  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, q.page), pages);
  return {
    rows: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), page, pages, total: sorted.length,
    counts: {
      all: rows.length,
      overdue: rows.filter((r) => r.tag === 'overdue').length,
      dueSoon: rows.filter((r) => r.tag === 'due-soon').length,
      excepted: rows.filter((r) => r.tag === 'excepted').length,
    },
  };
}
