import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunningDeadlineRow, TimelineRow } from '@ehc/messaging';
import type { EotasPackage } from '../../domain/eotas/eotas';

/** "Which EOTAS packages are waiting for the panel or running, and which review is due first?" One row per package, rebuilt from event zero. */
@Entity({ name: 'rm_eotas_packages' })
export class EotasPackageRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @Index() @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Index() @Column('uuid', { name: 'child_id' }) childId!: string;
  @Index() @Column('text') status!: string;
  @Column('date', { name: 'proposed_on' }) proposedOn!: string;
  @Column('date', { name: 'start_on' }) startOn!: string;
  @Column('text', { name: 'provider_name' }) providerName!: string;
  @Column('jsonb') view!: EotasPackage;
}

/** The review while the package runs (approved, not ended). */
@Entity({ name: 'rm_eotas_deadlines' })
export class EotasDeadline extends RunningDeadlineRow {}

@Entity({ name: 'rm_eotas_timeline' })
export class EotasTimelineEntry extends TimelineRow {}
