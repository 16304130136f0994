import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { addWorkingDays, fixedClock, isBankHoliday, useProclaimedBankHolidays } from '@ehc/domain-kernel';
import { ConfigError } from '@ehc/config';
import { startEmbedded, type RunningHost, type ServiceDefinition } from './service-host';
import { CALLERS, createTestSchema, testAccessTokens, type TestAccessTokens, type TestCaller, type TestSchema } from '@ehc/testing';

const FIXTURE = join(__dirname, 'fixtures/bank-holidays-2027-2028.json');
const published = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const RECORDED_AT = '2026-03-02T10:00:00.000Z';

@Module({})
class NoRoutes {}

/** A host with no service routes of its own: what is left is the platform's (health, calendar). */
const platformOnly = (schema: string): ServiceDefinition => ({ name: 'calendar', schema, defaultPort: 0, entities: [], module: () => ({ module: NoRoutes }) });

let tokens: TestAccessTokens;
beforeAll(async () => { tokens = await testAccessTokens(fixedClock(RECORDED_AT)); });
const start = (schema: TestSchema, env: Record<string, string> = {}) =>
  startEmbedded([platformOnly(schema.schema)], { DATABASE_URL: process.env.DATABASE_URL, PORT: '0', LOG_LEVEL: 'silent', ...env }, { clock: fixedClock(RECORDED_AT), accessTokens: tokens.verifier });
const administrator = (sub: string): TestCaller => ({ sub, roles: ['administrator'] });
/** The calendar as a caller sees it: read by any staff role, changed by an administrator. */
const as = (host: RunningHost, caller: TestCaller = CALLERS.caseworker) => tokens.as(host.url, caller);

/** Every row of both tables with its xmin, so a write that changes nothing still shows. */
const rows = async (schema: TestSchema) => ({
  proclamations: (await schema.pool.query(`SELECT xmin::text, date::text, name, kind, recorded_at, recorded_by, source FROM "${schema.schema}".bank_holiday_proclamations ORDER BY date, kind`)).rows,
  years: (await schema.pool.query(`SELECT xmin::text, year, confirmed_at, confirmed_by, source FROM "${schema.schema}".bank_holiday_confirmed_years ORDER BY year`)).rows,
});

const warning = (year: number, through: number) =>
  `Working days have been computed for ${year}, beyond ${through}, the last year whose bank holidays were confirmed: `
  + 'import the published list (POST /calendar/bank-holidays/import) so a new proclamation cannot move a deadline unseen.';

/** The rule's 2029 list with one proclaimed extra day, as the published list would carry it. */
const published2029 = {
  'england-and-wales': {
    division: 'england-and-wales',
    events: [
      ['2029-01-01', 'New Year’s Day'], ['2029-03-30', 'Good Friday'], ['2029-04-02', 'Easter Monday'],
      ['2029-05-07', 'Early May bank holiday'], ['2029-05-28', 'Spring bank holiday'], ['2029-06-01', 'Bank holiday for a royal occasion'],
      ['2029-08-27', 'Summer bank holiday'], ['2029-12-25', 'Christmas Day'], ['2029-12-26', 'Boxing Day'],
    ].map(([date, title]) => ({ title, date, notes: '', bunting: true })),
  },
};

const resetKernelCalendar = () => useProclaimedBankHolidays({ proclamations: [], confirmedThrough: null });

