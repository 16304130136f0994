/**
 * EXPLAIN (ANALYZE, BUFFERS, WAL) of our append statement and of Emmett's append function, against
 * databases kept by `BENCH_KEEP_DBS=1 npm run bench:store` (pass them as argv: ours emmett).
 *   node -r ./tools/register.js libs/event-store/bench/experiments/explain-append.ts bench_ours_X bench_emmett_X
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const url = (db: string) => { const u = new URL(base); u.pathname = `/${db}`; return u.toString(); };

const event = (stream: string) => ({
  id: randomUUID(), type: 'AssessmentRequestReceived', v: 1,
  data: { caseId: stream, requestId: randomUUID(), childRef: 'CH-123456', localAuthority: 'E09000033', requestedBy: { role: 'parent', channel: 'online-portal' }, receivedOn: '2025-11-26', statutoryDeadline: '2026-05-07', needs: ['communication-and-interaction', 'cognition-and-learning'], school: { urn: '100123', phase: 'primary', yearGroup: 4 }, summary: 'Parent requests an EHC needs assessment; the SENCo supports it with evidence of two assess-plan-do-review cycles.', sequence: 1 },
  meta: { occurredAt: new Date().toISOString(), actor: { kind: 'user', id: randomUUID() }, correlationId: randomUUID(), causationId: randomUUID() },
});

async function main() {
  const [oursDb, emmettDb] = process.argv.slice(2);
  const ours = new pg.Client({ connectionString: url(oursDb) });
  await ours.connect();
  const s = '"event_store"';
  const sql = (n: number) => `
      WITH bumped AS (UPDATE ${s}.es_streams SET revision = revision + $2 WHERE stream_id = $1 AND revision = $4 RETURNING revision),
      xact AS (SELECT pg_current_xact_id()::text::bigint << 16 AS base),
      first AS (SELECT coalesce(max(global_position) + 1, xact.base) AS position FROM xact
                LEFT JOIN ${s}.es_events ON global_position >= xact.base AND global_position < xact.base + 65536
                GROUP BY xact.base)
      INSERT INTO ${s}.es_events (global_position, event_id, stream_id, revision, type, schema_version, data, metadata)
      SELECT first.position + e.ord - 1,
             (e.ev->>'id')::uuid, $1, bumped.revision - $2 + e.ord,
             e.ev->>'type', (e.ev->>'v')::int, e.ev->'data', e.ev->'meta'
      FROM bumped, first, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(ev, ord)
      ORDER BY e.ord
      RETURNING global_position, revision`;
  const { rows: [st] } = await ours.query<{ stream_id: string; revision: string }>(`SELECT stream_id, revision FROM ${s}.es_streams ORDER BY random() LIMIT 1`);
  for (const n of [1, 10]) {
    await ours.query('BEGIN');
    const r = await ours.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, SUMMARY, VERBOSE false) ${sql(n)}`, [st.stream_id, n, JSON.stringify(Array.from({ length: n }, () => event(st.stream_id))), Number(st.revision)]);
    await ours.query('ROLLBACK');
    console.log(`--- ours, ${n} event(s)`);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  await ours.end();

  const em = new pg.Client({ connectionString: url(emmettDb) });
  await em.connect();
  const { rows: [es] } = await em.query<{ stream_id: string; stream_position: string }>(`SELECT stream_id, stream_position FROM emt_streams ORDER BY random() LIMIT 1`);
  for (const n of [1, 10]) {
    const evs = Array.from({ length: n }, () => event(es.stream_id));
    const lit = (x: string) => `'${x.replace(/'/g, "''")}'`;
    const call = `SELECT * FROM emt_append_to_stream(
      ARRAY[${evs.map((e) => lit(e.id)).join(',')}]::text[], ARRAY[${evs.map((e) => lit(JSON.stringify(e.data))).join(',')}]::jsonb[],
      ARRAY[${evs.map((e) => lit(JSON.stringify(e.meta))).join(',')}]::jsonb[], ARRAY[${evs.map(() => "'1'").join(',')}]::text[],
      ARRAY[${evs.map((e) => lit(e.type)).join(',')}]::text[], ARRAY[${evs.map(() => "'E'").join(',')}]::text[],
      ${lit(es.stream_id)}::text, 'ehcna'::text, ${es.stream_position}::bigint, 'global'::text)`;
    await em.query('BEGIN');
    await em.query('LOAD \'auto_explain\'').catch(() => undefined);
    const r = await em.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, SUMMARY) ${call}`);
    await em.query('ROLLBACK');
    console.log(`--- emmett, ${n} event(s) (function call; inner statements hidden)`);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  await em.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
