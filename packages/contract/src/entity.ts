import { z } from "zod";

/**
 * One field of an entity, written once: the API's name (the key), the column, the API's zod type,
 * and how a stored value (as SQLite or PostgreSQL return it) becomes the API's value. The zod
 * response schema, the Kysely table type, the column list and the row mapper derive from it.
 */
export interface Field<S extends z.ZodType, Stored, Column extends string> {
  readonly column: Column;
  readonly schema: S;
  /** Undefined when the stored value is the API's value as it is (no call per row). */
  readonly read: ((stored: Stored) => z.output<S>) | undefined;
}

export interface Codec<Api, Stored> {
  readonly read: ((stored: Stored) => Api) | undefined;
}

export function field<S extends z.ZodType, Stored, const Column extends string>(
  column: Column,
  schema: S,
  codec: Codec<z.output<S>, Stored>,
): Field<S, Stored, Column> {
  return { column, schema, read: codec.read };
}

/** The same on both databases (text, smallint). */
export function same<T>(): Codec<T, T> {
  return { read: undefined };
}

/** boolean on PostgreSQL, 0/1 on SQLite. */
export const booleanCodec: Codec<boolean, boolean | number> = { read: (stored) => Boolean(stored) };

/** SQLite hands back the ISO text we stored; PostgreSQL a Date (timestamptz). */
export function toIso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}
export const timestampCodec: Codec<string, string | Date> = { read: toIso };

export function nullable<Api, Stored>(codec: Codec<Api, Stored>): Codec<Api | null, Stored | null> {
  const read = codec.read;
  return { read: read && ((stored) => (stored === null ? null : read(stored))) };
}

// biome-ignore lint/suspicious/noExplicitAny: any field, whatever its stored type
export type AnyField = Field<z.ZodType, any, string>;
export type Fields = Record<string, AnyField>;

type StoredOf<F> = F extends Field<z.ZodType, infer Stored, string> ? Stored : never;

/** The columns as the drivers return them: the Kysely table type, minus internal columns. */
export type StoredRow<F extends Fields> = {
  -readonly [K in keyof F as F[K]["column"]]: StoredOf<F[K]>;
};

export type EntityOf<F extends Fields> = { [K in keyof F]: z.output<F[K]["schema"]> };

export function entitySchema<F extends Fields>(fields: F) {
  const shape = Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.schema]));
  return z.object(shape as { [K in keyof F]: F[K]["schema"] });
}

/** The column names, computed once. */
export function columnsOf<F extends Fields>(fields: F): Array<F[keyof F]["column"]> {
  return Object.values(fields).map((f) => f.column);
}

/**
 * Row → entity, built once: a loop over a precomputed list, no reflection per row; columns whose
 * stored value is the API's value are copied as they are.
 */
export function rowMapper<F extends Fields>(fields: F): (row: StoredRow<F>) => EntityOf<F> {
  const plan = Object.entries(fields).map(([key, f]) => [key, f.column, f.read] as const);
  return (row) => {
    const source = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, column, read] of plan) {
      const value = source[column];
      out[key] = read ? read(value) : value;
    }
    return out as EntityOf<F>;
  };
}