describe('the bank-holiday calendar over HTTP', () => {
  let schema: TestSchema;
  let host: RunningHost;
  let ann: Awaited<ReturnType<typeof as>>;
  const api = () => ann;

  beforeAll(async () => {
    schema = await createTestSchema('calendar');
    host = await start(schema);
    ann = await as(host, administrator('admin-ann'));
  });
  afterAll(async () => {
    await host?.stop();
    resetKernelCalendar();
    await schema?.drop();
  });

  it('warns in /health once a working day is counted in a year beyond the confirmed one, and stays ready', async () => {
    let health = (await api().get('/health').expect(200)).body;
    expect(health.checks.calendar).toEqual({ confirmedThrough: 2027, latestYearComputedBeyondConfirmed: null, warning: null });
    expect(health.warnings).toEqual([]);

    // by rule, Mon 1 May 2028 is the early May bank holiday
    expect(addWorkingDays('2028-04-28', 1)).toBe('2028-05-02');

    health = (await api().get('/health').expect(200)).body;
    expect(health).toMatchObject({ status: 'ok', ready: true });
    expect(health.checks.calendar).toEqual({ confirmedThrough: 2027, latestYearComputedBeyondConfirmed: 2028, warning: warning(2028, 2027) });
    expect(health.warnings).toEqual([warning(2028, 2027)]);
  });

  it('imports the published list: a moved and an extra day become 2028’s proclamations, and working days follow them', async () => {
    const report = (await api().post('/calendar/bank-holidays/import').send(published).expect(200)).body;
    expect(report).toEqual({
      yearsConfirmed: [2027, 2028],
      confirmedThrough: 2028,
      proclamations: [
        { date: '2028-05-05', name: 'Early May bank holiday (moved: fictional proclamation, test fixture)', kind: 'extra' },
        { date: '2028-05-30', name: 'Extra bank holiday (fictional proclamation, test fixture)', kind: 'extra' },
        { date: '2028-05-01', name: 'Early May bank holiday', kind: 'cancelled' },
      ],
    });

    const year = (await api().get('/calendar/bank-holidays').query({ year: 2028 }).expect(200)).body;
    expect(year).toEqual({
      year: 2028, confirmed: true, confirmedThrough: 2028,
      holidays: [
        { date: '2028-01-03', name: 'New Year’s Day (substitute day)' },
        { date: '2028-04-14', name: 'Good Friday' },
        { date: '2028-04-17', name: 'Easter Monday' },
        { date: '2028-05-05', name: 'Early May bank holiday (moved: fictional proclamation, test fixture)' },
        { date: '2028-05-29', name: 'Spring bank holiday' },
        { date: '2028-05-30', name: 'Extra bank holiday (fictional proclamation, test fixture)' },
        { date: '2028-08-28', name: 'Summer bank holiday' },
        { date: '2028-12-25', name: 'Christmas Day' },
        { date: '2028-12-26', name: 'Boxing Day' },
      ],
    });

    // "within n working days of": Mon 1 May is a working day now, Fri 5 May and Tue 30 May are not
    expect(addWorkingDays('2028-04-28', 1)).toBe('2028-05-01');
    expect(addWorkingDays('2028-05-04', 1)).toBe('2028-05-08');
    expect(addWorkingDays('2028-05-26', 1)).toBe('2028-05-31');

    const stored = await rows(schema);
    expect(stored.proclamations.map(({ xmin: _, ...r }) => r)).toEqual([
      { date: '2028-05-01', name: 'Early May bank holiday', kind: 'cancelled', recorded_at: new Date(RECORDED_AT), recorded_by: 'admin-ann', source: 'published list (POST /calendar/bank-holidays/import)' },
      { date: '2028-05-05', name: 'Early May bank holiday (moved: fictional proclamation, test fixture)', kind: 'extra', recorded_at: new Date(RECORDED_AT), recorded_by: 'admin-ann', source: 'published list (POST /calendar/bank-holidays/import)' },
      { date: '2028-05-30', name: 'Extra bank holiday (fictional proclamation, test fixture)', kind: 'extra', recorded_at: new Date(RECORDED_AT), recorded_by: 'admin-ann', source: 'published list (POST /calendar/bank-holidays/import)' },
    ]);
    expect(stored.years.map((r) => [r.year, r.confirmed_by])).toEqual([[2027, 'admin-ann'], [2028, 'admin-ann']]);

    // 2028 is confirmed now: the warning about it has gone
    const health = (await api().get('/health').expect(200)).body;
    expect(health.checks.calendar).toEqual({ confirmedThrough: 2028, latestYearComputedBeyondConfirmed: null, warning: null });
    expect(health.warnings).toEqual([]);
  });

  it('changes nothing when the same list is imported again', async () => {
    const before = await rows(schema);
    const again = (await (await as(host, administrator('admin-bob'))).post('/calendar/bank-holidays/import').send(published).expect(200)).body;
    expect(again).toMatchObject({ yearsConfirmed: [2027, 2028], confirmedThrough: 2028 });
    expect(again.proclamations).toHaveLength(3);
    expect(await rows(schema)).toEqual(before);
  });

  it('names the field at fault in a 400, and refuses a truncated year with a 422, changing nothing', async () => {
    const before = await rows(schema);
    const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

    let res = await api().post('/calendar/bank-holidays/import').send({ scotland: published.scotland }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, type: expect.stringMatching(/\/Required$/) });
    expect(fields(res.body)).toEqual(['england-and-wales']);

    const events = published['england-and-wales'].events.map((e: object) => ({ ...e }));
    events[1].title = ' ';
    events[3].date = '2027-02-30';
    delete events[5].date;
    res = await api().post('/calendar/bank-holidays/import').send({ 'england-and-wales': { division: 'england-and-wales', events } }).expect(400);
    expect(fields(res.body)).toEqual(['england-and-wales.events[1].title', 'england-and-wales.events[3].date', 'england-and-wales.events[5].date']);
    expect(res.body.errors[1]).toMatchObject({ rule: 'InvalidDate' });

    res = await api().post('/calendar/bank-holidays/import').send({ 'england-and-wales': { events: 'none' } }).expect(400);
    expect(fields(res.body)).toEqual(['england-and-wales.events']);
    res = await api().post('/calendar/bank-holidays/import').send([]).expect(400);
    expect(fields(res.body)).toEqual(['body']);

    // only two days of 2030 listed: the other six would silently become working days
    res = await api().post('/calendar/bank-holidays/import')
      .send({ 'england-and-wales': { events: [{ title: 'New Year’s Day', date: '2030-01-01' }, { title: 'Good Friday', date: '2030-04-19' }] } }).expect(422);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/PublishedYearIncomplete$/), errors: [{ field: 'england-and-wales.events', rule: 'PublishedYearIncomplete' }] });

    res = await api().get('/calendar/bank-holidays').expect(400);
    expect(res.body.errors).toEqual([{ field: 'year', rule: 'Required', message: 'year is required' }]);
    res = await api().get('/calendar/bank-holidays').query({ year: '20x8' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'year', rule: 'InvalidYear' })]);

    res = await api().post('/calendar/bank-holidays').send({ date: '2029-13-01', kind: 'sometimes' }).expect(400);
    expect(fields(res.body)).toEqual(['date', 'kind']);
    res = await api().post('/calendar/bank-holidays').send({ date: '2029-06-01' }).expect(400);
    expect(fields(res.body)).toEqual(['name']);

    expect(await rows(schema)).toEqual(before);
  });

  it('records an administrator’s one-off proclamation, and refuses one that would change nothing', async () => {
    let res = await api().post('/calendar/bank-holidays')
      .send({ date: '2029-06-01', name: 'Bank holiday for a royal occasion' }).expect(201);
    expect(res.body).toMatchObject({ year: 2029, confirmed: false, confirmedThrough: 2028 });
    expect(res.body.holidays).toContainEqual({ date: '2029-06-01', name: 'Bank holiday for a royal occasion' });
    expect(isBankHoliday('2029-06-01')).toBe(true);

    res = await api().post('/calendar/bank-holidays').send({ date: '2029-06-01', name: 'Again', kind: 'extra' }).expect(422);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/AlreadyABankHoliday$/), errors: [{ field: 'date', rule: 'AlreadyABankHoliday' }] });
    res = await api().post('/calendar/bank-holidays').send({ date: '2029-06-04', kind: 'cancelled' }).expect(422);
    expect(res.body).toMatchObject({ type: expect.stringMatching(/\/NotABankHoliday$/), errors: [{ field: 'date', rule: 'NotABankHoliday' }] });

    // the spring bank holiday cancelled (no name given: it keeps its own), then restored
    res = await api().post('/calendar/bank-holidays').send({ date: '2029-05-28', kind: 'cancelled' }).expect(201);
    expect(res.body.holidays.map((h: { date: string }) => h.date)).not.toContain('2029-05-28');
    expect(addWorkingDays('2029-05-25', 1)).toBe('2029-05-28');
    expect((await rows(schema)).proclamations.filter((r) => r.date.startsWith('2029')).map((r) => [r.date, r.kind, r.name, r.recorded_by])).toEqual([
      ['2029-05-28', 'cancelled', 'Spring bank holiday', 'admin-ann'],
      ['2029-06-01', 'extra', 'Bank holiday for a royal occasion', 'admin-ann'],
    ]);
    res = await api().post('/calendar/bank-holidays').send({ date: '2029-05-28', name: 'Spring bank holiday', kind: 'extra' }).expect(201);
    expect(res.body.holidays).toContainEqual({ date: '2029-05-28', name: 'Spring bank holiday' });
    expect((await rows(schema)).proclamations.filter((r) => r.date.startsWith('2029')).map((r) => [r.date, r.kind])).toEqual([['2029-06-01', 'extra']]);

    // 2029 is not confirmed, and has now been counted in
    const health = (await api().get('/health').expect(200)).body;
    expect(health.checks.calendar).toMatchObject({ confirmedThrough: 2028, latestYearComputedBeyondConfirmed: 2029 });
    expect(health.warnings).toEqual([warning(2029, 2028)]);
  });

  it('keeps the warning for a later year computed before a confirmation, and drops it once that year is confirmed', async () => {
    expect(addWorkingDays('2030-12-31', 2)).toBe('2031-01-03');
    let report = (await api().post('/calendar/bank-holidays/import').send(published2029).expect(200)).body;
    // the published 2029 list carries the administrator's extra day, unchanged
    expect(report).toEqual({ yearsConfirmed: [2029], confirmedThrough: 2029, proclamations: [{ date: '2029-06-01', name: 'Bank holiday for a royal occasion', kind: 'extra' }] });
    expect((await rows(schema)).proclamations.find((r) => r.date === '2029-06-01')).toMatchObject({ recorded_by: 'admin-ann', source: 'administrator (POST /calendar/bank-holidays)' });
    let health = (await api().get('/health').expect(200)).body;
    expect(health.warnings).toEqual([warning(2031, 2029)]);

    const rule = (year: number) => ({
      'england-and-wales': {
        events: (year === 2030
          ? [['01-01', 'New Year’s Day'], ['04-19', 'Good Friday'], ['04-22', 'Easter Monday'], ['05-06', 'Early May bank holiday'], ['05-27', 'Spring bank holiday'], ['08-26', 'Summer bank holiday'], ['12-25', 'Christmas Day'], ['12-26', 'Boxing Day']]
          : [['01-01', 'New Year’s Day'], ['04-11', 'Good Friday'], ['04-14', 'Easter Monday'], ['05-05', 'Early May bank holiday'], ['05-26', 'Spring bank holiday'], ['08-25', 'Summer bank holiday'], ['12-25', 'Christmas Day'], ['12-26', 'Boxing Day']]
        ).map(([day, title]) => ({ title, date: `${year}-${day}` })),
      },
    });
    // 2031 alone leaves 2030 unchecked: confirmed through stays at 2029
    report = (await api().post('/calendar/bank-holidays/import').send(rule(2031)).expect(200)).body;
    expect(report).toEqual({ yearsConfirmed: [2031], confirmedThrough: 2029, proclamations: [] });
    expect((await api().get('/calendar/bank-holidays').query({ year: 2031 }).expect(200)).body).toMatchObject({ confirmed: true, confirmedThrough: 2029 });
    expect((await api().get('/health').expect(200)).body.warnings).toEqual([warning(2031, 2029)]);

    report = (await api().post('/calendar/bank-holidays/import').send(rule(2030)).expect(200)).body;
    expect(report).toEqual({ yearsConfirmed: [2030], confirmedThrough: 2031, proclamations: [] });
    health = (await api().get('/health').expect(200)).body;
    expect(health.checks.calendar).toEqual({ confirmedThrough: 2031, latestYearComputedBeyondConfirmed: null, warning: null });
    expect(health.warnings).toEqual([]);
  });

  it('loads the calendar from its table again when the host restarts on the same schema', async () => {
    await host.stop();
    resetKernelCalendar();
    expect(isBankHoliday('2028-05-30')).toBe(false);

    host = await start(schema);
    ann = await as(host, administrator('admin-ann'));
    expect(isBankHoliday('2028-05-30')).toBe(true);
    expect(isBankHoliday('2028-05-01')).toBe(false);
    expect(addWorkingDays('2028-05-26', 1)).toBe('2028-05-31');
    const year = (await api().get('/calendar/bank-holidays').query({ year: 2028 }).expect(200)).body;
    expect(year).toMatchObject({ confirmed: true, confirmedThrough: 2031 });
    expect(year.holidays.map((h: { date: string }) => h.date)).toEqual(['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-05', '2028-05-29', '2028-05-30', '2028-08-28', '2028-12-25', '2028-12-26']);
    expect((await api().get('/calendar/bank-holidays').query({ year: 2029 }).expect(200)).body.holidays).toContainEqual({ date: '2029-06-01', name: 'Bank holiday for a royal occasion' });
  });

  it('documents the calendar in the OpenAPI document', async () => {
    const docs = (await api().get('/docs/json').expect(200)).body;
    expect(docs.paths['/calendar/bank-holidays'].get).toMatchObject({ tags: ['calendar'], responses: { 200: expect.anything(), 400: expect.anything() } });
    expect(docs.paths['/calendar/bank-holidays'].post).toMatchObject({ tags: ['calendar'], responses: { 201: expect.anything(), 400: expect.anything(), 422: expect.anything() } });
    expect(docs.paths['/calendar/bank-holidays/import'].post).toMatchObject({
      tags: ['calendar'], summary: expect.any(String), responses: { 200: expect.anything(), 400: expect.anything(), 422: expect.anything() },
      requestBody: { content: { 'application/json': { schema: { example: expect.objectContaining({ 'england-and-wales': expect.anything() }) } } } },
    });
  });
});

