import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';

const ROOT = join(__dirname, '../..');
const GIAS = join(ROOT, 'services/annual-review/src/infrastructure/settings/fixtures/gias-sample.csv');
const HEADER = 'reference,given_name,family_name,date_of_birth,plan_issued_on,last_reviewed_on,setting_urn,caseworker';

/**
 * `npm run import:plans -- plans.csv [--settings gias.csv]`, run as a caseworker would (a process of
 * its own against DATABASE_URL): files streamed from disk, a malformed one refused with its line and
 * nothing imported from it.
 */
describe('the plan import command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-plans-'));
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pool.end();
  });
  /** What the annual review service holds: its settings directory and its events. */
  const held = async () => {
    const count = async (table: string) => {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${prefix}annual_review".${table}`);
      return rows[0].n as number;
    };
    return { settings: await count('settings_directory'), events: await count('es_events') };
  };

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const importPlans = (...args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['-r', './infra/node/register.js', 'infra/embedded/import-plans.ts', ...args], {
      cwd: ROOT, env: { ...process.env, EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent' }, maxBuffer: 10 * 1024 * 1024,
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

  const rows = [
    `LEG-${tag}-1,"Amara ""Ami""","Okafor, Jr",2016-03-14,2025-05-20,,120345,cw-ben`,
    `LEG-${tag}-2,Leo,"Marsh\r\nSmith",2015-10-02,2024-02-01,2025-01-15,120345,cw-ben`,
    `LEG-${tag}-3,Ada,Brook,2012-13-40,2024-02-01,,120345,cw-ben`,
  ];

  it('refuses a malformed settings file with its line, and goes no further', async () => {
    const gias = readFileSync(GIAS, 'utf8').split('\n');
    const bad = file('gias-bad.csv', [gias[0], gias[1], '120399,925,"Lincoln"shire'].join('\n'));
    const plans = file('plans.csv', [HEADER, ...rows].join('\r\n'));
    const run = await importPlans(plans, '--settings', bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`import failed: ${bad}, line 3: a quoted field is followed by other text`);
    expect(run.stderr).toMatch(/nothing imported/);
    expect(await held()).toEqual({ settings: 0, events: 0 });
  }, 120_000);

  it('refuses a malformed plan file with its line, importing none of its rows', async () => {
    const bad = file('plans-bad.csv', [HEADER, ...rows, `LEG-${tag}-4,Kit,Moss,2012-01-01,2024-02-01,,120345`].join('\n'));
    const run = await importPlans(bad, '--settings', GIAS);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`import failed: ${bad}, line 6: the row has 7 fields; the header has 8: nothing imported`);
    // the settings file was good and is in; no plan is
    expect(await held()).toEqual({ settings: 8, events: 0 });
  }, 120_000);

  it('imports a well-formed file streamed from disk, and changes nothing the second time', async () => {
    const plans = file('plans-good.csv', '\ufeff' + [HEADER, ...rows].join('\r\n') + '\r\n');
    const first = await importPlans(plans, '--settings', GIAS);
    expect(first.code).toBe(0);
    // the rows of the malformed file above were not imported: these enter now
    expect(JSON.parse(first.stdout)).toEqual({ rowsRead: 3, rowsTaken: 2, rowsUnchanged: 0, rowsRefused: [{ row: 3, reference: `LEG-${tag}-3`, reason: expect.stringMatching(/^bad date/) }] });
    const again = await importPlans(plans);
    expect(JSON.parse(again.stdout)).toMatchObject({ rowsRead: 3, rowsTaken: 0, rowsUnchanged: 2 });
    expect(await held()).toEqual({ settings: 8, events: 2 });
  }, 120_000);
});
