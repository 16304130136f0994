import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/*
 * The payments ledger of every plan's top-up, for the schedule finance pays from and the high-needs
 * forecast: every line ever scheduled, with the day it was recorded and the day a later change
 * replaced it before it was paid. The ledger as at any date is the lines recorded by then and not
 * yet replaced. Rebuilt from event zero.
 */
@Entity({ name: 'rm_funding_lines' })
@Index(['fy', 'recordedOn'])
export class FundingLineRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Index() @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Column('text', { nullable: true }) reference!: string | null;
  @Column('text', { name: 'commitment_key' }) commitmentKey!: string;
  @Column('text') band!: string;
  @Column('text') payee!: string;
  @Column('text', { name: 'payee_name', nullable: true }) payeeName!: string | null;
  @Column('text', { name: 'payee_type' }) payeeType!: string;
  @Column('text') fy!: string;
  @Column('text', { name: 'period_id' }) periodId!: string;
  /** The payment period's first day: it is paid (in advance) then. */
  @Column('date', { name: 'period_from' }) periodFrom!: string;
  @Column('date', { name: 'line_from' }) lineFrom!: string;
  @Column('date', { name: 'line_to' }) lineTo!: string;
  @Column('integer') pence!: number;
  @Column('text') kind!: string;
  @Column('date', { name: 'recorded_on' }) recordedOn!: string;
  @Column('date', { name: 'superseded_on', nullable: true }) supersededOn!: string | null;
}

/**
 * The open-ended part of each top-up beyond the ledger's horizon: a whole later financial year at
 * each payee's share of the annual rate. What a plan commits in a year no change has reached yet.
 */
@Entity({ name: 'rm_funding_open_commitments' })
export class FundingOpenCommitmentRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Index() @Column('uuid', { name: 'plan_id' }) planId!: string;
  @Column('text', { nullable: true }) reference!: string | null;
  @Column('text', { name: 'commitment_key' }) commitmentKey!: string;
  @Column('text') band!: string;
  @Column('text') payee!: string;
  @Column('text', { name: 'payee_name', nullable: true }) payeeName!: string | null;
  @Column('text', { name: 'payee_type' }) payeeType!: string;
  @Column('integer', { name: 'annual_share_pence' }) annualSharePence!: number;
  /** The last day the ledger lines cover: the commitment continues from the next financial year. */
  @Column('date', { name: 'materialised_to' }) materialisedTo!: string;
  @Column('date', { name: 'recorded_on' }) recordedOn!: string;
  @Column('date', { name: 'superseded_on', nullable: true }) supersededOn!: string | null;
}

export const ledgerEntities = [FundingLineRow, FundingOpenCommitmentRow];
