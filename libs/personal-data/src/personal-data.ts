import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CalendarDate } from '@ehc/domain-kernel';
import { CaseDocument } from './case-document.entity';
import { Person } from './person.entity';
import { personalDataMigrations } from './personal-data.migrations';
import type { Queryable, SideWrite } from '@ehc/commands';

export interface PersonDetails {
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate | null;
  /** How the family is reached (the rights-holder's e-mail, phone), when given. */
  contact?: PersonContact | null;
}

export interface PersonContact {
  email?: string | null;
  phone?: string | null;
}

/** The answer to an erasure request: the same success whether this request erased them or an earlier one did. */
export const erasureAnswer = (personId: string, alreadyErased: boolean) => ({ erased: true as const, alreadyErased, personId });

/**
 * Personal data kept beside the events, never in them: people's details and free-text documents,
 * each in the owning service's schema, so that erasure (UK GDPR art. 17) blanks rows here and
 * leaves history as it was.
 */
export class PersonalData {
  constructor(private readonly dataSource: DataSource, private readonly schema: string) {}

  static readonly entities = [Person, CaseDocument];
  /** Their tables change only through these (never synchronize): they hold what no event can rebuild. */
  static readonly migrations = personalDataMigrations;

  async recordPerson(details: PersonDetails, personId: string = randomUUID(), db: Queryable = this.dataSource): Promise<string> {
    await this.personWrite(details, personId)(db);
    return personId;
  }

  /**
   * The person's row, to write with the event that first names them (a SideWrite). A person already
   * on file (an id derived again, an erased row) is left as it is.
   */
  personWrite(details: PersonDetails, personId: string): SideWrite {
    return async (db) => {
      await db.query(
        `INSERT INTO "${this.schema}".people (person_id, given_name, family_name, date_of_birth, contact) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id) DO NOTHING`,
        [personId, details.givenName, details.familyName, details.dateOfBirth, details.contact ? JSON.stringify(details.contact) : null],
      );
    };
  }

  /** A document to write with the event that refers to it (a SideWrite); the id is the caller's, for the command. */
  documentWrite(streamId: string, kind: string, content: unknown, documentId: string): SideWrite {
    return async (db) => {
      await db.query(
        `INSERT INTO "${this.schema}".case_documents (document_id, stream_id, kind, content) VALUES ($1, $2, $3, $4)`,
        [documentId, streamId, kind, JSON.stringify(content)],
      );
    };
  }

  person(personId: string): Promise<Person | null> {
    return this.dataSource.getRepository(Person).findOneBy({ personId });
  }

  /** Whether the person has a row (erased or not), in the caller's transaction. */
  async hasPerson(personId: string, db: Queryable = this.dataSource): Promise<boolean> {
    const rows = (await db.query(`SELECT 1 FROM "${this.schema}".people WHERE person_id = $1`, [personId])) as unknown[] | { rows: unknown[] };
    return (Array.isArray(rows) ? rows : rows.rows).length > 0;
  }

  /** Keeps free text that belongs to a case (or plan) stream; returns its id for the event. */
  async saveDocument(streamId: string, kind: string, content: unknown): Promise<string> {
    const documentId = randomUUID();
    await this.documentWrite(streamId, kind, content, documentId)(this.dataSource);
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
    const doc = await this.dataSource.getRepository(CaseDocument).findOne({ where: { streamId, kind }, order: { createdAt: 'DESC' } });
    return doc && !doc.erasedAt ? String((doc.content as { text?: string } | null)?.text ?? '') : null;
  }

  /** Blanks a person's details and every document on their streams. */
  async erase(personId: string, streamIds: string[], within?: Queryable): Promise<void> {
    const s = `"${this.schema}"`;
    const blank = async (db: Queryable) => {
      // what is already erased keeps its erasure time: erasing twice changes nothing
      await db.query(`UPDATE ${s}.people SET given_name = NULL, family_name = NULL, date_of_birth = NULL, contact = NULL, erased_at = now() WHERE person_id = $1 AND erased_at IS NULL`, [personId]);
      await db.query(`UPDATE ${s}.case_documents SET content = NULL, erased_at = now() WHERE stream_id = ANY($1) AND erased_at IS NULL`, [streamIds]);
    };
    // in the caller's transaction when there is one (a consumer's, with its inbox marker), else its own
    if (within) await blank(within);
    else await this.dataSource.transaction(blank);
  }
}
