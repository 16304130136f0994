import { Column, Index, PrimaryColumn } from 'typeorm';
import { addDays, type CalendarDate } from '@ehc/domain-kernel';

/**
 * The rows of libs/messaging's view projection that every casework service keeps the same way:
 * a stream's running statutory deadlines and its timeline. Each service declares its own table
 * (`@Entity({ name })`) on these columns.
 */
// a record's next date is `min(due)` of its rows: without (stream_id, due) the planner walks the whole
// `due` index filtering by stream (231 ms for a caseworker's 300 cases in a 3,000-a-year county; 9 ms with it)
@Index(['streamId', 'due'])
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

/** Adds a value to a query's parameters and answers its placeholder (`$n`). */
export const placeholder = (params: unknown[], value: unknown): string => {
  params.push(value);
  return `$${params.length}`;
};

/** What every casework list filters on beside its own columns. */
export interface RunningListFilters {
  dueWithinDays?: number;
  overdue?: boolean;
  /** the child's name or the reference */
  text?: string;
}

/**
 * The conditions every casework list shares: a running deadline (in `deadlines`, alias `d`) due
 * between today and `dueWithinDays` on, any deadline overdue (or none), and a search by reference or
 * by the child's name (person row alias `person`). `today` and `extensionDays` are placeholders
 * already in `params`, or literals; the values these conditions need are added to `params`.
 */
export function runningListConditions(
  params: unknown[],
  on: { deadlines: string; stream: string; reference: string; person: string; today: string; todayValue: CalendarDate; extensionDays: string },
  filters: RunningListFilters,
): string[] {
  const where: string[] = [];
  const anyDeadline = (condition: string) => `EXISTS (SELECT 1 FROM ${on.deadlines} d WHERE d.stream_id = ${on.stream} AND ${condition})`;
  if (filters.dueWithinDays !== undefined) {
    where.push(anyDeadline(`d.due >= ${on.today} AND d.due <= ${placeholder(params, addDays(on.todayValue, filters.dueWithinDays))}`));
  }
  const overdue = overdueCondition(on.today, on.extensionDays);
  if (filters.overdue === true) where.push(anyDeadline(overdue));
  if (filters.overdue === false) where.push(`NOT ${anyDeadline(overdue)}`);
  if (filters.text) {
    const text = placeholder(params, `%${filters.text.replace(/[\\%_]/g, '\\$&')}%`);
    const p = on.person;
    where.push(`(${on.reference} ILIKE ${text} OR (${p}.given_name || ' ' || ${p}.family_name) ILIKE ${text} OR ${p}.family_name ILIKE ${text})`);
  }
  return where;
}
