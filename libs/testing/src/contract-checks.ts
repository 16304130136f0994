import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The checks every published contract passes (STYLE §5, no personal details in events): a fixture
 * for every type, each valid; every object closed all the way down; an undeclared property refused
 * at every level; no property named for personal details or free text; no unbounded string.
 * `namesAllowed`: paths (by type) where a name is an institution's, never a person's.
 */
export function describeClosedContract(title: string, schemas: Record<string, object>, fixturesDir: string, namesAllowed: Record<string, string[]>) {
  const ajv = addFormats(new Ajv({ allErrors: true }));
  const validators: Record<string, ValidateFunction> = Object.fromEntries(Object.entries(schemas).map(([type, schema]) => [type, ajv.compile(schema)]));
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(fixturesDir, file), 'utf8')) as { type: string; data: Record<string, unknown> }) }));
  const types = Object.keys(schemas);
  const contractSchemas = schemas as Record<string, Schema>;
  const NAMES_ALLOWED = namesAllowed;

  describe(title, () => {
    it('has a fixture for every published type', () => {
      expect(fixtures.map((f) => f.type).sort()).toEqual([...types].sort());
    });

    it.each(fixtures.map((f) => [f.file, f] as const))('fixture %s satisfies its schema', (_file, fixture) => {
      const validate = validators[fixture.type];
      expect(validate(fixture.data) || validate.errors).toBe(true);
    });

    it.each(types)('%s: every object in the schema is closed', (type) => {
      expect(openObjects(contractSchemas[type])).toEqual([]);
    });

    it.each(fixtures.map((f) => [f.file, f] as const))('fixture %s with an undeclared property at any level is refused', (_file, fixture) => {
      const validate = validators[fixture.type];
      for (const at of objectPaths(fixture.data)) {
        expect({ at, valid: validate(withProperty(fixture.data, at, 'givenName', 'Amara')) }).toEqual({ at, valid: false });
        expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', instancePath: at, params: { additionalProperty: 'givenName' } }));
      }
    });

    it.each(types)('%s: the schema uses only keywords these checks understand', (type) => {
      expect(unknownKeywords(contractSchemas[type])).toEqual([]);
    });

    it.each(types)('%s: no property is named for personal details or free text', (type) => {
      expect(personalOrFreeTextProperties(contractSchemas[type], NAMES_ALLOWED[type] ?? [])).toEqual([]);
    });

    it.each(types)('%s: no string is free: each has a format, a pattern, a closed list or a length of at most 200', (type) => {
      expect(freeValues(contractSchemas[type])).toEqual([]);
    });

    it('every allowed name is a property that exists', () => {
      for (const [type, paths] of Object.entries(NAMES_ALLOWED)) {
        const declared = [...subschemas(contractSchemas[type])].map((n) => n.path);
        for (const path of paths) expect({ type, path, declared: declared.includes(path) }).toEqual({ type, path, declared: true });
      }
    });
  });
  return validators;
}

/*
 * Structural checks of a JSON Schema, so that a field holding a person's details or someone's words
 * cannot be added to a published event without one of these tests failing.
 */

type Schema = Record<string, unknown>;
interface Subschema { path: string; property: string | null; schema: Schema }

const SUBSCHEMA_LISTS = new Set(['anyOf', 'oneOf', 'allOf']);
const LEAF_KEYWORDS = new Set([
  '$id', 'description', 'type', 'required', 'additionalProperties', 'format', 'pattern', 'minLength', 'maxLength', 'minimum',
  'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'const', 'enum', 'minItems', 'maxItems', 'uniqueItems',
]);

/** Every subschema with the data path it describes (`namedSetting.name`); unions keep their parent's path. */
function* subschemas(schema: Schema, path = '', property: string | null = null): Generator<Subschema> {
  yield { path, property, schema };
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    yield* subschemas(sub, path ? `${path}.${name}` : name, name);
  }
  for (const key of SUBSCHEMA_LISTS) for (const sub of (schema[key] ?? []) as Schema[]) yield* subschemas(sub, path, property);
  if (isSchema(schema.items)) yield* subschemas(schema.items, `${path}[]`, null);
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const typesOf = (s: Schema): unknown[] => (Array.isArray(s.type) ? s.type : [s.type]);

// a keyword the walk does not follow ($ref, patternProperties, a schema as additionalProperties…) could hide a field from it
function unknownKeywords(schema: Schema): string[] {
  return [...subschemas(schema)].flatMap(({ path, schema: s }) => Object.keys(s)
    .filter((k) => !LEAF_KEYWORDS.has(k) && !SUBSCHEMA_LISTS.has(k) && k !== 'properties' && !(k === 'items' && isSchema(s.items)))
    .map((k) => `${path || '(root)'}: ${k}`));
}

function openObjects(schema: Schema): string[] {
  return [...subschemas(schema)]
    .filter(({ schema: s }) => typesOf(s).includes('object') || 'properties' in s)
    .filter(({ schema: s }) => s.additionalProperties !== false)
    .map(({ path }) => path || '(root)');
}

// the words of a property's name: givenName -> given, name; addressLine1 -> address, line
const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z]+/).filter(Boolean);
const PERSONAL_WORDS = new Set([
  'name', 'names', 'forename', 'forenames', 'surname', 'dob', 'birth', 'birthday', 'age', 'address', 'postcode', 'email', 'phone',
  'telephone', 'mobile', 'nhs', 'upn', 'uln', 'gender', 'sex', 'ethnicity', 'religion', 'nationality',
]);
const FREE_TEXT_WORDS = new Set([
  'text', 'note', 'notes', 'comment', 'comments', 'description', 'reasons', 'representations', 'narrative', 'summary', 'details',
  'message', 'body', 'content', 'remarks', 'views', 'wishes', 'feelings', 'aspirations',
]);
// compounds a name may spell without word breaks: postCode, dateofbirth, FULLNAME
const PERSONAL_COMPOUNDS = ['postcode', 'zipcode', 'dateofbirth', 'birthdate', 'address', 'email', 'phone', 'fullname', 'firstname', 'lastname', 'givenname', 'familyname'];

function personalOrFreeTextProperties(schema: Schema, allowed: string[]): string[] {
  return [...subschemas(schema)]
    .filter(({ path, property }) => property !== null && !allowed.includes(path))
    .filter(({ property }) => words(property!).some((w) => PERSONAL_WORDS.has(w) || FREE_TEXT_WORDS.has(w))
      || PERSONAL_COMPOUNDS.some((c) => property!.toLowerCase().includes(c)))
    .map(({ path }) => path);
}

// a string a caseworker could type a sentence into, or a schema that takes any value at all
function freeValues(schema: Schema): string[] {
  return [...subschemas(schema)].flatMap(({ path, schema: s }) => {
    const where = path || '(root)';
    // a union's branches are subschemas of their own, checked in turn
    if ('const' in s || 'enum' in s || [...SUBSCHEMA_LISTS].some((k) => k in s)) return [];
    if (s.type === undefined) return [`${where}: any value`];
    if (!typesOf(s).includes('string')) return [];
    const bounded = typeof s.format === 'string' || typeof s.pattern === 'string' || (typeof s.maxLength === 'number' && s.maxLength <= 200);
    return bounded ? [] : [`${where}: free string`];
  });
}

/** JSON-pointer paths of every object in a value, the root included ('' is the root). */
function objectPaths(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return [at, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, `${at}/${k}`))];
}

function withProperty<T>(data: T, at: string, name: string, value: unknown): T {
  const copy = structuredClone(data);
  const target = at.split('/').slice(1).reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, copy as Record<string, unknown>);
  target[name] = value;
  return copy;
}
