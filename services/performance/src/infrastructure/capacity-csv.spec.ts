import { parseCapacityCsv } from './capacity-csv';

describe('capacity CSV', () => {
  it('reads the rows, an academic year written either way', async () => {
    expect(await parseCapacityCsv('urn,name,academic_year,places\n111111,Oak Special,2025/26,40\n222222,"Elm, Special",2025,12\n')).toEqual({
      rows: [
        { urn: '111111', name: 'Oak Special', academicYear: 2025, places: 40 },
        { urn: '222222', name: 'Elm, Special', academicYear: 2025, places: 12 },
      ],
      errors: [],
    });
  });

  it('reports each fault with its line and column, and takes no row with one', async () => {
    const csv = 'urn,name,academic_year,places\nabc,Oak,2025,4\n111111,,2025/27,-1\n222222,Elm,2025,3\n222222,Elm,2025-26,3\n';
    expect(await parseCapacityCsv(csv)).toEqual({
      rows: [{ urn: '222222', name: 'Elm', academicYear: 2025, places: 3 }],
      errors: [
        { line: 2, field: 'urn', message: '"abc" is not a URN (six to eight digits).' },
        { line: 3, field: 'name', message: 'The school\'s name is empty.' },
        { line: 3, field: 'academic_year', message: '"2025/27" is not an academic year (2025 or 2025/26).' },
        { line: 3, field: 'places', message: '"-1" is not a whole number of places.' },
        { line: 5, field: 'urn', message: 'The school 222222 already has places for 2025/26 on line 4.' },
      ],
    });
  });

  it('refuses a file with the wrong header, or one that is not CSV', async () => {
    expect(await parseCapacityCsv('urn,school,places\n1,2,3\n')).toEqual({
      rows: [], errors: [{ line: 1, field: 'header', message: 'The header must be urn,name,academic_year,places; missing: name, academic_year.' }],
    });
    // not CSV at all: the hub's one reader says so, with its line (the API answers it as MalformedCsv)
    await expect(parseCapacityCsv('urn,name,academic_year,places\n111111,"Oak,2025,4\n')).rejects.toMatchObject({ name: 'MalformedCsvError', line: 2, fault: 'QuoteNotClosed' });
  });
});
