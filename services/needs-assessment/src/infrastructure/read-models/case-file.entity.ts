import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunningDeadlineRow, TimelineRow } from '@ehc/messaging';
import type { CaseFileView } from './case-file.view';

/** "What is the state of this case?" — one row per case, the view as a caseworker sees it. */
@Entity({ name: 'rm_case_files' })
export class CaseFile {
  @PrimaryColumn('text', { name: 'stream_id' }) caseId!: string;
  @Index({ unique: true }) @Column('text') reference!: string;
  @Index() @Column('uuid', { name: 'child_id' }) childId!: string;
  @Index() @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId!: string | null;
  @Index() @Column('text') status!: string;
  @Column('date', { name: 'received_on' }) receivedOn!: string;
  @Column('jsonb') view!: CaseFileView;
}

/** "What is due, and what is overdue?" — one row per running statutory deadline. */
@Entity({ name: 'rm_case_deadlines' })
export class CaseDeadline extends RunningDeadlineRow {}

/** "What happened on this case, who did it, and when?" — one row per event. */
@Entity({ name: 'rm_case_timeline' })
export class CaseTimelineEntry extends TimelineRow {}
