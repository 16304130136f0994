import {
  addMonthsTo, distributionRows, lastTwelveMonths, meanWords, monthChoices, monthWords, rateWords, readRange, suppressionReasons, trendCsv, trendTable,
  type MonthResult, type QuestionResult,
} from './figures';

const byMonth: MonthResult[] = [
  { month: '2026-11', invited: 4, answered: 1, responseRate: 25, means: { decisionClarity: 4, keptInformed: 2 } },
  { month: '2026-12', invited: 0, answered: 0, responseRate: null, means: {} },
  { month: '2027-01', invited: 3, answered: 2, responseRate: 66.7, means: { decisionClarity: 3.5, involvedInShapingPlan: 5 } },
];
const questions: QuestionResult[] = [
  { question: 'decisionClarity', text: 'How clear was the decision and the reasons for it?', n: 3, mean: 3.67, distribution: { 1: 0, 2: 0, 3: 1, 4: 2, 5: 0 } },
  { question: 'keptInformed', text: 'How well did we keep you informed?', n: 1, mean: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } },
];

describe('the months of the survey results', () => {
  it.each([
    ['2026-03', -11, '2025-04'], ['2026-12', 1, '2027-01'], ['2026-01', -1, '2025-12'], ['2026-01', -13, '2024-12'], ['2026-06', 0, '2026-06'],
  ])('%s moved by %i months is %s', (month, by, expected) => expect(addMonthsTo(month, by)).toBe(expected));

  it('defaults to the last 12 months, this one included', () => {
    expect(lastTwelveMonths('2026-11-26')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(lastTwelveMonths('2027-01-01')).toEqual({ from: '2026-02', to: '2027-01' });
  });

  it('writes a month in words', () => {
    expect(monthWords('2026-03')).toBe('March 2026');
    expect(monthWords('nonsense')).toBe('nonsense');
  });

  it('offers this month and the 35 before it, newest first', () => {
    const choices = monthChoices('2026-11-26');
    expect(choices).toHaveLength(36);
    expect(choices[0]).toEqual({ value: '2026-11', text: 'November 2026' });
    expect(choices[35].value).toBe('2023-12');
  });

  it('reads the range asked for, naming the box at fault', () => {
    expect(readRange({}, '2026-11-26')).toEqual({ from: '2025-12', to: '2026-11', errors: [] });
    expect(readRange({ from: '2026-02', to: '2026-02' }, '2026-11-26').errors).toEqual([]);
    expect(readRange({ from: '2026-13', to: 'March' }, '2026-11-26').errors.map((e) => e.href)).toEqual(['#from', '#to']);
    expect(readRange({ from: '2026-05', to: '2026-04' }, '2026-11-26').errors).toEqual([{ text: 'To must be the same month as from, or later', href: '#to' }]);
    expect(readRange({ from: '2021-01', to: '2025-12' }, '2026-11-26').errors).toEqual([]);
    expect(readRange({ from: '2021-01', to: '2026-01' }, '2026-11-26').errors[0].href).toBe('#to');
  });
});

describe('the figures in words', () => {
  it('always shows a response rate, to one decimal, or says nobody was invited', () => {
    expect(rateWords(25)).toBe('25.0%');
    expect(rateWords(66.7)).toBe('66.7%');
    expect(rateWords(0)).toBe('0.0%');
    expect(rateWords(null)).toBe('No invitations');
  });

  it('shows a mean to two decimals, or a dash when nobody answered', () => {
    expect(meanWords(3.5)).toBe('3.50');
    expect(meanWords(null)).toBe('–');
    expect(meanWords(undefined)).toBe('–');
  });

  it('gives each score its count and its share of the answers', () => {
    expect(distributionRows(questions[0])).toEqual([
      { score: 1, count: 0, share: '0%' }, { score: 2, count: 0, share: '0%' }, { score: 3, count: 1, share: '33.3%' },
      { score: 4, count: 2, share: '66.7%' }, { score: 5, count: 0, share: '0%' },
    ]);
    expect(distributionRows({ ...questions[0], n: 0, distribution: {} }).map((r) => r.share)).toEqual(['–', '–', '–', '–', '–']);
  });
});

describe('the monthly trend', () => {
  it('has a column per question any month has a mean for, in the questions\' order, the others after', () => {
    const table = trendTable(byMonth, questions);
    expect(table.columns.map((c) => c.question)).toEqual(['decisionClarity', 'keptInformed', 'involvedInShapingPlan']);
    expect(table.rows[0]).toEqual({ month: '2026-11', monthWords: 'November 2026', invited: 4, answered: 1, rate: '25.0%', means: ['4.00', '2.00', '–'] });
    expect(table.rows[1]).toMatchObject({ rate: 'No invitations', means: ['–', '–', '–'] });
  });

  it('is the same numbers as CSV: a rate or a mean nobody gave is an empty cell', () => {
    expect(trendCsv(byMonth, questions).split('\r\n')).toEqual([
      'month,invited,answered,response_rate_percent,mean_decisionClarity,mean_keptInformed,mean_involvedInShapingPlan',
      '2026-11,4,1,25,4,2,',
      '2026-12,0,0,,,,',
      '2027-01,3,2,66.7,3.5,,5',
      '',
    ]);
  });

  it('quotes a question id with a comma in it', () => {
    const odd = trendCsv([{ month: '2026-11', invited: 1, answered: 1, responseRate: 100, means: { 'a,b': 3 } }], []);
    expect(odd.split('\r\n')[0]).toContain('"mean_a,b"');
  });
});

describe('why a family is sent no surveys', () => {
  const date = (d: string) => `on ${d}`;
  it('lists the staff flag, the opt-out and the death, each with its date', () => {
    expect(suppressionReasons({ personId: 'p', suppressed: true, flag: { reason: 'safeguarding', flaggedOn: '2026-11-02', flaggedBy: 'cw-1' }, optedOutOn: '2026-10-01', diedOn: null }, date))
      .toEqual(['Flagged off by staff: safeguarding (on 2026-11-02)', 'The family opted out (on 2026-10-01)']);
    expect(suppressionReasons({ personId: 'p', suppressed: true, flag: null, optedOutOn: null, diedOn: '2026-09-09' }, date)).toEqual(['The child or young person has died (on 2026-09-09)']);
  });
});
