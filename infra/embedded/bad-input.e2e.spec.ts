import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ehc/domain-kernel';
import { routesOf, startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens, dropSchemasWithPrefix } from '@ehc/testing';
import { allServices } from './main';

/*
 * Issue 18: every bad input is a 4xx problem that names the field and the rule, echoes no database
 * text and appends nothing. The cases are generated from the OpenAPI document of all five services,
 * path by path and method by method, so a route added without the rules fails here.
 */

type Schema = Record<string, unknown> & { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; enum?: unknown[] };
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema; example?: unknown }> };
  responses: Record<string, unknown>;
}
interface Case { label: string; send(): request.Test; field?: string; rules?: string[]; status?: number }

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const PLANS_HEADER = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';
/** Small, so that a body just over it is quick to send; the JSON limit is 256 KiB. */
const IMPORT_MAX_BYTES = 64 * 1024;
const TOO_LARGE = 256 * 1024 + 1;
/** What a database error says; no answer may say it. */
const DATABASE_WORDS = /\brelation\b|violates|syntax error at|pg_|QueryFailed|invalid byte sequence|out of range for type|Unicode escape|duplicate key|column "|SQLSTATE/i;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('every bad input is a 4xx problem, nothing appended, nothing echoed (issue 18)', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const previousLimit = process.env.IMPORT_MAX_BYTES;
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  let document: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>; components?: { schemas?: Record<string, Schema> } };
  const ids: Record<string, string> = { messageId: '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', urn: '120345', fy: '2026-27', letterId: 'letter-1', teamId: 'north', subject: 'cw-ayesha', kind: 'child', target: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b' };
  const api = () => hub;

  /**
   * Every event stored by every service, committed or not yet readable, and every row beside them
   * (people, documents): a refused request leaves no person without a case.
   */
  const storedEvents = async () => {
    let n = 0;
    for (const r of host.runtimes) {
      for (const table of ['es_events', 'people', 'case_documents']) {
        const { rows: [{ exists }] } = await r.pool.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [`"${r.schema}".${table}`]);
        if (exists) n += (await r.pool.query(`SELECT count(*)::int AS n FROM "${r.schema}".${table}`)).rows[0].n as number;
      }
    }
    return n;
  };

  beforeAll(async () => {
    // the HTTP app reads the import limit from the process environment once, as it starts
    process.env.IMPORT_MAX_BYTES = String(IMPORT_MAX_BYTES);
    tokens = await testAccessTokens(clock);
    host = await startEmbedded(allServices, {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent', IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES),
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
    await api().post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
    const created = (await api().post('/needs-assessments').send({
      child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker: 'cw-ayesha',
    }).expect(201)).body;
    ids.id = created.id;
    ids.personId = created.child.id;
    await api().post(`/needs-assessments/${ids.id}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200);
    const reference = `BAD-${prefix}`;
    ids.importId = (await api().post('/annual-reviews/import').set('content-type', 'text/csv')
      .send(`${PLANS_HEADER}\n${reference},Leo,Marsh,2015-10-02,2025-05-20,,120345,cw-ben\n`).expect(200)).body.importId;
    ids.planId = (await api().get('/annual-reviews').query({ q: reference }).expect(200)).body.items[0].planId;
    ids.decisionId = (await api().post('/appeal-windows').send({ source: { service: 'before-the-hub', id: `LEG-${prefix}` }, decisionType: 'refusal-to-assess', letterOn: '2026-02-02' }).expect(201)).body.id;
    document = (await api().get('/docs/json').expect(200)).body;
  });

  afterAll(async () => {
    await host?.stop();
    if (previousLimit === undefined) delete process.env.IMPORT_MAX_BYTES;
    else process.env.IMPORT_MAX_BYTES = previousLimit;
    await dropSchemasWithPrefix(prefix);
  });

  const resolve = (schema: Schema | undefined): Schema | undefined => {
    if (!schema?.$ref) return schema;
    return document.components?.schemas?.[schema.$ref.split('/').pop()!];
  };

  /** The path of every string a body of this schema can hold (through objects, arrays and unions). */
  const stringPaths = (given: Schema | undefined, path: (string | number)[] = [], depth = 0): (string | number)[][] => {
    const schema = resolve(given);
    if (!schema || depth > 6) return [];
    const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
    const found: (string | number)[][] = [];
    if (schema.type === 'string' || (schema.enum && typeof schema.enum[0] === 'string')) found.push(path);
    for (const [key, property] of Object.entries(schema.properties ?? {})) found.push(...stringPaths(property, [...path, key], depth + 1));
    if (schema.items) found.push(...stringPaths(schema.items, [...path, 0], depth + 1));
    for (const branch of branches) found.push(...stringPaths(branch, path, depth + 1));
    const seen = new Set<string>();
    return found.filter((p) => !seen.has(JSON.stringify(p)) && !!seen.add(JSON.stringify(p)));
  };

  /** The field as a problem names it: `child.givenName`, `events[0].title`. */
  const fieldName = (path: (string | number)[]) =>
    path.reduce<string>((name, key) => (typeof key === 'number' ? `${name || 'body'}[${key}]` : name ? `${name}.${key}` : key), '') || 'body';

  /** The example body with `value` at `path`, building what is missing on the way (a union's string becomes its object form). */
  const withValueAt = (example: unknown, path: (string | number)[], value: unknown): unknown => {
    if (path.length === 0) return value;
    const [key, ...rest] = path;
    const base = typeof key === 'number'
      ? (Array.isArray(example) ? [...example] : [])
      : (example && typeof example === 'object' && !Array.isArray(example) ? { ...(example as Record<string, unknown>) } : {});
    (base as Record<string | number, unknown>)[key] = withValueAt((base as Record<string | number, unknown>)[key], rest, value);
    return base;
  };

  const urlOf = (path: string, nulAt?: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === nulAt) return 'x%00y';
    if (!(name in ids)) throw new Error(`no test value for the path parameter {${name}} of ${path}: add one to ids`);
    return ids[name];
  });

  const call = (method: string, url: string) => (api() as unknown as Record<string, (url: string) => request.Test>)[method](url);

  /** The bad inputs that apply to one operation. */
  function casesOf(path: string, method: string, op: Operation): Case[] {
    const url = urlOf(path);
    const cases: Case[] = [];
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    if (pathParameters.length) cases.push({ label: `NUL in {${pathParameters[0]}}`, send: () => call(method, urlOf(path, pathParameters[0])), field: 'path', rules: ['NulCharacter'] });
    for (const p of (op.parameters ?? []).filter((q) => q.in === 'query')) {
      const q = (value: string) => `${url}?${encodeURIComponent(p.name)}=${value}`;
      cases.push({ label: `${p.name} given twice`, send: () => call(method, `${q('a')}&${encodeURIComponent(p.name)}=b`), field: p.name, rules: ['RepeatedParameter'] });
      cases.push({ label: `NUL in ${p.name}`, send: () => call(method, q('a%00b')), field: p.name, rules: ['NulCharacter'] });
      const type = resolve(p.schema)?.type;
      if (type === 'number' || type === 'integer') {
        for (const bad of ['-1', '1.5', '1e20', '100000000000000000000', 'ten']) {
          cases.push({ label: `${p.name}=${bad}`, send: () => call(method, q(bad)), field: p.name });
        }
      }
    }
    if (method === 'get') return cases;

    cases.push({ label: 'a form body', status: 415, send: () => call(method, url).type('form').send('a=1&b=2'), field: 'content-type', rules: ['UnsupportedMediaType'] });
    cases.push({ label: 'a multipart form', status: 415, send: () => call(method, url).field('a', '1'), field: 'content-type', rules: ['UnsupportedMediaType'] });
    cases.push({ label: 'a body too large', status: 413, send: () => call(method, url).set('content-type', 'application/json').send(`{"a":"${'x'.repeat(TOO_LARGE)}"}`), rules: ['PayloadTooLarge'] });
    cases.push({ label: 'malformed JSON', send: () => call(method, url).set('content-type', 'application/json').send('{"on": '), field: 'body', rules: ['MalformedJson'] });
    const content = op.requestBody?.content ?? {};
    if (content['text/csv']) {
      cases.push({ label: 'a CSV too large', status: 413, send: () => call(method, url).set('content-type', 'text/csv').send('a'.repeat(IMPORT_MAX_BYTES + 1)), rules: ['PayloadTooLarge'] });
      cases.push({ label: 'NUL in the CSV', send: () => call(method, url).set('content-type', 'text/csv').send(`${PLANS_HEADER}\nREF-1,Ki\u0000t,Moss,2015-01-01,2025-02-01,,120345,cw\n`), field: 'body', rules: ['NulCharacter'] });
      // in the header row itself, so that it is the first fault of any layout
      cases.push({ label: 'an unclosed quote in the CSV', send: () => call(method, url).set('content-type', 'text/csv').send(`"${PLANS_HEADER}\nREF-1,Kit,Moss,2015-01-01,2025-02-01,,120345,cw\n`), field: 'body', rules: ['QuoteNotClosed'] });
    }
    const json = content['application/json'];
    const schema = resolve(json?.schema);
    if (json && schema?.type === 'object') {
      const example = json.example ?? (schema.examples as unknown[] | undefined)?.[0] ?? (schema.example as unknown) ?? {};
      for (const at of stringPaths(schema)) {
        cases.push({ label: `NUL in ${fieldName(at)}`, send: () => call(method, url).send(withValueAt(example, at, 'Am\u0000ara') as object), field: fieldName(at), rules: ['NulCharacter'] });
        // JSON.stringify writes a lone surrogate as the escape \ud800, as a hostile client would
        cases.push({ label: `a lone surrogate in ${fieldName(at)}`, send: () => call(method, url).set('content-type', 'application/json').send(JSON.stringify(withValueAt(example, at, 'Am\ud800ara'))), field: fieldName(at), rules: ['LoneSurrogate'] });
      }
      if (schema.properties?.expectedRevision) {
        cases.push({ label: 'expectedRevision 1e20', send: () => call(method, url).set('content-type', 'application/json').send(JSON.stringify({ ...(example as object), expectedRevision: 1e20 })), field: 'expectedRevision' });
        cases.push({ label: 'expectedRevision -1', send: () => call(method, url).send({ ...(example as object), expectedRevision: -1 }), field: 'expectedRevision' });
      }
    }
    return cases;
  }

  it('documents routes of all five services, and every route it serves is documented or a command family', () => {
    const documented = Object.keys(document.paths);
    expect(documented).toEqual(expect.arrayContaining(['/needs-assessments', '/needs-assessments/{id}/decide-to-assess', '/annual-reviews/import', '/settings/import', '/calendar/bank-holidays']));
    const asOpenApi = (p: string) => p.replace(/:(\w+)/g, '{$1}');
    const undocumented = routesOf(host.app).map((r) => `${r.method} ${asOpenApi(r.path)}`)
      .filter((r) => !/\{command\}$/.test(r))
      // a service's public pages (a survey link's) are pages, not API operations: the README documents them
      .filter((r) => !allServices.some((service) => service.pages?.matches(r.split(' ')[1].replace(/\{\w+\}/g, 'x'))))
      .filter((r) => { const [method, path] = r.split(' '); return !document.paths[path]?.[method.toLowerCase() as 'get']; });
    expect(undocumented).toEqual([]);
  });

  it('answers every bad input to every documented operation with a 4xx problem naming the field, and appends nothing', async () => {
    const failures: string[] = [];
    let tried = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        for (const c of casesOf(path, method, op)) {
          tried++;
          const before = await storedEvents();
          const res = await c.send();
          const after = await storedEvents();
          const where = `${method.toUpperCase()} ${path}: ${c.label}`;
          const errors = (res.body?.errors ?? []) as { field: string; rule: string }[];
          if (res.status < 400 || res.status >= 500) failures.push(`${where} -> ${res.status} ${res.text.slice(0, 200)}`);
          else if (c.status && res.status !== c.status) failures.push(`${where} -> ${res.status}, not ${c.status}`);
          else if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) failures.push(`${where} -> not a problem document (${res.headers['content-type']})`);
          else if (c.field && !errors.some((e) => e.field === c.field && (!c.rules || c.rules.includes(e.rule)))) failures.push(`${where} -> does not name ${c.field}${c.rules ? ` (${c.rules.join('|')})` : ''}: ${JSON.stringify(errors).slice(0, 200)}`);
          if (DATABASE_WORDS.test(res.text)) failures.push(`${where} -> echoes the database: ${res.text.slice(0, 200)}`);
          if (after !== before) failures.push(`${where} -> appended ${after - before} event(s)`);
        }
      }
    }
    expect(failures).toEqual([]);
    // a floor, so an empty document or a broken walk cannot pass quietly
    expect(tried).toBeGreaterThan(400);
  }, 300_000);

  it('refuses a settings row whose age the database could not hold, naming the column, and never echoes the database', async () => {
    const header = 'URN,EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),StatutoryLowAge,StatutoryHighAge';
    const res = await api().post('/settings/import').set('content-type', 'text/csv')
      .send(`${header}\n199001,Big Age School,Academy converter,Primary,99999999999,11\n199002,Small School,Academy converter,Primary,4,11\n`).expect(200);
    expect(res.body).toEqual({ importId: expect.any(String), rowsTaken: 1, rowsRefused: [{ row: 1, reason: 'StatutoryLowAge "99999999999" is not an age from 0 to 99' }] });
    expect(res.text).not.toMatch(DATABASE_WORDS);
  });

  it('refuses a date earlier than it can plausibly be, naming the field and the rule, and appends nothing', async () => {
    const before = await storedEvents();
    const request = (receivedOn: string, dateOfBirth: string) => api().post('/needs-assessments')
      .send({ child: { givenName: 'Kit', familyName: 'Moss', dateOfBirth }, requestedBy: 'parent', receivedOn });
    expect((await request('1800-01-05', '2019-03-14').expect(422)).body.errors).toEqual([expect.objectContaining({ field: 'receivedOn', rule: 'DateBeforeEarliestCaseDate' })]);
    expect((await request('2026-01-05', '1800-03-14').expect(422)).body.errors).toEqual([expect.objectContaining({ field: 'child.dateOfBirth', rule: 'TooOldAtRequest' })]);
    const report = (await api().post('/annual-reviews/import').set('content-type', 'text/csv')
      .send(`${PLANS_HEADER}\nOLD-${prefix},Kit,Moss,1790-01-01,1800-05-20,,120345,cw-ben\n`).expect(200)).body;
    expect(report.rowsRefused).toEqual([expect.objectContaining({ row: 1, reason: expect.stringMatching(/^bad date: plan_issued_on 1800-05-20 is before 2014-09-01/) })]);
    expect(await storedEvents()).toBe(before);
  });

  it("prints a child's name holding a right-to-left override without it, isolated in the letter", async () => {
    const created = (await api().post('/needs-assessments').send({
      child: { givenName: 'Amara\u202E', familyName: 'rofakO' }, requestedBy: 'parent', receivedOn: '2026-01-05',
    }).expect(201)).body;
    const decided = (await api().post(`/needs-assessments/${created.id}/decide-to-assess`).send({ on: '2026-02-16' }).expect(200)).body;
    const letter = await api().get(decided.letters[0].href).expect(200);
    expect(letter.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(letter.text).toContain('<bdi>Amara rofakO</bdi>');
  });

  it('answers a second erasure as the first, saying it was already done, and appends nothing', async () => {
    const first = (await api().post(`/needs-assessments/${ids.id}/erase-personal-data`).expect(200)).body;
    expect(first).toEqual({ erased: true, alreadyErased: false, personId: ids.personId });
    const before = await storedEvents();
    const second = (await api().post(`/needs-assessments/${ids.id}/erase-personal-data`).expect(200)).body;
    expect(second).toEqual({ erased: true, alreadyErased: true, personId: ids.personId });
    expect(await storedEvents()).toBe(before);

    expect((await api().post(`/annual-reviews/${ids.planId}/erase-personal-data`).expect(200)).body).toMatchObject({ erased: true, alreadyErased: false });
    expect((await api().post(`/annual-reviews/${ids.planId}/erase-personal-data`).expect(200)).body).toMatchObject({ erased: true, alreadyErased: true });
    expect(await storedEvents()).toBe(before);
  });

  it('documents the 400 and the 415 on every operation that takes a body', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op?.requestBody) continue;
        expect([path, method, Object.keys(op.responses)]).toEqual([path, method, expect.arrayContaining(['400', '415'])]);
      }
    }
  });
});
