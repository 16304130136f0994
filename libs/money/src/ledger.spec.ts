import fc from 'fast-check';
import { addDays, daysBetween, onOrBefore, type CalendarDate } from '@ehc/domain-kernel';
import { commitmentLines, type Commitment, type TargetLine } from './commitments';
import { byPeriod, isPaidBy, ledgerOf, reschedule, totalPence, type LedgerLine } from './ledger';
import { paymentPeriodOf, type PaymentCadence } from './periods';
import { annualPenceArb, dateArb } from './arbitraries.spec-helpers';

const monthly = (): PaymentCadence => 'monthly';
const placement = (from: CalendarDate, to: CalendarDate, annualPence: number): Commitment =>
  ({ key: 'P1', from, to, annualPence, shares: [{ payee: '120345', weight: 1 }] });

describe('the ledger: what was paid is never rewritten', () => {
  // A placement at £12,000 a year from 1 Sep 2026 to 31 Mar 2027, recorded on 20 Aug 2026.
  // Monthly (schedule.spec.ts): Sep 98,630; Oct 101,918; Nov 98,630; Dec 101,918; Jan 101,918; Feb 92,054; Mar 101,918.
  const first = commitmentLines([placement('2026-09-01', '2027-03-31', 1_200_000)], monthly);

  // On 10 Nov 2026 the band goes up to £18,000 a year from 1 Nov (backdated):
  // - £12,000 for 1 Sep-31 Oct, 61 days: 1,200,000 × 61 ÷ 365 = 200,547.95 → 200,548;
  //   Sep 30 days 98,630.16, Oct 31 days 101,917.84 → floors 200,547, the penny to Oct: 98,630 and 101,918.
  // - £18,000 for 1 Nov-31 Mar, 151 days: 1,800,000 × 151 ÷ 365 = 744,657.53 → 744,658;
  //   Nov (30) 147,945.30, Dec/Jan/Mar (31) 152,876.81, Feb (28) 138,082.28 → floors 744,655,
  //   3p to the .81s: Nov 147,945; Dec 152,877; Jan 152,877; Feb 138,082; Mar 152,877.
  const second = commitmentLines(
    [placement('2026-09-01', '2026-10-31', 1_200_000), placement('2026-11-01', '2027-03-31', 1_800_000)],
    monthly,
  );

  // On 20 Jan 2027 the placement is found to have ceased on 31 Dec 2026 (backdated):
  // - £18,000 for 1 Nov-31 Dec, 61 days: 1,800,000 × 61 ÷ 365 = 300,821.92 → 300,822;
  //   Nov 147,945.25, Dec 152,876.75 → floors 300,821, the penny to Dec: 147,945 and 152,877.
  const third = commitmentLines(
    [placement('2026-09-01', '2026-10-31', 1_200_000), placement('2026-11-01', '2026-12-31', 1_800_000)],
    monthly,
  );

  const line = (periodId: string, from: CalendarDate, to: CalendarDate, pence: number, kind: LedgerLine['kind'], recordedOn: CalendarDate): LedgerLine =>
    ({ key: 'P1', payee: '120345', fy: '2026-27', periodId, from, to, pence, kind, recordedOn });

  const afterFirst = [
    line('2026-09', '2026-09-01', '2026-09-30', 98_630, 'scheduled', '2026-08-20'),
    line('2026-10', '2026-10-01', '2026-10-31', 101_918, 'scheduled', '2026-08-20'),
    line('2026-11', '2026-11-01', '2026-11-30', 98_630, 'scheduled', '2026-08-20'),
    line('2026-12', '2026-12-01', '2026-12-31', 101_918, 'scheduled', '2026-08-20'),
    line('2027-01', '2027-01-01', '2027-01-31', 101_918, 'scheduled', '2026-08-20'),
    line('2027-02', '2027-02-01', '2027-02-28', 92_054, 'scheduled', '2026-08-20'),
    line('2027-03', '2027-03-01', '2027-03-31', 101_918, 'scheduled', '2026-08-20'),
  ];

  // Sep, Oct and Nov were paid on their first days. Sep and Oct are unchanged (no adjustment);
  // Nov is owed 147,945 and was paid 98,630: an adjustment of +49,315. Dec-Mar are replanned.
  const afterSecond = [
    ...afterFirst.slice(0, 3),
    line('2026-11', '2026-11-01', '2026-11-30', 49_315, 'adjustment', '2026-11-10'),
    line('2026-12', '2026-12-01', '2026-12-31', 152_877, 'scheduled', '2026-11-10'),
    line('2027-01', '2027-01-01', '2027-01-31', 152_877, 'scheduled', '2026-11-10'),
    line('2027-02', '2027-02-01', '2027-02-28', 138_082, 'scheduled', '2026-11-10'),
    line('2027-03', '2027-03-01', '2027-03-31', 152_877, 'scheduled', '2026-11-10'),
  ];

  // Dec and Jan have been paid. Nov: 147,945 − (98,630 + 49,315) = 0; Dec: 152,877 − 152,877 = 0;
  // Jan is no longer owed: a clawback of −152,877. Feb and Mar had not started: dropped.
  const afterThird = [
    ...afterSecond.slice(0, 6),
    line('2027-01', '2027-01-01', '2027-01-31', -152_877, 'adjustment', '2027-01-20'),
  ];

  it('the first change schedules every period', () => {
    expect(reschedule([], first, '2026-08-20')).toEqual(afterFirst);
  });

  it('a backdated band change adjusts the paid month and replans the rest', () => {
    expect(reschedule(afterFirst, second, '2026-11-10')).toEqual(afterSecond);
  });

  it('a backdated end claws back the month paid after it', () => {
    const ledger = reschedule(afterSecond, third, '2027-01-20');
    expect(ledger).toEqual(afterThird);
    // 98,630 + 101,918 + 147,945 + 152,877 = 501,370 = 200,548 + 300,822, the two prorated amounts
    expect(totalPence(ledger)).toBe(501_370);
  });

  it('ledgerOf folds the changes from an empty ledger', () => {
    expect(ledgerOf([
      { recordedOn: '2026-08-20', target: first },
      { recordedOn: '2026-11-10', target: second },
      { recordedOn: '2027-01-20', target: third },
    ])).toEqual(afterThird);
    expect(ledgerOf([])).toEqual([]);
  });

  it('recorded late, the months already started are paid at once as adjustments', () => {
    // recorded on 1 Oct 2026, the first day of October: September and October have started
    const ledger = reschedule([], first, '2026-10-01');
    expect(ledger.slice(0, 2)).toEqual([
      line('2026-09', '2026-09-01', '2026-09-30', 98_630, 'adjustment', '2026-10-01'),
      line('2026-10', '2026-10-01', '2026-10-31', 101_918, 'adjustment', '2026-10-01'),
    ]);
    expect(ledger.slice(2).every((l) => l.kind === 'scheduled')).toBe(true);
  });

  it('a period starting mid-month is still paid on the month\'s first day', () => {
    // Placement from 15 Sep, recorded 10 Sep, changed 12 Sep: September's period started on 1 Sep,
    // so its line counts as paid and the change is an adjustment, not a rewrite.
    const before = reschedule([], commitmentLines([placement('2026-09-15', '2026-09-30', 365_000)], monthly), '2026-09-10');
    expect(isPaidBy(before[0], '2026-09-10')).toBe(true);
    // 365,000 × 16 ÷ 365 = 16,000 exactly; at 730,000 a year 32,000: +16,000
    const after = reschedule(before, commitmentLines([placement('2026-09-15', '2026-09-30', 730_000)], monthly), '2026-09-12');
    expect(after).toEqual([
      { ...before[0] },
      line('2026-09', '2026-09-15', '2026-09-30', 16_000, 'adjustment', '2026-09-12'),
    ]);
  });

  it('a payee moved from monthly to termly payments: the months paid are clawed back into the term', () => {
    // 1 Apr-31 Aug 2026 at £3,650 a year, £10 (1,000p) a day: Apr 30,000; May 31,000; Jun 30,000; ...
    const months = reschedule([], commitmentLines([placement('2026-04-01', '2026-08-31', 365_000)], monthly), '2026-03-01');
    const terms = reschedule(months, commitmentLines([placement('2026-04-01', '2026-08-31', 365_000)], () => 'termly'), '2026-05-15');
    // April and May were paid; June-August are dropped; the summer term, begun on 1 April, is
    // owed 153 days × 1,000p = 153,000 at once. Groups in order of their period's first day
    // (April and summer both 1 April, then by id), May last.
    expect(terms.map((l) => [l.periodId, l.kind, l.pence])).toEqual([
      ['2026-04', 'scheduled', 30_000],
      ['2026-05', 'scheduled', 31_000],
      ['2026-04', 'adjustment', -30_000],
      ['2026-27-1-summer', 'adjustment', 153_000],
      ['2026-05', 'adjustment', -31_000],
    ]);
  });

  it('isPaidBy: a scheduled line on its period\'s first day, an adjustment on the day recorded', () => {
    expect(isPaidBy(afterFirst[1], '2026-09-30')).toBe(false);
    expect(isPaidBy(afterFirst[1], '2026-10-01')).toBe(true);
    expect(isPaidBy(afterSecond[3], '2026-11-09')).toBe(false);
    expect(isPaidBy(afterSecond[3], '2026-11-10')).toBe(true);
  });

  it('byPeriod totals per key, payee and period in time order', () => {
    expect(byPeriod(afterSecond).slice(0, 3)).toEqual([
      { key: 'P1', payee: '120345', fy: '2026-27', periodId: '2026-09', pence: 98_630 },
      { key: 'P1', payee: '120345', fy: '2026-27', periodId: '2026-10', pence: 101_918 },
      { key: 'P1', payee: '120345', fy: '2026-27', periodId: '2026-11', pence: 147_945 },
    ]);
  });

  it('throws on changes out of order, or a ledger it could not have made (bugs)', () => {
    expect(() => reschedule(afterSecond, third, '2026-11-09')).toThrow(RangeError);
    expect(() => ledgerOf([{ recordedOn: '2026-11-10', target: first }, { recordedOn: '2026-11-09', target: first }])).toThrow(RangeError);
    expect(() => ledgerOf([{ recordedOn: '2026-11-10', target: [] }, { recordedOn: '2026-11-09', target: [] }])).toThrow(RangeError);
    const earlyAdjustment = line('2027-02', '2027-02-01', '2027-02-28', 5, 'adjustment', '2026-11-10');
    expect(() => reschedule([earlyAdjustment], [], '2026-12-01')).toThrow(RangeError);
    expect(() => reschedule([], [{ ...first[0], pence: 0.5 }], '2026-08-20')).toThrow(RangeError);
    expect(() => reschedule([], first, '2026-13-01')).toThrow(RangeError);
  });
});

