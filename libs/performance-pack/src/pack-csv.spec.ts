import { packCsv } from './pack-csv';
import { UnknownMeasure } from './pack-view';
import { examplePack } from './pack.spec-helpers';

const HEADER = 'measure,title,month,value,numerator,denominator,unit,status';
const lines = (csv: string) => csv.split('\r\n');

describe('packCsv', () => {
  const pack = examplePack();

  it('writes one line per month of a measure, in long format, the value as computed', () =>
    expect(packCsv(pack, 'decisionsToAssessOnTime')).toBe([
      HEADER,
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-04,0.75,3,4,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-05,0.5,2,4,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-06,,0,0,share,no-cases',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-07,0.8,4,5,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-08,1,3,3,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-09,0.5,1,2,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-10,1,2,2,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-11,0.5,3,6,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2025-12,1,4,4,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2026-01,0.4,2,5,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2026-02,0.75,3,4,share,ok',
      'decisionsToAssessOnTime,Decisions whether to assess within 6 weeks,2026-03,0.25,1,4,share,ok',
      '',
    ].join('\r\n')));

  it('leaves a suppressed month empty and says so', () => {
    const out = lines(packCsv(pack, 'appealsRegistered'));
    expect(out[2]).toBe('appealsRegistered,Appeals registered,2025-05,,,,count,suppressed');
    expect(out[12]).toBe('appealsRegistered,Appeals registered,2026-03,,,,count,suppressed');
    expect(out[1]).toBe('appealsRegistered,Appeals registered,2025-04,5,5,,count,ok');
  });

  it('keeps money in pence, as the unit says', () =>
    expect(lines(packCsv(pack, 'fundingCommitted'))[12]).toBe('fundingCommitted,Top-up funding committed this financial year,2026-03,123400,123400,,pence,ok'));

  it('gives a measure whose source has not landed one empty line for the pack\'s month', () =>
    expect(packCsv(pack, 'tribunalOutcomes')).toBe(`${HEADER}\r\ntribunalOutcomes,Tribunal appeals decided in the family's favour,2026-03,,,,share,source-not-landed\r\n`));

  it('writes every measure without a name, in the pack\'s order', () => {
    const out = lines(packCsv(pack)).filter(Boolean);
    expect(out[0]).toBe(HEADER);
    // eight measures with 12 months, one without a trend
    expect(out).toHaveLength(1 + 8 * 12 + 1);
    expect([...new Set(out.slice(1).map((l) => l.split(',')[0]))]).toEqual(Object.keys(pack.measures));
  });

  it('quotes a title with a comma and neutralises one a spreadsheet would run', () => {
    const odd = examplePack();
    odd.measures.refusalRate.title = 'Requests refused, all';
    odd.measures.overdueCases.title = '=HYPERLINK("http://example.com")';
    expect(lines(packCsv(odd, 'refusalRate'))[1]).toMatch(/^refusalRate,"Requests refused, all",2025-04,/);
    expect(lines(packCsv(odd, 'overdueCases'))[1]).toBe('overdueCases,"\'=HYPERLINK(""http://example.com"")",2025-04,0,0,,count,ok');
  });

  it('refuses a measure the pack does not have, by name', () => {
    expect(() => packCsv(pack, 'noSuchMeasure')).toThrow(UnknownMeasure);
    try {
      packCsv(pack, 'toString');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownMeasure);
      expect((e as UnknownMeasure).measure).toBe('toString');
      expect((e as UnknownMeasure).name).toBe('UnknownMeasure');
    }
  });
});
