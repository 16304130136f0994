import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type { CalendarDate } from '@ehc/domain-kernel';
import { badRequest, bodyFaults, PROBLEM_BASE, ProblemException } from '@ehc/http';
import type { PendingDocument } from './side-tables';

/*
 * One schema per command. Each command's body is defined once, with TypeBox: that definition is the
 * TypeScript type its `build` receives, the validation (every field at fault named, with its rule,
 * in one 400), and the OpenAPI schema with its example. Controllers only translate HTTP.
 */

/** A Europe/London calendar date, as every effective date and statutory date is written. */
export const CalendarDateField = (description = 'a calendar date, YYYY-MM-DD (Europe/London)') =>
  Type.String({ format: 'date', description });

/** Text kept outside the events (reasons, representations, notes): bounded, erasable. */
export const FreeText = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, description });
/** One of a closed list of codes, typed as the list's union. */
export const OneOf = <T extends string>(values: readonly T[], description?: string) => Type.Unsafe<T>({ type: 'string', enum: [...values], description });

/** A setting by its URN (5–8 digits) or its name, or as `{ urn, name }`. */
export const SettingReferenceField = (description: string) => Type.Union([
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.Object({
    urn: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()])),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  }, {
    additionalProperties: false,
    // a setting needs its URN or its name: `{ "urn": null }` alone names nothing
    anyOf: [{ required: ['name'] }, { required: ['urn'], properties: { urn: { type: 'string' } } }],
  }),
], { description });
export type SettingReferenceInput = Static<ReturnType<typeof SettingReferenceField>>;

/** A URN names a setting by its register number; any other text is its name. */
export const settingReferenceOf = (value: SettingReferenceInput): { urn: string | null; name: string | null } => {
  if (typeof value === 'string') {
    const given = value.trim();
    return /^\d{5,8}$/.test(given) ? { urn: given, name: null } : { urn: null, name: given };
  }
  return { urn: value.urn ?? null, name: value.name ?? null };
};

/** What every command body carries besides its own fields. */
const commonFields = {
  on: CalendarDateField('the effective date: when it happened (Europe/London), not in the future'),
  expectedRevision: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'the last revision the caller saw; a later one is a 409' })),
};

export type CommandBody<P extends TProperties> = Static<TObject<P>> & { on: CalendarDate; expectedRevision?: number };

export interface CommandSpec<P extends TProperties, X, C> {
  summary: string;
  /** The command's own fields (`on` and `expectedRevision` are every command's). */
  fields: P;
  /** Extra JSON Schema keywords for the body as a whole, e.g. `dependencies` between fields. */
  bodyOptions?: Record<string, unknown>;
  example: Record<string, unknown>;
  /** Free text the command brings, kept outside its events; `build` is given their ids in this order. */
  documents?(body: CommandBody<P>): (PendingDocument | null)[];
  /**
   * Other names a field was once accepted under: old name -> the schema's name. Still accepted for
   * one release, with a `Deprecation` warning in the answer, then dropped.
   */
  deprecatedAliases?: Record<string, string>;
  build(body: CommandBody<P>, context: X, documentIds: (string | null)[]): C;
}

export interface CommandDefinition<X, C> {
  readonly name: string;
  readonly summary: string;
  /** The whole body's JSON Schema: validation and OpenAPI. */
  readonly schema: TSchema;
  readonly example: Record<string, unknown>;
  readonly deprecatedAliases: Readonly<Record<string, string>>;
  /** Validates a body (aliases renamed first) and builds the command from it; a fault is a 400 naming each field. */
  read(body: unknown): ReadCommand<X, C>;
}

export interface ReadCommand<X, C> {
  /** The body as validated (old field names renamed). */
  body: Record<string, unknown>;
  on: CalendarDate;
  expectedRevision: number | undefined;
  /** Old field names the caller used, to warn about. */
  deprecated: string[];
  /** Free text to keep outside the events, written with them (documentsToWrite). */
  documents: (PendingDocument | null)[];
  build(context: X, documentIds: (string | null)[]): C;
}

