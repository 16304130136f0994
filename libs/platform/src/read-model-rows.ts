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
