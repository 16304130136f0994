import { SaxesParser } from 'saxes';
import type { Fact, FactData, FactKind } from '../domain/facts';
import { sen2Return } from '../domain/sen2';
import { SEN2_CSV_HEADER, sen2Csv, sen2Xml, xmlEscape } from './sen2-export';

const fact = <K extends FactKind>(kind: K, caseId: string, on: string, data: FactData[K]): Fact =>
  ({ id: `${kind}-${caseId}-${on}`, kind, caseId, on, recordedAt: `${on}T12:00:00Z`, data }) as Fact;

const history: Fact[] = [
  fact('requested', 'a', '2025-02-03', { reference: 'R&D <1>', childId: 'child-1', requestedBy: 'parent', caseworkerId: null }),
  fact('decided-to-assess', 'a', '2025-03-10', { withinStatutoryTime: true }),
  fact('final-plan', 'a', '2025-06-20', {
    reference: null, childId: 'child-1', receivedOn: '2025-02-03', excepted: true, caseworkerId: null,
    setting: { urn: '10012345', name: '=Hill College, "Sixth"' }, receptionYear: 2015,
  }),
  fact('requested', 'b', '2025-04-01', { reference: 'B-2', childId: 'child-1', requestedBy: 'parent', caseworkerId: null }),
  fact('refused-to-assess', 'b', '2025-05-06', { withinStatutoryTime: true }),
  fact('requested', 'c', '2025-05-01', { reference: 'C--3', childId: 'child-2', requestedBy: 'setting', caseworkerId: null }),
];

interface Element { name: string; text: string; children: Element[] }

/** The XML parsed back into a tree by a real parser, which throws on anything not well-formed. */
function parse(xml: string): Element {
  const parser = new SaxesParser();
  const stack: Element[] = [{ name: '#document', text: '', children: [] }];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, text: '', children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => (stack[stack.length - 1].text += text.trim()));
  parser.on('closetag', () => stack.pop());
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return stack[0].children[0];
}
const child = (e: Element, name: string) => e.children.filter((c) => c.name === name);
const text = (e: Element, name: string) => child(e, name)[0]?.text;

describe('SEN2 XML', () => {
  const message = parse(sen2Xml(sen2Return(history, 2026), '925'));

  it('has the header COLLECT expects', () => {
    const [header] = child(message, 'Header');
    const [details] = child(header, 'CollectionDetails');
    const [source] = child(header, 'Source');
    expect([text(details, 'Collection'), text(details, 'Year'), text(details, 'ReferenceDate')]).toEqual(['SEN2', '2026', '2026-01-15']);
    expect([text(source, 'SourceLevel'), text(source, 'LEA')]).toEqual(['L', '925']);
  });

  it('holds one person per child, each with their requests, and no person items the hub does not record', () => {
    const persons = child(child(message, 'Persons')[0], 'Person');
    expect(persons.map((p) => child(p, 'Requests').length)).toEqual([2, 1]);
    expect(persons[0].children.map((c) => c.name)).toEqual(['Requests', 'Requests']);
  });

  it('writes the request, assessment, named plan and active plan items', () => {
    const [first, refused] = child(child(child(message, 'Persons')[0], 'Person')[0], 'Requests');
    expect([text(first, 'ReceivedDate'), text(first, 'RequestOutcomeDate'), text(first, 'RequestOutcome'), text(first, 'RequestMediation')])
      .toEqual(['2025-02-03', '2025-03-10', 'Y', '0']);
    const [assessment] = child(first, 'Assessment');
    expect([text(assessment, 'AssessmentOutcome'), text(assessment, 'AssessmentOutcomeDate'), text(assessment, 'Week20')]).toEqual(['Y', '2025-06-20', '1']);
    const [plan] = child(assessment, 'NamedPlan');
    expect(text(plan, 'StartDate')).toBe('2025-06-20');
    expect([text(child(plan, 'PlanDetail')[0], 'UKPRN'), text(child(plan, 'PlanDetail')[0], 'URN')]).toEqual(['10012345', undefined]);
    expect(text(child(child(first, 'ActivePlans')[0], 'PlacementDetail')[0], 'UKPRN')).toBe('10012345');
    expect([text(refused, 'RequestOutcome'), child(refused, 'Assessment').length, child(refused, 'ActivePlans').length]).toEqual(['N', 0, 0]);
  });

  it('leaves the outcome date out with A, W or H, as the DfE asks', () => {
    const [open] = child(child(child(message, 'Persons')[0], 'Person')[1], 'Requests');
    expect([text(open, 'RequestOutcome'), text(open, 'RequestOutcomeDate')]).toEqual(['A', undefined]);
  });

  it('leaves the LA number out when it is not configured, and stays well-formed with any reference', () => {
    const xml = sen2Xml(sen2Return(history, 2026), null);
    expect(text(child(child(parse(xml), 'Header')[0], 'Source')[0], 'LEA')).toBeUndefined();
    expect(xml).toContain('<!-- case R&amp;D &lt;1&gt; -->');
    expect(xml).toContain('<!-- case C- -3 -->');
  });

  it('escapes the characters XML reserves and drops those it cannot hold', () => {
    expect(xmlEscape('a&b<c>"d\'\u0001')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;');
  });
});

describe('SEN2 CSV', () => {
  const lines = sen2Csv(sen2Return(history, 2026)).split('\r\n');

  it('has a header and one row per request, and ends with a line break', () => {
    expect(lines[0]).toBe(SEN2_CSV_HEADER.join(','));
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('writes the case\'s items, a setting name that could start a formula made safe', () => {
    expect(lines[1]).toBe(
      'a,R&D <1>,2025-02-03,Y,2025-03-10,0,0,Y,2025-06-20,0,0,0,0,1,2025-06-20,,10012345,"\'=Hill College, ""Sixth""",,,1,,10012345,,"\'=Hill College, ""Sixth""",,15',
    );
    expect(lines[2]).toBe('b,B-2,2025-04-01,N,2025-05-06,0,0,,,,,,,,,,,,,,0,,,,,,');
  });
});