const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/**
 * A body reader for one schema: renames the deprecated field names (`a.b` for a nested one), then
 * validates; a fault is a 400 naming every field at fault. For bodies that are not commands on a
 * stream (e.g. recording a new request), and under every command.
 */
export function bodyReader<T>(schema: TSchema, deprecatedAliases: Record<string, string> = {}): (raw: unknown) => { value: T; deprecated: string[] } {
  const validate: ValidateFunction = ajv.compile(schema);
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest([{ field: 'body', rule: 'JsonObjectRequired', message: 'the request body must be a JSON object' }]);
    // the host refuses these before any route; a body read from elsewhere (a file, a test) meets them here
    const textFaults = bodyFaults(raw);
    if (textFaults.length) throw badRequest(textFaults);
    const { body, deprecated } = renamed(raw as Record<string, unknown>, deprecatedAliases);
    if (!validate(body)) throw badRequest(faults(validate.errors ?? []));
    return { value: body as T, deprecated };
  };
}

export function defineCommand<P extends TProperties, X, C>(name: string, spec: CommandSpec<P, X, C>): CommandDefinition<X, C> {
  const schema = Type.Object({ ...commonFields, ...spec.fields }, { ...spec.bodyOptions, additionalProperties: true, examples: [spec.example] });
  const aliases = spec.deprecatedAliases ?? {};
  const readBody = bodyReader<CommandBody<P>>(schema, aliases);
  return {
    name, summary: spec.summary, schema, example: spec.example, deprecatedAliases: aliases,
    read(raw: unknown) {
      const { value: valid, deprecated } = readBody(raw);
      return {
        body: valid as Record<string, unknown>, on: valid.on, expectedRevision: valid.expectedRevision, deprecated, documents: spec.documents?.(valid) ?? [],
        build: (context: X, documentIds: (string | null)[]) => spec.build(valid, context, documentIds),
      };
    },
  };
}

/** The command by its URL name, or a 404 listing the commands there are. */
export function commandNamed<D extends CommandDefinition<unknown, unknown>>(definitions: readonly D[], name: string): D {
  const found = definitions.find((d) => d.name === name);
  if (!found) throw new ProblemException({ type: PROBLEM_BASE + 'UnknownCommand', title: 'No such command', status: 404, detail: `Commands are: ${definitions.map((d) => d.name).join(', ')}` });
  return found;
}

/** The `Deprecation` warning (RFC 7234 Warning 299) for old field names a caller used. */
export const deprecationWarning = (deprecated: string[], aliases: Readonly<Record<string, string>>): string | null =>
  deprecated.length === 0 ? null : `299 - "deprecated field name(s): ${deprecated.map((old) => `${old} (use ${aliases[old]})`).join(', ')}; accepted until the next release"`;

function renamed(raw: Record<string, unknown>, aliases: Record<string, string>): { body: Record<string, unknown>; deprecated: string[] } {
  const body = structuredClone(raw);
  const deprecated: string[] = [];
  for (const [old, current] of Object.entries(aliases)) {
    // `child.firstName` -> `child.givenName`: the same object, another name
    const path = old.split('.');
    const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), body);
    if (!parent || typeof parent !== 'object' || Array.isArray(parent)) continue;
    const holder = parent as Record<string, unknown>;
    const from = path[path.length - 1];
    const to = current.split('.').pop()!;
    if (holder[from] === undefined) continue;
    if (holder[to] === undefined) holder[to] = holder[from];
    delete holder[from];
    deprecated.push(old);
  }
  return { body, deprecated };
}

type FieldError = { field: string; rule: string; message: string };

/** ajv's errors in the house words: the field's dotted path, the rule it breaks, a sentence. */
function faults(errors: ErrorObject[]): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  // a union's branches each report; the first fault on a field says enough
  for (const e of errors) {
    const path = e.instancePath.split('/').filter(Boolean).join('.');
    const field = e.keyword === 'required' ? [path, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.')
      : e.keyword === 'dependencies' ? [path, (e.params as { missingProperty: string }).missingProperty].filter(Boolean).join('.')
      : path || 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, ...ruleOf(e, field) });
  }
  return out;
}

