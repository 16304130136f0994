import { Readable } from 'node:stream';
import { csvRecords, malformedCsvProblem, MalformedCsvError, type CsvInput, type CsvRecord } from './csv';

const read = async (input: CsvInput, onHeader?: (header: string[]) => void): Promise<CsvRecord[]> => {
  const out: CsvRecord[] = [];
  for await (const record of csvRecords(input, { onHeader })) out.push(record);
  return out;
};

const refusal = async (input: CsvInput): Promise<MalformedCsvError> => {
  try {
    await read(input);
  } catch (error) {
    if (error instanceof MalformedCsvError) return error;
    throw error;
  }
  throw new Error('the CSV was read without an error');
};

/** A source that hands over one piece at a time and tells how many it has handed over. */
const trickle = (pieces: (string | Buffer)[]) => {
  let given = 0;
  const stream = Readable.from((function* () {
    for (const p of pieces) { given++; yield p; }
  })(), { objectMode: false });
  return { stream, given: () => given };
};

describe('CSV (RFC 4180)', () => {
  describe('well-formed files', () => {
    it.each([
      ['a comma inside a quoted field', 'URN,Name\n120348,"Fenland House School, The"\n', { URN: '120348', Name: 'Fenland House School, The' }],
      ['a doubled quote inside a quoted field', 'URN,Name\n1,"St Hugh""s ""Special"" School"\n', { URN: '1', Name: 'St Hugh"s "Special" School' }],
      ['CRLF line ends', 'URN,Name\r\n1,Castle Hill\r\n', { URN: '1', Name: 'Castle Hill' }],
      ['a line break inside a quoted field', 'URN,Name\n1,"Castle\nHill"\n', { URN: '1', Name: 'Castle\nHill' }],
      ['a CRLF inside a quoted field', 'URN,Name\r\n1,"Castle\r\nHill"\r\n', { URN: '1', Name: 'Castle\r\nHill' }],
      ['a UTF-8 byte order mark (text)', '\ufeffURN,Name\n1,Castle Hill\n', { URN: '1', Name: 'Castle Hill' }],
      ['an empty quoted field and an empty last field', 'URN,Name,Note\n1,"",\n', { URN: '1', Name: '', Note: '' }],
      ['no line break after the last row', 'URN,Name\n1,Castle Hill', { URN: '1', Name: 'Castle Hill' }],
      ['header names and values padded with spaces', ' URN , Name \n 1 , Castle Hill \n', { URN: '1', Name: 'Castle Hill' }],
    ])('reads %s', async (_case, text, values) => {
      expect(await read(text)).toEqual([{ row: 1, line: 2, values }]);
    });

    it('reads a byte order mark in bytes, and a character split between two pieces of the stream', async () => {
      const bytes = Buffer.from('\ufeffURN,Name\n1,Ysgol Gynradd Llanfair – Pwllgwyn\n', 'utf8');
      const dash = bytes.indexOf(Buffer.from('–'));
      const pieces = [bytes.subarray(0, 2), bytes.subarray(2, dash + 1), bytes.subarray(dash + 1)];
      expect(await read(trickle(pieces).stream)).toEqual([{ row: 1, line: 2, values: { URN: '1', Name: 'Ysgol Gynradd Llanfair – Pwllgwyn' } }]);
      expect(await read(bytes)).toEqual([{ row: 1, line: 2, values: { URN: '1', Name: 'Ysgol Gynradd Llanfair – Pwllgwyn' } }]);
    });

    it('numbers the data rows from 1 without the header or blank lines, and gives the line each row starts on', async () => {
      const text = 'a,b\r\n1,"two\r\nlines"\r\n\r\n3,"x\ny\rz"\n\n\n5,6\r7,8';
      expect(await read(text)).toEqual([
        { row: 1, line: 2, values: { a: '1', b: 'two\r\nlines' } },
        { row: 2, line: 5, values: { a: '3', b: 'x\ny\rz' } },
        { row: 3, line: 10, values: { a: '5', b: '6' } },
        { row: 4, line: 11, values: { a: '7', b: '8' } },
      ]);
    });

    it('gives the right start lines for any mix of line ends, blank lines and line breaks inside quotes', async () => {
      let seed = 7;
      const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
      const ends = ['\n', '\r\n', '\r'];
      for (let file = 0; file < 200; file++) {
        let text = 'a,b\n';
        // a CR then an LF would be one CRLF, not two line ends
        const end = () => { const e = ends[next(3)]; return text.endsWith('\r') && e === '\n' ? '\r' : e; };
        let line = 2;
        const expected: { row: number; line: number }[] = [];
        for (let row = 1; row <= 8; row++) {
          for (let blank = next(3) === 0 ? 1 + next(2) : 0; blank > 0; blank--) { text += end(); line++; }
          const inside = Array.from({ length: next(3) }, () => ends[next(3)]);
          expected.push({ row, line });
          text += `${row},"x${inside.join('y')}z"`;
          text += end();
          line += inside.length + 1;
        }
        const got = (await read(text)).map(({ row, line }) => ({ row, line }));
        expect({ file, got }).toEqual({ file, got: expected });
      }
    });

    it('shows the header first, [] for an empty file, and lets it refuse the file', async () => {
      const headers: string[][] = [];
      await read('a,b\n', (h) => headers.push(h));
      await read('', (h) => headers.push(h));
      expect(headers).toEqual([['a', 'b'], []]);
      await expect(read('a,b\n1,2\n', () => { throw new Error('not this layout'); })).rejects.toThrow('not this layout');
    });

    it('yields rows as they are parsed, before the rest of the file has been read', async () => {
      // 100 pieces of 10 kB: far more than the streams' buffers hold
      const pieces = ['a,b\n', ...Array.from({ length: 100 }, (_, p) => Array.from({ length: 1000 }, (_, i) => `${p * 1000 + i},abcdefg\n`).join(''))];
      const source = trickle(pieces);
      const rows = csvRecords(source.stream);
      const first = await rows.next();
      expect(first.value).toEqual({ row: 1, line: 2, values: { a: '0', b: 'abcdefg' } });
      expect(source.given()).toBeLessThan(10);
      await rows.return(undefined);
      expect(source.stream.destroyed).toBe(true);
    });

    it('feeds a large text to the parser in slices, never splitting a character between two', async () => {
      // the first slice (64 KiB) ends inside 😀, a surrogate pair
      const text = `a,b\n1,${'x'.repeat(65_529)}😀\n` + Array.from({ length: 30_000 }, (_, i) => `${i + 2},é😀\n`).join('');
      expect(text.charCodeAt(65_535)).toBe(0xd83d);
      let seen = 0;
      let wrong = 0;
      for await (const { row, values } of csvRecords(text)) {
        seen++;
        if (values.a !== String(row) || !values.b.endsWith('😀') || values.b.includes('\ufffd')) wrong++;
      }
      expect({ seen, wrong }).toEqual({ seen: 30_001, wrong: 0 });
    });

    it('reads from a function that opens the stream', async () => {
      expect(await read(() => Readable.from(['a,b\n1,2\n']))).toEqual([{ row: 1, line: 2, values: { a: '1', b: '2' } }]);
    });
  });

  describe('malformed files are refused with the line of the row at fault', () => {
    it.each([
      ['text after a closing quote (a,b / "x"y,z)', 'a,b\n"x"y,z\n', 2, 'BadQuoting'],
      ['a quote inside an unquoted field', 'a,b\n1,2\nx"y,z\n', 3, 'BadQuoting'],
      ['a space before an opening quote', 'a,b\n1, "2"\n', 2, 'BadQuoting'],
      ['a quote never closed', 'a,b\n1,2\n\n"open,z\n3,4\n5,6\n', 4, 'QuoteNotClosed'],
      ['a row with too few fields', 'a,b\n1,2\n\n\nx\n', 5, 'WrongFieldCount'],
      ['a row with too many fields', 'a,b\r\n1,2\r\n3,4,5\r\n', 3, 'WrongFieldCount'],
      ['a bad row after a CRLF inside a quoted field', 'a,b\r\n1,"two\r\nlines"\r\n3,4\r\n5\r\n', 5, 'WrongFieldCount'],
      ['a bad closing quote in a row that spans lines', 'a,b\n1,2\n"x\ny"z,1\n', 3, 'BadQuoting'],
      ['a row longer than a million characters', `a,b\n1,2\n"${'x'.repeat(1_000_100)}\n`, 3, 'RowTooLong'],
    ])('refuses %s', async (_case, text, line, fault) => {
      const error = await refusal(text);
      expect({ line: error.line, fault: error.fault }).toEqual({ line, fault });
      expect(error.message).toMatch(new RegExp(`^line ${line}: `));
    });

    it('says how many fields the row has and the header has', async () => {
      expect((await refusal('a,b,c\n1,2\n')).message).toBe('line 2: the row has 2 fields; the header has 3');
    });

    it('refuses a NUL character (U+0000), which PostgreSQL text cannot hold, at its line (a file from disk meets no HTTP rule)', async () => {
      const error = await refusal(Buffer.from('a,b\n1,2\n3,x\u0000y\n'));
      expect([error.line, error.fault]).toEqual([3, 'NulCharacter']);
    });

    it('refuses the file after rows it has already yielded, at the line of the bad one', async () => {
      const rows: number[] = [];
      const text = 'a,b\n' + Array.from({ length: 5000 }, (_, i) => `${i},x`).join('\n') + '\n"x"y,z\n';
      await expect((async () => { for await (const r of csvRecords(text)) rows.push(r.row); })()).rejects.toMatchObject({ line: 5002, fault: 'BadQuoting' });
      expect(rows.length).toBeLessThanOrEqual(5000);
    });

    it('passes on a failure of the source itself', async () => {
      const failing = new Readable({ read() { this.destroy(new Error('disk gone')); } });
      await expect(read(failing)).rejects.toThrow('disk gone');
    });

    it('answers 400 with the line, in the house problem format', async () => {
      const error = await refusal('a,b\n"x"y,z\n');
      expect(malformedCsvProblem(error).problem).toMatchObject({
        type: 'https://ehc-hub.example/problems/MalformedCsv', status: 400, line: 2,
        errors: [{ field: 'body', rule: 'BadQuoting', message: expect.stringMatching(/^line 2: /) }],
      });
    });
  });
});
