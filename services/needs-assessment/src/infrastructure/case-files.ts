import type { ServiceRuntime } from '@ehc/platform';
import { PersonalData } from '@ehc/platform';
import type { CalendarDate } from '@ehc/domain-kernel';
import type { CaseFiles } from '../application/ports';

export function caseFiles(runtime: ServiceRuntime): CaseFiles {
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  return {
    store: runtime.store,
    recordPerson: (details) => personal.recordPerson(details),
    async nextReference(receivedOn: CalendarDate) {
      const year = receivedOn.slice(0, 4);
      const rows: { n: string }[] = await runtime.dataSource.query(
        `INSERT INTO "${runtime.schema}".case_reference_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = case_reference_counters.last + 1 RETURNING last AS n`,
        [Number(year)],
      );
      return `NA-${year}-${String(rows[0].n).padStart(5, '0')}`;
    },
    saveDocument: (caseId, kind, content) => personal.saveDocument(caseId, kind, content),
  };
}
