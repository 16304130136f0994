import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Free text that belongs to a case: reasons for a decision, plan sections, representations, notes,
 * exception evidence. It may hold personal data, so it lives here, erasable, and events carry the id.
 */
@Entity({ name: 'case_documents', synchronize: false })
export class CaseDocument {
  @PrimaryColumn('uuid', { name: 'document_id' }) documentId!: string;
  /** The stream (a case, a plan) the document belongs to. */
  @Column('text', { name: 'stream_id' }) streamId!: string;
  @Column('text') kind!: string;
  @Column('jsonb', { nullable: true }) content!: unknown;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
