import { csvLineForSpreadsheet } from '@ehc/csv';
import type { CalendarDate } from '@ehc/domain-kernel';
import type { Sen2Assessment, Sen2CaseKey, Sen2CeasedPlan, Sen2NamedPlan, Sen2Placement, Sen2Request, Sen2Return, Sen2Setting, Sen2ActivePlan } from '../domain/sen2';

/** Text as XML character data or an attribute value: the five characters XML reserves, and the control characters XML 1.0 cannot hold at all. */
export const xmlEscape = (text: string): string =>
  text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** SEN2's 0/1 flags. */
const flag = (b: boolean) => (b ? '1' : '0');

class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;

  open(name: string) {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>`);
    this.depth++;
  }

  close(name: string) {
    this.depth--;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
  }

  /** An item, left out when it has no value: COLLECT reads a missing item as not known. */
  item(name: string, value: string | number | null | undefined) {
    if (value === null || value === undefined || value === '') return;
    this.lines.push(`${'  '.repeat(this.depth)}<${name}>${xmlEscape(String(value))}</${name}>`);
  }

  /** A comment for the person reading the file (COLLECT ignores comments); `--` cannot appear in one. */
  comment(text: string) {
    this.lines.push(`${'  '.repeat(this.depth)}<!-- ${xmlEscape(text).replace(/-(?=-)/g, '- ')} -->`);
  }

  toString() {
    return `${this.lines.join('\n')}\n`;
  }
}

const byCase = <T extends Sen2CaseKey>(items: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(item.caseId, [...(map.get(item.caseId) ?? []), item]);
  return map;
};

const writeSetting = (xml: XmlWriter, element: string, s: Sen2Setting) => {
  xml.open(element);
  xml.item('URN', s.urn);
  xml.item('UKPRN', s.ukprn);
  xml.item('SENsetting', s.senSetting);
  xml.close(element);
};

/**
 * The return as the XML the DfE's COLLECT takes: a `Message` with the `Header` (collection SEN2,
 * year, reference date; source level L and the LA number) and one `Person` per child, holding a
 * `Requests` per case with its `Assessment` (and `NamedPlan`) and, for a plan active at the census
 * date, its `ActivePlans`. Items the hub does not hold are left out (SEN2_GAPS), including the
 * person items, so COLLECT will ask for them; a comment names each case's reference for the
 * person who completes them.
 */
export function sen2Xml(ret: Sen2Return, laCode: string | null): string {
  const assessments = byCase(ret.assessments);
  const plans = byCase(ret.namedPlans);
  const ceased = byCase(ret.ceased);
  const stock = byCase(ret.stock);
  const placements = byCase(ret.placements);
  const persons = new Map<string, Sen2Request[]>();
  for (const r of ret.requests) {
    const person = r.childId ?? `case:${r.caseId}`;
    persons.set(person, [...(persons.get(person) ?? []), r]);
  }

  const xml = new XmlWriter();
  xml.open('Message');
  xml.open('Header');
  xml.open('CollectionDetails');
  xml.item('Collection', 'SEN2');
  xml.item('Year', ret.year);
  xml.item('ReferenceDate', ret.censusDate);
  xml.close('CollectionDetails');
  xml.open('Source');
  xml.item('SourceLevel', 'L');
  xml.item('LEA', laCode);
  xml.close('Source');
  xml.close('Header');
  xml.open('Persons');
  for (const requests of persons.values()) {
    xml.open('Person');
    for (const r of requests) {
      xml.open('Requests');
      xml.comment(`case ${r.reference ?? r.caseId}`);
      xml.item('ReceivedDate', r.receivedDate);
      // the DfE asks for no outcome date with A, W or H
      xml.item('RequestOutcomeDate', r.requestOutcome === 'Y' || r.requestOutcome === 'N' ? r.requestOutcomeDate : null);
      xml.item('RequestOutcome', r.requestOutcome);
      xml.item('RequestMediation', flag(r.requestMediation));
      xml.item('RequestTribunal', flag(r.requestTribunal));
      for (const a of assessments.get(r.caseId) ?? []) {
        xml.open('Assessment');
        xml.item('AssessmentOutcome', a.assessmentOutcome);
        xml.item('AssessmentOutcomeDate', a.assessmentOutcomeDate);
        xml.item('AssessmentMediation', flag(a.assessmentMediation));
        xml.item('AssessmentTribunal', flag(a.assessmentTribunal));
        xml.item('OtherMediation', flag(a.otherMediation));
        xml.item('OtherTribunal', flag(a.otherTribunal));
        xml.item('Week20', flag(a.week20));
        for (const p of plans.get(r.caseId) ?? []) {
          xml.open('NamedPlan');
          xml.item('StartDate', p.startDate);
          writeSetting(xml, 'PlanDetail', p.setting);
          for (const c of ceased.get(r.caseId) ?? []) {
            xml.item('CeaseDate', c.ceaseDate);
            xml.item('CeaseReason', c.ceaseReason);
          }
          xml.close('NamedPlan');
        }
        xml.close('Assessment');
      }
      for (const s of stock.get(r.caseId) ?? []) {
        xml.open('ActivePlans');
        for (const p of (placements.get(r.caseId) ?? []).filter((p) => p.replacedOn === null)) writeSetting(xml, 'PlacementDetail', p.setting);
        xml.item('LastReview', s.lastReview);
        xml.close('ActivePlans');
      }
      xml.close('Requests');
    }
    xml.close('Person');
  }
  xml.close('Persons');
  xml.close('Message');
  return xml.toString();
}

export const SEN2_CSV_HEADER = [
  'caseId', 'reference', 'ReceivedDate', 'RequestOutcome', 'RequestOutcomeDate', 'RequestMediation', 'RequestTribunal',
  'AssessmentOutcome', 'AssessmentOutcomeDate', 'AssessmentMediation', 'AssessmentTribunal', 'OtherMediation', 'OtherTribunal', 'Week20',
  'StartDate', 'PlanURN', 'PlanUKPRN', 'PlanSetting', 'CeaseDate', 'CeaseReason', 'ActiveAtCensus', 'CurrentURN', 'CurrentUKPRN', 'CurrentSENsetting',
  'CurrentSetting', 'LastReview', 'AgeAtCensus',
] as const;

const yesNo = (b: boolean | undefined) => (b === undefined ? null : flag(b));
const date = (d: CalendarDate | null | undefined) => d ?? null;

/** The return as a spreadsheet for the team to check before upload: one row per request (case), with its assessment, plan and placement. */
export function sen2Csv(ret: Sen2Return): string {
  const one = <T extends Sen2CaseKey>(items: readonly T[]) => new Map(items.map((i) => [i.caseId, i]));
  const assessments = one<Sen2Assessment>(ret.assessments);
  const plans = one<Sen2NamedPlan>(ret.namedPlans);
  const ceased = one<Sen2CeasedPlan>(ret.ceased);
  const stock = one<Sen2ActivePlan>(ret.stock);
  const current = one<Sen2Placement>(ret.placements.filter((p) => p.replacedOn === null));
  const rows = ret.requests.map((r) => {
    const a = assessments.get(r.caseId);
    const p = plans.get(r.caseId);
    const c = ceased.get(r.caseId);
    const s = stock.get(r.caseId);
    const now = s ? current.get(r.caseId)?.setting : undefined;
    return csvLineForSpreadsheet([
      r.caseId, r.reference, date(r.receivedDate), r.requestOutcome, date(r.requestOutcomeDate), flag(r.requestMediation), flag(r.requestTribunal),
      a?.assessmentOutcome, date(a?.assessmentOutcomeDate), yesNo(a?.assessmentMediation), yesNo(a?.assessmentTribunal), yesNo(a?.otherMediation),
      yesNo(a?.otherTribunal), yesNo(a?.week20),
      date(p?.startDate), p?.setting.urn, p?.setting.ukprn, p?.setting.name, date(c?.ceaseDate), c?.ceaseReason, flag(s !== undefined),
      now?.urn, now?.ukprn, now?.senSetting, now?.name, date(s?.lastReview), s?.ageAtCensus,
    ]);
  });
  return `${[csvLineForSpreadsheet([...SEN2_CSV_HEADER]), ...rows].join('\r\n')}\r\n`;
}
