import { randomUUID } from 'node:crypto';

/** A random (version 4) UUID: event ids, stream ids (STYLE §5: "<category>-<uuid>"). */
export const newId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True for a canonical RFC 9562 UUID string (versions 1-8). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
