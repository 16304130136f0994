import { randomUUID } from 'node:crypto';
import type { ServiceRuntime } from '@ehc/platform';
import type { CalendarDate } from '@ehc/domain-kernel';
import type { CaseFiles } from '../application/ports';
import { Person } from './person.entity';

export function caseFiles(runtime: ServiceRuntime): CaseFiles {
  return {
    store: runtime.store,
    async recordPerson(details) {
      const personId = randomUUID();
      await runtime.dataSource.getRepository(Person).insert({
        personId, givenName: details.givenName, familyName: details.familyName, dateOfBirth: details.dateOfBirth, contact: null, erasedAt: null,
      });
      return personId;
    },
    async nextReference(receivedOn: CalendarDate) {
      const year = receivedOn.slice(0, 4);
      const rows: { n: string }[] = await runtime.dataSource.query(
        `INSERT INTO "${runtime.schema}".case_reference_counters (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = case_reference_counters.last + 1 RETURNING last AS n`,
        [Number(year)],
      );
      return `NA-${year}-${String(rows[0].n).padStart(5, '0')}`;
    },
    async saveDocument(caseId, kind, content) {
      const documentId = randomUUID();
      await runtime.dataSource.query(`INSERT INTO "${runtime.schema}".case_documents (document_id, case_id, kind, content) VALUES ($1, $2, $3, $4)`, [documentId, caseId, kind, JSON.stringify(content)]);
      return documentId;
    },
  };
}
