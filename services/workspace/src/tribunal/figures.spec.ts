import { cellWords, figuresOf, keyWords, lastTwelveMonths, monthWords } from './figures';
import { readMonth } from '../pages/appeals-data.controller';

describe('the appeals figures as tables', () => {
  it('makes a list of rows a table, its codes and months in words', () => {
    const figures = figuresOf({ from: '2026-01', to: '2026-03', asOf: '2026-04-02', registered: [{ month: '2026-01', type: 'refusal-to-assess', appeals: 3 }, { month: '2026-02', type: 'contents', appeals: 1 }] });
    expect(figures).toEqual([{ kind: 'table', table: {
      title: 'Registered', head: ['Month', 'Type', 'Appeals'],
      rows: [['January 2026', 'Refusal to assess', '3'], ['February 2026', 'Contents of the plan (sections B, F and I)', '1']],
    } }]);
  });

  it('makes single figures a list, rates as percentages, and walks deeper objects', () => {
    const figures = figuresOf({ appealRate: { cohort: 0.125, flow: 0.1 }, openByStage: { registered: 2, 'hearing-listed': 1 }, mediation: [] });
    expect(figures).toEqual([
      { kind: 'list', list: { title: 'Appeal rate', rows: [{ key: 'Cohort', value: '12.5%' }, { key: 'Flow', value: '10.0%' }] } },
      { kind: 'list', list: { title: 'Open by stage', rows: [{ key: 'Registered', value: '2' }, { key: 'Hearing listed', value: '1' }] } },
      { kind: 'list', list: { title: 'Mediation', rows: [{ key: 'Figures', value: 'None in these months' }] } },
    ]);
  });

  it('words a cell by its key', () => {
    expect(cellWords('month', '2026-04')).toBe('April 2026');
    expect(cellWords('outcome', 'allowed-in-part')).toBe('Allowed in part');
    expect(cellWords('onTimeRate', 0.5)).toBe('50.0%');
    expect(cellWords('appeals', 1234)).toBe('1,234');
    expect(cellWords('late', null)).toBe('—');
    expect(keyWords('daysToOutcome')).toBe('Days to outcome');
    expect(monthWords('2026-12')).toBe('December 2026');
  });

  it('starts with the twelve months ending with this one', () => {
    expect(lastTwelveMonths('2026-11-29')).toEqual({ from: '2025-12', to: '2026-11' });
  });

  it('reads a month from its boxes, or says what is wrong', () => {
    expect(readMonth('4', '2026', 'From')).toEqual({ month: '2026-04' });
    expect(readMonth(undefined, undefined, 'From')).toEqual({});
    expect(readMonth('4', undefined, 'From')).toEqual({ fault: 'From must include a year' });
    expect(readMonth('13', '2026', 'To')).toEqual({ fault: 'To must be a real month, like 4 2026' });
  });
});
