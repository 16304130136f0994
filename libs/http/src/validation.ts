import { isCalendarDate, isUuid, type CalendarDate } from '@ehc/domain-kernel';
import { PROBLEM_BASE, ProblemException } from './problem';
import { LIST_LIMIT, LIST_OFFSET, type QueryReader } from './input-rules';

type FieldError = { field: string; rule: string; message: string };

/**
 * Reads a request body field by field, collecting every fault, so one 400 names all the fields at
 * fault and the rule each breaks. Nothing is appended when any field is wrong.
 */
export class BodyReader {
  private readonly errors: FieldError[] = [];
  private readonly body: Record<string, unknown>;

  constructor(body: unknown) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      this.errors.push({ field: 'body', rule: 'JsonObjectRequired', message: 'the request body must be a JSON object' });
      this.body = {};
    } else {
      this.body = body as Record<string, unknown>;
    }
  }

  private fault(field: string, rule: string, message: string): undefined {
    this.errors.push({ field, rule, message });
    return undefined;
  }

  private present(field: string, required: boolean): unknown {
    const value = this.body[field];
    if (value === undefined || value === null || value === '') {
      if (required) this.fault(field, 'Required', `${field} is required`);
      return undefined;
    }
    return value;
  }

  string(field: string, opts: { required?: boolean; maxLength?: number } = {}): string | undefined {
    const value = this.present(field, opts.required ?? true);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') return this.fault(field, 'MustBeString', `${field} must be a string`);
    if (value.trim() === '') return this.fault(field, 'Required', `${field} must not be blank`);
    if (opts.maxLength && value.length > opts.maxLength) return this.fault(field, 'TooLong', `${field} must be at most ${opts.maxLength} characters`);
    return value.trim();
  }

  date(field: string, opts: { required?: boolean; notAfter?: CalendarDate; notAfterRule?: string } = {}): CalendarDate | undefined {
    const value = this.present(field, opts.required ?? true);
    if (value === undefined) return undefined;
    if (!isCalendarDate(value)) return this.fault(field, 'InvalidDate', `${field} must be a calendar date YYYY-MM-DD`);
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], opts: { required?: boolean; alias?: T } = {}): T | undefined {
    const value = this.present(field, opts.required ?? true);
    if (value === undefined) return undefined;
    if (opts.alias) return opts.alias;
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      return this.fault(field, 'NotAllowedValue', `${field} must be one of: ${allowed.join(', ')}`);
    }
    return value as T;
  }

  boolean(field: string, opts: { required?: boolean } = {}): boolean | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) {
      if (opts.required ?? true) this.fault(field, 'Required', `${field} is required`);
      return undefined;
    }
    if (typeof value !== 'boolean') return this.fault(field, 'MustBeBoolean', `${field} must be true or false`);
    return value;
  }

  /** The first of several accepted names for a field that the body uses (else the first name). */
  field(...names: string[]): string {
    return names.find((n) => this.body[n] !== undefined && this.body[n] !== null) ?? names[0];
  }

  /** The raw value, for fields with more than one accepted shape. */
  raw(field: string): unknown {
    return this.body[field];
  }

  uuid(field: string, opts: { required?: boolean } = {}): string | undefined {
    const value = this.present(field, opts.required ?? true);
    if (value === undefined) return undefined;
    if (!isUuid(value)) return this.fault(field, 'InvalidUuid', `${field} must be a UUID`);
    return value.toLowerCase();
  }

  object(field: string, opts: { required?: boolean } = {}): BodyReader | undefined {
    const value = this.present(field, opts.required ?? true);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return this.fault(field, 'MustBeObject', `${field} must be an object`);
    return new BodyReader(value).nestedIn(field, this);
  }

  private parent?: { prefix: string; reader: BodyReader };
  private nestedIn(prefix: string, reader: BodyReader): BodyReader {
    this.parent = { prefix, reader };
    return this;
  }

  /** Adds a fault found by a rule that spans fields (e.g. a date in the future). */
  reject(field: string, rule: string, message: string): void {
    this.fault(field, rule, message);
  }

  /** Throws the 400 naming every field at fault; a nested reader reports into its parent. */
  done(): void {
    if (this.parent) {
      for (const e of this.errors) {
        const field = e.field === 'body' ? this.parent.prefix : `${this.parent.prefix}.${e.field}`;
        this.parent.reader.errors.push({ ...e, field, message: e.message.replace(e.field, field) });
      }
      this.errors.length = 0;
      return;
    }
    if (this.errors.length === 0) return;
    const first = this.errors[0];
    throw new ProblemException({
      type: PROBLEM_BASE + first.rule,
      title: 'The request is not valid',
      status: 400,
      detail: this.errors.map((e) => e.message).join('; '),
      errors: this.errors,
    });
  }
}

export interface ListFilters {
  /** Deadlines falling from today to today + this many days. */
  dueWithinDays?: number;
  overdue?: boolean;
  limit: number;
  offset: number;
}

/** The query parameters every caseload list shares: `due-within-days`, `overdue`, `limit`, `offset`. */
export function listFilters(q: QueryReader): ListFilters {
  return {
    dueWithinDays: q.integer('due-within-days', { min: 0, max: 3660 }),
    overdue: q.boolean('overdue'),
    limit: q.integer('limit', LIST_LIMIT),
    offset: q.integer('offset', LIST_OFFSET),
  };
}

/**
 * The start every command endpoint shares: the command by its URL name (404 if unknown), its
 * effective date `on` (or the first of `onFields` the body uses), and an optional
 * `expectedRevision` for optimistic concurrency. The caller reads its own fields, then `done()`.
 */
export function readCommandBody<P>(commands: Record<string, P>, name: string, body: unknown, onFields: string[] = ['on']) {
  const parser = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (parser === undefined) throw new ProblemException({ type: PROBLEM_BASE + 'UnknownCommand', title: 'No such command', status: 404, detail: `Commands are: ${Object.keys(commands).join(', ')}` });
  const input = new BodyReader(body);
  const on = input.date(input.field(...onFields));
  const expected = input.raw('expectedRevision');
  if (expected !== undefined && (!Number.isSafeInteger(expected) || (expected as number) < 0)) input.reject('expectedRevision', 'MustBeWholeNumber', `expectedRevision must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  return { parser, input, on, expectedRevision: expected as number | undefined };
}
