import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ehc/event-store';
import type { Projection } from './projection-runner';

/** A running deadline of one stream (a case, a plan): what lists show as due or overdue. */
export interface RunningDeadline {
  kind: string;
  ref: string | null;
  due: string;
  /** An exception lifts the limit: shown, reported separately, never "overdue". */
  excepted: boolean;
}

export interface ViewProjectionOptions<V> {
  name: string;
  schema: string;
  streamPrefix: string;
  /** Table names (in the schema): one row per stream, its running deadlines, its timeline. */
  tables: { views: string; deadlines: string; timeline: string };
  fold(view: V | null, event: EventEnvelope): V | null;
  /** The indexed columns of the stream's row besides `stream_id` and `view`, with their SQL types. */
  columnTypes: Record<string, 'text' | 'date' | 'uuid' | 'integer' | 'boolean'>;
  columns(view: V): Record<string, string | number | boolean | null>;
  deadlines(view: V): RunningDeadline[];
  /** Who a deadline belongs to, copied onto its row for caseload queries. */
  owner(view: V): string | null;
}

/**
 * The read model every casework service needs: each stream's view (folded from its events), its
 * running statutory deadlines, and its timeline. A batch loads the streams it touches once, folds
 * in memory and writes each table with one statement, so a replay of millions of events stays fast.
 * Tables: views (stream_id pk, <columns>, view jsonb), deadlines (stream_id, kind, ref, due, excepted,
 * owner), timeline (stream_id, revision, global_position, type, occurred_at, recorded_at, actor, data).
 */
export function viewProjection<V>(o: ViewProjectionOptions<V>): Projection {
  const t = (name: string) => `"${o.schema}".${name}`;
  return {
    name: o.name,
    filter: { streamPrefixes: [o.streamPrefix] },
    tables: [t(o.tables.views), t(o.tables.deadlines), t(o.tables.timeline)],
    async applyBatch(events: EventEnvelope[], tx: EntityManager) {
      const streams = [...new Set(events.map((e) => e.stream))];
      const existing: { stream_id: string; view: V }[] = await tx.query(`SELECT stream_id, view FROM ${t(o.tables.views)} WHERE stream_id = ANY($1)`, [streams]);
      const views = new Map<string, V | null>(existing.map((r) => [r.stream_id, r.view]));
      for (const e of events) views.set(e.stream, o.fold(views.get(e.stream) ?? null, e));

      const rows = [...views.entries()].filter((entry): entry is [string, V] => entry[1] !== null);
      if (rows.length > 0) {
        const columns = Object.keys(o.columnTypes);
        const records = rows.map(([stream, view]) => ({ stream_id: stream, ...o.columns(view), view }));
        const typed = columns.map((c) => `${c} ${o.columnTypes[c]}`).join(', ');
        await tx.query(
          `INSERT INTO ${t(o.tables.views)} (stream_id, ${columns.join(', ')}, view)
           SELECT x.stream_id, ${columns.map((c) => `x.${c}`).join(', ')}, x.view
           FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, ${typed}, view jsonb)
           ON CONFLICT (stream_id) DO UPDATE SET ${[...columns, 'view'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
          [JSON.stringify(records)],
        );
        await tx.query(`DELETE FROM ${t(o.tables.deadlines)} WHERE stream_id = ANY($1)`, [rows.map(([s]) => s)]);
        const deadlines = rows.flatMap(([stream, view]) => o.deadlines(view).map((d) => ({ stream_id: stream, kind: d.kind, ref: d.ref ?? '', due: d.due, excepted: d.excepted, owner: o.owner(view) })));
        if (deadlines.length > 0) {
          await tx.query(
            `INSERT INTO ${t(o.tables.deadlines)} (stream_id, kind, ref, due, excepted, owner)
             SELECT x.stream_id, x.kind, x.ref, x.due::date, x.excepted, x.owner
             FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, kind text, ref text, due text, excepted boolean, owner text)`,
            [JSON.stringify(deadlines)],
          );
        }
      }
      await tx.query(
        `INSERT INTO ${t(o.tables.timeline)} (stream_id, revision, global_position, type, occurred_at, recorded_at, actor, data)
         SELECT x.stream_id, x.revision, x.global_position, x.type, x.occurred_at, x.recorded_at::timestamptz, x.actor, x.data
         FROM jsonb_to_recordset($1::jsonb) AS x(stream_id text, revision int, global_position bigint, type text, occurred_at text, recorded_at text, actor jsonb, data jsonb)
         ON CONFLICT (stream_id, revision) DO NOTHING`,
        [JSON.stringify(events.map((e) => ({
          stream_id: e.stream, revision: e.revision, global_position: e.globalPosition, type: e.type, occurred_at: e.metadata.occurredAt,
          recorded_at: e.recordedAt, actor: e.metadata.actor, data: e.data,
        })))],
      );
    },
  };
}
