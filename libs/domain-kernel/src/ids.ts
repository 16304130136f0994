import { createHash, randomUUID } from 'node:crypto';

/** A random (version 4) UUID: event ids, stream ids (STYLE §5: "<category>-<uuid>"). */
export const newId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** True for a canonical RFC 9562 UUID string (versions 1-8). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * A name-based (version 5 layout, SHA-1) UUID: the same name always gives the same id, so what is
 * derived from something already known (a plan from its case or import reference, a second
 * integration event from its source) lands on the same id when it is derived again, and a replay
 * or a redelivery changes nothing. The name carries its own namespace ("person-of/<planId>").
 */
export const nameBasedUuid = (name: string): string => {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
