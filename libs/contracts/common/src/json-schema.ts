import { Type, type ObjectOptions, type SchemaOptions, type TLiteral, type TProperties, type TSchema, type TUnion } from '@sinclair/typebox';

/*
 * The building blocks of this contract's definitions. Each published event's `data` is defined once,
 * with TypeBox: the definition is its TypeScript type (`Static`) and its JSON Schema.
 */

/**
 * Every published object is closed: a field the contract does not declare (a name, a note) is
 * refused rather than carried along unnoticed, and adding one is a visible change to the contract.
 */
export const Closed = <P extends TProperties>(properties: P, options: Omit<ObjectOptions, 'additionalProperties'> = {}) =>
  Type.Object(properties, { ...options, additionalProperties: false });

/** A Europe/London calendar date, YYYY-MM-DD. */
export const CalendarDate = (options: SchemaOptions = {}) => Type.String({ ...options, format: 'date' });

export const Nullable = <T extends TSchema>(schema: T, options: SchemaOptions = {}) => Type.Union([schema, Type.Null()], options);

type Literals<V extends readonly string[]> = { -readonly [K in keyof V]: TLiteral<V[K]> };

/** One of a closed list of codes. */
export const OneOf = <const V extends readonly string[]>(values: V, options: SchemaOptions = {}): TUnion<Literals<V>> =>
  Type.Union(values.map((v) => Type.Literal(v)), options) as TUnion<Literals<V>>;
