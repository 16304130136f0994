import { academicYearEndsOn, academicYearStartsOn, type CalendarDate } from '@ehc/domain-kernel';
import { CaseIndex } from './case-index';
import type { Fact, FactKind } from './facts';

/** A special school's places for one academic year, as staff import them. */
export interface CapacityRow {
  urn: string;
  name: string;
  /** By the calendar year it starts in: 2025 is 2025/26. */
  academicYear: number;
  places: number;
}


/** A case behind a figure, for the drill-down. */
export interface PlaceCase {
  caseId: string;
  reference: string | null;
  on: CalendarDate;
}

export interface SchoolPlaces {
  urn: string;
  name: string;
  academicYear: number;
  placesAvailable: number;
  /** Children whose plan, active on 1 September, names the school. */
  placesUsed: number;
  /** Final plans issued in the year naming the school. */
  newPlansDirected: number;
  placesNeeded: number;
  /** Places needed beyond those available (0 when there are enough). */
  shortfall: number;
  /** Amended plans in the year that moved a child into the school from another setting. */
  movesIn: number;
  /** Amended plans in the year that moved a child out of it. */
  movesOut: number;
  /** Of the moves out, those into an independent special school. */
  movesOutToIndependentSpecial: number;
  cases: { used: PlaceCase[]; newPlans: PlaceCase[]; movesIn: PlaceCase[]; movesOut: PlaceCase[] };
}

export interface PlacePlanning {
  academicYear: number;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  schools: SchoolPlaces[];
  /** Amended plans in the year naming an independent special school: placements made for lack of a local place. */
  independentSpecialPlacements: { count: number; fromListedSpecial: number; cases: PlaceCase[] };
  /** Children taught at home while they wait for a special place: no event records it. */
  waitingList: { recorded: false; why: string };
  totals: { placesAvailable: number; placesUsed: number; newPlansDirected: number; placesNeeded: number; shortfall: number; movesIn: number; movesOut: number };
}

const WAITING_LIST_WHY =
  'The hub records no event for a child receiving home tuition while awaiting a special school place, so the waiting list cannot be counted from its facts.';

/** The kinds of fact place planning is made from. */
export const PLACE_PLANNING_FACT_KINDS: readonly FactKind[] = ['final-plan', 'amended-plan', 'plan-ceased', 'case-closed'];

/**
 * Places at the special schools in the capacity list (a school is special because it is there) for
 * `academicYear`: how many are used on 1 September, how many new plans the year directed there, and
 * the moves in and out that amended plans made, independent special placements among them.
 */
export function placePlanning(facts: readonly Fact[], capacity: readonly CapacityRow[], academicYear: number): PlacePlanning {
  const index = new CaseIndex(facts);
  const startsOn = academicYearStartsOn(academicYear);
  const endsOn = academicYearEndsOn(academicYear);
  const listed = new Set(capacity.map((c) => c.urn));
  const caseOf = (f: Fact): PlaceCase => ({ caseId: f.caseId, reference: index.reference(f.caseId), on: f.on });

  /** The URN each plan named, in order: the final plan's, then each amended plan's. */
  const namings = (caseId: string) =>
    index.caseFacts(caseId).filter((f): f is Fact<'final-plan' | 'amended-plan'> => f.kind === 'final-plan' || f.kind === 'amended-plan');
  const settingOn = (caseId: string, date: CalendarDate) => namings(caseId).filter((f) => f.on <= date).pop()?.data.setting;

  const planCases = [...new Set(index.of('final-plan').map((f) => f.caseId))];
  const moves = index.between('amended-plan', startsOn, endsOn).map((f) => {
    const named = namings(f.caseId);
    const previous = named[named.findIndex((n) => n.id === f.id) - 1];
    return { fact: f, from: previous?.data.setting.urn ?? null, to: f.data.setting.urn, toType: f.data.setting.type };
  }).filter((m) => m.from !== m.to);

  const schools = capacity.filter((c) => c.academicYear === academicYear).map((c): SchoolPlaces => {
    const used = planCases.filter((id) => index.planActiveOn(id, startsOn) && settingOn(id, startsOn)?.urn === c.urn)
      .map((id) => ({ caseId: id, reference: index.reference(id), on: startsOn }));
    const newPlans = index.between('final-plan', startsOn, endsOn).filter((f) => f.data.setting.urn === c.urn).map(caseOf);
    const movesIn = moves.filter((m) => m.to === c.urn);
    const movesOut = moves.filter((m) => m.from === c.urn);
    const placesNeeded = used.length + newPlans.length;
    return {
      urn: c.urn, name: c.name, academicYear, placesAvailable: c.places, placesUsed: used.length, newPlansDirected: newPlans.length, placesNeeded,
      shortfall: Math.max(0, placesNeeded - c.places), movesIn: movesIn.length, movesOut: movesOut.length,
      movesOutToIndependentSpecial: movesOut.filter((m) => m.toType === 'independent-special').length,
      cases: { used, newPlans, movesIn: movesIn.map((m) => caseOf(m.fact)), movesOut: movesOut.map((m) => caseOf(m.fact)) },
    };
  });

  const independent = moves.filter((m) => m.toType === 'independent-special');
  const sum = (pick: (s: SchoolPlaces) => number) => schools.reduce((total, s) => total + pick(s), 0);
  return {
    academicYear, startsOn, endsOn, schools,
    independentSpecialPlacements: {
      count: independent.length,
      fromListedSpecial: independent.filter((m) => m.from !== null && listed.has(m.from)).length,
      cases: independent.map((m) => caseOf(m.fact)),
    },
    waitingList: { recorded: false, why: WAITING_LIST_WHY },
    totals: {
      placesAvailable: sum((s) => s.placesAvailable), placesUsed: sum((s) => s.placesUsed), newPlansDirected: sum((s) => s.newPlansDirected),
      placesNeeded: sum((s) => s.placesNeeded), shortfall: sum((s) => s.shortfall), movesIn: sum((s) => s.movesIn), movesOut: sum((s) => s.movesOut),
    },
  };
}
