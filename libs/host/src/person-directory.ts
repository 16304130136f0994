import type { CalendarDate } from '@ehc/domain-kernel';
import type { ServiceRuntime } from './runtime';
import { PersonalData } from '@ehc/personal-data';

export interface SharedPersonDetails {
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: CalendarDate | null;
  /** The family's e-mail, when the request gave one (older directories answer without it). */
  email?: string | null;
}

/**
 * Where a service that is handed a person id (in a published event) asks for that person's
 * details, to keep its own erasable copy: the published events never carry them.
 */
export interface PersonDirectory {
  find(personId: string): Promise<SharedPersonDetails | null>;
}

/** Embedded mode: every service's people table is in this process. */
export function inProcessDirectory(runtimes: ServiceRuntime[]): PersonDirectory {
  const tables = runtimes.map((r) => new PersonalData(r.dataSource, r.schema));
  return {
    async find(personId) {
      for (const table of tables) {
        const person = await table.person(personId);
        if (person && !person.erasedAt) {
          return { givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth, email: (person.contact?.email as string | undefined) ?? null };
        }
      }
      return null;
    },
  };
}

/**
 * Distributed mode: `GET {baseUrl}/people/{id}` on the service that holds the person, with this
 * service's own access token (client credentials): the people route answers nobody else.
 */
export function httpDirectory(baseUrl: string, serviceToken: () => Promise<string>): PersonDirectory {
  return {
    async find(personId) {
      const res = await fetch(`${baseUrl.replace(/\/$/, '')}/people/${encodeURIComponent(personId)}`, { headers: { authorization: `Bearer ${await serviceToken()}` } });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`person directory answered ${res.status}`);
      return (await res.json()) as SharedPersonDetails;
    },
  };
}

/** No directory configured: details stay with the service that collected them. */
export const noDirectory: PersonDirectory = { find: async () => null };
