import type { Setting } from '../../domain/events';
import type { SettingRecord } from './setting.entity';

/** A setting as a plan names it: from the directory when known, else as given. */
export function settingForPlan(urn: string | null, name: string, record: SettingRecord | null | undefined): Setting {
  if (record) return { urn: record.urn, name: record.name, type: record.type, phase: record.phase };
  return { urn, name, type: 'other', phase: 'not-applicable' };
}
