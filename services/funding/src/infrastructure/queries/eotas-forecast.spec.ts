import type { CalendarDate } from '@ehc/domain-kernel';
import { evolve, initialState, type Event } from '../../domain/eotas/eotas';
import { eotasForecast } from './eotas-forecast';

const PLAN = '0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d';
const fold = (events: Event[]) => events.reduce(evolve, initialState());
const proposed = (startOn: CalendarDate): Event => ({ type: 'EotasPackageProposed', data: {
  packageId: 'k', planId: PLAN, childId: 'c', proposedOn: '2026-11-02', proposedBy: 'fo', provider: { name: 'Wolds Outdoor Learning CIC', ukprn: null, unregulated: false },
  checksDone: [], weeklyCostPence: 42_550, startOn, reviewDate: '2027-03-15',
} });
const approved = (startOn: CalendarDate): Event => ({ type: 'EotasPackageApproved', data: { approvedOn: '2026-11-06', panelOn: '2026-11-05', signedOffBy: 'fm', weeklyCostPence: 42_550, startOn, reviewDue: '2027-03-15' } });

describe('EOTAS packages in the high-needs forecast', () => {
  it('prices the weekly cost by days: spent to the date, committed to the last day', () => {
    // £425.50 a week 11-16..11-29 (14 days): 85,100p; reviewed to £450 from 11-30, ended 12-18 (19 days): 45,000 × 19 / 7 = 122,142.86 → 122,143p.
    // As at 11-30: spent 85,100 + 45,000 × 1 / 7 (6,428.57 → 6,429) = 91,529; committed 122,143 − 6,429 = 115,714
    const state = fold([
      proposed('2026-11-16'), approved('2026-11-16'),
      { type: 'EotasPackageReviewed', data: { reviewedOn: '2026-11-27', previousWeeklyCostPence: 42_550, weeklyCostPence: 45_000, costFrom: '2026-11-30', nextReviewDate: '2027-02-15', notesDocumentId: null } },
      { type: 'EotasPackageEnded', data: { endedOn: '2026-11-30', lastDay: '2026-12-18', reason: 'returned-to-school', notesDocumentId: null } } as Event,
    ]);
    expect(eotasForecast([state], '2026-27', '2026-11-30')).toEqual({
      settingType: 'otherwise-than-at-school', band: 'EOTAS package', plans: 1, spentPence: 91_529, committedPence: 115_714, forecastPence: 207_243,
    });
  });

  it('an open-ended package is committed to the year end; one only proposed commits nothing', () => {
    // £425.50 a week from 2027-01-04 to 2027-03-31: 87 days, 42,550 × 87 / 7 = 528,835.71 → 528,836p, none spent by 2026-12-01
    expect(eotasForecast([fold([proposed('2027-01-04'), approved('2027-01-04')])], '2026-27', '2026-12-01'))
      .toMatchObject({ spentPence: 0, committedPence: 528_836, forecastPence: 528_836 });
    expect(eotasForecast([fold([proposed('2027-01-04')])], '2026-27', '2026-12-01')).toBeNull();
  });
});