// ---- property tests: random histories of one placement ----

type Change =
  | { kind: 'band'; at: number; annualPence: number; newKey: boolean }
  | { kind: 'dual'; at: number; annualPence: number; weights: [number, number] }
  | { kind: 'cease'; at: number }
  | { kind: 'rate'; annualPence: number }
  | { kind: 'cadence' };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('band' as const), at: fc.integer({ min: 0, max: 1000 }), annualPence: annualPenceArb, newKey: fc.boolean() }),
  fc.record({
    kind: fc.constant('dual' as const), at: fc.integer({ min: 0, max: 1000 }), annualPence: annualPenceArb,
    weights: fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })),
  }),
  fc.record({ kind: fc.constant('cease' as const), at: fc.integer({ min: 0, max: 1000 }) }),
  fc.record({ kind: fc.constant('rate' as const), annualPence: annualPenceArb }),
  fc.record({ kind: fc.constant('cadence' as const) }),
);

const historyArb = fc.record({
  from: dateArb('2024-01-01', '2030-06-30'),
  length: fc.integer({ min: 0, max: 700 }),
  annualPence: annualPenceArb,
  firstRecordedAfterStart: fc.integer({ min: -90, max: 60 }),
  steps: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 150 }), change: changeArb }), { maxLength: 6 }),
  termlyFirst: fc.boolean(),
});

