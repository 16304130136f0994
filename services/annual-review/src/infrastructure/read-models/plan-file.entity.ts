import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunningDeadlineRow, TimelineRow } from '@ehc/messaging';
import type { PlanFileView } from './plan-file.view';

/** "Where is this plan in its review cycle?" — one row per plan. */
@Entity({ name: 'rm_plans' })
export class PlanFile {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @Index() @Column('text') reference!: string;
  @Index() @Column('uuid', { name: 'child_id' }) childId!: string;
  @Index() @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId!: string | null;
  @Index() @Column('text', { name: 'setting_urn', nullable: true }) settingUrn!: string | null;
  @Index() @Column('text') status!: string;
  @Index() @Column('date', { name: 'next_review_due', nullable: true }) nextReviewDue!: string | null;
  @Column('integer', { name: 'reception_year', nullable: true }) receptionYear!: number | null;
  @Column('jsonb') view!: PlanFileView;
}

/** "Which reviews and amendments are due, and which are overdue?" — one row per running deadline. */
@Entity({ name: 'rm_plan_deadlines' })
export class PlanDeadline extends RunningDeadlineRow {}

/** "What happened to this plan, who did it, and when?" — one row per event. */
@Entity({ name: 'rm_plan_timeline' })
export class PlanTimelineEntry extends TimelineRow {}
