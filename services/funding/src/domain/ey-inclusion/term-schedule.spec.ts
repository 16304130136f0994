import { termlySchedule } from './term-schedule';

describe('termly payment schedule (the money rules\' funding terms)', () => {
  it('the worked example: 359,100p over 2026-09-07..2027-07-16 (116 + 90 + 107 = 313 days), largest remainders to autumn and spring', () => {
    expect(termlySchedule(359_100, '2026-09-07', '2027-07-16')).toEqual([
      { periodId: '2026-27-2-autumn', from: '2026-09-07', to: '2026-12-31', pence: 133_085 },
      { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 103_256 },
      { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 122_759 },
    ]);
  });

  it('a period inside one term is one line', () => {
    expect(termlySchedule(35_438, '2026-09-14', '2026-10-02')).toEqual([{ periodId: '2026-27-2-autumn', from: '2026-09-14', to: '2026-10-02', pence: 35_438 }]);
  });

  it('a leap February counts its 29th: 2,900p over 2028-02-01..2028-04-30 is 29 + 31 days of spring, 30 of summer', () => {
    // 2,900 × 60 ÷ 90 = 1,933 r 30; 2,900 × 30 ÷ 90 = 966 r 60: the penny left goes to summer
    expect(termlySchedule(2_900, '2028-02-01', '2028-04-30').map((l) => l.pence)).toEqual([1_933, 967]);
  });

  it('a tie goes to the earlier term', () => {
    expect(termlySchedule(1, '2026-08-31', '2026-09-01').map((l) => [l.periodId, l.pence])).toEqual([['2026-27-1-summer', 1], ['2026-27-2-autumn', 0]]);
  });

  it('the lines always sum to the amount', () => {
    for (const [amount, from, to] of [[1, '2026-01-01', '2028-12-31'], [999_999, '2026-03-31', '2027-04-01'], [0, '2026-09-07', '2027-07-16'], [7, '2026-12-31', '2027-01-01']] as const) {
      const lines = termlySchedule(amount, from, to);
      expect(lines.reduce((sum, l) => sum + l.pence, 0)).toBe(amount);
      expect(lines[0].from).toBe(from);
      expect(lines[lines.length - 1].to).toBe(to);
    }
  });

  it('three years are nine terms', () => {
    expect(termlySchedule(900, '2026-01-01', '2028-12-31').map((l) => l.periodId)).toEqual([
      '2025-26-3-spring', '2026-27-1-summer', '2026-27-2-autumn', '2026-27-3-spring', '2027-28-1-summer', '2027-28-2-autumn', '2027-28-3-spring', '2028-29-1-summer', '2028-29-2-autumn',
    ]);
  });

  it('a period ending before it starts, or an amount not in whole pence, is a bug', () => {
    expect(() => termlySchedule(100, '2026-09-07', '2026-09-06')).toThrow();
    expect(() => termlySchedule(10.5, '2026-09-07', '2026-09-08')).toThrow();
  });
});
