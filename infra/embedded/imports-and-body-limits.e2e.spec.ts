import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';

const gias = readFileSync(join(__dirname, '../../services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv'), 'utf8');
const HEADER = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';
/** A small import limit for this host, so a file just under and just over it is quick to send. */
const IMPORT_MAX_BYTES = 8192;

/**
 * The CSV imports (plans, settings directory) over HTTP: RFC 4180 files read as written, malformed
 * ones refused with the line and nothing imported; and the body limits: commands small, imports up to
 * IMPORT_MAX_BYTES, anything larger a 413 naming the limit.
 */
describe('imports and body limits over HTTP', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const ref = (n: number | string) => `IMP-${tag}-${n}`;
  const clock = fixedClock('2026-11-26T12:00:00Z');
  const previousLimit = process.env.IMPORT_MAX_BYTES;

  beforeAll(async () => {
    // the HTTP app reads the limit from the process environment once, as it starts
    process.env.IMPORT_MAX_BYTES = String(IMPORT_MAX_BYTES);
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
      IMPORT_MAX_BYTES: String(IMPORT_MAX_BYTES),
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
    await hub.post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
  });
  afterAll(async () => {
    await host?.stop();
    if (previousLimit === undefined) delete process.env.IMPORT_MAX_BYTES;
    else process.env.IMPORT_MAX_BYTES = previousLimit;
  });

  const api = () => hub;
  /** Every event stored, committed or not yet readable (a reader's view can lag while another transaction is open). */
  const storeEvents = async () => {
    let n = 0;
    for (const r of host.runtimes) n += (await r.pool.query(`SELECT count(*)::int AS n FROM "${r.schema}".es_events`)).rows[0].n as number;
    return n;
  };
  const plansNamed = async (reference: string) => (await api().get('/annual-reviews').query({ q: reference }).expect(200)).body.items as { planId: string }[];
  const importPlans = (csv: string | Buffer) => api().post('/annual-reviews/import').set('content-type', 'text/csv').send(csv);

  describe('the plan import reads RFC 4180 and refuses a malformed file whole', () => {
    it('takes quoted commas, doubled quotes, CRLF, a line break inside quotes and a byte order mark as written', async () => {
      const csv = '\ufeff' + [HEADER,
        `${ref(1)},"Amara ""Ami""","Okafor, Jr",2016-03-14,2025-05-20,,120345,cw-ben`,
        `"${ref(2)}",Leo,"Marsh` + '\r\n' + `Smith",2015-10-02,2024-02-01,2025-01-15,"120345",cw-ben`,
        '',
        `${ref(3)},Ada,Brook,2012-01-01,2024-02-01,,120346,`,
      ].join('\r\n') + '\r\n';
      const report = (await importPlans(csv).expect(200)).body;
      expect(report).toEqual({ importId: expect.any(String), rowsRead: 3, rowsTaken: 3, rowsUnchanged: 0, rowsRefused: [] });
      const [amara] = await plansNamed(ref(1));
      expect((await api().get(`/annual-reviews/${amara.planId}`).expect(200)).body.child).toMatchObject({ givenName: 'Amara "Ami"', familyName: 'Okafor, Jr' });
      const [leo] = await plansNamed(ref(2));
      expect((await api().get(`/annual-reviews/${leo.planId}`).expect(200)).body.child).toMatchObject({ givenName: 'Leo', familyName: 'Marsh\r\nSmith' });
    });

    it('keeps the per-row refusals with their row numbers when the file itself is well-formed', async () => {
      const csv = [HEADER, `${ref(4)},Sam,Hale,2012-13-40,2024-02-01,,120345,cw-ben`, `${ref(1)},Amara,Okafor,2016-03-14,2025-05-20,,120345,cw-ben`].join('\n');
      const report = (await importPlans(csv).expect(200)).body;
      expect(report).toMatchObject({ rowsRead: 2, rowsTaken: 0, rowsUnchanged: 1 });
      expect(report.rowsRefused).toEqual([{ row: 1, reference: ref(4), reason: expect.stringMatching(/^bad date: date_of_birth/) }]);
    });

    it.each([
      ['text after a closing quote', `"${ref('q')}"x,Kit,Moss,2012-01-01,2024-02-01,,120345,cw-ben`, 'BadQuoting'],
      ['a quote inside an unquoted field', `${ref('q')},Kit "K",Moss,2012-01-01,2024-02-01,,120345,cw-ben`, 'BadQuoting'],
      ['a row with a field too few', `${ref('q')},Kit,Moss,2012-01-01,2024-02-01,120345,cw-ben`, 'WrongFieldCount'],
      ['a row with a field too many', `${ref('q')},Kit,Moss,2012-01-01,2024-02-01,,120345,cw-ben,extra`, 'WrongFieldCount'],
      ['a quote never closed', `${ref('q')},"Kit,Moss,2012-01-01,2024-02-01,,120345,cw-ben`, 'QuoteNotClosed'],
    ])('refuses %s with 400 naming the line, and appends no event', async (_case, bad, rule) => {
      // good rows before and after the bad one: none of them is taken
      const csv = [HEADER,
        `${ref('before-1')},Ivy,Stone,2014-11-03,2024-10-01,,120345,cw-ben`,
        `${ref('before-2')},Max,"Vale` + '\n' + `Jones",2014-10-20,2024-10-01,,120345,cw-ben`,
        bad,
        `${ref('after')},Jay,Reed,2009-05-05,2025-06-02,,130101,cw-ben`,
      ].join('\n') + '\n';
      const before = await storeEvents();
      const res = await importPlans(csv).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'https://ehc-hub.example/problems/MalformedCsv', status: 400, line: 5,
        errors: [{ field: 'body', rule, message: expect.stringMatching(/^line 5: /) }],
      });
      expect(await storeEvents()).toBe(before);
      for (const r of [ref('before-1'), ref('before-2'), ref('after')]) expect(await plansNamed(r)).toEqual([]);
    });

    it('still refuses a file without the plan columns', async () => {
      const res = await importPlans('reference,name\nx,y\n').expect(400);
      expect(res.body.type).toMatch(/CsvColumnsMissing$/);
    });
  });

  describe('the settings import reads RFC 4180 and refuses a malformed file whole', () => {
    it('refuses a malformed GIAS extract with 400 naming the line, and changes no setting', async () => {
      const [header, castleHill] = gias.split('\n');
      const renamed = castleHill.replace('Castle Hill Primary School', '"Castle Hill Primary School, Renamed"');
      const csv = [header, '999001,925,Lincolnshire,2009,New Academy,1,Community school,4,Local authority maintained schools,1,Open,2,Primary,4,11,10079999,LN1 9ZZ,0,Not applicable', renamed, '999002,925,"Lincoln"shire'].join('\r\n');
      const res = await api().post('/settings/import').set('content-type', 'text/csv').send(csv).expect(400);
      expect(res.body).toMatchObject({ type: 'https://ehc-hub.example/problems/MalformedCsv', line: 4, errors: [{ field: 'body', rule: 'BadQuoting' }] });
      await api().get('/settings/999001').expect(404);
      expect((await api().get('/settings/120345').expect(200)).body.name).toBe('Castle Hill Primary School');

      const fieldShort = [header, '999001,925,Lincolnshire,2009,New Academy,1,Community school,4,Local authority maintained schools,1,Open,2,Primary,4,11,10079999,LN1 9ZZ,0,Not applicable', '999003,925'].join('\n');
      const short = await api().post('/settings/import').set('content-type', 'text/csv').send(fieldShort).expect(400);
      expect(short.body).toMatchObject({ line: 3, errors: [{ rule: 'WrongFieldCount', message: 'line 3: the row has 2 fields; the header has 19' }] });
      await api().get('/settings/999001').expect(404);
    });

    it('takes a quoted name with a comma and a byte order mark', async () => {
      const [header, castleHill] = gias.split('\n');
      const csv = '\ufeff' + [header, castleHill.replace('Castle Hill Primary School', '"Castle Hill Primary School, The ""Hill"""')].join('\r\n') + '\r\n';
      expect((await api().post('/settings/import').set('content-type', 'text/csv').send(csv).expect(200)).body).toEqual({ importId: expect.any(String), rowsTaken: 1, rowsRefused: [] });
      expect((await api().get('/settings/120345').expect(200)).body.name).toBe('Castle Hill Primary School, The "Hill"');
      await api().post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
    });
  });

  describe('body limits', () => {
    it('answers a 300 kB command with 413 naming the limit, appending nothing', async () => {
      const [plan] = await plansNamed(ref(1));
      const before = await storeEvents();
      const res = await api().post(`/annual-reviews/${plan.planId}/add-note`).set('x-correlation-id', 'big-note-1')
        .send({ on: '2026-11-20', text: 'x'.repeat(300 * 1024) }).expect(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'https://ehc-hub.example/problems/PayloadTooLarge', status: 413, limitBytes: 262_144, correlationId: 'big-note-1',
        detail: expect.stringMatching(/at most 256 KiB \(262,144 bytes\)/),
      });
      expect(res.headers['x-correlation-id']).toBe('big-note-1');
      expect(await storeEvents()).toBe(before);
    });

    it('takes the largest command the validators allow: a 100,000-character report of two-byte characters', async () => {
      const [plan] = await plansNamed(ref(1));
      await api().post(`/annual-reviews/${plan.planId}/schedule-meeting`).send({ on: '2026-04-28', meetingOn: '2026-05-14' }).expect(200);
      await api().post(`/annual-reviews/${plan.planId}/hold-meeting`).send({ on: '2026-05-14' }).expect(200);
      const report = 'é'.repeat(100_000);
      expect(Buffer.byteLength(JSON.stringify({ on: '2026-05-27', report }))).toBeGreaterThan(200_000);
      await api().post(`/annual-reviews/${plan.planId}/receive-report`).send({ on: '2026-05-27', report }).expect(200);
    });

    it('answers a 300 kB request for a new needs assessment with 413 too', async () => {
      const res = await api().post('/needs-assessments').send({
        child: { givenName: 'A', familyName: 'B', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', padding: 'x'.repeat(300 * 1024),
      }).expect(413);
      expect(res.body.limitBytes).toBe(262_144);
    });

    /** A plan file of exactly `bytes` bytes: rows while they fit, then blank lines (which are skipped). */
    const planFileOf = (bytes: number, prefix: string) => {
      let csv = HEADER + '\n';
      for (let i = 0; ; i++) {
        const row = `${ref(`${prefix}-${String(i).padStart(4, '0')}`)},Ivy,Stone,2014-11-03,2024-10-01,,120345,cw-ben\n`;
        if (Buffer.byteLength(csv + row) > bytes) break;
        csv += row;
      }
      return Buffer.from(csv.padEnd(bytes, '\n'));
    };

    it(`takes a plan file of exactly the import limit (IMPORT_MAX_BYTES=${IMPORT_MAX_BYTES}) and answers one byte more with 413`, async () => {
      const atLimit = planFileOf(IMPORT_MAX_BYTES, 'fit');
      expect(atLimit.length).toBe(IMPORT_MAX_BYTES);
      const report = (await importPlans(atLimit).expect(200)).body;
      expect(report.rowsTaken).toBeGreaterThan(50);
      expect(report).toMatchObject({ rowsRead: report.rowsTaken, rowsRefused: [] });

      const over = planFileOf(IMPORT_MAX_BYTES + 1, 'over');
      const before = await storeEvents();
      const res = await importPlans(over).expect(413);
      expect(res.body).toMatchObject({
        type: 'https://ehc-hub.example/problems/PayloadTooLarge', limitBytes: IMPORT_MAX_BYTES, detail: expect.stringMatching(/at most 8 KiB \(8,192 bytes\); this one is 8,193 bytes/),
      });
      expect(await storeEvents()).toBe(before);
      expect(await plansNamed(ref('over-0000'))).toEqual([]);
    });

    it('applies the import limit to the settings import, and to a plan file sent as JSON {"csv": …}', async () => {
      const res = await api().post('/settings/import').set('content-type', 'text/csv').send(gias.padEnd(IMPORT_MAX_BYTES + 1, '\n')).expect(413);
      expect(res.body.limitBytes).toBe(IMPORT_MAX_BYTES);
      // a file under the import limit but sent as JSON still counts against the import limit, not the command one
      const small = planFileOf(2000, 'json').toString();
      expect((await api().post('/annual-reviews/import').send({ csv: small }).expect(200)).body.rowsRefused).toEqual([]);
      await api().post('/annual-reviews/import').send({ csv: planFileOf(IMPORT_MAX_BYTES, 'json-over').toString() }).expect(413);
    });

    it('documents the 413 with this server\'s import limit on the import endpoints only', async () => {
      const docs = (await api().get('/docs/json').expect(200)).body;
      for (const path of ['/annual-reviews/import', '/settings/import']) {
        expect(docs.paths[path].post.responses['413'].description).toMatch(/import limit, 8 KiB \(8,192 bytes\) \(IMPORT_MAX_BYTES\)/);
        expect(docs.paths[path].post.responses['400'].description).toMatch(/MalformedCsv/);
      }
      // a command's 413 is the command limit, never the import one
      expect(docs.paths['/annual-reviews/{planId}/decide'].post.responses['413'].description).not.toMatch(/IMPORT_MAX_BYTES/);
    });
  });
});
