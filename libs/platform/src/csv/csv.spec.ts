import { csvHeader, csvRecords, parseCsv } from './csv';

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffURN,EstablishmentName,Note\r\n120345,"Castle Academy, The","said ""hi""\nthere"\r\n120346,Plain School,\n';
    expect([...parseCsv(text)]).toEqual([
      ['URN', 'EstablishmentName', 'Note'],
      ['120345', 'Castle Academy, The', 'said "hi"\nthere'],
      ['120346', 'Plain School', ''],
    ]);
  });

  it('keys records by the header and numbers the data rows from 1', () => {
    const records = [...csvRecords('a,b\n1,2\n\n3\n')];
    expect(records).toEqual([{ row: 1, values: { a: '1', b: '2' } }, { row: 2, values: { a: '3', b: '' } }]);
    expect(csvHeader(' a , b \n')).toEqual(['a', 'b']);
  });

  it('refuses an unterminated quote', () => {
    expect(() => [...parseCsv('a\n"open')]).toThrow(/not closed/);
  });
});
