import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RunningDeadlineRow, TimelineRow } from '@ehc/messaging';
import type { DisagreementState } from '../../domain/disagreement-state';

/*
 * The tribunal service's read model: one row per appealable decision (its window, with the whole
 * disagreement as its view), flat rows per mediation, appeal and order for the lists and the
 * monthly meeting's figures, the running deadlines and the timeline. All rebuilt from event zero.
 */

/** "Which appeal windows are open, and when do they close?" */
@Entity({ name: 'rm_disagreements' })
export class DisagreementRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @Index() @Column('text', { name: 'source_service' }) sourceService!: string;
  @Index() @Column('text', { name: 'source_id' }) sourceId!: string;
  @Index() @Column('uuid', { name: 'child_id', nullable: true }) childId!: string | null;
  @Index() @Column('text', { name: 'decision_type' }) decisionType!: string;
  @Index() @Column('date', { name: 'letter_on' }) letterOn!: string;
  @Column('date', { name: 'certificate_on', nullable: true }) certificateOn!: string | null;
  @Index() @Column('date', { name: 'appeal_due' }) appealDue!: string;
  @Column('date', { name: 'appealed_on', nullable: true }) appealedOn!: string | null;
  @Column('date', { name: 'mediation_contact_due' }) mediationContactDue!: string;
  @Column('date', { name: 'mediation_contact_on', nullable: true }) mediationContactOn!: string | null;
  @Column('jsonb') view!: DisagreementState;
}

/** "How many families asked for mediation, and was it held within 30 days?" */
@Entity({ name: 'rm_mediations' })
export class MediationRow {
  @PrimaryColumn('text', { name: 'mediation_id' }) mediationId!: string;
  @Index() @Column('text', { name: 'stream_id' }) streamId!: string;
  @Column('text', { name: 'decision_type' }) decisionType!: string;
  @Index() @Column('date', { name: 'requested_on' }) requestedOn!: string;
  @Column('boolean', { name: 'wants_mediation' }) wantsMediation!: boolean;
  @Column('boolean', { name: 'health_involved' }) healthInvolved!: boolean;
  @Column('text') status!: string;
  @Column('date', { name: 'mediation_due', nullable: true }) mediationDue!: string | null;
  @Index() @Column('date', { name: 'held_on', nullable: true }) heldOn!: string | null;
  @Index() @Column('date', { name: 'certificate_on', nullable: true }) certificateOn!: string | null;
  @Column('text', { name: 'certificate_after', nullable: true }) certificateAfter!: string | null;
  @Column('text', { name: 'screening_outcome', nullable: true }) screeningOutcome!: string | null;
}

/** "Which appeals are open, at what stage, and how did the others end?" */
@Entity({ name: 'rm_appeals' })
export class AppealRow {
  @PrimaryColumn('text', { name: 'appeal_id' }) appealId!: string;
  @Index() @Column('text', { name: 'stream_id' }) streamId!: string;
  @Column('text', { name: 'decision_type' }) decisionType!: string;
  /**
   * The decision's letter: the appeal rate's cohort is the decisions notified in a month. Nullable
   * only so the column can be added to a table v1 filled; from v2 every row has it.
   */
  @Index() @Column('date', { name: 'letter_on', nullable: true }) letterOn!: string | null;
  @Index() @Column('text') type!: string;
  @Index() @Column('text') stage!: string;
  @Index() @Column('date', { name: 'registered_on' }) registeredOn!: string;
  @Index() @Column('date', { name: 'concluded_on', nullable: true }) concludedOn!: string | null;
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('boolean', { name: 'after_mediation' }) afterMediation!: boolean;
  @Column('boolean') late!: boolean;
  @Column('jsonb', { name: 'grounds_decided' }) groundsDecided!: { section: string; outcome: string }[];
  /** The next date the LA must meet for this appeal (response, recommendations, an order's step), if any. */
  @Index() @Column('date', { name: 'next_due', nullable: true }) nextDue!: string | null;
  @Column('text', { name: 'next_kind', nullable: true }) nextKind!: string | null;
}

/** "Did the LA comply with the tribunal's orders within the reg 44 periods?" */
@Entity({ name: 'rm_orders' })
export class OrderRow {
  @PrimaryColumn('text', { name: 'stream_id' }) streamId!: string;
  @PrimaryColumn('text', { name: 'order_id' }) orderId!: string;
  @Index() @Column('text', { name: 'appeal_id' }) appealId!: string;
  @Column('text') kind!: string;
  @Index() @Column('date', { name: 'ordered_on' }) orderedOn!: string;
  @Column('boolean') concession!: boolean;
  @Column('date', { name: 'complied_on', nullable: true }) compliedOn!: string | null;
  @Column('boolean', { name: 'complied_on_time', nullable: true }) compliedOnTime!: boolean | null;
  @Column('boolean') excepted!: boolean;
  /** The last step's due date: overdue once passed without compliance. */
  @Index() @Column('date', { name: 'final_due' }) finalDue!: string;
}

/**
 * "How many appealable decisions were notified each month?" The appeal rate's denominators (domain
 * §9), counted as the windows open, so the monthly meeting's figures never count ten years of
 * letters one by one.
 */
@Entity({ name: 'rm_appealable_decisions_by_month' })
export class AppealableDecisionsByMonth {
  /** The first day of the month of the letters. */
  @PrimaryColumn('date') month!: string;
  @PrimaryColumn('text', { name: 'decision_type' }) decisionType!: string;
  @Column('integer') decisions!: number;
}

@Entity({ name: 'rm_tribunal_deadlines' })
export class TribunalDeadline extends RunningDeadlineRow {}

@Entity({ name: 'rm_tribunal_timeline' })
export class TribunalTimelineEntry extends TimelineRow {}

export const appealsDataEntities = [DisagreementRow, MediationRow, AppealRow, OrderRow, AppealableDecisionsByMonth, TribunalDeadline, TribunalTimelineEntry];
