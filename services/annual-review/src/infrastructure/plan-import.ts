import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { caseDateFault, isCalendarDate, isAfter, isBefore, cohortOf, nameBasedUuid, DEFAULT_PLAUSIBLE_DATES, type CalendarDate, type PlausibleDates } from '@ehc/domain-kernel';
import type { EventStore } from '@ehc/event-store';
import { csvRecords, MalformedCsvError } from '@ehc/csv';
import { PersonalData } from '@ehc/personal-data';
import { type CommandContext, type SideTables } from '@ehc/commands';
import { executePlanCommand } from '../application/plan-command';
import type { ReviewAnchor } from '../domain/events';
import { planIdFor } from './plan-ids';
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
 * The plan file: its text or bytes (a request body), or a function that opens it (a file on disk,
 * streamed). It is read twice, so a function, not an open stream.
 */
export type PlanImportSource = string | Uint8Array | (() => Readable);

/**
 * Plans made before the hub existed enter the review cycle from a CSV. Every row is checked
 * (dates, known setting, a reference once in the file); good rows enter as `PlanEntered` through the
 * decider, each plan's id derived from its reference, so importing the same file again changes nothing.
 *
 * The file is streamed twice and never held as rows: the first pass checks that it is well-formed
 * CSV in the plan layout and checks each row, so a malformed file (`MalformedCsvError`, with its line)
 * or one without the columns (`ImportFileError`) is refused before any plan enters; the second enters
 * the good rows as they are read, a few at a time.
 */
export async function importPlans(csv: PlanImportSource, deps: {
  store: EventStore;
  dataSource: DataSource;
  schema: string;
  /** The service's own tables: a plan's child is written there with the plan's first event. */
  sideTables: SideTables;
  settings: SettingsDirectory;
  today: CalendarDate;
  /** No plan issued before the earliest case date (EARLIEST_CASE_DATE): a row that says so has a slip in it. */
  plausibleDates?: PlausibleDates;
  reviewAnchor: ReviewAnchor;
  context: Omit<CommandContext, 'occurredAt'>;
  concurrency?: number;
  onProgress?(done: number, total: number): void;
  /** The global position of each plan entered, so a caller can wait until its read models have them. */
  onEntered?(position: number): void;
}): Promise<PlanImportReport> {
  const onHeader = (header: string[]) => {
    const missing = PLAN_IMPORT_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) throw new ImportFileError(`the CSV lacks the column(s) ${missing.join(', ')}; expected ${PLAN_IMPORT_COLUMNS.join(',')}`);
  };

  // first pass: the whole file is well-formed and every row checked before anything enters
  const report: PlanImportReport = { rowsRead: 0, rowsTaken: 0, rowsUnchanged: 0, rowsRefused: [] };
  const firstRowOf = new Map<string, number>();
  const rowsOfSetting = new Map<string, number>();
  for await (const { row, values } of csvRecords(csv, { onHeader })) {
    report.rowsRead++;
    const checked = checkRow(row, values, deps.today, deps.plausibleDates ?? DEFAULT_PLAUSIBLE_DATES);
    if (typeof checked === 'string') { report.rowsRefused.push({ row, reference: values.reference || null, reason: checked }); continue; }
    const key = checked.reference.toUpperCase();
    const first = firstRowOf.get(key);
    if (first !== undefined) { report.rowsRefused.push({ row, reference: checked.reference, reason: `duplicate reference: ${checked.reference} is also on row ${first}` }); continue; }
    firstRowOf.set(key, row);
    rowsOfSetting.set(checked.settingUrn, (rowsOfSetting.get(checked.settingUrn) ?? 0) + 1);
  }

  const settings = await deps.settings.byUrns([...rowsOfSetting.keys()]);
  const total = [...rowsOfSetting].reduce((n, [urn, rows]) => n + (settings.has(urn) ? rows : 0), 0);
  const personal = new PersonalData(deps.dataSource, deps.schema);

  async function enter(r: Row): Promise<'taken' | 'unchanged' | string> {
    const source = { kind: 'import' as const, reference: r.reference };
    const planId = planIdFor(source);
    // the person's id follows from the plan's, so a repeated import finds the same row; it is
    // written with the plan's first event, never for a plan that is refused or already entered
    const childId = nameBasedUuid(`person-of/${planId}`);
    const person = personal.personWrite({ givenName: r.givenName, familyName: r.familyName, dateOfBirth: r.dateOfBirth }, childId);
    const result = await executePlanCommand(deps.store, planId, {
      type: 'EnterPlan',
      data: {
        source, childId, cohort: cohortOf(r.dateOfBirth), planIssuedOn: r.planIssuedOn, lastReviewedOn: r.lastReviewedOn,
        namedSetting: settingForPlan(r.settingUrn, r.settingUrn, settings.get(r.settingUrn)), caseworkerId: r.caseworker,
        reviewAnchor: deps.reviewAnchor, today: deps.today,
      },
    }, { ...deps.context, occurredAt: r.planIssuedOn }, { sideTables: deps.sideTables, writes: [person] });
    if (result.ok) {
      deps.onEntered?.(result.position);
      return 'taken';
    }
    if (result.error === 'PlanAlreadyEntered') return 'unchanged';
    return ruleReason(result.error);
  }

  // second pass: the rows the first pass took enter as they are read, `concurrency` at a time
  const concurrency = deps.concurrency ?? 8;
  const entering = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  let done = 0;
  try {
    for await (const { row, values } of csvRecords(csv, { onHeader })) {
      if (failed) break;
      const r = checkRow(row, values, deps.today, deps.plausibleDates ?? DEFAULT_PLAUSIBLE_DATES);
      // refused in the first pass (a bad row, or a reference seen on an earlier row)
      if (typeof r === 'string' || firstRowOf.get(r.reference.toUpperCase()) !== row) continue;
      if (!settings.has(r.settingUrn)) {
        report.rowsRefused.push({ row, reference: r.reference, reason: `unknown setting: URN ${r.settingUrn} is not in the settings directory` });
        continue;
      }
      const one: Promise<void> = enter(r).then((outcome) => {
        if (outcome === 'taken') report.rowsTaken++;
        else if (outcome === 'unchanged') report.rowsUnchanged++;
        else report.rowsRefused.push({ row, reference: r.reference, reason: outcome });
        deps.onProgress?.(++done, total);
      }, (error: unknown) => { failed ??= { error }; }).finally(() => entering.delete(one));
      entering.add(one);
      if (entering.size >= concurrency) await Promise.race(entering);
    }
  } catch (error) {
    // the first pass read it whole: only a file changed on disk since can fail here
    if (error instanceof MalformedCsvError) throw new Error(`the file changed while it was being imported (${error.message}); the rows before that line were imported`);
    throw error;
  } finally {
    await Promise.all(entering);
  }
  if (failed) throw failed.error;
  report.rowsRefused.sort((a, b) => a.row - b.row);
  return report;
}

function checkRow(row: number, v: Record<string, string>, today: CalendarDate, plausible: PlausibleDates): Row | string {
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
  const tooEarly = caseDateFault('plan_issued_on', issued as string, plausible);
  if (tooEarly) return `bad date: ${tooEarly.message}`;
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
