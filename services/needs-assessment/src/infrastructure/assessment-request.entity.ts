import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model answering "which requests have we received, and what became of each?" */
@Entity({ name: 'assessment_requests' })
export class AssessmentRequest {
  @PrimaryColumn('text', { name: 'case_id' }) caseId!: string;
  @Index() @Column('text') reference!: string;
  @Column('uuid', { name: 'child_id' }) childId!: string;
  @Column('text', { name: 'requested_by' }) requestedBy!: string;
  @Column('date', { name: 'received_on' }) receivedOn!: string;
  @Index() @Column('date', { name: 'decision_to_assess_due_by' }) decisionToAssessDueBy!: string;
  @Index() @Column('text', { name: 'caseworker_id', nullable: true }) caseworkerId!: string | null;
  @Column('text') status!: string;
  /** Date of the latest outcome: decision, final plan or closure. */
  @Column('date', { name: 'outcome_on', nullable: true }) outcomeOn!: string | null;
  /** Global position of the last event applied: how fresh the row is. */
  @Column('bigint', { name: 'source_position', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) sourcePosition!: number;
}
