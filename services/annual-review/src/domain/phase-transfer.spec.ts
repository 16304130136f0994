import type { PhaseTransferKind } from '@ehc/domain-kernel';
import { transferYearOf, type Cohort } from './cohort';
import { highestYearGroupServed, nextPhaseTransfer, transferCohort, type PhaseTransferSetting } from './phase-transfer';

// Every row is a move in September 2027 unless it says otherwise. A child in year group Y in
// 2027/28 was in Reception by age in 2027 - Y.
const TRANSFER_YEAR = 2027;
const into = (yearGroup: number, yearGroupOffset = 0): Cohort => ({ receptionYear: TRANSFER_YEAR - yearGroup, yearGroupOffset });

const setting = (type: PhaseTransferSetting['type'], phase: PhaseTransferSetting['phase'], lowAge: number | null, highAge: number | null): PhaseTransferSetting =>
  ({ type, phase, lowAge, highAge });
const pvNursery = setting('early-years', 'early-years', 0, null);
const nurserySchool = setting('early-years', 'early-years', 2, 5); // GIAS gives nursery schools a high age of 5
const primary = setting('mainstream', 'primary', 4, 11);
const primaryWithNursery = setting('mainstream', 'primary', 3, 11);
const infant = setting('mainstream', 'primary', 4, 7);
const junior = setting('mainstream', 'primary', 7, 11);
const firstSchool9 = setting('mainstream', 'primary', 5, 9);
const firstSchool8 = setting('mainstream', 'primary', 4, 8);
const middle913 = setting('mainstream', 'middle', 9, 13);
const middle812 = setting('mainstream', 'middle', 8, 12);
const secondary1116 = setting('mainstream', 'secondary', 11, 16);
const secondary1118 = setting('mainstream', 'secondary', 11, 18);
const allThrough = setting('mainstream', 'all-through', 4, 18);
const allAgeSpecial = setting('special', 'all-through', 2, 19);
const secondarySpecial = setting('special', 'secondary', 11, 16);
const primaryIndependentSpecial = setting('independent-special', 'primary', 5, 11);
const college = setting('further-education', 'post-16', 16, 99);
const eotas = setting('otherwise-than-at-school', 'not-applicable', null, null);
const middleUnknownRange = setting('mainstream', 'middle', null, null);
const allThroughUnknownRange = setting('mainstream', 'all-through', null, null);

