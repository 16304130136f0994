import { PersonalData } from '@ehc/personal-data';
import { sideTablesOf } from '@ehc/commands';
import { type ServiceRuntime } from '@ehc/host';
import type { PlanFiles } from '../application/plan-command';

export function planFiles(runtime: ServiceRuntime): PlanFiles {
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  return {
    store: runtime.store,
    sideTables: sideTablesOf(runtime.pool),
    document: (stream, kind, content, documentId) => personal.documentWrite(stream, kind, content, documentId),
  };
}