type State = { commitments: Commitment[]; termly: Record<string, boolean> };

// A day inside the last commitment, `at` thousandths of the way along it
const dayAlong = (commitment: Commitment, at: number): CalendarDate =>
  addDays(commitment.from, Math.floor((daysBetween(commitment.from, commitment.to) * at) / 1000));

const apply = (state: State, change: Change, step: number): State => {
  const commitments = [...state.commitments];
  const last = commitments[commitments.length - 1];
  switch (change.kind) {
    case 'band':
    case 'dual': {
      const day = dayAlong(last, change.at);
      if (day === last.from) return state; // a change from the first day is a rate correction, tested as 'rate'
      const shares = change.kind === 'dual'
        ? [{ payee: '120345', weight: change.weights[0] }, { payee: '130456', weight: change.weights[1] }]
        : last.shares;
      const key = change.kind === 'band' && change.newKey ? `P1-${step}` : last.key;
      commitments.splice(-1, 1, { ...last, to: addDays(day, -1) }, { key, from: day, to: last.to, annualPence: change.annualPence, shares });
      return { ...state, commitments };
    }
    case 'cease':
      commitments.splice(-1, 1, { ...last, to: dayAlong(last, change.at) });
      return { ...state, commitments };
    case 'rate':
      commitments.splice(-1, 1, { ...last, annualPence: change.annualPence });
      return { ...state, commitments };
    case 'cadence':
      return { ...state, termly: { ...state.termly, '120345': !state.termly['120345'] } };
  }
};

