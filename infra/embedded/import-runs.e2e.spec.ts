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

/**
 * Imports one at a time per kind: a second import of plans while one runs is a 409 naming the
 * running one, imports nothing, and the running one's report can be read by its id afterwards.
 */
describe('imports: one at a time, each with a report by id', () => {
  let host: RunningHost;
  let tokens: TestAccessTokens;
  let hub: request.Agent;
  let manager: request.Agent;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const clock = fixedClock('2026-11-26T12:00:00Z');

  beforeAll(async () => {
    tokens = await testAccessTokens(clock);
    host = await startEmbedded([needsAssessmentService, annualReviewService], {
      DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: `t${randomUUID().slice(0, 8)}_`, LOG_LEVEL: 'silent',
    }, { clock, accessTokens: tokens.verifier });
    hub = await tokens.as(host.url, CALLERS.dutyOfficer);
    manager = await tokens.as(host.url, CALLERS.teamManager);
    await hub.post('/settings/import').set('content-type', 'text/csv').send(gias).expect(200);
  });
  afterAll(() => host?.stop());

  const api = () => hub;
  const runtime = () => host.runtimes[1];
  const storeEvents = async () => (await runtime().pool.query(`SELECT count(*)::int AS n FROM "${runtime().schema}".es_events`)).rows[0].n as number;
  const plans = (rows: number, prefix: string) => [HEADER, ...Array.from({ length: rows }, (_, i) =>
    `${prefix}-${i},Amara,Okafor,2016-03-14,2025-05-20,,120345,cw-ben`)].join('\n') + '\n';
  const importPlans = (csv: string) => manager.post('/annual-reviews/import').set('content-type', 'text/csv').send(csv);
  const runningImport = async () => {
    for (let tries = 0; tries < 500; tries++) {
      const { rows } = await runtime().pool.query(`SELECT import_id FROM "${runtime().schema}".import_runs WHERE status = 'running'`);
      if (rows.length) return rows[0].import_id as string;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no import started running within 5 s');
  };

  it('refuses a second import of plans while the first runs (409, nothing imported), then reports the first by id', async () => {
    const first = importPlans(plans(1500, `RUN-${tag}`)).then((r) => r);
    const runningId = await runningImport();
    const before = await storeEvents();
    const second = await importPlans(plans(3, `SECOND-${tag}`)).expect(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.body).toMatchObject({
      type: expect.stringMatching(/ImportRunning$/), runningImportId: runningId, runningImportReport: `/annual-reviews/import/runs/${runningId}`,
      detail: expect.stringContaining('by tm-priya is running'),
    });
    // the refused file imported nothing (the first is still adding its own events meanwhile)
    expect((await api().get('/annual-reviews').query({ q: `SECOND-${tag}` }).expect(200)).body.items).toHaveLength(0);
    expect(await storeEvents()).toBeGreaterThanOrEqual(before);

    const answer = await first;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ importId: runningId, rowsRead: 1500, rowsTaken: 1500 });
    expect(answer.headers.location).toBe(`/annual-reviews/import/runs/${runningId}`);
    const run = (await api().get(`/annual-reviews/import/runs/${runningId}`).expect(200)).body;
    expect(run).toMatchObject({ importId: runningId, kind: 'plans', status: 'completed', actor: 'tm-priya', report: { rowsRead: 1500, rowsTaken: 1500 } });

    // once it has ended, the next import runs
    const next = await importPlans(plans(3, `SECOND-${tag}`)).expect(200);
    expect(next.body).toMatchObject({ rowsTaken: 3, importId: expect.not.stringMatching(runningId) });
  });

  it('keeps a refused import on record with its problem, and answers 404 for an unknown id', async () => {
    const refused = await importPlans('reference,given_name\nX,"unclosed\n').expect(400);
    const importId = refused.headers.location.split('/').pop();
    const run = (await api().get(`/annual-reviews/import/runs/${importId}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'refused', report: { status: 400 } });
    await api().get(`/annual-reviews/import/runs/${randomUUID()}`).expect(404);
    await api().get('/annual-reviews/import/runs/not-an-id').expect(404);
  });

  it('marks an import whose process died as interrupted when the next one starts', async () => {
    const orphan = randomUUID();
    await runtime().pool.query(`INSERT INTO "${runtime().schema}".import_runs (import_id, kind, status, started_at, actor) VALUES ($1, 'plans', 'running', now(), 'tm-gone')`, [orphan]);
    await importPlans(plans(1, `AFTER-${tag}`)).expect(200);
    expect((await api().get(`/annual-reviews/import/runs/${orphan}`).expect(200)).body.status).toBe('interrupted');
  });
});
