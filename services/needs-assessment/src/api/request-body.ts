import { Type, type Static } from '@sinclair/typebox';
import { bodyReader, CalendarDateField } from '@ehc/commands';
import { REQUESTERS } from '@ehc/contracts/needs-assessment';

/** The body of a new request (POST /needs-assessments), defined once: validation and OpenAPI. */
export const RequestBody = Type.Object({
  child: Type.Object({
    givenName: Type.String({ minLength: 1, maxLength: 200 }),
    familyName: Type.String({ minLength: 1, maxLength: 200 }),
    dateOfBirth: Type.Optional(Type.Union([CalendarDateField('kept in the erasable people table, never in an event; the child or young person is under MAX_AGE_AT_REQUEST (default 25) on receivedOn'), Type.Null()])),
  }, { additionalProperties: true, description: 'the child or young person (personal details: kept outside the events)' }),
  requestedBy: Type.Unsafe<(typeof REQUESTERS)[number]>({ type: 'string', enum: [...REQUESTERS], description: 'who asked (Act s.36(1)) or brought the child to the LA\'s attention (s.24)' }),
  receivedOn: CalendarDateField('day 0 of every statutory clock: the day the LA received the request; not in the future, nor before EARLIEST_CASE_DATE (default 2014-09-01)'),
  caseworker: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
  contact: Type.Optional(Type.Union([Type.Object({
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 320 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9 +()-]{7,20}$' }), Type.Null()])),
  }, { additionalProperties: false }), Type.Null()], {
    description: 'how the family (the rights-holder) is reached: kept with the child\'s details in the erasable people table, never in an event; the surveys service sends its invitations to the e-mail',
  })),
}, { additionalProperties: true, examples: [{ child: { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2019-03-14' }, requestedBy: 'parent', receivedOn: '2026-01-05', caseworker: 'cw-ayesha' }] });

export type RequestBody = Static<typeof RequestBody>;

/** Old names, accepted for one release. */
export const REQUEST_DEPRECATED_ALIASES: Record<string, string> = {
  'child.firstName': 'child.givenName', 'child.forename': 'child.givenName',
  'child.lastName': 'child.familyName', 'child.surname': 'child.familyName',
  'child.dob': 'child.dateOfBirth', 'child.birthDate': 'child.dateOfBirth',
  requester: 'requestedBy', on: 'receivedOn', received: 'receivedOn', caseworkerId: 'caseworker', assignedTo: 'caseworker',
};

/** Other words a request form uses for who asked, accepted for one release: the word -> the requester. */
export const REQUESTER_DEPRECATED_WORDS: Record<string, (typeof REQUESTERS)[number]> = {
  young_person: 'young-person', youngperson: 'young-person', yp: 'young-person',
  setting: 'school', college: 'post-16-institution', 'post-16': 'post-16-institution', 'early-years': 'early-years-setting', nursery: 'early-years-setting',
  health: 'health-professional', 'social-care': 'social-care-professional', professional: 'other-professional', notification: 'other-professional',
};

const read = bodyReader<RequestBody>(RequestBody, REQUEST_DEPRECATED_ALIASES);

/** Reads a request's body: the old field names and requester words renamed (and reported), then validated. */
export function readRequestBody(raw: unknown): { value: RequestBody; deprecated: string[] } {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : raw;
  const deprecatedWords: string[] = [];
  for (const field of ['requestedBy', 'requester']) {
    const given = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
    const word = typeof given === 'string' ? REQUESTER_DEPRECATED_WORDS[given.toLowerCase()] : undefined;
    if (word) {
      (body as Record<string, unknown>)[field] = word;
      deprecatedWords.push(`${field}: ${String(given)}`);
    }
  }
  const { value, deprecated } = read(body);
  return { value, deprecated: [...deprecated, ...deprecatedWords] };
}