type Scenario = { recordedOn: CalendarDate; target: TargetLine[] }[];

type History = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

const scenarioOf = (history: History): Scenario => {
  const to = addDays(history.from, Math.min(history.length, daysBetween(history.from, '2031-12-31')));
  let state: State = {
    commitments: [placement(history.from, to, history.annualPence)],
    termly: { '120345': history.termlyFirst, '130456': true },
  };
  let recordedOn = addDays(history.from, history.firstRecordedAfterStart);
  const targetOf = (s: State) => commitmentLines(s.commitments, (payee) => (s.termly[payee] ? 'termly' : 'monthly'));
  const changes: Scenario = [{ recordedOn, target: targetOf(state) }];
  history.steps.forEach(({ gap, change }, step) => {
    state = apply(state, change, step);
    recordedOn = addDays(recordedOn, gap);
    changes.push({ recordedOn, target: targetOf(state) });
  });
  return changes;
};

const totals = (lines: readonly (TargetLine | LedgerLine)[]): Map<string, number> =>
  new Map(byPeriod(lines).filter((t) => t.pence !== 0).map((t) => [JSON.stringify([t.key, t.payee, t.periodId]), t.pence]));

describe('the ledger, for any history of placements, band changes, dual registration and ceasing', () => {
  it('per key, payee and period it adds up to the latest target to the penny, and never rewrites a paid line', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        let ledger: LedgerLine[] = [];
        for (const { recordedOn, target } of scenarioOf(history)) {
          const paid = ledger.filter((l) => isPaidBy(l, recordedOn));
          const next = reschedule(ledger, target, recordedOn);

          expect(totals(next)).toEqual(totals(target));
          // the paid lines come first, the very same lines in the same order
          expect(next.slice(0, paid.length).every((l, i) => l === paid[i])).toBe(true);
          // every new line is recorded today: scheduled for a period not yet started, a non-zero
          // adjustment for one that has
          const misplaced = next.slice(paid.length).filter((l) => {
            const started = onOrBefore(paymentPeriodOf(l.fy, l.periodId).from, recordedOn);
            return l.recordedOn !== recordedOn || l.kind !== (started ? 'adjustment' : 'scheduled') || (started && l.pence === 0);
          });
          expect(misplaced).toEqual([]);
          expect(next.filter((l) => !Number.isSafeInteger(l.pence))).toEqual([]);
          ledger = next;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ledgerOf is the same fold, and its total is what the final commitments cost', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const changes = scenarioOf(history);
        const ledger = ledgerOf(changes);
        const final = changes[changes.length - 1].target;
        expect(ledger).toEqual(changes.reduce<LedgerLine[]>((l, c) => reschedule(l, c.target, c.recordedOn), []));
        expect(totalPence(ledger)).toBe(totalPence(final));
      }),
      { numRuns: 200 },
    );
  });

  it('recording the same target again adds no adjustment and changes no total', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 400 }), (history, gap) => {
        const changes = scenarioOf(history);
        const ledger = ledgerOf(changes);
        const last = changes[changes.length - 1];
        const again = reschedule(ledger, last.target, addDays(last.recordedOn, gap));
        expect(again.filter((l) => l.kind === 'adjustment')).toEqual(ledger.filter((l) => l.kind === 'adjustment'));
        expect(totals(again)).toEqual(totals(ledger));
      }),
      { numRuns: 200 },
    );
  });
});
