import { Type, type SchemaOptions } from '@sinclair/typebox';

export const CaseId = Type.String({ pattern: '^ehcna-[0-9a-f-]{36}$', description: 'The case: the needs-assessment stream id, ehcna-<uuid>.' });

/** People appear only by person id; their details stay in the service that holds them, erasable. */
export const PersonId = (options: SchemaOptions = {}) => Type.String({ ...options, format: 'uuid' });

// numbered per year of receipt by the service itself (case_reference_counters), so never free text
export const CaseReference = Type.String({ pattern: '^NA-[0-9]{4}-[0-9]{5,}$', description: 'Human case reference, e.g. NA-2026-00042.' });

// a user id, bounded as the API bounds it
export const CaseworkerId = Type.String({ maxLength: 100 });

// numbered on the case by the decider
export const LetterId = Type.String({ pattern: '^letter-[0-9]+$' });
