import { isCalendarDate, type CalendarDate } from '@ehc/domain-kernel';
import { PROBLEM_BASE, ProblemException } from './problem';

/** A request field at fault and the rule it breaks, as every 400 lists them under `errors`. */
export interface FieldFault { field: string; rule: string; message: string }

/** One 400 naming every field at fault; its `type` is the first rule broken. */
export function badRequest(errors: FieldFault[]): ProblemException {
  return new ProblemException({
    type: PROBLEM_BASE + errors[0].rule, title: 'The request is not valid', status: 400,
    detail: errors.map((e) => e.message).join('; '), errors,
  });
}

// PostgreSQL text and JSONB cannot hold U+0000, and a lone surrogate has no UTF-8 form: either would
// fail (or be silently replaced) far from the request that brought it.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Deeper than any body the hub takes; walking an adversarial nesting must not exhaust the stack. */
export const MAX_BODY_DEPTH = 32;

/** The fault in one piece of text, if any: a NUL character or a lone surrogate. */
export function textFault(field: string, text: string): FieldFault | null {
  if (NUL.test(text)) return { field, rule: 'NulCharacter', message: `${field} must not contain the NUL character (U+0000)` };
  if (LONE_SURROGATE.test(text)) return { field, rule: 'LoneSurrogate', message: `${field} must be well-formed Unicode text: it holds a lone surrogate (an unpaired \\ud800–\\udfff)` };
  return null;
}

const child = (path: string, key: string | number) => (typeof key === 'number' ? `${path || 'body'}[${key}]` : path ? `${path}.${key}` : key);

/**
 * Every string (and field name) in a parsed body that PostgreSQL could not store or that is not
 * well-formed Unicode, and every number too large to be exact (beyond ±2^53: `1e20` as a revision).
 * Applied to every request body before any route sees it, so no route can forget it.
 */
export function bodyFaults(value: unknown, path = '', depth = 0): FieldFault[] {
  const field = path || 'body';
  if (typeof value === 'string') {
    const fault = textFault(field, value);
    return fault ? [fault] : [];
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? []
      : [{ field, rule: 'NumberTooLarge', message: `${field} must be a number between -${Number.MAX_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}` }];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (depth >= MAX_BODY_DEPTH) return [{ field, rule: 'NestedTooDeeply', message: `${field} is nested more than ${MAX_BODY_DEPTH} levels deep` }];
  if (Array.isArray(value)) return value.flatMap((item, i) => bodyFaults(item, child(path, i), depth + 1));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const keyFault = textFault(`a field name in ${field}`, key);
    return keyFault ? [{ ...keyFault, field }] : bodyFaults(item, child(path, key), depth + 1);
  });
}

/** Parsed query parameters as Express gives them: a repeated one is an array, `a[b]=` an object. */
export type RawQuery = Record<string, unknown>;

/**
 * The faults every query string is checked for before any route sees it: each parameter given once,
 * as plain text, without NUL characters or lone surrogates.
 */
export function queryFaults(query: RawQuery): FieldFault[] {
  const faults: FieldFault[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) faults.push({ field: name, rule: 'RepeatedParameter', message: `${name} must be given once` });
    else if (typeof value !== 'string') faults.push({ field: name, rule: 'MustBeSingleValue', message: `${name} must be a single value, not a structure (${name}[…])` });
    else {
      const fault = textFault(name, value) ?? textFault('a parameter name', name);
      if (fault) faults.push(fault);
    }
  }
  return faults;
}

/**
 * Reads a route's query parameters, each by its own rule, collecting every fault so that one 400
 * names them all; `done()` throws it. Every list route reads its parameters through one of these.
 */
export class QueryReader {
  private readonly faults: FieldFault[];

  constructor(private readonly query: RawQuery) {
    this.faults = queryFaults(query);
  }

  private raw(name: string): string | undefined {
    const value = this.query[name];
    // a repeated or structured value is already a fault (queryFaults): read as absent
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  private fault(field: string, rule: string, message: string): undefined {
    this.faults.push({ field, rule, message });
    return undefined;
  }

  /** A whole number from `min` to `max`, written in digits (no sign but `-`, no exponent, no fraction). */
  integer(name: string, opts: { min: number; max: number; default: number }): number;
  integer(name: string, opts: { min: number; max: number; default?: undefined; required?: boolean }): number | undefined;
  integer(name: string, opts: { min: number; max: number; default?: number; required?: boolean }): number | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return opts.required ? this.fault(name, 'Required', `${name} is required`) ?? opts.default : opts.default;
    const range = `from ${opts.min} to ${opts.max}`;
    if (!/^-?\d{1,16}$/.test(raw)) return this.fault(name, 'MustBeWholeNumber', `${name} must be a whole number ${range}`) ?? opts.default;
    const value = Number(raw);
    if (value < opts.min || value > opts.max) return this.fault(name, 'OutOfRange', `${name} must be a whole number ${range}`) ?? opts.default;
    return value;
  }

  /** Free text, trimmed, at most `maxLength` characters. */
  text(name: string, opts: { maxLength: number }): string | undefined {
    const raw = this.raw(name)?.trim();
    if (!raw) return undefined;
    if (raw.length > opts.maxLength) return this.fault(name, 'TooLong', `${name} must be at most ${opts.maxLength} characters`);
    return raw;
  }

  /** A calendar date YYYY-MM-DD (one that exists). */
  date(name: string): CalendarDate | undefined {
    const raw = this.raw(name)?.trim();
    if (!raw) return undefined;
    if (!isCalendarDate(raw)) return this.fault(name, 'CalendarDate', `${name} must be a date YYYY-MM-DD`);
    return raw;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (!allowed.includes(raw as T)) return this.fault(name, 'NotAllowedValue', `${name} must be one of: ${allowed.join(', ')}`);
    return raw as T;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    if (raw !== 'true' && raw !== 'false') return this.fault(name, 'MustBeBoolean', `${name} must be true or false`);
    return raw === 'true';
  }

  /** Adds a fault found by a rule that spans parameters. */
  reject(name: string, rule: string, message: string): void {
    this.fault(name, rule, message);
  }

  /** Throws the 400 naming every parameter at fault. */
  done(): void {
    if (this.faults.length) throw badRequest(this.faults);
  }
}

/** Pages of a list: `limit` 1–1000 (default 100), `offset` 0–1,000,000 (default 0). */
export const LIST_LIMIT = { min: 1, max: 1000, default: 100 } as const;
export const LIST_OFFSET = { min: 0, max: 1_000_000, default: 0 } as const;
