import fc from 'fast-check';
import { eotasCommitment, evolve, initialState, penceForDays, weeklyCostOn, weeklyCostPeriods, type EotasPackageState, type Event } from './eotas';

/*
 * The worked package of eotas.spec.ts: 42,550p a week from Mon 2026-03-16; 45,000p a week from
 * Mon 06-22 (the review of 06-15); last day Fri 10-23. Pence for a span = weekly × days ÷ 7,
 * rounded half up, each span on its own (days counted from and to inclusive).
 */
const fold = (events: Event[]): EotasPackageState => events.reduce(evolve, initialState());
const proposed: Event = {
  type: 'EotasPackageProposed',
  data: {
    packageId: 'p-1', planId: 'plan-1', childId: 'c-1', proposedOn: '2026-03-02', proposedBy: 'officer-1', provider: { name: 'Lincoln College', ukprn: '10003899', unregulated: false },
    checksDone: [], weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDate: '2026-06-15',
  },
};
const approved: Event = {
  type: 'EotasPackageApproved',
  data: { approvedOn: '2026-03-06', panelOn: '2026-03-05', signedOffBy: 'manager-7', weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDue: '2026-06-15' },
};
const reviewed = (reviewedOn: string, previousWeeklyCostPence: number, weeklyCostPence: number, costFrom: string): Event => ({
  type: 'EotasPackageReviewed', data: { reviewedOn, previousWeeklyCostPence, weeklyCostPence, costFrom, nextReviewDate: '2026-12-14', notesDocumentId: null },
});
const ended = (lastDay: string): Event => ({ type: 'EotasPackageEnded', data: { endedOn: '2026-10-16', lastDay, reason: 'returned-to-school', notesDocumentId: null } });

const running = [proposed, approved];
const raised = [...running, reviewed('2026-06-15', 42_550, 45_000, '2026-06-22')];
const FY_2026_27 = { from: '2026-04-01', to: '2027-03-31' };

describe('weekly cost over time', () => {
  it('nothing is committed to a package only proposed', () => expect(weeklyCostPeriods(fold([proposed]))).toEqual([]));
  it('nothing is committed to a package declined', () =>
    expect(weeklyCostPeriods(fold([proposed, { type: 'EotasPackageDeclined', data: { declinedOn: '2026-03-06', panelOn: '2026-03-05', reasonsDocumentId: null } }]))).toEqual([]));
  it('approved: from the start, open-ended', () =>
    expect(weeklyCostPeriods(fold(running))).toEqual([{ from: '2026-03-16', to: null, weeklyCostPence: 42_550 }]));
  it('a review\'s new cost starts a period; the one before ends the day before (Sun 06-21)', () =>
    expect(weeklyCostPeriods(fold(raised))).toEqual([
      { from: '2026-03-16', to: '2026-06-21', weeklyCostPence: 42_550 },
      { from: '2026-06-22', to: null, weeklyCostPence: 45_000 },
    ]));
  it('the end closes the last period on the last day', () =>
    expect(weeklyCostPeriods(fold([...raised, ended('2026-10-23')]))).toEqual([
      { from: '2026-03-16', to: '2026-06-21', weeklyCostPence: 42_550 },
      { from: '2026-06-22', to: '2026-10-23', weeklyCostPence: 45_000 },
    ]));
  it('a change scheduled after the last day never applies', () =>
    expect(weeklyCostPeriods(fold([...raised, ended('2026-06-19')]))).toEqual([{ from: '2026-03-16', to: '2026-06-19', weeklyCostPence: 42_550 }]));
  it('an unchanged cost adds no period', () =>
    expect(weeklyCostPeriods(fold([...running, reviewed('2026-06-15', 42_550, 42_550, '2026-06-15')]))).toEqual([{ from: '2026-03-16', to: null, weeklyCostPence: 42_550 }]));
  it('a later review replaces what was set from its costFrom on: 44,000p from Sat 06-20 supersedes 45,000p from 06-22', () =>
    expect(weeklyCostPeriods(fold([...raised, reviewed('2026-06-19', 42_550, 44_000, '2026-06-20')]))).toEqual([
      { from: '2026-03-16', to: '2026-06-19', weeklyCostPence: 42_550 },
      { from: '2026-06-20', to: null, weeklyCostPence: 44_000 },
    ]));
  it('a cost backdated to the start replaces the whole history', () =>
    expect(weeklyCostPeriods(fold([...raised, reviewed('2026-07-01', 42_550, 43_000, '2026-03-16')]))).toEqual([{ from: '2026-03-16', to: null, weeklyCostPence: 43_000 }]));
  it('the cost on a day', () => {
    const s = fold(raised);
    if (s.status === 'none') throw new Error('not on file');
    expect([weeklyCostOn(s.costChanges, '2026-03-15'), weeklyCostOn(s.costChanges, '2026-06-21'), weeklyCostOn(s.costChanges, '2026-06-22')]).toEqual([null, 42_550, 45_000]);
  });
});

