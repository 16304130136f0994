import { Column, Index, PrimaryColumn } from 'typeorm';

/**
 * The rows of libs/messaging's view projection that every casework service keeps the same way:
 * a stream's running statutory deadlines and its timeline. Each service declares its own table
 * (`@Entity({ name })`) on these columns.
 */
export abstract class RunningDeadlineRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @PrimaryColumn('text') kind!: string;
  @PrimaryColumn('text', { default: '' }) ref!: string;
  @Index() @Column('date') due!: string;
  @Column('boolean') excepted!: boolean;
  /** The caseworker. */
  @Index() @Column('text', { nullable: true }) owner!: string | null;
}

export abstract class TimelineRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @PrimaryColumn('int') revision!: number;
  @Column('bigint', { name: 'global_position' }) globalPosition!: string;
  @Column('text') type!: string;
  @Column('text', { name: 'occurred_at' }) occurredAt!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('jsonb') actor!: { kind: string; id: string };
  @Column('jsonb') data!: unknown;
}

/** A timeline row as the API shows it. */
export const timelineEntry = (r: TimelineRow) => ({ revision: r.revision, type: r.type, occurredAt: r.occurredAt, recordedAt: r.recordedAt.toISOString(), actor: r.actor, data: r.data });

/**
 * The SQL twin of the kernel's `isOverdue`, for filtering in the database: a running deadline (row
 * alias `d`) is overdue past its statutory date; under an exception, past the local expected date.
 * `today` and `extensionDays` are SQL parameters (e.g. '$1', '$2') or literals.
 */
export const overdueCondition = (today: string, extensionDays: string): string =>
  `(d.due + CASE WHEN d.excepted THEN ${extensionDays}::int ELSE 0 END) < ${today}::date`;
