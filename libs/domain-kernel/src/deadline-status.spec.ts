import { deadlineStatus, isOverdue } from './deadline-status';

describe('a deadline as seen on a day', () => {
  it.each([
    // due, done, today, expected
    ['2026-05-25', null, '2026-05-20', { daysLeft: 5, daysLate: null, onTime: null, target: '2026-05-22' }],
    ['2026-05-25', null, '2026-05-27', { daysLeft: -2, daysLate: 2, onTime: false }],
    ['2026-05-25', '2026-05-25', '2026-06-01', { daysLeft: null, daysLate: 0, onTime: true }],
    ['2026-05-25', '2026-05-28', '2026-06-01', { daysLeft: null, daysLate: 3, onTime: false }],
  ] as const)('due %s, done %s, on %s', (due, done, today, expected) =>
    expect(deadlineStatus(due, done, today)).toMatchObject(expected));

  describe('under an exception (worked example 7: due 2026-05-25, 35 days local policy)', () => {
    const excepted = { excepted: true, extensionDays: 35 };

    it('past the statutory date but before the expected date: not overdue, days left to the expected date', () =>
      expect(deadlineStatus('2026-05-25', null, '2026-06-10', excepted))
        .toMatchObject({ due: '2026-05-25', onTime: null, excepted: true, expectedUnderException: '2026-06-29', daysLeft: 19, daysLate: null }));

    it('on the expected date: still not overdue', () =>
      expect(isOverdue('2026-05-25', '2026-06-29', excepted)).toBe(false));

    it('past the expected date: overdue against it, with the days late counted from it', () => {
      expect(deadlineStatus('2026-05-25', null, '2026-07-01', excepted)).toMatchObject({ onTime: false, daysLate: 2, daysLeft: -2, expectedUnderException: '2026-06-29' });
      expect(isOverdue('2026-05-25', '2026-07-01', excepted)).toBe(true);
    });

    it('done: judged against the statutory date (reported apart as excepted)', () =>
      expect(deadlineStatus('2026-05-25', '2026-06-15', '2026-07-01', excepted)).toMatchObject({ onTime: false, daysLate: 21, excepted: true }));
  });

  it('has nothing to say without a due date', () =>
    expect(deadlineStatus(null, null, '2026-06-10')).toMatchObject({ due: null, target: null, onTime: null }));

  it.each(['', '2026-02-30', '26-05-25'])('refuses a due date of %j rather than reading it as "no deadline"', (due) =>
    expect(() => deadlineStatus(due, null, '2026-06-10')).toThrow(RangeError));

  it('refuses a malformed done or today', () => {
    expect(() => deadlineStatus('2026-05-25', '', '2026-06-10')).toThrow(RangeError);
    expect(() => deadlineStatus('2026-05-25', null, '')).toThrow(RangeError);
  });
});
