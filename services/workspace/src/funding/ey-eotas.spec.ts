import { VALUING_SEND_DOMAINS } from '@ehc/domain-kernel';
import {
  amountWorking, checkRows, costRows, decisionDeadlineWords, levelOptions, paymentRows, periodWords, profileRows, rateRows, reviewDeadlineWords,
} from './ey-eotas';

const RATES = [
  { level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01', validTo: '2027-03-31' },
  { level: 'targeted', hourlyPence: 1_310, validFrom: '2027-04-01', validTo: null },
  { level: 'enhanced', hourlyPence: 1_800, validFrom: '2026-04-01', validTo: null },
  { level: 'universal', hourlyPence: 500, validFrom: '2024-04-01', validTo: '2025-03-31' },
];

describe('early years inclusion funding in words and figures', () => {
  it.each([
    [{ dueBy: '2026-12-07', status: 'due' }, '7 days left', 'Due'],
    [{ dueBy: '2026-12-03', status: 'due' }, '3 days left', 'Due soon'],
    [{ dueBy: '2026-12-01', status: 'due' }, '1 day left', 'Due soon'],
    [{ dueBy: '2026-11-30', status: 'due' }, 'Due today', 'Due today'],
    [{ dueBy: '2026-11-27', status: 'overdue' }, '3 days overdue', 'Overdue'],
    [{ dueBy: null, status: 'paused' }, 'Paused: waiting for information from the setting. The clock restarts in full when it answers.', 'Paused'],
    [{ dueBy: '2026-12-07', status: 'met' }, 'Decided in time', 'Decided in time'],
    [{ dueBy: '2026-11-02', status: 'missed' }, 'Decided late', 'Decided late'],
    [{ dueBy: '2026-12-07', status: 'ended' }, 'Withdrawn before a decision', 'Withdrawn'],
  ])('says where the decision deadline %j stands on Mon 30 November 2026', (deadline, text, tag) => {
    expect(decisionDeadlineWords(deadline, '2026-11-30')).toMatchObject({ text, tag });
  });

  it('names each payment by its term, paid, unpaid or cancelled, with the totals in pounds', () => {
    const { rows, paid, unpaid } = paymentRows([
      { periodId: '2026-27-2-autumn', from: '2026-11-02', to: '2026-12-31', pence: 83_171, paid: true, paidOn: '2026-11-27', cancelled: false },
      { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 124_757, paid: false, paidOn: null, cancelled: false },
      { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 148_322, paid: false, paidOn: null, cancelled: true },
    ]);
    expect(rows.map((r) => [r.period, r.pounds, r.words, r.state])).toEqual([
      ['Autumn term 2026', '£831.71', 'Paid', 'Paid 27 November 2026'],
      ['Spring term 2027', '£1,247.57', 'Unpaid', 'Unpaid'],
      ['Summer term 2027', '£1,483.22', 'Cancelled', 'Cancelled'],
    ]);
    expect([paid, unpaid]).toEqual(['£831.71', '£1,247.57']);
    expect(periodWords('balance')).toBe('Balance earned before the child left');
    expect(periodWords('2027-winter')).toBe('2027-winter');
  });

  it('lists the rates by level then date, and offers only the levels with a rate in force or to come', () => {
    expect(rateRows(RATES, '2026-11-30').map((r) => [r.level, r.validFrom, r.pounds, r.standing])).toEqual([
      ['enhanced', '2026-04-01', '£18.00', 'in-force'],
      ['targeted', '2026-04-01', '£12.50', 'in-force'],
      ['targeted', '2027-04-01', '£13.10', 'future'],
      ['universal', '2024-04-01', '£5.00', 'ended'],
    ]);
    expect(levelOptions(RATES, '2026-11-30')).toEqual([
      { value: 'enhanced', text: 'enhanced: £18.00 an hour' },
      { value: 'targeted', text: 'targeted: £12.50 an hour; £13.10 an hour from 1 April 2027' },
    ]);
  });

  it('shows how the approved amount was reached: the hourly rate × hours a week × weeks', () => {
    expect(amountWorking({ hourlyPence: 1_250, amountPence: 356_250 }, 7.5, 38)).toBe('£12.50 an hour × 7.5 hours a week × 38 weeks = £3,562.50');
    expect(amountWorking({ hourlyPence: 1_800, amountPence: 1_800 }, 1, 1)).toBe('£18.00 an hour × 1 hour a week × 1 week = £18.00');
  });

  it('lays the needs profile out a domain a row', () => {
    const rows = profileRows(VALUING_SEND_DOMAINS, { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] });
    expect(rows[1]).toEqual({ domain: 'Communication and interaction', needs: 4, settingReadiness: 2, familyConfidence: 2 });
    expect(profileRows(VALUING_SEND_DOMAINS, null)).toEqual([]);
  });
});

describe('EOTAS packages in words and figures', () => {
  it('lists the commissioning checks in the service\'s order, each done or outstanding', () => {
    expect(checkRows({ required: true, done: ['insurance', 'dbs-checks'], outstanding: ['references', 'safeguarding-policy'] }).map((c) => [c.text, c.done])).toEqual([
      ['DBS checks of the staff', true], ['Safeguarding policy', false], ['Insurance', true], ['References', false],
    ]);
  });

  it('says how long is left to the review, or how long it is overdue; nothing while the package is not running', () => {
    expect(reviewDeadlineWords({ dueBy: '2027-03-15', status: 'due' }, '2027-03-01')).toEqual({ text: '14 days left', days: 14, overdue: false });
    expect(reviewDeadlineWords({ dueBy: '2027-03-15', status: 'overdue' }, '2027-03-16')).toEqual({ text: '1 day overdue', days: -1, overdue: true });
    expect(reviewDeadlineWords(null, '2027-03-16')).toEqual({ text: 'Not running', days: null, overdue: false });
  });

  it('shows the weekly cost history in pounds', () => {
    expect(costRows([{ from: '2026-11-16', to: '2026-11-29', weeklyCostPence: 42_550 }, { from: '2026-11-30', to: null, weeklyCostPence: 45_000 }]).map((c) => c.pounds))
      .toEqual(['£425.50', '£450.00']);
  });
});
