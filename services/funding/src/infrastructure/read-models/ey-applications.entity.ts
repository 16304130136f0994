import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunningDeadlineRow, TimelineRow } from '@ehc/messaging';
import type { EyInclusionState } from '../../domain/ey-inclusion/state';

/** "Which early-years inclusion funding applications are waiting for a decision, and which is due first?" One row per application, rebuilt from event zero. */
@Entity({ name: 'rm_ey_applications' })
export class EyApplicationRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @Index() @Column('uuid', { name: 'child_id' }) childId!: string;
  @Index() @Column('text', { name: 'setting_urn' }) settingUrn!: string;
  @Index() @Column('text') status!: string;
  @Column('date', { name: 'applied_on' }) appliedOn!: string;
  @Column('text', { nullable: true }) level!: string | null;
  @Column('integer', { name: 'amount_pence', nullable: true }) amountPence!: number | null;
  @Column('jsonb') view!: EyInclusionState;
}

/** The decision deadline while it runs (not while the LA waits for information, nor once decided). */
@Entity({ name: 'rm_ey_deadlines' })
export class EyDeadline extends RunningDeadlineRow {}

@Entity({ name: 'rm_ey_timeline' })
export class EyTimelineEntry extends TimelineRow {}
