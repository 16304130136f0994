import { readFileSync } from 'node:fs';
import { isCalendarDate, proclamationsFromPublishedList, type BankHoliday } from '@ehc/domain-kernel';
import { ConfigError, env } from '@ehc/config';

/** The division of GOV.UK's published list whose bank holidays the statutory calendar uses (domain §2.5). */
export const DIVISION = 'england-and-wales';

/**
 * A year of the published list may lack at most this many of the rule's days. Proclamations move
 * or cancel one day in a year (1995, 2020, 2022); a year lacking more is a truncated list, which
 * would otherwise quietly turn bank holidays into working days and move deadlines.
 */
export const MOST_DAYS_A_YEAR_MAY_CANCEL = 2;

export type FieldFault = { field: string; rule: string; message: string };

export type PublishedListReading =
  | { ok: true; holidays: BankHoliday[] }
  | { ok: false; malformed: FieldFault[] }
  | { ok: false; incomplete: FieldFault[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a list in the format GOV.UK publishes (https://www.gov.uk/bank-holidays.json):
 * `{ "england-and-wales": { "division", "events": [{ "title", "date", "notes", "bunting" }] }, "scotland": …, … }`.
 * Only England and Wales is read; the other divisions are ignored. Every fault is named by its path
 * in the body (`england-and-wales.events[3].date`), so one answer lists them all.
 */
export function readPublishedList(body: unknown): PublishedListReading {
  const faults: FieldFault[] = [];
  if (!isObject(body)) return { ok: false, malformed: [{ field: 'body', rule: 'JsonObjectRequired', message: 'the body must be a JSON object' }] };
  const division = body[DIVISION];
  if (division === undefined || division === null) {
    return { ok: false, malformed: [{ field: DIVISION, rule: 'Required', message: `${DIVISION} is required (the division the statutory calendar uses)` }] };
  }
  if (!isObject(division)) return { ok: false, malformed: [{ field: DIVISION, rule: 'MustBeObject', message: `${DIVISION} must be an object` }] };
  const events = division.events;
  const eventsField = `${DIVISION}.events`;
  if (!Array.isArray(events)) {
    return { ok: false, malformed: [{ field: eventsField, rule: events === undefined || events === null ? 'Required' : 'MustBeArray', message: `${eventsField} must be an array of events` }] };
  }
  if (events.length === 0) return { ok: false, malformed: [{ field: eventsField, rule: 'Required', message: `${eventsField} must list at least one bank holiday` }] };
  const holidays: BankHoliday[] = [];
  const seen = new Set<string>();
  events.forEach((event: unknown, i) => {
    const at = `${eventsField}[${i}]`;
    if (!isObject(event)) {
      faults.push({ field: at, rule: 'MustBeObject', message: `${at} must be an object with a title and a date` });
      return;
    }
    const { date, title } = event;
    const dateOk = isCalendarDate(date);
    const titleOk = typeof title === 'string' && title.trim() !== '';
    if (!dateOk) faults.push({ field: `${at}.date`, rule: date === undefined || date === null || date === '' ? 'Required' : 'InvalidDate', message: `${at}.date must be a calendar date YYYY-MM-DD` });
    if (!titleOk) faults.push({ field: `${at}.title`, rule: 'Required', message: `${at}.title must be a non-empty string` });
    if (!dateOk || !titleOk) return;
    if (seen.has(date)) {
      faults.push({ field: `${at}.date`, rule: 'DuplicateDate', message: `${at}.date ${date} is listed twice` });
      return;
    }
    seen.add(date);
    holidays.push({ date, name: title.trim() });
  });
  if (faults.length > 0) return { ok: false, malformed: faults };

  const { years, proclamations } = proclamationsFromPublishedList(holidays);
  const incomplete = years
    .map((year) => ({ year, missing: proclamations.filter((p) => p.kind === 'cancelled' && p.date.startsWith(`${year}-`)) }))
    .filter(({ missing }) => missing.length > MOST_DAYS_A_YEAR_MAY_CANCEL)
    .map(({ year, missing }) => ({
      field: eventsField, rule: 'PublishedYearIncomplete',
      message: `the list for ${year} lacks ${missing.length} of the rule's bank holidays (${missing.map((m) => m.date).join(', ')}): it looks truncated; import whole years`,
    }));
  if (incomplete.length > 0) return { ok: false, incomplete };
  return { ok: true, holidays };
}

/**
 * `BANK_HOLIDAYS_FILE`: an optional path to a list in the published format, read and validated at
 * start-up like every other setting, so a malformed file stops the process naming the variable.
 */
export function bankHolidaysFileFromEnv(source: Record<string, string | undefined>, name = 'BANK_HOLIDAYS_FILE'): { path: string; holidays: BankHoliday[] } | undefined {
  const path = env.optional(source, name);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${name} must name a readable file, got "${path}": ${(error as Error).message}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${name} (${path}) is not JSON: ${(error as Error).message}`);
  }
  const reading = readPublishedList(body);
  if (!reading.ok) {
    const faults = 'malformed' in reading ? reading.malformed : reading.incomplete;
    throw new ConfigError(`${name} (${path}) is not a usable bank-holidays list in the published format: ${faults.map((f) => f.message).join('; ')}`);
  }
  return { path, holidays: reading.holidays };
}
