import { deadlineStatus } from './deadline-status';

describe('a deadline as seen on a day', () => {
  it.each([
    // due, done, today, expected
    ['2026-05-25', null, '2026-05-20', { daysLeft: 5, daysLate: null, onTime: null, target: '2026-05-22' }],
    ['2026-05-25', null, '2026-05-27', { daysLeft: -2, daysLate: 2, onTime: false }],
    ['2026-05-25', '2026-05-25', '2026-06-01', { daysLeft: null, daysLate: 0, onTime: true }],
    ['2026-05-25', '2026-05-28', '2026-06-01', { daysLeft: null, daysLate: 3, onTime: false }],
  ] as const)('due %s, done %s, on %s', (due, done, today, expected) =>
    expect(deadlineStatus(due, done, today)).toMatchObject(expected));

  it('an excepted deadline is never overdue and shows the local expected date (worked example 7)', () =>
    expect(deadlineStatus('2026-05-25', null, '2026-06-10', { excepted: true, extensionDays: 35 }))
      .toMatchObject({ onTime: null, excepted: true, expectedUnderException: '2026-06-29', daysLate: 16 }));

  it('has nothing to say without a due date', () =>
    expect(deadlineStatus(null, null, '2026-06-10')).toMatchObject({ due: null, target: null, onTime: null }));
});
