import { isCalendarDate } from '@ehc/domain-kernel';
import type { QueryReader } from '@ehc/http';
import type { AsAt } from '../infrastructure/fact-store';
import { MONTH_PATTERN, type Month } from '../domain/months';

// an instant with its offset: a figure taken mid-day is reproduced to the second
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `as-at`: a Europe/London date (everything recorded by the end of it) or an ISO 8601 instant with its offset. */
export function readAsAt(q: QueryReader, name: string): AsAt | undefined {
  const raw = q.text(name, { maxLength: 40 });
  if (raw === undefined) return undefined;
  if (isCalendarDate(raw)) return { date: raw };
  if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return { instant: new Date(raw).toISOString() };
  q.reject(name, 'InvalidAsAt', `${name} must be a date YYYY-MM-DD or an instant such as 2026-11-30T09:00:00Z`);
  return undefined;
}

export function readMonth(q: QueryReader, name: string, fallback?: Month): Month | undefined {
  const raw = q.text(name, { maxLength: 7 }) ?? fallback;
  if (raw === undefined) {
    q.reject(name, 'Required', `${name} is required: a month YYYY-MM`);
    return undefined;
  }
  if (!MONTH_PATTERN.test(raw)) q.reject(name, 'InvalidFormat', `${name} must be a month YYYY-MM`);
  return raw;
}

export function readChoice<T extends string>(q: QueryReader, name: string, choices: readonly T[], fallback: T): T {
  const raw = q.text(name, { maxLength: 20 }) ?? fallback;
  if (!(choices as readonly string[]).includes(raw)) q.reject(name, 'NotOneOf', `${name} must be one of ${choices.join(', ')}`);
  return raw as T;
}

/** Roughly the instant an as-at stands for (a London day's end within the hour), to tell two of them apart in order. */
export const asAtInstant = (asAt: AsAt): number =>
  asAt === null ? Number.POSITIVE_INFINITY : 'instant' in asAt ? Date.parse(asAt.instant) : Date.parse(`${asAt.date}T23:59:59Z`);
