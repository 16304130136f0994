import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { fixedClock } from '@ehc/domain-kernel';
import { startEmbedded } from '@ehc/host';
import { CALLERS, testAccessTokens, type TestAccessTokens } from '@ehc/testing';
import { needsAssessmentService } from '../../services/needs-assessment/src/service';
import { annualReviewService } from '../../services/annual-review/src/service';

/**
 * The tables no event can rebuild change only by migration: a database made before migrations, as
 * TypeORM's synchronize left it and holding data, is migrated at start-up without losing a row.
 */
describe('migrations of the tables no event can rebuild', () => {
  const prefix = `t${randomUUID().slice(0, 8)}_`;
  const na = `${prefix}needs_assessment`;
  const ar = `${prefix}annual_review`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const clock = fixedClock('2026-11-26T12:00:00Z');
  let tokens: TestAccessTokens;
  beforeAll(async () => { tokens = await testAccessTokens(clock); });
  const start = () => startEmbedded([needsAssessmentService, annualReviewService], {
    DATABASE_URL: process.env.DATABASE_URL, PORT: '0', EHC_SCHEMA_PREFIX: prefix, LOG_LEVEL: 'silent',
  }, { clock, accessTokens: tokens.verifier });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${na}" CASCADE; DROP SCHEMA IF EXISTS "${ar}" CASCADE`);
    await pool.end();
  });

  it('keeps every person, document, reference number and setting of an older schema, and runs once', async () => {
    // the layout synchronize made before migrations, with data in it
    for (const s of [na, ar]) {
      await pool.query(`CREATE SCHEMA "${s}";
        CREATE TABLE "${s}".people (person_id uuid PRIMARY KEY, given_name text, family_name text, date_of_birth date, contact jsonb, erased_at timestamptz, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE "${s}".case_documents (document_id uuid PRIMARY KEY, case_id text NOT NULL, kind text NOT NULL, content jsonb, erased_at timestamptz, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX "IDX_case_documents_case_id" ON "${s}".case_documents (case_id);`);
    }
    const person = randomUUID();
    const document = randomUUID();
    await pool.query(`INSERT INTO "${na}".people (person_id, given_name, family_name, date_of_birth) VALUES ($1, 'Nell', 'Older', '2019-05-01')`, [person]);
    await pool.query(`INSERT INTO "${na}".case_documents (document_id, case_id, kind, content) VALUES ($1, 'ehcna-old', 'note', '{"text":"Written before migrations"}')`, [document]);
    await pool.query(`CREATE TABLE "${na}".case_reference_counters (year int PRIMARY KEY, last int NOT NULL); INSERT INTO "${na}".case_reference_counters VALUES (2026, 41)`);
    await pool.query(`CREATE TABLE "${ar}".settings_directory (urn text PRIMARY KEY, ukprn text, name text NOT NULL, type text NOT NULL, phase text NOT NULL,
        low_age int, high_age int, gias_type text, status text, local_authority text, postcode text);
      INSERT INTO "${ar}".settings_directory (urn, name, type, phase, low_age, high_age) VALUES ('199001', 'Older Lane Primary', 'mainstream', 'primary', 4, 11)`);

    let host = await start();
    const hub = await tokens.as(host.url, CALLERS.dutyOfficer);
    try {
      expect((await pool.query(`SELECT given_name, family_name FROM "${na}".people WHERE person_id = $1`, [person])).rows).toEqual([{ given_name: 'Nell', family_name: 'Older' }]);
      // the column is renamed, its data kept
      expect((await pool.query(`SELECT stream_id, content FROM "${na}".case_documents WHERE document_id = $1`, [document])).rows)
        .toEqual([{ stream_id: 'ehcna-old', content: { text: 'Written before migrations' } }]);
      expect((await hub.get('/settings/199001').expect(200)).body).toMatchObject({ name: 'Older Lane Primary', type: 'mainstream' });
      // the counter carries on where it was: no reference is issued twice
      const created = await hub.post('/needs-assessments').send({ child: { givenName: 'Ada', familyName: 'Newer' }, requestedBy: 'parent', receivedOn: '2026-11-02' }).expect(201);
      expect(created.body.reference).toBe('NA-2026-00042');
    } finally {
      await host.stop();
    }

    // started again: nothing left to run, nothing changed
    const applied = async (s: string) => (await pool.query(`SELECT name FROM "${s}".migrations ORDER BY id`)).rows.map((r) => r.name);
    const before = { na: await applied(na), ar: await applied(ar) };
    expect(before.na).toEqual(['PersonalDataTables1764460800000', 'DocumentsByStream1764460800001', 'CaseReferenceCounters1764460800100']);
    expect(before.ar).toEqual(['PersonalDataTables1764460800000', 'DocumentsByStream1764460800001', 'SettingsDirectory1764460800200']);
    host = await start();
    await host.stop();
    expect({ na: await applied(na), ar: await applied(ar) }).toEqual(before);
  });

  it('leaves the tables no event can rebuild out of synchronize: a column a later entity drops is not dropped', async () => {
    // a column the entities do not know (as after a rename in code without its migration): synchronize would drop it
    await pool.query(`ALTER TABLE "${na}".people ADD COLUMN kept_by_migrations_only text; UPDATE "${na}".people SET kept_by_migrations_only = 'still here'`);
    const host = await start();
    await host.stop();
    expect((await pool.query(`SELECT DISTINCT kept_by_migrations_only AS v FROM "${na}".people`)).rows).toEqual([{ v: 'still here' }]);
  });
});
