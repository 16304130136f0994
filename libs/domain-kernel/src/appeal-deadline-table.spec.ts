// The appeal deadline (domain §3.3; TR r.20 and r.12) for every decision letter dated 2024-01-01 to
// 2030-12-31, with and without a mediation certificate, against a reference written here from the
// rule alone (STYLE §8: statutory dates are table-driven). The reference shares nothing with the
// kernel: its bank holidays are literal dates, its months and weekdays are counted here, and the
// three steps of §3.3 are written out below. Only appealDeadline and explainAppealDeadline are
// called from the kernel.
import { appealDeadline, explainAppealDeadline, type AppealDeadlineAdjustment } from './appeals';

// ---------------------------------------------------------------------------------------------
// Reference calendar
// ---------------------------------------------------------------------------------------------

// England and Wales bank holidays. 2024-2027 as published on gov.uk/bank-holidays; 2028-2031 the
// regular days (none proclaimed yet), written out by hand:
// - Easter Sunday 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01,
//   2030-04-21, 2031-04-13 (Good Friday two days before, Easter Monday the day after);
// - early May = first Monday in May, spring = last Monday in May, summer = last Monday in August;
// - substitutes: New Year 2028 (Sat) -> Mon 01-03; Boxing Day 2026 (Sat) -> Mon 12-28;
//   Christmas 2027 (Sat) -> Mon 12-27 and Boxing Day 2027 (Sun) -> Tue 12-28.
const BANK_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  2029: ['2029-01-01', '2029-03-30', '2029-04-02', '2029-05-07', '2029-05-28', '2029-08-27', '2029-12-25', '2029-12-26'],
  2030: ['2030-01-01', '2030-04-19', '2030-04-22', '2030-05-06', '2030-05-27', '2030-08-26', '2030-12-25', '2030-12-26'],
  2031: ['2031-01-01', '2031-04-11', '2031-04-14', '2031-05-05', '2031-05-26', '2031-08-25', '2031-12-25', '2031-12-26'],
};
const FIRST_YEAR = 2024;
const LAST_YEAR = 2031;
const bankHolidays = new Set(Object.values(BANK_HOLIDAYS).flat());

type Ymd = { y: number; m: number; d: number };
const iso = ({ y, m, d }: Ymd): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const ymd = (date: string): Ymd => ({ y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) });

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthLength = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]);

const dayAfter = (date: string): string => {
  const { y, m, d } = ymd(date);
  if (d < monthLength(y, m)) return iso({ y, m, d: d + 1 });
  return m < 12 ? iso({ y, m: m + 1, d: 1 }) : iso({ y: y + 1, m: 1, d: 1 });
};

// Every day of the reference years in order, walked one day at a time from Monday 1 January 2024,
// so a date's weekday is its distance from that Monday.
const DAYS: string[] = [];
for (let date = `${FIRST_YEAR}-01-01`; date <= `${LAST_YEAR}-12-31`; date = dayAfter(date)) DAYS.push(date);
const indexOf = new Map(DAYS.map((date, i) => [date, i]));
const at = (date: string): number => {
  const i = indexOf.get(date);
  if (i === undefined) throw new Error(`${date} is outside the reference calendar (${FIRST_YEAR}-${LAST_YEAR})`);
  return i;
};
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const weekday = (date: string): (typeof WEEKDAYS)[number] => WEEKDAYS[at(date) % 7];
const plusDays = (date: string, n: number): string => DAYS[at(date) + n];

/** §2.5: Monday to Friday, except England and Wales bank holidays. */
const isWorkingDay = (date: string): boolean => !['Sat', 'Sun'].includes(weekday(date)) && !bankHolidays.has(date);
const firstWorkingDayAfter = (date: string): string => {
  let candidate = plusDays(date, 1);
  while (!isWorkingDay(candidate)) candidate = plusDays(candidate, 1);
  return candidate;
};

/** §3.3 step 4: the same day number n months on, or the month's last day if it has no such day. */
const plusMonths = (date: string, n: number): string => {
  const { y, m, d } = ymd(date);
  const months = y * 12 + (m - 1) + n;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  return iso({ y: year, m: month, d: Math.min(d, monthLength(year, month)) });
};

// ---------------------------------------------------------------------------------------------
// Reference rule: domain §3.3, step by step
// ---------------------------------------------------------------------------------------------

type Expected = { unadjusted: string; adjustment: AppealDeadlineAdjustment; deadline: string };

