import { dateParts, readDate } from './date-input';

describe('a date typed as day, month and year (GOV.UK date input)', () => {
  const read = (day: string, month: string, year: string) => readDate({ day, month, year }, 'the date the decision was made');

  it('reads a real date, with or without leading zeros', () => {
    expect(read('2', '3', '2026')).toEqual({ ok: true, date: '2026-03-02' });
    expect(read('02', '03', '2026')).toEqual({ ok: true, date: '2026-03-02' });
    expect(read(' 29 ', '2', '2028')).toEqual({ ok: true, date: '2028-02-29' });
  });

  it('says what is missing, naming the first box to fix', () => {
    expect(read('', '', '')).toEqual({ ok: false, message: 'Enter the date the decision was made', part: 'day' });
    expect(read('2', '', '')).toEqual({ ok: false, message: 'The date the decision was made must include a month and year', part: 'month' });
    expect(read('2', '3', '')).toEqual({ ok: false, message: 'The date the decision was made must include a year', part: 'year' });
  });

  it('refuses a date that does not exist', () => {
    expect(read('29', '2', '2026')).toMatchObject({ ok: false, message: 'The date the decision was made must be a real date', part: 'day' });
    expect(read('1', '13', '2026')).toMatchObject({ ok: false, part: 'month' });
    expect(read('1', '1', '26')).toMatchObject({ ok: false, part: 'year' });
    expect(read('x', '1', '2026')).toMatchObject({ ok: false, part: 'day' });
  });

  it('shows a stored date in the three boxes again', () => {
    expect(dateParts('2026-03-02')).toEqual({ day: '2', month: '3', year: '2026' });
    expect(dateParts(null)).toEqual({ day: '', month: '', year: '' });
  });
});
