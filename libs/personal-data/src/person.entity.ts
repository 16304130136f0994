import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Personal details of a child or young person. Events carry only `personId`; erasing a person
 * (UK GDPR art. 17) blanks this row and leaves every event as it was.
 */
@Entity({ name: 'people', synchronize: false })
export class Person {
  @PrimaryColumn('uuid', { name: 'person_id' }) personId!: string;
  @Column('text', { name: 'given_name', nullable: true }) givenName!: string | null;
  @Column('text', { name: 'family_name', nullable: true }) familyName!: string | null;
  @Column('date', { name: 'date_of_birth', nullable: true }) dateOfBirth!: string | null;
  @Column('jsonb', { name: 'contact', nullable: true }) contact!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'erased_at', nullable: true }) erasedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