function ruleOf(e: ErrorObject, field: string): { rule: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return { rule: 'Required', message: `${field} is required` };
    case 'dependencies': return { rule: 'Required', message: `${field} is required with ${String(p.property)}` };
    case 'format': return p.format === 'date'
      ? { rule: 'InvalidDate', message: `${field} must be a calendar date YYYY-MM-DD` }
      : { rule: 'InvalidFormat', message: `${field} must be a ${String(p.format)}` };
    case 'enum': return { rule: 'NotAllowedValue', message: `${field} must be one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'const': return { rule: 'NotAllowedValue', message: `${field} must be ${String(p.allowedValue)}` };
    case 'anyOf': return { rule: 'NotAllowedValue', message: `${field} is not one of the accepted forms` };
    case 'minLength': return { rule: 'Required', message: `${field} must not be blank` };
    case 'maxLength': return { rule: 'TooLong', message: `${field} must be at most ${String(p.limit)} characters` };
    case 'minItems':
    case 'maxItems': return { rule: 'WrongNumberOfItems', message: `${field} must have ${String(p.limit)} item(s)` };
    case 'minimum':
    case 'maximum': return { rule: 'OutOfRange', message: `${field} must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}` };
    case 'additionalProperties': return { rule: 'UnknownField', message: `${field}.${String(p.additionalProperty)} is not a field here` };
    case 'type': {
      const type = String(p.type);
      const rule = type === 'integer' ? 'MustBeWholeNumber' : `MustBe${type.charAt(0).toUpperCase()}${type.slice(1)}`;
      return { rule, message: `${field} must be ${type === 'integer' ? 'a whole number' : type === 'boolean' ? 'true or false' : `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`}` };
    }
    default: return { rule: 'Invalid', message: `${field} ${e.message ?? 'is not valid'}` };
  }
}

/**
 * OpenAPI operations for a family of commands sent to one path (`/things/{id}/{command}`): one
 * operation and one body schema per command, each with its example and every 4xx documented.
 */
export function commandOperations(
  pathOf: (name: string) => string,
  idParameter: { name: string; description: string },
  definitions: readonly CommandDefinition<unknown, unknown>[],
  options: { tag: string; answer: string; refusals: { 404: string; 409: string; 422: string } },
): Record<string, unknown> {
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } });
  const paths: Record<string, unknown> = {};
  for (const d of definitions) {
    const aliases = Object.entries(d.deprecatedAliases);
    paths[pathOf(d.name)] = {
      post: {
        operationId: `${options.tag}.${d.name}`,
        summary: d.summary,
        description: aliases.length ? `Deprecated field names still accepted for one release: ${aliases.map(([o, n]) => `\`${o}\` (use \`${n}\`)`).join(', ')}.` : undefined,
        tags: [options.tag],
        parameters: [{ name: idParameter.name, in: 'path', required: true, description: idParameter.description, schema: { type: 'string', format: 'uuid' } }],
        requestBody: { required: true, content: { 'application/json': { schema: d.schema, example: d.example } } },
        responses: {
          200: { description: options.answer },
          202: { description: 'Recorded, but the view has not caught up with the command within a few seconds (the views can be held back by a long transaction): '
            + 'the body gives the `revision` and `position` the command got; read the `Location` header\'s URL after `Retry-After` seconds.' },
          400: problem('Malformed: the problem names each field at fault and the rule it breaks (`errors`)'),
          404: problem(options.refusals[404]),
          409: problem(options.refusals[409]),
          413: problem('The body is larger than a command may be'),
          415: problem('UnsupportedMediaType: a command body is application/json (a form is refused)'),
          422: problem(options.refusals[422]),
        },
      },
    };
  }
  return paths;
}

/** RFC 9457 problem details as every service answers a refusal: `errors` names each field at fault. */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['field', 'rule', 'message'], properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
  },
};
