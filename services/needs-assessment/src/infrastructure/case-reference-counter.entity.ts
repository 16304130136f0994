import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Issues human case references, one counter per year of receipt. */
@Entity({ name: 'case_reference_counters', synchronize: false })
export class CaseReferenceCounter {
  @PrimaryColumn('int') year!: number;
  @Column('int') last!: number;
}