describe('phase transfer due (reg 2, reg 18)', () => {
  describe('worked example 11', () => {
    it('Y6 -> Y7 in September 2027: final plan before Mon 15 Feb (by Sun 14 Feb), notice by 20 Dec, meeting by 22 Nov 2026', () =>
      expect(nextPhaseTransfer({ cohort: into(7), setting: primary, transferYear: 2027 })).toEqual({
        kind: 'primary-to-secondary', transferYear: 2027, fromYearGroup: 6, toYearGroup: 7,
        deadline: '2027-02-14', latestAmendmentNotice: '2026-12-20', latestReviewMeeting: '2026-11-22',
      }));
    it('Y11 -> college in September 2027: final plan before Wed 31 Mar (by Tue 30 Mar)', () =>
      expect(nextPhaseTransfer({ cohort: into(12), setting: secondary1116, transferYear: 2027 })).toEqual({
        kind: 'secondary-to-post-16', transferYear: 2027, fromYearGroup: 11, toYearGroup: 12,
        deadline: '2027-03-30', latestAmendmentNotice: '2027-02-02', latestReviewMeeting: '2027-01-05',
      }));
  });

  // [rule, setting on file, year group in 2027/28, kind or null for no transfer]
  const rows: [string, PhaseTransferSetting | null, number, PhaseTransferKind | null][] = [
    ['early years -> school: private nursery into Reception', pvNursery, 0, 'early-years-to-school'],
    ['early years -> school: a nursery school (GIAS high age 5) still ends before Reception', nurserySchool, 0, 'early-years-to-school'],
    ['no transfer: N1 -> N2 in the nursery', pvNursery, -1, null],
    ["no transfer: the school's own nursery class into its Reception", primaryWithNursery, 0, null],
    ['infant -> junior: Y2 -> Y3 from an infant school (high age 7)', infant, 3, 'infant-to-junior'],
    ['no transfer: Y2 -> Y3 in a primary', primary, 3, null],
    ['primary -> secondary: a junior school into Y7', junior, 7, 'primary-to-secondary'],
    ['primary -> middle: a first school ending at 9 into Y5', firstSchool9, 5, 'primary-to-middle'],
    ['primary -> middle: a first school ending at 8 into Y4', firstSchool8, 4, 'primary-to-middle'],
    ['no transfer: Y3 -> Y4 in a first school ending at 9', firstSchool9, 4, null],
    ['middle -> secondary: a 9-13 middle school into Y9', middle913, 9, 'middle-to-secondary'],
    ['no transfer: Y7 -> Y8 in a 9-13 middle school', middle913, 8, null],
    ['no transfer: Y6 -> Y7 in a 9-13 middle school', middle913, 7, null],
    ['middle -> secondary: an 8-12 middle school into Y8', middle812, 8, 'middle-to-secondary'],
    ['no transfer mid-phase: Y4 -> Y5 in a primary', primary, 5, null],
    ['no transfer mid-phase: Y9 -> Y10 in a secondary', secondary1116, 10, null],
    ['secondary -> post-16: a special school ending at 16 into Y12', secondarySpecial, 12, 'secondary-to-post-16'],
    ["no transfer: into the school's own sixth form (11-18)", secondary1118, 12, null],
    ['no transfer: Y6 -> Y7 in an all-through school', allThrough, 7, null],
    ['no transfer: Y11 -> Y12 in an all-through school with a sixth form', allThrough, 12, null],
    ['no transfer: N2 -> Reception in an all-age special school (2-19)', allAgeSpecial, 0, null],
    ['no transfer: Y6 -> Y7 in an all-age special school (2-19)', allAgeSpecial, 7, null],
    ['no transfer: Y11 -> Y12 in an all-age special school (2-19)', allAgeSpecial, 12, null],
    ['primary -> secondary: an independent special school ending at 11 into Y7', primaryIndependentSpecial, 7, 'primary-to-secondary'],
    ['no transfer: post-16 to post-16 is not a reg 2 move', college, 13, null],
    ['no setting: into Reception', null, 0, 'early-years-to-school'],
    ['no setting: into Y3 (an infant school is not known)', null, 3, null],
    ['no setting: into Y7', null, 7, 'primary-to-secondary'],
    ['no setting: into Y12', null, 12, 'secondary-to-post-16'],
    ['no setting: no transfer into Y4', null, 4, null],
    ['EOTAS, no age range: the year groups decide (Y7)', eotas, 7, 'primary-to-secondary'],
    ['a middle school of unknown range: the year is not known, so none is guessed', middleUnknownRange, 9, null],
    ['an all-through school of unknown range: no Y7 transfer', allThroughUnknownRange, 7, null],
    ['an all-through school of unknown range: Y12 errs towards a transfer (the sixth form is unknown)', allThroughUnknownRange, 12, 'secondary-to-post-16'],
    ['a stale setting the child has outgrown (a primary on file for Y11): the year groups decide', primary, 12, 'secondary-to-post-16'],
  ];

  it.each(rows)('%s', (_, current, yearGroup, kind) => {
    const transfer = nextPhaseTransfer({ cohort: into(yearGroup), setting: current, transferYear: TRANSFER_YEAR });
    expect(transfer?.kind ?? null).toBe(kind);
    if (transfer) {
      expect(transfer).toMatchObject({ transferYear: TRANSFER_YEAR, fromYearGroup: yearGroup - 1, toYearGroup: yearGroup });
      expect(transfer.deadline).toBe(kind === 'secondary-to-post-16' ? '2027-03-30' : '2027-02-14');
    }
  });

  it.each(rows.filter(([, , , kind]) => kind !== null && kind !== 'primary-to-middle' && kind !== 'middle-to-secondary'))(
    'agrees with the cohort\'s transfer year where the entry year is national: %s', (_, current, yearGroup, kind) =>
      expect(transferYearOf(into(yearGroup), kind as PhaseTransferKind)).toBe(TRANSFER_YEAR));

  describe('taught out of year group', () => {
    // Summer-born, Reception deferred a year: Reception by age in 2026, offset -1.
    const deferred: Cohort = { receptionYear: 2026, yearGroupOffset: -1 };
    it.each([
      ['no move into Reception in the year of Reception by age', pvNursery, 2026, null],
      ['into Reception a year later', pvNursery, 2027, 'early-years-to-school'],
    ] as const)('deferred child, early years: %s', (_, current, transferYear, kind) =>
      expect(nextPhaseTransfer({ cohort: deferred, setting: current, transferYear })?.kind ?? null).toBe(kind));

    const yearBelow: Cohort = { receptionYear: 2020, yearGroupOffset: -1 };
    it.each([
      [2027, null],
      [2028, 'primary-to-secondary'],
    ] as const)('a year below age in a primary: move in %i -> %s', (transferYear, kind) =>
      expect(nextPhaseTransfer({ cohort: yearBelow, setting: primary, transferYear })?.kind ?? null).toBe(kind));

    it('a year above age moves a year earlier', () =>
      expect(nextPhaseTransfer({ cohort: { receptionYear: 2021, yearGroupOffset: 1 }, setting: primary, transferYear: 2027 }))
        .toMatchObject({ kind: 'primary-to-secondary', fromYearGroup: 6, toYearGroup: 7 }));
  });

  it.each([
    [7, 2], [8, 3], [9, 4], [11, 6], [12, 7], [13, 8], [16, 11], [18, 13], [19, 13],
  ])('a setting with statutory high age %i serves up to year group %i', (highAge, yearGroup) =>
    expect(highestYearGroupServed(highAge)).toBe(yearGroup));
});

describe('transfer cohort', () => {
  const plans = [
    { planId: 'p-4', cohort: into(12), setting: secondary1116, namedSetting: 'Witham Academy' },
    { planId: 'p-3', cohort: into(7), setting: primary, namedSetting: 'Lincoln Castle Academy' },
    { planId: 'p-2', cohort: into(5), setting: primary, namedSetting: 'Lincoln Castle Academy' },
    { planId: 'p-1', cohort: into(0), setting: null, namedSetting: null },
    { planId: 'p-5', cohort: into(12), setting: allAgeSpecial, namedSetting: 'St Francis School' },
  ];

  it('keeps the plans with a transfer, by deadline then plan id, with what the caller gave', () =>
    expect(transferCohort(plans, TRANSFER_YEAR).map((p) => [p.planId, p.transfer.kind, p.transfer.deadline, p.namedSetting])).toEqual([
      ['p-1', 'early-years-to-school', '2027-02-14', null],
      ['p-3', 'primary-to-secondary', '2027-02-14', 'Lincoln Castle Academy'],
      ['p-4', 'secondary-to-post-16', '2027-03-30', 'Witham Academy'],
    ]));

  it('is empty when nobody moves', () => expect(transferCohort([plans[2]], TRANSFER_YEAR)).toEqual([]));
});
