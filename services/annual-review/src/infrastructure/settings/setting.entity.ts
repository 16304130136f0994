import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SettingPhase, SettingType } from '../../domain/events';

export type { SettingPhase, SettingType };

/**
 * A school, college or early years setting, mirrored from the DfE's "Get Information about
 * Schools" register. Reference data, not a decision of ours: it is replaced by import, not
 * event-sourced.
 */
@Entity({ name: 'settings_directory', synchronize: false })
export class SettingRecord {
  @PrimaryColumn('text') urn!: string;
  @Column('text', { nullable: true }) ukprn!: string | null;
  @Column('text') name!: string;
  @Column('text') type!: SettingType;
  @Column('text') phase!: SettingPhase;
  @Column('int', { name: 'low_age', nullable: true }) lowAge!: number | null;
  @Column('int', { name: 'high_age', nullable: true }) highAge!: number | null;
  @Column('text', { name: 'gias_type', nullable: true }) giasType!: string | null;
  @Column('text', { nullable: true }) status!: string | null;
  @Column('text', { name: 'local_authority', nullable: true }) localAuthority!: string | null;
  @Column('text', { nullable: true }) postcode!: string | null;
}
