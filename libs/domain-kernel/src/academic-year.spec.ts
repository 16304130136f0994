import {
  academicYearEndsOn,
  academicYearLabel,
  academicYearOf,
  academicYearStartsOn,
  cohortIsOverCompulsorySchoolAge,
  cohortOf,
  rightsHolderOn,
  ageOn,
  compulsorySchoolAgeEndsOn,
  isOverCompulsorySchoolAge,
  isYoungPerson,
  nationalCurriculumYear,
  yearGroupLabel,
} from './academic-year';

describe('academic year (1 September - 31 August)', () => {
  it.each([
    ['2026-08-31', 2025],
    ['2026-09-01', 2026],
    ['2027-01-01', 2026],
  ])('%s is in academic year %i', (date, year) => {
    expect(academicYearOf(date)).toBe(year);
  });

  it('bounds and labels', () => {
    expect(academicYearStartsOn(2026)).toBe('2026-09-01');
    expect(academicYearEndsOn(2026)).toBe('2027-08-31');
    expect(academicYearLabel(2026)).toBe('2026/27');
    expect(academicYearLabel(1999)).toBe('1999/00');
  });
});

describe('national curriculum year group', () => {
  it.each([
    ['2021-09-01', 2026, 0, 0, 'R'], // turns 5 on the first day of 2026/27
    ['2022-08-31', 2026, 0, 0, 'R'], // summer-born: turns 5 on the last day
    ['2022-09-01', 2026, 0, -1, 'N2'],
    ['2023-09-01', 2026, 0, -2, 'N1'],
    ['2024-09-01', 2026, 0, -3, 'EY-3'],
    ['2016-01-10', 2026, 0, 6, 'Y6'], // example 11: Y6 in 2026/27, moving to Y7 in Sept 2027
    ['2015-03-10', 2026, 0, 7, 'Y7'],
    ['2010-09-01', 2026, 0, 11, 'Y11'],
    ['2008-09-01', 2026, 0, 13, 'Y13'],
    ['2022-08-31', 2027, -1, 0, 'R'], // deferred summer-born Reception entry
  ])('born %s, in %i, offset %i -> %i (%s)', (dob, year, offset, ncy, label) => {
    expect(nationalCurriculumYear(dob, year, offset)).toBe(ncy);
    expect(yearGroupLabel(ncy)).toBe(label);
  });
});

describe('compulsory school age and young person', () => {
  it.each([
    ['2010-09-01', '2027-06-25'], // turns 16 on 2026-09-01 -> school year 2026/27
    ['2011-08-31', '2027-06-25'],
    ['2010-08-31', '2026-06-26'],
    ['2010-06-27', '2026-06-26'], // turns 16 the day after the leaving date: still leaves on it
    ['2008-02-29', '2024-06-28'],
  ])('born %s -> compulsory school age ends %s (last Friday in June)', (dob, expected) => {
    expect(compulsorySchoolAgeEndsOn(dob)).toBe(expected);
  });

  it('becomes a young person the day after, until 25', () => {
    expect(isOverCompulsorySchoolAge('2010-08-31', '2026-06-26')).toBe(false);
    expect(isYoungPerson('2010-08-31', '2026-06-26')).toBe(false);
    expect(isYoungPerson('2010-08-31', '2026-06-27')).toBe(true);
    expect(isYoungPerson('2010-08-31', '2035-08-30')).toBe(true);
    expect(isYoungPerson('2010-08-31', '2035-08-31')).toBe(false);
  });

  it.each([
    ['2010-08-31', '2026-08-30', 15],
    ['2010-08-31', '2026-08-31', 16],
    ['2008-02-29', '2025-02-28', 16],
    ['2008-02-29', '2025-03-01', 17],
    ['2008-02-29', '2024-02-29', 16],
  ])('born %s, on %s aged %i', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});

describe('the rights-holder from the cohort alone (domain §1)', () => {
  it.each([
    // born, on, over compulsory school age
    ['2010-08-31', '2026-06-26', false],
    ['2010-08-31', '2026-06-27', true],
    ['2010-09-01', '2026-07-01', false],
    ['2010-09-01', '2027-06-26', true],
  ])('born %s, on %s: over compulsory school age %s, exactly as from the date of birth', (born, on, over) => {
    expect(cohortIsOverCompulsorySchoolAge(cohortOf(born), on)).toBe(over);
    expect(isOverCompulsorySchoolAge(born, on)).toBe(over);
    expect(rightsHolderOn(cohortOf(born), on)).toBe(over ? 'young-person' : 'parent');
  });

  it('takes a young person who asked for themselves at their word when no date of birth is on file', () => {
    expect(rightsHolderOn(null, '2026-07-01', true)).toBe('young-person');
    expect(rightsHolderOn(null, '2026-07-01')).toBe('parent');
  });

  it('a child asking for themselves is still written to through the parent while of compulsory school age', () =>
    expect(rightsHolderOn(cohortOf('2012-01-01'), '2026-07-01', true)).toBe('parent'));
});