const expectedDeadline = (letter: string, certificate?: string): Expected => {
  // 1. the later of letter + 2 months and certificate + 1 month
  const fromLetter = plusMonths(letter, 2);
  const fromCertificate = certificate === undefined ? undefined : plusMonths(certificate, 1);
  const unadjusted = fromCertificate !== undefined && fromCertificate > fromLetter ? fromCertificate : fromLetter;
  // 2. August, or 25 December to 1 January: the first working day after 31 August / 1 January
  const { y, m, d } = ymd(unadjusted);
  if (m === 8) return { unadjusted, adjustment: 'august', deadline: firstWorkingDayAfter(`${y}-08-31`) };
  if (m === 12 && d >= 25) return { unadjusted, adjustment: 'christmas', deadline: firstWorkingDayAfter(`${y + 1}-01-01`) };
  if (m === 1 && d === 1) return { unadjusted, adjustment: 'christmas', deadline: firstWorkingDayAfter(`${y}-01-01`) };
  // 3. otherwise a non-working day becomes the next working day
  if (isWorkingDay(unadjusted)) return { unadjusted, adjustment: 'none', deadline: unadjusted };
  return { unadjusted, adjustment: 'non-working-day', deadline: firstWorkingDayAfter(unadjusted) };
};

// ---------------------------------------------------------------------------------------------

describe('the reference calendar', () => {
  it('has the weekdays the domain examples state', () => {
    expect(
      ['2024-01-01', '2026-03-03', '2026-05-03', '2026-06-10', '2026-09-01', '2026-10-26', '2026-12-26', '2027-01-04', '2027-01-14'].map(weekday),
    ).toEqual(['Mon', 'Tue', 'Sun', 'Wed', 'Tue', 'Mon', 'Sat', 'Mon', 'Thu']);
  });

  it('has 8 bank holidays a year, every one on a weekday, and 366 days in 2024 and 2028', () => {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
      expect(BANK_HOLIDAYS[year]).toHaveLength(8);
      expect(BANK_HOLIDAYS[year].every((date) => date.startsWith(`${year}-`) && !['Sat', 'Sun'].includes(weekday(date)))).toBe(true);
      expect(DAYS.filter((date) => date.startsWith(`${year}-`))).toHaveLength(isLeap(year) ? 366 : 365);
    }
  });

  it('adds months by day number and clamps to the month end', () => {
    expect(['2023-12-31', '2027-12-30', '2024-12-31', '2026-07-31', '2026-10-31'].map((date) => plusMonths(date, 2))).toEqual([
      '2024-02-29', '2028-02-29', '2025-02-28', '2026-09-30', '2026-12-31',
    ]);
    expect(plusMonths('2028-01-31', 1)).toBe('2028-02-29');
  });
});

describe('appeal deadline: worked examples and hand-worked rows (domain §3.3, §10)', () => {
  it.each<[string, string | undefined, string, AppealDeadlineAdjustment, string]>([
    // [letter, certificate, unadjusted, adjustment, deadline]
    ['2026-06-10', '2026-07-24', '2026-08-24', 'august', '2026-09-01'], // example 12
    ['2026-10-26', undefined, '2026-12-26', 'christmas', '2027-01-04'], // example 13: Sat 12-26 -> Mon 01-04
    ['2026-10-26', '2026-12-14', '2027-01-14', 'none', '2027-01-14'], // example 13 with a certificate
    ['2026-03-03', undefined, '2026-05-03', 'non-working-day', '2026-05-05'], // example 14: Sun, then bank holiday Mon
    ['2026-06-30', undefined, '2026-08-30', 'august', '2026-09-01'], // 08-31 is itself a bank holiday; 09-01 is a Tue
    ['2024-06-15', undefined, '2024-08-15', 'august', '2024-09-02'], // Sun 2024-09-01
    ['2030-05-20', '2030-07-10', '2030-08-10', 'august', '2030-09-02'], // the certificate's month is later; Sun 09-01
    ['2027-10-25', undefined, '2027-12-25', 'christmas', '2028-01-04'], // Mon 2028-01-03 is the New Year substitute
    ['2027-11-01', undefined, '2028-01-01', 'christmas', '2028-01-04'], // 1 January itself
    ['2030-10-01', '2030-11-28', '2030-12-28', 'christmas', '2031-01-02'], // the certificate's month is later
    ['2027-10-24', undefined, '2027-12-24', 'none', '2027-12-24'], // Fri 24 December is outside the window
    ['2027-12-31', undefined, '2028-02-29', 'none', '2028-02-29'], // leap-year clamp
    ['2027-12-29', undefined, '2028-02-29', 'none', '2028-02-29'],
    ['2028-12-31', undefined, '2029-02-28', 'none', '2029-02-28'],
    ['2025-12-31', undefined, '2026-02-28', 'non-working-day', '2026-03-02'], // clamp to Sat 02-28
    ['2026-07-31', undefined, '2026-09-30', 'none', '2026-09-30'], // 31 -> 30
    ['2030-12-31', undefined, '2031-02-28', 'none', '2031-02-28'],
    ['2024-01-01', '2024-01-31', '2024-03-01', 'none', '2024-03-01'], // certificate + 1 month clamps to 02-29: the letter's is later
    ['2024-01-01', '2024-03-31', '2024-04-30', 'none', '2024-04-30'], // certificate + 1 month clamps to 04-30 and is later
    ['2029-01-30', undefined, '2029-03-30', 'non-working-day', '2029-04-03'], // Good Friday, weekend, Easter Monday
    // Step 2 looks only at the date before r.12, so step 3 may roll into a window (see the report):
    ['2027-05-31', undefined, '2027-07-31', 'non-working-day', '2027-08-02'], // Sat 31 July -> Mon 2 August
    ['2028-10-23', undefined, '2028-12-23', 'non-working-day', '2028-12-27'], // Sat 23 Dec -> Wed 27 Dec
  ])('letter %s, certificate %s: %s (%s) -> %s', (letter, certificate, unadjusted, adjustment, deadline) => {
    const row = { unadjusted, adjustment, deadline };
    expect(expectedDeadline(letter, certificate)).toEqual(row);
    expect(explainAppealDeadline(letter, certificate)).toEqual(row);
    expect(appealDeadline(letter, certificate)).toBe(deadline);
  });
});

