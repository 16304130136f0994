import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunningDeadlineRow, TimelineRow } from '@ehc/messaging';
import type { PlanFundingState } from '../../domain/plan-funding/state';

/** "Which plans are waiting for their funding to be agreed, and what does each one's top-up pay?" One row per plan's funding, rebuilt from event zero. */
@Entity({ name: 'rm_funding_plans' })
export class FundingPlanRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @Column('text', { nullable: true }) reference!: string | null;
  @Index() @Column('uuid', { name: 'child_id', nullable: true }) childId!: string | null;
  @Index() @Column('text') status!: string;
  @Index() @Column('date', { name: 'awaiting_since', nullable: true }) awaitingSince!: string | null;
  @Column('text', { name: 'awaiting_source', nullable: true }) awaitingSource!: string | null;
  @Index() @Column('text', { name: 'setting_urn', nullable: true }) settingUrn!: string | null;
  @Column('text', { name: 'setting_name', nullable: true }) settingName!: string | null;
  @Index() @Column('text', { name: 'setting_type', nullable: true }) settingType!: string | null;
  @Column('text', { nullable: true }) band!: string | null;
  @Column('integer', { name: 'annual_pence', nullable: true }) annualPence!: number | null;
  @Column('jsonb') view!: PlanFundingState;
}

/** Funding has no statutory clocks of its own; the table is the shared view projection's. */
@Entity({ name: 'rm_funding_deadlines' })
export class FundingDeadline extends RunningDeadlineRow {}

@Entity({ name: 'rm_funding_timeline' })
export class FundingTimelineEntry extends TimelineRow {}