describe('pence for a span of days (weekly × days ÷ 7, half up, integer arithmetic)', () => {
  it.each([
    // [weekly, days, pence, working]
    [42_550, 7, 42_550, 'a whole week is the weekly cost'],
    [42_550, 16, 97_257, '680,800 ÷ 7 = 97,257.14 → down'],
    [45_000, 124, 797_143, '5,580,000 ÷ 7 = 797,142.86 → up'],
    [1, 3, 0, '3 ÷ 7 = 0.43 → down'],
    [1, 4, 1, '4 ÷ 7 = 0.57 → up'],
    [42_550, 0, 0, 'no days, no pence'],
  ])('%ip a week for %i days is %ip (%s)', (weekly, days, pence) => expect(penceForDays(weekly, days)).toBe(pence));
  it('is the nearest whole penny: |7 × pence − weekly × days| ≤ 3 (7 is odd: no exact half arises)', () =>
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 40_000 }), (weekly, days) => {
      const pence = BigInt(penceForDays(weekly, days));
      const diff = 7n * pence - BigInt(weekly) * BigInt(days);
      return diff >= -3n && diff <= 3n;
    })));
  it('whole weeks are exact', () =>
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 5_000 }), (weekly, weeks) => penceForDays(weekly, 7 * weeks) === weekly * weeks)));
  it('pence as a float, or a negative span, is a bug', () => {
    expect(() => penceForDays(425.5, 7)).toThrow(RangeError);
    expect(() => penceForDays(42_550, -1)).toThrow(RangeError);
  });
});

describe('commitment within a horizon', () => {
  it('financial year 2026-27, the worked package: 498,443p + 797,143p', () => {
    // 04-01..06-21 = 30 + 31 + 21 = 82 days: 42,550 × 82 = 3,489,100; ÷ 7 = 498,442.86 → 498,443
    // 06-22..10-23 = 9 + 31 + 31 + 30 + 23 = 124 days: 45,000 × 124 = 5,580,000; ÷ 7 = 797,142.86 → 797,143
    expect(eotasCommitment(fold([...raised, ended('2026-10-23')]), FY_2026_27)).toEqual([
      { from: '2026-04-01', to: '2026-06-21', weeklyCostPence: 42_550, pence: 498_443 },
      { from: '2026-06-22', to: '2026-10-23', weeklyCostPence: 45_000, pence: 797_143 },
    ]);
  });
  it('financial year 2025-26: only its last 16 days (03-16..03-31): 42,550 × 16 = 680,800; ÷ 7 = 97,257.14 → 97,257', () =>
    expect(eotasCommitment(fold(raised), { from: '2025-04-01', to: '2026-03-31' })).toEqual([{ from: '2026-03-16', to: '2026-03-31', weeklyCostPence: 42_550, pence: 97_257 }]));
  it('a running package runs to the end of the horizon: 06-22..07-31 = 9 + 31 = 40 days; 45,000 × 40 = 1,800,000; ÷ 7 = 257,142.86 → 257,143', () =>
    expect(eotasCommitment(fold(raised), { from: '2026-06-22', to: '2026-07-31' })).toEqual([{ from: '2026-06-22', to: '2026-07-31', weeklyCostPence: 45_000, pence: 257_143 }]));
  it('a horizon before the start commits nothing', () => expect(eotasCommitment(fold(raised), { from: '2026-01-01', to: '2026-03-15' })).toEqual([]));
  it('a horizon after the last day commits nothing', () => expect(eotasCommitment(fold([...raised, ended('2026-10-23')]), { from: '2026-10-24', to: '2027-03-31' })).toEqual([]));
  it('a horizon of one day: 45,000 ÷ 7 = 6,428.57 → 6,429', () =>
    expect(eotasCommitment(fold(raised), { from: '2026-07-01', to: '2026-07-01' })).toEqual([{ from: '2026-07-01', to: '2026-07-01', weeklyCostPence: 45_000, pence: 6_429 }]));
  it('a horizon that ends before it begins is a bug', () => expect(() => eotasCommitment(fold(raised), { from: '2026-07-02', to: '2026-07-01' })).toThrow(RangeError));
});
