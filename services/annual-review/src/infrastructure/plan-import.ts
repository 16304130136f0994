import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isCalendarDate, isAfter, isBefore, cohortOf, type CalendarDate } from '@ehc/domain-kernel';
import type { EventStore } from '@ehc/event-store';
import { csvHeader, csvRecords, PersonalData, type CommandContext } from '@ehc/platform';
import { executePlanCommand } from '../application/plan-command';
import type { ReviewAnchor } from '../domain/events';
import { planIdFor, } from './plan-ids';
import { settingForPlan } from './settings/setting-for-plan';
import type { SettingsDirectory } from './settings/settings-directory';

export const PLAN_IMPORT_COLUMNS = ['reference', 'given_name', 'family_name', 'date_of_birth', 'plan_issued_on', 'last_reviewed_on', 'setting_urn', 'caseworker'] as const;

export interface PlanImportReport {
  rowsRead: number;
  rowsTaken: number;
  /** Already in the hub from an earlier import of the same plan: left as it was. */
  rowsUnchanged: number;
  rowsRefused: { row: number; reference: string | null; reason: string }[];
}

export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

interface Row {
  row: number;
  reference: string;
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate;
  planIssuedOn: CalendarDate;
  lastReviewedOn: CalendarDate | null;
  settingUrn: string;
  caseworker: string | null;
}

/**
 * Plans made before the hub existed enter the review cycle from a CSV. Every row is checked
 * (dates, known setting, a reference once in the file); good rows enter as `PlanEntered` through the
 * decider, each plan's id derived from its reference, so importing the same file again changes nothing.
 */
export async function importPlans(csv: string, deps: {
  store: EventStore;
  dataSource: DataSource;
  schema: string;
  settings: SettingsDirectory;
  today: CalendarDate;
  reviewAnchor: ReviewAnchor;
  context: Omit<CommandContext, 'occurredAt'>;
  concurrency?: number;
  onProgress?(done: number, total: number): void;
}): Promise<PlanImportReport> {
  const header = csvHeader(csv);
  const missing = PLAN_IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ImportFileError(`the CSV lacks the column(s) ${missing.join(', ')}; expected ${PLAN_IMPORT_COLUMNS.join(',')}`);

  const report: PlanImportReport = { rowsRead: 0, rowsTaken: 0, rowsUnchanged: 0, rowsRefused: [] };
  const rows: Row[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, values } of csvRecords(csv)) {
    report.rowsRead++;
    const checked = checkRow(row, values, deps.today);
    if (typeof checked === 'string') { report.rowsRefused.push({ row, reference: values.reference || null, reason: checked }); continue; }
    const key = checked.reference.toUpperCase();
    const first = firstRowOf.get(key);
    if (first !== undefined) { report.rowsRefused.push({ row, reference: checked.reference, reason: `duplicate reference: ${checked.reference} is also on row ${first}` }); continue; }
    firstRowOf.set(key, row);
    rows.push(checked);
  }

  const settings = await deps.settings.byUrns([...new Set(rows.map((r) => r.settingUrn))]);
  const personal = new PersonalData(deps.dataSource, deps.schema);
  let done = 0;
  const queue = rows.filter((r) => {
    if (settings.has(r.settingUrn)) return true;
    report.rowsRefused.push({ row: r.row, reference: r.reference, reason: `unknown setting: URN ${r.settingUrn} is not in the settings directory` });
    return false;
  });
  const total = queue.length;
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const outcome = await enter(r);
      if (outcome === 'taken') report.rowsTaken++;
      else if (outcome === 'unchanged') report.rowsUnchanged++;
      else report.rowsRefused.push({ row: r.row, reference: r.reference, reason: outcome });
      deps.onProgress?.(++done, total);
    }
  };

  async function enter(r: Row): Promise<'taken' | 'unchanged' | string> {
    const source = { kind: 'import' as const, reference: r.reference };
    const planId = planIdFor(source);
    // the person's id follows from the plan's, so a repeated import finds the same row
    const childId = personIdFor(planId);
    const existing = await personal.person(childId);
    if (!existing) await personal.recordPerson({ givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth }, childId);
    const result = await executePlanCommand(deps.store, planId, {
      type: 'EnterPlan',
      data: {
        source, childId, cohort: cohortOf(r.dateOfBirth), planIssuedOn: r.planIssuedOn, lastReviewedOn: r.lastReviewedOn,
        namedSetting: settingForPlan(r.settingUrn, r.settingUrn, settings.get(r.settingUrn)), caseworkerId: r.caseworker,
        reviewAnchor: deps.reviewAnchor, today: deps.today,
      },
    }, { ...deps.context, occurredAt: r.planIssuedOn });
    if (result.ok) return 'taken';
    if (result.error === 'PlanAlreadyEntered') return 'unchanged';
    return ruleReason(result.error);
  }

  await Promise.all(Array.from({ length: deps.concurrency ?? 8 }, worker));
  report.rowsRefused.sort((a, b) => a.row - b.row);
  return report;
}

function personIdFor(planId: string): string {
  const h = createHash('sha1').update(`person-of/${planId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function checkRow(row: number, v: Record<string, string>, today: CalendarDate): Row | string {
  if (!v.reference) return 'reference is empty';
  if (!v.given_name || !v.family_name) return 'given_name and family_name are required';
  const date = (field: string, required: boolean): CalendarDate | null | string => {
    const value = v[field];
    if (!value) return required ? `${field} is empty` : null;
    if (!isCalendarDate(value)) return `bad date: ${field} "${value}" is not a date YYYY-MM-DD`;
    if (isAfter(value, today)) return `bad date: ${field} ${value} is in the future`;
    return value;
  };
  const dob = date('date_of_birth', true);
  const issued = date('plan_issued_on', true);
  const reviewed = date('last_reviewed_on', false);
  for (const d of [dob, issued, reviewed]) if (typeof d === 'string' && !isCalendarDate(d)) return d;
  if (isBefore(issued as string, dob as string)) return 'bad date: plan_issued_on is before date_of_birth';
  if (reviewed && isBefore(reviewed as string, issued as string)) return 'bad date: last_reviewed_on is before plan_issued_on';
  if (!v.setting_urn) return 'setting_urn is empty';
  return {
    row, reference: v.reference, givenName: v.given_name, familyName: v.family_name, dateOfBirth: dob as string,
    planIssuedOn: issued as string, lastReviewedOn: (reviewed as string | null) ?? null, settingUrn: v.setting_urn, caseworker: v.caseworker || null,
  };
}

function ruleReason(rule: string): string {
  switch (rule) {
    case 'NotOfPlanAge': return 'bad date: the child or young person is not of an age to have a plan on plan_issued_on (s.46)';
    case 'DateInFuture': return 'bad date: a date is in the future';
    case 'DateBeforePlanMade': return 'bad date: last_reviewed_on is before plan_issued_on';
    default: return rule;
  }
}
