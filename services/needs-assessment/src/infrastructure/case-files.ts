import { PersonalData } from '@ehc/personal-data';
import { sideTablesOf } from '@ehc/commands';
import { type ServiceRuntime } from '@ehc/host';
import type { CalendarDate } from '@ehc/domain-kernel';
import type { CaseFiles } from '../application/ports';

export function caseFiles(runtime: ServiceRuntime): CaseFiles {
  const personal = new PersonalData(runtime.dataSource, runtime.schema);
  return {
    store: runtime.store,
    sideTables: sideTablesOf(runtime.pool),
    person: (details, personId) => personal.personWrite(details, personId),
    async nextReference(receivedOn: CalendarDate, db) {
      const year = receivedOn.slice(0, 4);
      const rows = (await db.query(
        `INSERT INTO "${runtime.schema}".case_reference_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = case_reference_counters.last + 1 RETURNING last AS n`,
        [Number(year)],
      )) as { rows?: { n: string }[] } | { n: string }[];
      // a pg client answers { rows }, a TypeORM DataSource the rows themselves
      const [row] = Array.isArray(rows) ? rows : rows.rows ?? [];
      return `NA-${year}-${String(row.n).padStart(5, '0')}`;
    },
    document: (caseId, kind, content, documentId) => personal.documentWrite(caseId, kind, content, documentId),
  };
}
