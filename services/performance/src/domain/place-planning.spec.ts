import type { Fact, FactData, FactKind } from './facts';
import { placePlanning, type CapacityRow } from './place-planning';

const fact = <K extends FactKind>(kind: K, caseId: string, on: string, data: FactData[K]): Fact =>
  ({ id: `${kind}-${caseId}-${on}`, kind, caseId, on, recordedAt: `${on}T12:00:00Z`, data }) as Fact;
const finalPlan = (caseId: string, on: string, urn: string | null) => fact('final-plan', caseId, on, {
  reference: `REF-${caseId}`, childId: `child-${caseId}`, receivedOn: '2020-01-01', excepted: false, caseworkerId: null,
  setting: { urn, name: 'x' }, receptionYear: null,
});
const amended = (caseId: string, on: string, urn: string | null, type: string) => fact('amended-plan', caseId, on, {
  withinStatutoryTime: true, setting: { urn, name: 'y', type }, phaseTransfer: null,
});

const OAK = '111111';
const ELM = '222222';
const capacity: CapacityRow[] = [
  { urn: OAK, name: 'Oak Special', academicYear: 2025, places: 3 },
  { urn: ELM, name: 'Elm Special', academicYear: 2025, places: 5 },
  { urn: OAK, name: 'Oak Special', academicYear: 2024, places: 2 },
];

// academic year 2025/26: 1 September 2025 to 31 August 2026
const history: Fact[] = [
  finalPlan('p1', '2023-05-01', OAK), // at Oak on 1 September
  finalPlan('p2', '2024-02-01', '999999'), amended('p2', '2025-03-01', OAK, 'special'), // moved to Oak before the year: at Oak
  finalPlan('p3', '2022-01-01', OAK), fact('plan-ceased', 'p3', '2025-07-31', { reason: 'max-age' }), // ceased before the year
  finalPlan('p4', '2025-10-01', OAK), finalPlan('p5', '2026-03-01', OAK), // new plans directed to Oak
  finalPlan('p6', '2026-09-01', OAK), // next year's
  finalPlan('p7', '2021-01-01', OAK), amended('p7', '2025-11-01', '333333', 'independent-special'), // out of Oak, to an independent special
  finalPlan('p8', '2021-01-01', '999999'), amended('p8', '2026-01-10', ELM, 'special'), // into Elm
  finalPlan('p9', '2021-01-01', '999999'), amended('p9', '2026-02-01', '444444', 'independent-special'), // independent, not from a listed school
];

describe('place planning for 2025/26', () => {
  const plan = placePlanning(history, capacity, 2025);
  const oak = plan.schools.find((s) => s.urn === OAK);
  const elm = plan.schools.find((s) => s.urn === ELM);

  it('counts places used on 1 September, the new plans directed in the year, places needed and the shortfall', () => {
    expect(oak).toMatchObject({ placesAvailable: 3, placesUsed: 3, newPlansDirected: 2, placesNeeded: 5, shortfall: 2 });
    expect(oak?.cases.used.map((c) => c.caseId).sort()).toEqual(['p1', 'p2', 'p7']);
    expect(oak?.cases.newPlans.map((c) => [c.caseId, c.reference])).toEqual([['p4', 'REF-p4'], ['p5', 'REF-p5']]);
    expect(elm).toMatchObject({ placesAvailable: 5, placesUsed: 0, newPlansDirected: 0, placesNeeded: 0, shortfall: 0 });
  });

  it('counts the moves amended plans made in the year, in and out', () => {
    expect(oak).toMatchObject({ movesIn: 0, movesOut: 1, movesOutToIndependentSpecial: 1 });
    expect(elm).toMatchObject({ movesIn: 1, movesOut: 0 });
    expect(plan.independentSpecialPlacements).toEqual({
      count: 2, fromListedSpecial: 1,
      cases: [{ caseId: 'p7', reference: 'REF-p7', on: '2025-11-01' }, { caseId: 'p9', reference: 'REF-p9', on: '2026-02-01' }],
    });
  });

  it('says the waiting list is not recorded rather than reporting none', () => {
    expect(plan.waitingList.recorded).toBe(false);
    expect(plan.waitingList.why).toMatch(/no event/);
  });

  it('totals the schools', () => {
    expect(plan.totals).toEqual({ placesAvailable: 8, placesUsed: 3, newPlansDirected: 2, placesNeeded: 5, shortfall: 2, movesIn: 1, movesOut: 1 });
    expect([plan.startsOn, plan.endsOn]).toEqual(['2025-09-01', '2026-08-31']);
  });
});
