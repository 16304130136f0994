import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CalendarDate } from '@ehc/domain-kernel';
import { CaseDocument } from './case-document.entity';
import { Person } from './person.entity';

export interface PersonDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate | null;
}

/**
 * Personal data kept beside the events, never in them: people's details and free-text documents,
 * each in the owning service's schema, so that erasure (UK GDPR art. 17) blanks rows here and
 * leaves history as it was.
 */
export class PersonalData {
  constructor(private readonly dataSource: DataSource, private readonly schema: string) {}

  static readonly entities = [Person, CaseDocument];

  async recordPerson(details: PersonDetails, personId: string = randomUUID()): Promise<string> {
    await this.dataSource.getRepository(Person).insert({ personId, ...details, contact: null, erasedAt: null });
    return personId;
  }

  person(personId: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOneBy({ personId });
  }

  /** Keeps free text that belongs to a case (or plan) stream; returns its id for the event. */
  async saveDocument(streamId: string, kind: string, content: unknown): Promise<string> {
    const documentId = randomUUID();
    await this.dataSource.query(
      `INSERT INTO "${this.schema}".case_documents (document_id, case_id, kind, content) VALUES ($1, $2, $3, $4)`,
      [documentId, streamId, kind, JSON.stringify(content)],
    );
    return documentId;
  }

  /** The text of documents not erased, by id. */
  async texts(documentIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (documentIds.length === 0) return out;
    const docs = await this.dataSource.getRepository(CaseDocument).createQueryBuilder('d').where('d.document_id = ANY(:ids)', { ids: documentIds }).getMany();
    for (const d of docs) if (!d.erasedAt) out.set(d.documentId, String((d.content as { text?: string } | null)?.text ?? ''));
    return out;
  }

  /** The latest document of a kind on a stream, unless erased. */
  async latestText(streamId: string, kind: string): Promise<string | null> {
    const doc = await this.dataSource.getRepository(CaseDocument).findOne({ where: { caseId: streamId, kind }, order: { createdAt: 'DESC' } });
    return doc && !doc.erasedAt ? String((doc.content as { text?: string } | null)?.text ?? '') : null;
  }

  /** Blanks a person's details and every document on their streams. */
  async erase(personId: string, streamIds: string[]): Promise<void> {
    const s = `"${this.schema}"`;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE ${s}.people SET given_name = NULL, family_name = NULL, date_of_birth = NULL, contact = NULL, erased_at = now() WHERE person_id = $1`, [personId]);
      await tx.query(`UPDATE ${s}.case_documents SET content = NULL, erased_at = now() WHERE case_id = ANY($1)`, [streamIds]);
    });
  }
}