describe('appeal deadline: every decision letter from 2024-01-01 to 2030-12-31', () => {
  const letters = DAYS.slice(at('2024-01-01'), at('2030-12-31') + 1);
  // certificate = letter + k days: from k = 31 the certificate's month is often the later date
  const CERTIFICATE_OFFSETS = [0, 14, 28, 29, 30, 31, 45, 61];
  const rows: { letter: string; certificate?: string; expected: Expected }[] = [];
  for (const letter of letters) {
    rows.push({ letter, expected: expectedDeadline(letter) });
    for (const k of CERTIFICATE_OFFSETS) {
      const certificate = plusDays(letter, k);
      rows.push({ letter, certificate, expected: expectedDeadline(letter, certificate) });
    }
  }

  it('covers every day of seven years, with and without a certificate', () => {
    expect(letters).toHaveLength(2557);
    expect(rows).toHaveLength(2557 * (1 + CERTIFICATE_OFFSETS.length));
    for (const date of ['2024-02-29', '2028-02-29', '2026-08-15', '2026-12-25', '2027-01-01', '2030-12-31']) expect(letters).toContain(date);
    // clamped dates (29/30/31 -> shorter month, leap and not), August and the Christmas window are all reached
    const unadjusted = new Set(rows.map((r) => r.expected.unadjusted));
    for (const date of ['2028-02-29', '2025-02-28', '2026-04-30', '2029-08-15', '2026-12-25', '2027-01-01', '2030-12-31'])
      expect(unadjusted.has(date)).toBe(true);
    expect(rows.filter((r) => r.letter.endsWith('-12-31') && r.certificate === undefined).map((r) => r.expected.unadjusted)).toEqual([
      '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28',
    ]);
    const adjustments = new Map<AppealDeadlineAdjustment, number>();
    for (const r of rows) adjustments.set(r.expected.adjustment, (adjustments.get(r.expected.adjustment) ?? 0) + 1);
    expect([...adjustments.keys()].sort()).toEqual(['august', 'christmas', 'non-working-day', 'none']);
    const certificateLater = rows.filter((r) => r.certificate !== undefined && r.expected.unadjusted !== plusMonths(r.letter, 2));
    expect(certificateLater.length).toBeGreaterThan(2557);
  });

  it('the kernel gives the reference deadline, and the same working, on every row', () => {
    const disagreements: string[] = [];
    for (const { letter, certificate, expected } of rows) {
      const explained = explainAppealDeadline(letter, certificate);
      const deadline = appealDeadline(letter, certificate);
      if (deadline !== expected.deadline || explained.unadjusted !== expected.unadjusted || explained.adjustment !== expected.adjustment)
        disagreements.push(`${letter} + ${certificate ?? 'no certificate'}: kernel ${JSON.stringify(explained)}, rule ${JSON.stringify(expected)}`);
    }
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(disagreements).toHaveLength(0);
  });
});