describe('BANK_HOLIDAYS_FILE', () => {
  let schema: TestSchema;
  let dir: string;
  beforeAll(async () => {
    schema = await createTestSchema('calendar_file');
    dir = mkdtempSync(join(tmpdir(), 'bank-holidays-'));
  });
  afterAll(async () => {
    resetKernelCalendar();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is imported at start-up, and again at the next start without changing anything', async () => {
    let host = await start(schema, { BANK_HOLIDAYS_FILE: FIXTURE });
    try {
      const year = (await (await as(host)).get('/calendar/bank-holidays').query({ year: 2028 }).expect(200)).body;
      expect(year).toMatchObject({ confirmed: true, confirmedThrough: 2028 });
      expect(year.holidays).toContainEqual({ date: '2028-05-30', name: 'Extra bank holiday (fictional proclamation, test fixture)' });
    } finally {
      await host.stop();
    }
    const before = await rows(schema);
    expect(before.proclamations).toHaveLength(3);
    expect(before.proclamations[0]).toMatchObject({ recorded_by: 'system', source: `BANK_HOLIDAYS_FILE (${FIXTURE})` });

    resetKernelCalendar();
    host = await start(schema, { BANK_HOLIDAYS_FILE: FIXTURE });
    try {
      expect(isBankHoliday('2028-05-05')).toBe(true);
      expect(await rows(schema)).toEqual(before);
    } finally {
      await host.stop();
    }
  });

  it('stops the start with a ConfigError naming the variable when the file is missing, not JSON, or malformed', async () => {
    const write = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const events = published['england-and-wales'].events.map((e: object) => ({ ...e }));
    events[3].date = '2028-5-5';
    const cases: [string, RegExp][] = [
      [join(dir, 'absent.json'), /^BANK_HOLIDAYS_FILE must name a readable file/],
      [write('not-json.json', '{ "england-and-wales": '), /^BANK_HOLIDAYS_FILE \(.*\) is not JSON/],
      [write('no-division.json', JSON.stringify({ scotland: published.scotland })), /^BANK_HOLIDAYS_FILE .*england-and-wales is required/],
      [write('bad-date.json', JSON.stringify({ 'england-and-wales': { events } })), /^BANK_HOLIDAYS_FILE .*england-and-wales\.events\[3\]\.date must be a calendar date/],
    ];
    for (const [path, message] of cases) {
      const started = start(schema, { BANK_HOLIDAYS_FILE: path });
      await expect(started).rejects.toBeInstanceOf(ConfigError);
      await expect(started).rejects.toThrow(message);
    }
  });
});
